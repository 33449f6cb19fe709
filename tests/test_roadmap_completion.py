"""Closing a programme: what is left is named, a completed programme is read-only for everyone; the
next year's programme starts from it with the mentor base, candidates, open requests, roadmap and
work plan."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mentoring.models import MentoringForm, Programme
from mentoring.roles import Role
from monitoring.models import Invitation
from monitoring.services.answering import check_can_answer
from monitoring.services.swot import save_swot
from pairs.models import Pair
from pairs.services.formation import form_pair
from pairs.services.lifecycle import complete_pair
from pairs.services.orders import create_order
from pairs.services.results import record_result
from participants.models import Mentee, Mentor
from participants.services.mentees import add_mentee, add_request
from roadmap.models import Award, RoadmapItem, WorkEvent
from roadmap.services.awards import nominate
from roadmap.services.cases import create_case
from roadmap.services.completion import (
    carry_over,
    closing_blockers,
    complete_programme,
    shifter,
    start_next_programme,
)
from roadmap.services.roadmap import update_item
from roadmap.services.workplan import create_event
from tests.factories import WORLD_READ_ONLY, give_consent, make_mentee, make_mentor, make_person, topic
from tests.monitoring_factories import world_invitation
from tests.pair_factories import world_pair
from tests.roadmap_factories import world_item

CLOSING_DAY = date(2027, 6, 10)


def _completed(world) -> Programme:
    pair = world_pair(world)
    member = pair.members.get()
    record_result(member=member, outcome="met", achieved="Четвёрка по алгебре", version=0, user=None)
    complete_pair(pair=pair, end_date=date(2027, 5, 20), results="Итоги", user=None)
    return complete_programme(programme=world.programme, user=world.users[Role.DIRECTOR], day=CLOSING_DAY)


def test_it_names_what_is_left_before_closing(world, client_for):
    world_pair(world)
    mentor = make_mentor(world.school)
    give_consent(mentor.person)
    nominate(
        programme=world.programme, mentor=mentor, kind=Award.Kind.CERTIFICATE, nomination="Лучший наставник"
    )
    blockers = closing_blockers(world.programme)
    assert any("Действующих пар и групп: 1" in line for line in blockers)
    assert any("Награждений ждут решения директора: 1" in line for line in blockers)
    page = client_for(world.users[Role.DIRECTOR]).get(reverse("programme_closing")).content.decode()
    assert "Действующих пар и групп: 1" in page and "Завершить программу</button>" not in page
    response = client_for(world.users[Role.DIRECTOR]).post(
        reverse("programme_complete"), {"confirm_name": "Путь к успеху!"}, follow=True
    )
    assert "Программу пока нельзя завершить" in response.content.decode()
    assert Programme.objects.get(pk=world.programme.pk).status != Programme.Status.COMPLETED


def test_it_closes_a_finished_programme(world, client_for):
    pair = world_pair(world)
    complete_pair(pair=pair, end_date=date(2027, 5, 20), results="Итоги", user=None)
    director = client_for(world.users[Role.DIRECTOR])
    assert "Завершить программу</button>" in director.get(reverse("programme_closing")).content.decode()
    director.post(reverse("programme_complete"), {"confirm_name": "путь к  успеху!"})
    programme = Programme.objects.get(pk=world.programme.pk)
    assert programme.status == Programme.Status.COMPLETED and programme.completed_on is not None
    with pytest.raises(ValidationError) as closing_twice:
        complete_programme(programme=programme, user=None)
    assert closing_twice.value.messages == [WORLD_READ_ONLY]


@pytest.mark.parametrize("typed", [None, "", "Другая программа"])
def test_it_closes_nothing_without_the_programmes_name_typed(world, client_for, typed):
    pair = world_pair(world)
    complete_pair(pair=pair, end_date=date(2027, 5, 20), results="Итоги", user=None)
    data = {} if typed is None else {"confirm_name": typed}
    response = client_for(world.users[Role.CURATOR]).post(reverse("programme_complete"), data)
    assert response.status_code == 400
    assert "введите «Путь к успеху!»" in response.content.decode() or "Введите название программы" in (
        response.content.decode()
    )
    assert Programme.objects.get(pk=world.programme.pk).status == Programme.Status.RUNNING


def _changes(world):
    """One write of every app on the completed world programme."""
    world.programme.refresh_from_db()
    item = world_item(world)
    person = make_person(world.school, last_name="Новиков")
    mentee = Mentee.objects.filter(programme=world.programme).first()
    return {
        "mentee base": lambda: add_mentee(
            programme=world.programme, person=person, entry_date=date(2027, 5, 1), user=None
        ),
        "request": lambda: add_request(mentee=mentee, text="Ещё запрос", user=None),
        "pair": lambda: form_pair(
            programme=world.programme,
            mentor=world.mentor,
            mentees=[mentee],
            form=MentoringForm.objects.get(code="teacher-student"),
            start_date=date(2027, 1, 10),
            planned_end_date=date(2027, 5, 1),
            user=None,
        ),
        "roadmap": lambda: update_item(item=item, version=item.version, result_note="Позже"),
        "work plan": lambda: create_event(
            programme=world.programme, title="Акция", starts_on=date(2027, 5, 1)
        ),
        "case": lambda: create_case(
            programme=world.programme,
            title="Кейс",
            problem="П",
            actions="Д",
            result="Р",
            form=item.stage.programme.forms.first(),
        ),
        "award": lambda: nominate(
            programme=world.programme, mentor=world.mentor, kind=Award.Kind.CERTIFICATE, nomination="Лучший"
        ),
        "monitoring": lambda: save_swot(programme=world.programme, version=0, strengths="Поздно"),
    }


@pytest.mark.parametrize(
    "what", ["mentee base", "request", "pair", "roadmap", "work plan", "case", "award", "monitoring"]
)
def test_it_changes_nothing_in_a_completed_programme(world, what):
    _completed(world)
    change = _changes(world)[what]
    with pytest.raises(ValidationError) as refused:
        change()
    # One guard (mentoring.guards), one wording, whichever app refuses.
    assert refused.value.messages == [WORLD_READ_ONLY]
    assert refused.value.code == "programme_completed"


def test_it_carries_the_mentor_base_candidates_and_open_requests_to_the_next_year(world):
    teacher = make_person(world.school, kind="teacher", last_name="Белова", first_name="Нина")
    give_consent(teacher)
    staying = make_mentor(world.school, teacher, agrees_future_programmes=True)
    leaving = make_mentor(world.school, make_person(world.school, kind="teacher", last_name="Орлова"))
    give_consent(leaving.person)
    unconsented = make_mentor(
        world.school,
        make_person(world.school, kind="teacher", last_name="Зимина"),
        agrees_future_programmes=True,
    )
    Mentor.objects.filter(pk=world.mentor.pk).update(agrees_future_programmes=True)
    pupil = make_person(world.school, last_name="Зайцев", first_name="Олег")
    give_consent(pupil)
    waiting = make_mentee(
        world.programme,
        pupil,
        request="Подготовиться к олимпиаде",
        topics=[topic("Подготовка к олимпиадам и конкурсам")],
    )
    forgotten = make_mentee(world.programme, make_person(world.school, last_name="Ершов"))
    programme = _completed(world)
    Mentee.objects.filter(pk=world.mentee.pk).update(wants_to_mentor=True)
    plan = carry_over(programme, day=CLOSING_DAY)
    assert {m.pk for m in plan.continuing} == {staying.pk, world.mentor.pk}
    assert {m.pk for m, _why in plan.to_reserve} == {leaving.pk, unconsented.pk}
    assert [m.mentee_id for m in plan.offers] == [world.mentee.pk]
    result = start_next_programme(
        programme=programme,
        name="Путь к успеху! 2027/28",
        start_date=date(2027, 9, 1),
        end_date=date(2028, 5, 31),
        offer_member_ids=[plan.offers[0].pk],
        user=world.users[Role.CURATOR],
        day=CLOSING_DAY,
    )
    new = result.programme
    assert new.is_current and new.previous_id == programme.pk and new.status == Programme.Status.RUNNING
    assert set(new.forms.all()) == set(programme.forms.all())
    assert Mentor.objects.get(pk=leaving.pk).stage == Mentor.Stage.RESERVE
    assert Mentor.objects.get(pk=staying.pk).stage == Mentor.Stage.READY
    assert Mentor.objects.get(person=world.mentee_person).stage == Mentor.Stage.CANDIDATE
    carried = Mentee.objects.get(programme=new, person=pupil)
    assert carried.status == Mentee.Status.WAITING and carried.entry_date == date(2027, 9, 1)
    assert [r.text for r in carried.requests.all()] == ["Подготовиться к олимпиаде"]
    assert [t.name for t in carried.requests.get().topics.all()] == ["Подготовка к олимпиадам и конкурсам"]
    assert not Mentee.objects.filter(programme=new, person=forgotten.person).exists()
    assert Mentee.objects.get(pk=waiting.pk).programme_id == programme.pk


def test_it_copies_the_roadmap_and_the_work_plan_a_year_later(world):
    item = world_item(world)
    update_item(item=item, version=item.version, status=RoadmapItem.Status.DONE, result_note="Сделано")
    create_event(
        programme=world.programme,
        title="Неделя наставничества",
        starts_on=date(2026, 11, 16),
        ends_on=date(2026, 11, 20),
        responsible_name="Куратор программы",
    )
    programme = _completed(world)
    new = start_next_programme(
        programme=programme, name="Новая", start_date=date(2027, 9, 1), end_date=date(2028, 5, 31), user=None
    ).programme
    old_items = RoadmapItem.objects.filter(stage__programme=programme).count()
    copied = RoadmapItem.objects.filter(stage__programme=new)
    assert copied.count() == old_items
    first = copied.get(stage__number=1, position=1)
    assert (
        first.title == item.title and first.status == RoadmapItem.Status.NOT_STARTED and not first.result_note
    )
    original = RoadmapItem.objects.get(pk=item.pk)
    assert (first.due_on.year, first.due_on.month) == (original.due_on.year + 1, original.due_on.month)
    week = WorkEvent.objects.get(programme=new, title="Неделя наставничества")
    assert (week.starts_on, week.ends_on, week.status) == (
        date(2027, 11, 16),
        date(2027, 11, 20),
        WorkEvent.Status.PLANNED,
    )


def test_it_moves_dates_by_whole_years_keeping_month_ends():
    shift = shifter(date(2026, 9, 1), date(2027, 9, 1))
    assert shift(date(2027, 2, 28)) == date(2028, 2, 29)
    assert shift(date(2026, 10, 15)) == date(2027, 10, 15)
    by_days = shifter(date(2026, 9, 1), date(2026, 9, 8))
    assert by_days(date(2026, 10, 15)) == date(2026, 10, 22)


def test_it_starts_the_next_year_from_a_completed_programme_only(world):
    with pytest.raises(ValidationError, match="от завершённой"):
        start_next_programme(
            programme=world.programme,
            name="Новая",
            start_date=date(2027, 9, 1),
            end_date=date(2028, 5, 31),
            user=None,
        )


def test_it_starts_one_programme_on_a_double_submit(world, client_for):
    programme = _completed(world)
    curator = client_for(world.users[Role.CURATOR])
    url = f"{reverse('programme_next')}?programme={programme.pk}"
    page = curator.get(url)
    assert page.status_code == 200 and "Продолжают как наставники" in page.content.decode()
    token = page.context["form"].initial.get("submit_token") or page.context["form"]["submit_token"].value()
    data = {
        "name": "Путь к успеху! 2027/28",
        "start_date": "01.09.2027",
        "end_date": "31.05.2028",
        "submit_token": token,
    }
    first = curator.post(url, data)
    second = curator.post(url, data)
    assert first.status_code == second.status_code == 302 and first.url == second.url
    assert Programme.objects.filter(name="Путь к успеху! 2027/28").count() == 1
    closing = curator.get(f"{reverse('programme_closing')}?programme={programme.pk}").content.decode()
    assert "Путь к успеху! 2027/28" in closing


def test_it_keeps_other_schools_and_other_roles_out(world, client_for):
    programme = _completed(world)
    outsider = client_for(world.users["outsider"])
    assert outsider.get(f"{reverse('programme_closing')}?programme={programme.pk}").status_code == 404
    assert (
        client_for(world.users[Role.DIRECTOR])
        .get(f"{reverse('programme_next')}?programme={programme.pk}")
        .status_code
        == 403
    )
    assert client_for(world.users[Role.MENTOR]).get(reverse("programme_closing")).status_code == 403
    assert Pair.objects.filter(programme=programme, status=Pair.Status.COMPLETED).count() == 1


def test_it_closes_open_questionnaires_with_the_programme(world, client_for):
    invitation = world_invitation(world)
    _completed(world)
    invitation.campaign.refresh_from_db()
    assert invitation.campaign.closed_at is not None
    with pytest.raises(ValidationError) as refused:
        check_can_answer(Invitation.objects.get(pk=invitation.pk))
    assert refused.value.messages == [WORLD_READ_ONLY]


def test_it_refuses_an_order_in_a_completed_programme(world):
    programme = _completed(world)
    with pytest.raises(ValidationError, match=WORLD_READ_ONLY):
        create_order(
            programme=programme,
            number="5-од",
            date=date(2027, 6, 1),
            period_start=date(2027, 6, 1),
            period_end=date(2027, 6, 20),
            plan_deadline=date(2027, 6, 5),
            curator_name="Куратор",
            fix_pairs=[],
            user=None,
        )
