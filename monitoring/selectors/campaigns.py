"""Reads of campaigns for the curator's and director's pages: the list with its response rate, one
campaign's progress by form and role, who is waiting, who was left out, and the links to print."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from mentoring.models import Programme
from mentoring.params import int_param
from monitoring.models import Campaign, Invitation, Questionnaire
from monitoring.selectors.audience import Candidate, candidates
from participants.selectors.consents import today

# Everyone asked counts, also those whose invitation a withdrawn consent cancelled: a withdrawal takes
# nobody out of the figures (the person was asked and did not answer).
ANSWERED = Q(invitations__status=Invitation.Status.SUBMITTED)


def access_campaign(access, campaign_id: int) -> Campaign:
    return access.get(
        Campaign.objects.select_related("questionnaire", "programme", "created_by"), pk=campaign_id
    )


def campaigns_of(programme: Programme | None) -> QuerySet:
    """The programme's campaigns with how many were asked and how many answered (one query)."""
    if programme is None:
        return Campaign.objects.none()
    return (
        Campaign.objects.filter(programme=programme)
        .select_related("questionnaire")
        .annotate(invited=Count("invitations"), answered=Count("invitations", filter=ANSWERED))
        .order_by("-opens_on", "-pk")
    )


def launchable_questionnaires(programme: Programme) -> QuerySet:
    return (
        Questionnaire.objects.filter(programme=programme, is_current=True)
        .prefetch_related("forms")
        .order_by("stage", "respondent", "title")
    )


def rate(answered: int, invited: int) -> int:
    """Per cent of those asked who answered, rounded; 0 of 0 is 0."""
    return round(100 * answered / invited) if invited else 0


@dataclass
class ProgressRow:
    label: str
    invited: int = 0
    answered: int = 0
    drafts: int = 0

    @property
    def rate(self) -> int:
        return rate(self.answered, self.invited)


@dataclass
class Progress:
    total: ProgressRow
    by_form: list[ProgressRow] = field(default_factory=list)
    by_role: list[ProgressRow] = field(default_factory=list)


def progress(campaign: Campaign) -> Progress:
    """The response rate, live: the whole campaign, by form and by respondent's role; a cancelled
    invitation (a withdrawn consent) counts as asked and not answered."""
    rows = (
        campaign.invitations.values("form__name", "form__order", "respondent", "status")
        .annotate(n=Count("pk"))
        .order_by("form__order")
    )
    total = ProgressRow("Всего")
    forms: dict[str, ProgressRow] = {}
    roles: dict[str, ProgressRow] = {}
    labels = dict(Invitation._meta.get_field("respondent").choices)
    for row in rows:
        targets = (
            total,
            forms.setdefault(row["form__name"] or "—", ProgressRow(row["form__name"] or "—")),
            roles.setdefault(row["respondent"], ProgressRow(labels[row["respondent"]])),
        )
        for target in targets:
            target.invited += row["n"]
            if row["status"] == Invitation.Status.SUBMITTED:
                target.answered += row["n"]
            elif row["status"] == Invitation.Status.DRAFT:
                target.drafts += row["n"]
    return Progress(total, list(forms.values()), list(roles.values()))


def invitations_of(campaign: Campaign) -> QuerySet:
    """Who was asked and where they stand. Never for an anonymous questionnaire: the status of a
    single person would tell when they answered."""
    if campaign.questionnaire.is_anonymous:
        return Invitation.objects.none()
    return campaign.invitations.select_related("person", "user", "form", "pair__mentor__person").order_by(
        "status", "person__last_name", "person__first_name", "pk"
    )


def left_out(campaign: Campaign) -> list[Candidate]:
    """People of the audience who are not asked because their consent is missing or expired."""
    audience = candidates(
        programme=campaign.programme,
        respondent=campaign.questionnaire.respondent,
        forms=campaign.forms.all(),
        pairs=campaign.pairs.all(),
        phase=campaign.phase,
        day=max(today(), campaign.opens_on),
    )
    return [c for c in audience if not c.has_consent]


def printable_links(campaign: Campaign, *, grade: str = "") -> list[Invitation]:
    """Links to hand out, ordered by class and name: of those who have not answered yet; for an
    anonymous questionnaire of everyone asked, so that a missing card does not tell who answered."""
    statuses = [Invitation.Status.WAITING, Invitation.Status.DRAFT]
    if campaign.questionnaire.is_anonymous:
        statuses.append(Invitation.Status.SUBMITTED)
    invitations = (
        campaign.invitations.filter(person__isnull=False, status__in=statuses)
        .select_related("person")
        .order_by("person__grade", "person__class_letter", "person__last_name", "person__first_name")
    )
    if grade:
        number = int_param(grade)
        invitations = invitations.filter(person__grade=number) if number is not None else invitations.none()
    return list(invitations)


def link_grades(campaign: Campaign) -> list[int]:
    return list(
        campaign.invitations.filter(person__grade__isnull=False)
        .values_list("person__grade", flat=True)
        .distinct()
        .order_by("person__grade")
    )
