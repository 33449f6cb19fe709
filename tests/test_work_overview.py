"""The curator's overview of how pairs work: progress, last meeting, the four flags, filters, and a
page that takes the same number of queries for few pairs or many."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring.models import MentoringForm
from mentoring.roles import Role
from pairs.models import Meeting, Order
from pairs.selectors.work import flag_counts, flags_of, overview_pairs, share_done
from pairs.services.meetings import record_meeting
from pairs.services.plans import add_row, set_row_done, start_plan
from participants.models import Person
from tests.factories import give_consent, make_mentee, make_mentor, make_person
from tests.pair_factories import make_order, make_pair, world_pair

DAY = date(2026, 11, 29)  # the pairs below start on 01.10.2026, fixed by an order of 30.09.2026


def _at(day: date, hour: int = 15) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, 0))


def _teacher_pair(world, n: int, *, order: bool = True, start: date = date(2026, 10, 1)):
    mentor_person = make_person(world.school, kind=Person.Kind.TEACHER, last_name=f"Наставникова{n}")
    give_consent(mentor_person)
    mentee_person = make_person(world.school, last_name=f"Ученик{n}", grade=7, class_letter="Б")
    give_consent(mentee_person)
    pair = make_pair(
        world.programme,
        make_mentor(world.school, mentor_person),
        make_mentee(world.programme, mentee_person),
        active=True,
        start_date=start,
    )
    if order:
        make_order(world.programme, number=f"{n}-од", pairs=[pair], status=Order.Status.REGISTERED)
    return pair


def _meet(pair, day: date, kind=Meeting.Kind.REGULAR, status=Meeting.Status.HELD):
    return record_meeting(
        pair=pair,
        user=None,
        kind=kind,
        starts_at=_at(day),
        format=Meeting.Format.IN_PERSON,
        topic="Занятие",
        status=status,
    )


def _codes(pair) -> set[str]:
    return {flag.code for flag in flags_of(pair)}


def _annotated(world, day=DAY):
    return {pair.pk: pair for pair in overview_pairs(world.programme, day=day)}


def test_it_flags_a_pair_without_a_plan_two_weeks_after_the_order(world):
    pair = _teacher_pair(world, 1)
    assert "no_plan" in _codes(_annotated(world, day=date(2026, 10, 15))[pair.pk])
    # The order is of 30.09: two weeks later the flag is up.
    assert "no_plan" not in _codes(_annotated(world, day=date(2026, 10, 14))[pair.pk])
    plan = start_plan(member=pair.members.get(), user=None)
    assert "no_plan" in _codes(_annotated(world)[pair.pk]), "an empty plan is no plan yet"
    add_row(plan=plan, user=None, task="Разобрать трудные темы по алгебре", deadline=date(2027, 1, 20))
    assert "no_plan" not in _codes(_annotated(world)[pair.pk])


def test_it_does_not_flag_a_missing_plan_before_any_order(world):
    pair = _teacher_pair(world, 2, order=False)
    assert "no_plan" not in _codes(_annotated(world)[pair.pk])


def test_it_flags_thirty_days_without_a_meeting(world):
    pair = _teacher_pair(world, 3)
    _meet(pair, date(2026, 10, 20), kind=Meeting.Kind.ACQUAINTANCE)
    assert "no_meeting" in _codes(_annotated(world)[pair.pk])  # 40 days ago
    _meet(pair, date(2026, 11, 10))
    annotated = _annotated(world)[pair.pk]
    assert "no_meeting" not in _codes(annotated)
    assert timezone.localtime(annotated.last_meeting_at).date() == date(2026, 11, 10)
    assert annotated.meetings_held == 2


def test_it_counts_only_held_meetings_against_silence(world):
    pair = _teacher_pair(world, 4)
    _meet(pair, date(2026, 11, 20), status=Meeting.Status.CANCELLED)
    _meet(pair, date(2026, 12, 5), status=Meeting.Status.PLANNED)
    assert "no_meeting" in _codes(_annotated(world)[pair.pk])


def test_it_flags_overdue_rows_and_shows_progress(world):
    pair = _teacher_pair(world, 5)
    plan = start_plan(member=pair.members.get(), user=None)
    late = add_row(plan=plan, user=None, task="Подготовиться к контрольной", deadline=date(2026, 11, 1))
    done = add_row(plan=plan, user=None, task="Составить расписание занятий", deadline=date(2026, 10, 10))
    add_row(plan=plan, user=None, task="Проект к весне", deadline=date(2027, 3, 1))
    set_row_done(row=done, version=done.version, done=True, user=None, day=date(2026, 10, 9))
    annotated = _annotated(world)[pair.pk]
    assert "overdue" in _codes(annotated)
    assert (annotated.rows_done, annotated.rows_total, annotated.rows_overdue) == (1, 3, 1)
    assert share_done(annotated) == 33
    late.refresh_from_db()
    set_row_done(row=late, version=late.version, done=True, user=None, day=date(2026, 11, 28))
    assert "overdue" not in _codes(_annotated(world)[pair.pk])


def test_it_flags_a_pair_until_its_acquaintance_meeting_takes_place(world):
    pair = _teacher_pair(world, 6)
    _meet(pair, date(2026, 12, 2), kind=Meeting.Kind.ACQUAINTANCE, status=Meeting.Status.PLANNED)
    assert "no_acquaintance" in _codes(_annotated(world)[pair.pk])
    _meet(pair, date(2026, 11, 25), kind=Meeting.Kind.ACQUAINTANCE)
    assert "no_acquaintance" not in _codes(_annotated(world)[pair.pk])


def test_it_counts_flags_and_filters_by_flag_and_form(world):
    quiet = _teacher_pair(world, 7)
    busy = _teacher_pair(world, 8)
    plan = start_plan(member=busy.members.get(), user=None)
    add_row(plan=plan, user=None, task="Олимпиада", deadline=date(2027, 2, 1))
    _meet(busy, date(2026, 11, 25), kind=Meeting.Kind.ACQUAINTANCE)
    counts = {flag.code: n for flag, n in flag_counts(world.programme, day=DAY)}
    assert counts == {"no_plan": 2 - 1, "no_meeting": 1, "overdue": 0, "no_acquaintance": 1}
    flagged = set(overview_pairs(world.programme, flag="no_meeting", day=DAY).values_list("pk", flat=True))
    assert flagged == {quiet.pk}
    other_form = MentoringForm.objects.get(code="student-student")
    assert not overview_pairs(world.programme, form=other_form, day=DAY).exists()


def test_it_leaves_ended_pairs_out(world):
    from pairs.services.lifecycle import terminate_pair

    pair = _teacher_pair(world, 9)
    terminate_pair(pair=pair, end_date=date(2026, 11, 1), reason="Переезд в другой город", user=None)
    assert pair.pk not in _annotated(world)


def test_it_shows_the_curator_the_overview_page(client_for, world):
    pair = world_pair(world)
    page = client_for(world.users[Role.CURATOR]).get(reverse("work_overview")).content.decode()
    assert "Работа пар и групп" in page
    assert "Соколова Ирина Викторовна" in page and "Никитин Артём Ильич" in page
    assert f'data-pair="{pair.pk}"' in page
    assert "Нет встречи-знакомства" in page


def test_it_filters_the_page_by_flag(client_for, world):
    quiet = _teacher_pair(world, 10)
    busy = _teacher_pair(world, 11)
    _meet(busy, timezone.localdate() - timedelta(days=2), kind=Meeting.Kind.ACQUAINTANCE)
    client = client_for(world.users[Role.DIRECTOR])
    page = client.get(reverse("work_overview"), {"flag": "no_acquaintance"}).content.decode()
    assert f'data-pair="{quiet.pk}"' in page and f'data-pair="{busy.pk}"' not in page
    assert "встреча-знакомство ещё не состоялась" in page


@pytest.mark.parametrize("pairs", [2, 12])
def test_it_takes_the_same_queries_for_few_pairs_or_many(
    client_for, world, pairs, django_assert_max_num_queries
):
    for n in range(pairs):
        pair = _teacher_pair(world, 100 + n)
        plan = start_plan(member=pair.members.get(), user=None)
        add_row(plan=plan, user=None, task="Задача", deadline=date(2026, 11, 1))
        _meet(pair, date(2026, 11, 2), kind=Meeting.Kind.ACQUAINTANCE)
    client = client_for(world.users[Role.CURATOR])
    # Session, access, programme, filters, the flag counts, the page and its people: 15 at any size.
    with django_assert_max_num_queries(15):
        response = client.get(reverse("work_overview"))
    assert response.content.decode().count("data-pair=") == pairs


def test_it_keeps_the_overview_from_mentors_and_mentees(client_for, world):
    for role in (Role.MENTOR, Role.MENTEE, Role.MUNICIPAL):
        assert client_for(world.users[role]).get(reverse("work_overview")).status_code == 403


def test_it_does_not_show_another_schools_pairs(client_for, world):
    world_pair(world)
    page = client_for(world.users["outsider"]).get(reverse("work_overview")).content.decode()
    assert "Никитин" not in page
