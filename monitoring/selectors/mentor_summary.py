"""The mentor's summary of their own pairs: which campaigns ask their mentees and how many answered,
and how their mentees changed between entry and exit — counts and means only, never one person's
answers, and nothing at all for a group of fewer than three."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from monitoring.models import Invitation
from monitoring.selectors.impact_report import ImpactReport, impact_report
from monitoring.selectors.process_report import THRESHOLD
from pairs.models import Pair, PairMember


@dataclass
class CampaignLine:
    title: str
    opens_on: object
    closes_on: object
    is_anonymous: bool
    invited: int
    answered: int


@dataclass
class MentorSummary:
    mentees: int
    campaigns: list[CampaignLine]
    impact: ImpactReport | None
    threshold: int = THRESHOLD

    @property
    def paired(self) -> int:
        return self.impact.programme_group.paired if self.impact else 0

    @property
    def shows_impact(self) -> bool:
        return self.paired >= self.threshold


def mentor_summary(access) -> MentorSummary:
    programme = access.programme
    own_pairs = Pair.objects.filter(
        programme=programme,
        mentor__person__user=access.user,
        status__in=(Pair.Status.ACTIVE, Pair.Status.COMPLETED),
    )
    people = PairMember.objects.filter(pair__in=own_pairs).values("mentee__person_id")
    mentees = people.distinct().count()
    rows = (
        # A mentee who withdrew consent was asked all the same: the counts do not move.
        Invitation.objects.filter(pair__in=own_pairs, person__in=people)
        .values(
            "campaign_id",
            "campaign__title",
            "campaign__opens_on",
            "campaign__closes_on",
            "campaign__questionnaire__is_anonymous",
        )
        .annotate(invited=Count("pk"), answered=Count("pk", filter=Q(status=Invitation.Status.SUBMITTED)))
        .order_by("-campaign__opens_on", "-campaign_id")
    )
    campaigns = [
        CampaignLine(
            row["campaign__title"],
            row["campaign__opens_on"],
            row["campaign__closes_on"],
            row["campaign__questionnaire__is_anonymous"],
            row["invited"],
            # Who of a mentor's two or three mentees answered an anonymous sheet is not theirs to know.
            0 if row["campaign__questionnaire__is_anonymous"] else row["answered"],
        )
        for row in rows
    ]
    impact = impact_report(programme, people=people) if programme and mentees else None
    if impact is not None:
        group = impact.programme_group
        group.stats = [s for s in group.stats if s.n >= THRESHOLD]
    return MentorSummary(mentees, campaigns, impact)
