"""`manage.py load_demo`: the work of the demo pairs — plans, meetings, and an example of every flag
of the curator's overview.

The demo dates follow the real calendar (the pairs start a month into the school year), so a flag
that needs more weeks of work than the pairs have had yet is expected only once they have had them.
"""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from mentoring.models import Programme
from pairs.models import Meeting, Pair, PairMember, PlanRow
from pairs.selectors.desk import week_bounds
from pairs.selectors.work import FLAGS, PLAN_DAYS, SILENCE_DAYS, flag_counts, overview_pairs, start_of_day


@pytest.fixture
def demo(db) -> Programme:
    call_command("load_demo", stdout=StringIO())
    return Programme.objects.get(organisation__short_name="МБОУ СОШ № 7", is_current=True)


def active_pairs(programme: Programme):
    return Pair.objects.filter(programme=programme, status=Pair.Status.ACTIVE)


def expected_flags(programme: Programme) -> set[str]:
    """The flags the demo can show on the day the test runs: all of them once the pairs have worked
    for over a month (from November to the end of the year)."""
    today = timezone.localdate()
    start = min(active_pairs(programme).values_list("start_date", flat=True))
    worked = (today - start).days
    flags = {"no_acquaintance"} if worked >= 0 else set()
    if worked >= 9:
        flags.add("overdue")
    if worked >= PLAN_DAYS + 1:
        flags.add("no_plan")
    if worked > SILENCE_DAYS + 2:
        flags.add("no_meeting")
    return flags


def test_every_active_pair_member_has_a_plan(demo):
    members = PairMember.objects.filter(pair__in=active_pairs(demo), is_open=True)

    assert members.count() >= 6  # five pairs and a group of two
    assert not members.filter(plan__isnull=True).exists()
    # All but one pair start from the template of their form; the late one has only its goal so far.
    from_template = members.filter(plan__template__form=F("pair__form"))
    assert from_template.count() == members.count() - 1
    assert all(member.plan.goal for member in members)


def test_every_flag_of_the_overview_is_carried_by_a_demo_pair(demo):
    counts = {flag.code: count for flag, count in flag_counts(demo)}
    carried = {code for code, count in counts.items() if count}

    assert expected_flags(demo) <= carried
    assert set(counts) == {flag.code for flag in FLAGS}
    if timezone.localdate() - min(active_pairs(demo).values_list("start_date", flat=True)) > timedelta(
        days=SILENCE_DAYS + 2
    ):
        assert carried == {flag.code for flag in FLAGS}
    # The overview filtered by each flag finds as many pairs as the count says.
    for code, count in counts.items():
        assert overview_pairs(demo, flag=code).count() == count
    # The teachers' pair works steadily: the curator also sees a pair without any flag.
    clean = overview_pairs(demo).filter(
        flag_no_plan=False, flag_no_meeting=False, flag_overdue=False, flag_no_acquaintance=False
    )
    assert clean.exists()


def test_the_demo_mentor_has_overdue_rows_a_meeting_this_week_and_a_proposal_waiting(demo):
    today = timezone.localdate()
    pairs = active_pairs(demo).filter(mentor__person__user__username="mentor")
    assert pairs.count() == 2  # a pair and a group
    rows = PlanRow.objects.filter(plan__member__pair__in=pairs, plan__member__is_open=True)

    overdue = rows.filter(status=PlanRow.Status.ACCEPTED, done=False, deadline__lt=today)
    assert overdue.exists()
    assert rows.filter(status=PlanRow.Status.ACCEPTED, done=True).exists()
    waiting = rows.filter(status=PlanRow.Status.PROPOSED)
    assert waiting.count() == 1
    assert waiting.get().proposed_by.username == "mentee"

    monday, sunday = week_bounds(today)
    this_week = Meeting.objects.filter(
        pair__in=pairs,
        starts_at__gte=start_of_day(monday),
        starts_at__lt=start_of_day(sunday + timedelta(days=1)),
    ).exclude(status=Meeting.Status.CANCELLED)
    assert this_week.exists()
    tomorrow = Meeting.objects.filter(
        pair__in=pairs,
        status=Meeting.Status.PLANNED,
        starts_at__gte=start_of_day(today + timedelta(days=1)),
        starts_at__lt=start_of_day(today + timedelta(days=2)),
    )
    assert tomorrow.exists()


def test_meetings_follow_the_calendar_and_held_ones_record_who_came_and_what_moved(demo):
    now = timezone.now()
    meetings = Meeting.objects.filter(pair__in=active_pairs(demo))
    held = meetings.filter(status=Meeting.Status.HELD)

    assert not held.filter(starts_at__gt=now).exists()
    assert not meetings.filter(
        status=Meeting.Status.PLANNED, starts_at__lt=start_of_day(timezone.localdate())
    ).exists()
    assert meetings.filter(status=Meeting.Status.CANCELLED).exclude(notes="").exists()
    assert held.filter(attendees__isnull=False).distinct().count() == held.count()
    assert held.filter(plan_rows__isnull=False).exists()
    assert set(held.values_list("kind", flat=True)) >= {
        Meeting.Kind.ACQUAINTANCE,
        Meeting.Kind.TRIAL,
        Meeting.Kind.PLANNING,
        Meeting.Kind.REGULAR,
    }
    for meeting in meetings:
        assert (
            meeting.pair.start_date
            <= timezone.localtime(meeting.starts_at).date()
            <= meeting.pair.planned_end_date
        )
        assert meeting.created_at <= now
    # Rows are done on a day of the pair's work, never ahead of today.
    done = PlanRow.objects.filter(plan__member__pair__in=active_pairs(demo), done=True)
    assert done.exists()
    assert all(row.plan.member.pair.start_date <= row.done_on <= timezone.localdate() for row in done)
