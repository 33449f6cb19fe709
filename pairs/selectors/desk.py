"""The mentor's home («Мои наставляемые»): their working pairs, this week's meetings, overdue rows,
proposals waiting for them, and what other apps add (questionnaires waiting, from monitoring)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import QuerySet

from pairs.models import Meeting, Pair, PlanRow
from pairs.selectors.work import start_of_day, with_people, with_work
from participants.selectors.consents import today


def own_pairs(access) -> QuerySet:
    """The mentor's active pairs and groups in the organisation."""
    return Pair.objects.filter(
        programme__organisation=access.organisation,
        mentor__person__user=access.user,
        status=Pair.Status.ACTIVE,
    )


def desk_pairs(access, *, day: date | None = None) -> list[Pair]:
    return list(with_people(with_work(own_pairs(access), day=day)).order_by("start_date", "pk"))


def week_bounds(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def week_meetings(access, *, day: date | None = None) -> list[Meeting]:
    """Meetings of this week (Monday to Sunday) that are not cancelled."""
    monday, sunday = week_bounds(day or today())
    return list(
        Meeting.objects.filter(
            pair__in=own_pairs(access),
            starts_at__gte=start_of_day(monday),
            starts_at__lt=start_of_day(sunday + timedelta(days=1)),
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("pair")
        .order_by("starts_at", "pk")
    )


def overdue_rows(access, *, day: date | None = None) -> list[PlanRow]:
    day = day or today()
    return list(
        PlanRow.objects.filter(
            plan__member__pair__in=own_pairs(access),
            plan__member__is_open=True,
            status=PlanRow.Status.ACCEPTED,
            done=False,
            deadline__lt=day,
        )
        .select_related("plan__member__mentee__person")
        .order_by("deadline", "pk")
    )


def waiting_proposals(access) -> list[PlanRow]:
    return list(
        PlanRow.objects.filter(
            plan__member__pair__in=own_pairs(access),
            plan__member__is_open=True,
            status=PlanRow.Status.PROPOSED,
        )
        .select_related("plan__member__mentee__person")
        .order_by("created_at", "pk")
    )
