"""Reads of the work plan: one access helper, the list, and a month as a calendar grid."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q, QuerySet

from mentoring.models import Programme
from roadmap.exporting_roadmap import MONTHS, month_label
from roadmap.models import WorkEvent
from roadmap.services.setup import month_end, month_start


def access_event(access, event_id: int) -> WorkEvent:
    return access.get(WorkEvent.objects.select_related("programme", "responsible"), pk=event_id)


def events_of(programme: Programme | None, *, status: str = "", month: date | None = None) -> QuerySet:
    if programme is None:
        return WorkEvent.objects.none()
    events = WorkEvent.objects.filter(programme=programme).select_related("responsible")
    if status in WorkEvent.Status.values:
        events = events.filter(status=status)
    if month is not None:
        first, last = month, month_end(month)
        events = events.filter(starts_on__lte=last).filter(
            Q(ends_on__gte=first) | Q(ends_on__isnull=True, starts_on__gte=first)
        )
    return events.order_by("starts_on", "pk")


def programme_months(programme: Programme) -> list[date]:
    months, day = [], programme.start_date.replace(day=1)
    while day <= programme.end_date:
        months.append(day)
        day = month_start(day, 1)
    return months


def event_period(event: WorkEvent) -> str:
    """«15.03.2027», «15.03.2027 — 20.03.2027» or «март 2027»."""
    if event.by_month:
        return month_label(event.starts_on)
    if event.ends_on and event.ends_on != event.starts_on:
        return f"{event.starts_on:%d.%m.%Y} — {event.ends_on:%d.%m.%Y}"
    return f"{event.starts_on:%d.%m.%Y}"


@dataclass
class Day:
    day: date
    in_month: bool
    events: list[WorkEvent] = field(default_factory=list)


@dataclass
class MonthGrid:
    month: date
    weeks: list[list[Day]]
    whole_month: list[WorkEvent]

    weekdays = ("Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс")

    @property
    def title(self) -> str:
        return f"{MONTHS[self.month.month - 1].capitalize()} {self.month.year}"

    @property
    def previous(self) -> date:
        return month_start(self.month, -1)

    @property
    def next(self) -> date:
        return month_start(self.month, 1)


def month_grid(programme: Programme, month: date) -> MonthGrid:
    """Monday-first weeks of the month with each day's events; month-long events listed apart."""
    events = list(events_of(programme, month=month))
    first = month.replace(day=1)
    start = first - timedelta(days=first.weekday())
    last = month_end(first)
    end = last + timedelta(days=6 - last.weekday())
    days: dict[date, Day] = {}
    cursor = start
    while cursor <= end:
        days[cursor] = Day(cursor, cursor.month == first.month)
        cursor += timedelta(days=1)
    whole = []
    for event in events:
        if event.by_month:
            whole.append(event)
            continue
        day = max(event.starts_on, first)
        stop = min(event.ends_on or event.starts_on, last)
        while day <= stop:
            days[day].events.append(event)
            day += timedelta(days=1)
    ordered = list(days.values())
    weeks = [ordered[i : i + 7] for i in range(0, len(ordered), 7)]
    return MonthGrid(first, weeks, whole)


def parse_month(raw: str, programme: Programme, today: date) -> date:
    """?month=2027-03 → 1 March 2027; otherwise this month (inside the programme) or its first one."""
    try:
        year, number = (int(part) for part in raw.split("-", 1))
        return date(year, number, 1)
    except (ValueError, TypeError):
        pass
    months = programme_months(programme)
    this = today.replace(day=1)
    return this if this in months else months[0]
