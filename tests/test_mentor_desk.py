"""The mentor's home «Мои наставляемые»: own pairs, this week's meetings, overdue rows, proposals —
and nobody else's."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone

from mentoring.roles import Role
from pairs.desk_panels import Panel, _panels, register_desk_panel
from pairs.models import Meeting
from pairs.services.meetings import record_meeting
from pairs.services.plans import add_row, propose_row, start_plan
from participants.models import Person
from tests.factories import give_consent, make_mentee, make_mentor, make_person
from tests.pair_factories import make_pair, world_pair


def _today():
    return timezone.localdate()


def _at(day, hour=16):
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, 0))


def _desk(client_for, world):
    response = client_for(world.users[Role.MENTOR]).get(reverse("home"), follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_it_sends_the_mentor_home_to_their_mentees(client_for, world):
    response = client_for(world.users[Role.MENTOR]).get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse("mentor_desk")


def test_it_lists_the_mentors_pairs_with_a_link_to_start_a_plan(client_for, world):
    pair = world_pair(world)
    page = _desk(client_for, world)
    assert "Мои наставляемые" in page and "Никитин Артём Ильич" in page
    assert reverse("plan_start", args=[pair.members.get().pk]) in page
    assert "Нет встречи-знакомства" in page


def test_it_shows_this_weeks_meetings_and_overdue_rows(client_for, world):
    pair = world_pair(world)
    today = _today()
    monday = today - timedelta(days=today.weekday())
    planned_day = max(monday + timedelta(days=6), today)  # Sunday of this week (or today)
    record_meeting(
        pair=pair,
        user=None,
        kind=Meeting.Kind.REGULAR,
        starts_at=_at(planned_day, 18),
        format=Meeting.Format.ONLINE,
        topic="Разбор задач к контрольной",
    )
    record_meeting(
        pair=pair,
        user=None,
        kind=Meeting.Kind.REGULAR,
        starts_at=_at(monday + timedelta(days=8)),
        format=Meeting.Format.ONLINE,
        topic="Встреча следующей недели",
    )
    plan = start_plan(member=pair.members.get(), user=None)
    add_row(
        plan=plan,
        user=None,
        task="Повторить формулы сокращённого умножения",
        deadline=today - timedelta(days=3),
    )
    add_row(plan=plan, user=None, task="Сделать проект", deadline=today + timedelta(days=30))
    page = _desk(client_for, world)
    week = page[page.index('id="week"') : page.index('id="overdue"')]
    assert "Разбор задач к контрольной" in week and "Встреча следующей недели" not in week
    overdue = page[page.index('id="overdue"') :]
    assert "Повторить формулы сокращённого умножения" in overdue and "Сделать проект" not in overdue


def test_it_marks_an_overdue_row_done_from_the_home(client_for, world):
    pair = world_pair(world)
    plan = start_plan(member=pair.members.get(), user=None)
    row = add_row(
        plan=plan, user=None, task="Прочитать главу учебника", deadline=_today() - timedelta(days=1)
    )
    client = client_for(world.users[Role.MENTOR])
    response = client.post(
        reverse("plan_row_done", args=[row.pk]), {"version": row.version, "done": "1", "next": "desk"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("mentor_desk")
    row.refresh_from_db()
    assert row.done and row.done_on == _today()
    page = client.get(reverse("mentor_desk")).content.decode()
    assert "Прочитать главу учебника" not in page[page.index('id="overdue"') :]


def test_it_shows_the_mentees_proposals(client_for, world):
    pair = world_pair(world)
    plan = start_plan(member=pair.members.get(), user=None)
    propose_row(plan=plan, user=world.users[Role.MENTEE], task="Хочу разобрать олимпиадные задачи")
    assert "Хочу разобрать олимпиадные задачи" in _desk(client_for, world)


def test_it_never_shows_another_mentors_pairs(client_for, world):
    world_pair(world)
    other_person = make_person(world.school, kind=Person.Kind.TEACHER, last_name="Громова", first_name="Анна")
    give_consent(other_person)
    stranger = make_person(world.school, last_name="Чужой", first_name="Пётр", grade=6, class_letter="А")
    give_consent(stranger)
    other = make_pair(
        world.programme,
        make_mentor(world.school, other_person),
        make_mentee(world.programme, stranger),
        active=True,
    )
    plan = start_plan(member=other.members.get(), user=None)
    add_row(plan=plan, user=None, task="Тайная задача", deadline=_today() - timedelta(days=2))
    page = _desk(client_for, world)
    assert "Чужой" not in page and "Тайная задача" not in page


def test_it_shows_panels_other_apps_add(client_for, world):
    def questionnaires(access):
        return Panel(title="Анкеты ждут ответа", lines=[("Анкета наставника, этап 1", "/q/1/")])

    register_desk_panel(questionnaires)
    try:
        page = _desk(client_for, world)
    finally:
        _panels.remove((100, questionnaires))
    assert "Анкеты ждут ответа" in page and "Анкета наставника, этап 1" in page


def test_it_keeps_the_queries_of_the_home_few(client_for, world, django_assert_max_num_queries):
    pair = world_pair(world)
    plan = start_plan(member=pair.members.get(), user=None)
    for n in range(10):
        add_row(plan=plan, user=None, task=f"Задача {n}", deadline=_today() - timedelta(days=n + 1))
    client = client_for(world.users[Role.MENTOR])
    with django_assert_max_num_queries(16):
        response = client.get(reverse("mentor_desk"))
    assert response.content.decode().count("Задача ") == 10


def test_it_is_the_mentors_page_only(client_for, world):
    for role in (Role.CURATOR, Role.DIRECTOR, Role.MENTEE):
        assert client_for(world.users[role]).get(reverse("mentor_desk")).status_code == 403
