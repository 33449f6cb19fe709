"""The one way a view gets a monitoring object: scoped to the user's organisation and role.
A respondent reaches only their own invitations; anything else is a 404."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from monitoring.models import Invitation


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
