"""The director's dashboard: the programme at a glance, read in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count

from mentoring.models import Programme
from monitoring.selectors.campaigns import campaigns_of, rate
from pairs.models import Pair, ReplacementRequest
from roadmap.selectors.kpis import KpiRow, kpi_table
from roadmap.selectors.roadmap import StageView, roadmap_of

OVERDUE_SHOWN = 10
CAMPAIGNS_SHOWN = 8


@dataclass
class PairsByForm:
    form: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class Dashboard:
    programme: Programme
    stages: list[StageView]
    overdue: list
    overdue_count: int
    kpis: list[KpiRow]
    pair_statuses: list[tuple[str, str]]
    pairs: list[PairsByForm]
    campaigns: list
    replacements: list[ReplacementRequest]

    @property
    def roadmap_done(self) -> int:
        return sum(s.done for s in self.stages)

    @property
    def roadmap_total(self) -> int:
        return sum(s.total for s in self.stages)

    @property
    def roadmap_percent(self) -> int:
        return round(100 * self.roadmap_done / self.roadmap_total) if self.roadmap_total else 0


def _pairs(programme: Programme) -> list[PairsByForm]:
    rows = (
        Pair.objects.filter(programme=programme)
        .values("form__name", "form__order", "status")
        .annotate(n=Count("pk"))
        .order_by("form__order")
    )
    found: dict[str, PairsByForm] = {}
    for row in rows:
        found.setdefault(row["form__name"], PairsByForm(row["form__name"], {})).counts[row["status"]] = row[
            "n"
        ]
    return list(found.values())


def dashboard(programme: Programme, *, day: date) -> Dashboard:
    stages = roadmap_of(programme, day=day)
    late = [item for view in stages for item in view.items if item.is_overdue(day)]
    late.sort(key=lambda item: (item.due_on, item.stage.number, item.position))
    campaigns = list(campaigns_of(programme)[:CAMPAIGNS_SHOWN])
    for campaign in campaigns:
        campaign.rate = rate(campaign.answered, campaign.invited)
        campaign.is_running = campaign.is_open_on(day)
    replacements = list(
        ReplacementRequest.objects.filter(
            member__pair__programme=programme, status=ReplacementRequest.Status.PENDING
        )
        .select_related("member__mentee__person", "member__pair__mentor__person")
        .order_by("filed_on", "pk")
    )
    return Dashboard(
        programme=programme,
        stages=stages,
        overdue=late[:OVERDUE_SHOWN],
        overdue_count=len(late),
        kpis=kpi_table(programme, day=day),
        pair_statuses=list(Pair.Status.choices),
        pairs=_pairs(programme),
        campaigns=campaigns,
        replacements=replacements,
    )
