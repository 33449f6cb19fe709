"""The one way a view gets a monitoring object: scoped to the user's organisation and role.

Curator and director reach every questionnaire and campaign of their organisation; a mentor or a
mentee only their own invitations. Anything else is a 404."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from mentoring.roles import Role
from monitoring.models import Campaign, Characteristic, Invitation, Question, Questionnaire, Section

KEEPERS = (Role.CURATOR, Role.DIRECTOR)


def _keeper_scope(access, model) -> QuerySet:
    if access.role not in KEEPERS:
        return model.objects.none()
    return access.scope(model)


def access_questionnaire(access, questionnaire_id: int) -> Questionnaire:
    return access.get(
        _keeper_scope(access, Questionnaire).select_related("programme", "previous"), pk=questionnaire_id
    )


def access_section(access, section_id: int) -> Section:
    return access.get(
        _keeper_scope(access, Section).select_related("questionnaire__programme"), pk=section_id
    )


def access_question(access, question_id: int) -> Question:
    return access.get(
        _keeper_scope(access, Question).select_related("questionnaire__programme"), pk=question_id
    )


def access_characteristic(access, characteristic_id: int) -> Characteristic:
    return access.get(_keeper_scope(access, Characteristic).select_related("programme"), pk=characteristic_id)


def access_campaign(access, campaign_id: int) -> Campaign:
    return access.get(
        _keeper_scope(access, Campaign).select_related("programme", "questionnaire"), pk=campaign_id
    )


def own_invitations(access) -> QuerySet:
    """The invitations addressed to the user: as a participant (their person) or as an account."""
    if access.organisation is None or not access.user.is_authenticated:
        return Invitation.objects.none()
    return access.scope(Invitation).filter(
        Q(person__user=access.user) | Q(person__isnull=True, user=access.user)
    )


def access_own_invitation(access, invitation_id: int) -> Invitation:
    return access.get(
        own_invitations(access).select_related("campaign__questionnaire", "campaign__programme", "person"),
        pk=invitation_id,
    )


def invitation_by_token(token: str) -> Invitation:
    """A personal link's invitation. An unknown key is a 404, whatever it looks like."""
    if not token or len(token) > 64:
        raise Http404
    invitation = (
        Invitation.objects.select_related(
            "campaign__questionnaire", "campaign__programme__organisation", "person"
        )
        .filter(token=token)
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation
