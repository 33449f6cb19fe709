"""A new programme's roadmap, passport and KPI table, from roadmap.reference_data."""

from __future__ import annotations

import calendar
from datetime import date

from django.db import transaction

from mentoring.models import Programme, User
from mentoring.roles import Role
from roadmap import reference_data as ref
from roadmap.models import Indicator, IndicatorTarget, Passport, RoadmapItem, RoadmapStage


def month_start(start: date, offset: int) -> date:
    month = start.month - 1 + offset
    return date(start.year + month // 12, month % 12 + 1, 1)


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def target_years(programme: Programme) -> list[int]:
    """The years the KPI targets are set for: the school year the programme ends in and the two after
    it — the targets of the target model climb over three years (35 % → 50 % → 70 %)."""
    first = programme.start_date.year + (1 if programme.start_date.month >= 9 else 0)
    last = max(first + 2, programme.end_date.year)
    return list(range(first, last + 1))


def _responsible(programme: Programme, who: str) -> tuple[User | None, str]:
    role = Role.CURATOR if who == ref.CURATOR else Role.DIRECTOR
    user = (
        User.objects.filter(memberships__organisation=programme.organisation_id, memberships__role=role)
        .order_by("pk")
        .first()
    )
    if user is not None:
        return user, ""
    if role == Role.DIRECTOR and programme.organisation.head_name:
        return None, programme.organisation.head_name
    return None, "Куратор программы" if role == Role.CURATOR else "Директор"


def install_roadmap(programme: Programme) -> None:
    if programme.roadmap_stages.exists():
        return
    people = {who: _responsible(programme, who) for who in (ref.CURATOR, ref.DIRECTOR)}
    items = []
    for stage in ref.STAGES:
        row = RoadmapStage.objects.create(
            programme=programme, number=stage.number, title=stage.title, task=stage.task, result=stage.result
        )
        for position, item in enumerate(stage.items, start=1):
            starts = max(month_start(programme.start_date, item.month), programme.start_date.replace(day=1))
            ends = min(
                month_end(month_start(programme.start_date, item.until or item.month)), programme.end_date
            )
            user, name = people[item.who]
            items.append(
                RoadmapItem(
                    stage=row,
                    position=position,
                    title=item.title,
                    starts_on=min(starts, ends),
                    due_on=ends,
                    by_month=True,
                    responsible=user,
                    responsible_name=name,
                )
            )
    RoadmapItem.objects.bulk_create(items)


def install_passport(programme: Programme) -> None:
    Passport.objects.get_or_create(
        programme=programme,
        defaults={"legal_basis": ref.LEGAL_BASIS, "monitoring": ref.MONITORING},
    )
    if programme.indicators.exists():
        return
    years = target_years(programme)
    for position, kpi in enumerate(ref.KPIS, start=1):
        indicator = Indicator.objects.create(
            programme=programme, position=position, project=kpi.project, title=kpi.title, measure=kpi.measure
        )
        IndicatorTarget.objects.bulk_create(
            IndicatorTarget(indicator=indicator, year=year, value=value)
            for year, value in zip(years, kpi.targets, strict=False)
        )


@transaction.atomic
def setup_programme(*, programme: Programme) -> None:
    """The core's hook on a new or edited programme: install only what is missing."""
    if programme.is_completed:
        return
    install_roadmap(programme)
    install_passport(programme)
