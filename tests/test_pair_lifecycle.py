"""A pair's life after it is formed: edits of the draft, the order, completion, termination, leaving."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mentoring.exceptions import StaleEditError
from mentoring.models import MentoringForm, RoleVariant
from mentoring.roles import Role
from pairs.models import Pair, PairEvent, PairMember
from pairs.services.formation import delete_draft_pair, form_pair, open_load, update_draft_pair
from pairs.services.lifecycle import activate_pair, complete_pair, release_member, terminate_pair
from participants import hooks
from participants.models import Consent, Mentee, Mentor, Person
from tests.factories import give_consent, make_mentee, make_mentor, make_person
from tests.pair_factories import make_order, make_pair, not_active, world_pair

START, END = date(2026, 10, 1), date(2027, 5, 20)


def student_mentee(world, **fields) -> Mentee:
    person = make_person(world.school, **fields)
    give_consent(person)
    return make_mentee(world.programme, person)


def teacher_mentor(world, *, capacity: int = 1) -> Mentor:
    person = make_person(world.school, kind=Person.Kind.TEACHER)
    give_consent(person)
    return make_mentor(world.school, person, capacity=capacity)


def curator(world):
    return world.users[Role.CURATOR]


def status_of(mentee: Mentee) -> str:
    mentee.refresh_from_db()
    return mentee.status


def events(pair: Pair) -> list[str]:
    return [event.get_kind_display() for event in PairEvent.objects.filter(pair=pair)]


@pytest.fixture
def group(world) -> Pair:
    """An active group of two of the mentor's mentees."""
    world.mentor.capacity = 2
    world.mentor.save()
    return make_pair(world.programme, world.mentor, [world.mentee, student_mentee(world)], active=True)


# --- the draft: change and delete --------------------------------------------------------------------


def test_it_changes_the_mentee_of_a_draft_pair(world):
    pair = make_pair(world.programme, world.mentor, world.mentee)
    other = student_mentee(world)
    changed = update_draft_pair(
        pair=pair, version=pair.version, mentor=world.mentor, mentees=[other], user=curator(world)
    )
    assert [m.mentee for m in changed.members.all()] == [other]
    assert status_of(world.mentee) == Mentee.Status.WAITING
    assert status_of(other) == Mentee.Status.IN_PAIR
    assert changed.version == pair.version + 1
    assert events(changed) == ["Сформирована", "Изменена"]


def test_it_changes_the_mentor_form_variant_and_dates_of_a_draft(world):
    pair = make_pair(world.programme, world.mentor, world.mentee)
    other = teacher_mentor(world)
    chosen = RoleVariant.objects.get(form__code="teacher-student", name="Коллега – молодой коллега")
    changed = update_draft_pair(
        pair=pair,
        version=pair.version,
        mentor=other,
        mentees=[world.mentee],
        user=curator(world),
        variant=chosen,
        start_date=date(2026, 11, 1),
    )
    changed.refresh_from_db()
    assert (changed.mentor, changed.variant, changed.start_date) == (other, chosen, date(2026, 11, 1))
    assert changed.members.get().joined_on == date(2026, 11, 1)
    assert open_load(world.mentor) == 0 and open_load(other) == 1  # the old mentor's place is free again


def test_it_refuses_to_change_a_pair_fixed_by_an_order(world):
    pair = make_pair(world.programme, world.mentor, world.mentee, active=True)
    with pytest.raises(ValidationError, match="закреплена приказом"):
        update_draft_pair(
            pair=pair, version=pair.version, mentor=world.mentor, mentees=[student_mentee(world)], user=None
        )
    assert pair.members.get().mentee == world.mentee


def test_it_refuses_a_stale_edit_of_a_draft(world):
    pair = make_pair(world.programme, world.mentor, world.mentee)
    opened = pair.version
    update_draft_pair(
        pair=pair, version=opened, mentor=world.mentor, mentees=[world.mentee], user=None, name=""
    )
    with pytest.raises(StaleEditError) as caught:
        update_draft_pair(
            pair=pair,
            version=opened,
            mentor=world.mentor,
            mentees=[student_mentee(world)],
            user=None,
            planned_end_date=date(2027, 4, 30),
        )
    assert "изменил другой пользователь" in caught.value.messages[0]
    assert pair.members.get().mentee == world.mentee


def test_a_refused_change_keeps_the_draft_as_it_was(world):
    pair = make_pair(world.programme, world.mentor, world.mentee)
    without_consent = make_mentee(world.programme, make_person(world.school))
    with pytest.raises(ValidationError, match="нет действующего согласия"):
        update_draft_pair(
            pair=pair, version=pair.version, mentor=world.mentor, mentees=[without_consent], user=None
        )
    pair.refresh_from_db()
    assert pair.version == 0 and pair.members.get().mentee == world.mentee
    assert status_of(world.mentee) == Mentee.Status.IN_PAIR
    assert status_of(without_consent) == Mentee.Status.WAITING


def test_it_deletes_a_draft_and_the_mentee_waits_again(world):
    pair = make_pair(world.programme, world.mentor, world.mentee)
    delete_draft_pair(pair=pair, user=curator(world))
    assert not Pair.objects.filter(pk=pair.pk).exists()
    assert status_of(world.mentee) == Mentee.Status.WAITING
    assert open_load(world.mentor) == 0


def test_it_refuses_to_delete_an_active_pair_or_a_draft_in_an_order(world):
    active = make_pair(world.programme, world.mentor, world.mentee, active=True)
    with pytest.raises(ValidationError, match="её можно только прекратить"):
        delete_draft_pair(pair=active, user=None)
    ordered = make_pair(world.programme, teacher_mentor(world), student_mentee(world))
    make_order(world.programme, pairs=[ordered])
    with pytest.raises(ValidationError, match="сначала уберите её из приказа"):
        delete_draft_pair(pair=ordered, user=None)
    assert Pair.objects.filter(pk__in=[active.pk, ordered.pk]).count() == 2


# --- the order -----------------------------------------------------------------------------------------


def test_the_order_makes_a_draft_active_once(world):
    pair = make_pair(world.programme, world.mentor, world.mentee)
    activate_pair(pair=pair, day=date(2026, 10, 2), text="Приказ № 15-од от 30.09.2026", user=curator(world))
    pair.refresh_from_db()
    assert pair.status == Pair.Status.ACTIVE
    ordered = pair.events.get(kind=PairEvent.Kind.ORDERED)
    assert (ordered.day, ordered.text) == (date(2026, 10, 2), "Приказ № 15-од от 30.09.2026")
    with pytest.raises(ValidationError, match="уже не проект"):
        activate_pair(pair=pair, day=date(2026, 10, 3), text="Приказ № 16-од", user=None)


def test_the_order_refuses_a_pair_whose_mentee_lost_the_consent(world):
    pair = make_pair(world.programme, world.mentor, world.mentee)
    Consent.objects.filter(person=world.mentee_person).update(
        withdrawn_on=date(2026, 10, 20), withdrawal_reason="Заявление отца"
    )
    with pytest.raises(ValidationError, match="нет действующего согласия"):
        activate_pair(pair=pair, day=date(2026, 10, 21), text="Приказ № 15-од", user=None)


# --- completion ----------------------------------------------------------------------------------------


def test_it_completes_a_pair_with_its_results(world):
    pair = make_pair(world.programme, world.mentor, world.mentee, active=True)
    done = complete_pair(
        pair=pair, end_date=date(2027, 5, 15), results="  Четвёрка по алгебре за год  ", user=curator(world)
    )
    assert (done.status, done.end_date, done.results) == (
        Pair.Status.COMPLETED,
        date(2027, 5, 15),
        "Четвёрка по алгебре за год",
    )
    world.mentee.refresh_from_db()
    assert world.mentee.get_status_display() == "Завершил программу"
    assert world.mentee.completion_date == date(2027, 5, 15)
    assert "Четвёрка по алгебре за год" in world.mentee.results
    member = pair.members.get()
    assert (member.is_open, member.left_on) == (False, date(2027, 5, 15))
    assert events(pair)[-1] == "Завершена"
    assert open_load(world.mentor) == 0


@pytest.mark.parametrize("results", ["", "   \n "])
def test_it_requires_the_results_to_complete(world, results):
    pair = make_pair(world.programme, world.mentor, world.mentee, active=True)
    with pytest.raises(ValidationError, match="Опишите результаты"):
        complete_pair(pair=pair, end_date=date(2027, 5, 15), results=results, user=None)
    pair.refresh_from_db()
    assert pair.status == Pair.Status.ACTIVE and pair.members.get().is_open
    assert status_of(world.mentee) == Mentee.Status.IN_PAIR


def test_it_refuses_an_end_before_the_start(world):
    pair = make_pair(world.programme, world.mentor, world.mentee, active=True)
    with pytest.raises(ValidationError, match="раньше начала"):
        complete_pair(pair=pair, end_date=date(2026, 9, 30), results="Итоги", user=None)
    with pytest.raises(ValidationError, match="раньше начала"):
        terminate_pair(pair=pair, end_date=date(2026, 9, 30), reason="Переезд", user=None)


# --- termination ---------------------------------------------------------------------------------------


def test_it_terminates_a_pair_and_frees_the_mentee_and_the_mentor(world):
    pair = make_pair(world.programme, world.mentor, world.mentee, active=True)
    ended = terminate_pair(
        pair=pair, end_date=date(2026, 12, 1), reason=" Переезд семьи ", user=curator(world)
    )
    assert (ended.status, ended.end_date, ended.end_reason) == (
        Pair.Status.TERMINATED,
        date(2026, 12, 1),
        "Переезд семьи",
    )
    member = pair.members.get()
    assert (member.is_open, member.left_on, member.leave_reason) == (
        False,
        date(2026, 12, 1),
        "Переезд семьи",
    )
    assert status_of(world.mentee) == Mentee.Status.WAITING
    assert events(pair)[-1] == "Прекращена"
    # The mentor (capacity 1) takes a new mentee; the mentee gets a new mentor; the old pair stays as history.
    assert make_pair(world.programme, world.mentor, student_mentee(world)).status == Pair.Status.DRAFT
    assert make_pair(world.programme, teacher_mentor(world), world.mentee).status == Pair.Status.DRAFT
    assert world.mentee.pair_memberships.count() == 2


@pytest.mark.parametrize("reason", ["", "  "])
def test_it_requires_a_reason_to_terminate(world, reason):
    pair = make_pair(world.programme, world.mentor, world.mentee, active=True)
    with pytest.raises(ValidationError, match="Укажите причину прекращения"):
        terminate_pair(pair=pair, end_date=date(2026, 12, 1), reason=reason, user=None)
    pair.refresh_from_db()
    assert pair.status == Pair.Status.ACTIVE
    assert status_of(world.mentee) == Mentee.Status.IN_PAIR


# --- a mentee leaves ---------------------------------------------------------------------------------


def test_a_group_goes_on_when_one_mentee_leaves(world, group):
    leaving = group.members.get(mentee=world.mentee)
    staying = group.members.exclude(pk=leaving.pk).get()
    result = release_member(
        member=leaving, day=date(2026, 11, 20), reason="Замена наставника", user=curator(world)
    )
    assert result.status == Pair.Status.ACTIVE
    leaving.refresh_from_db()
    assert (leaving.is_open, leaving.left_on, leaving.leave_reason) == (
        False,
        date(2026, 11, 20),
        "Замена наставника",
    )
    assert status_of(world.mentee) == Mentee.Status.WAITING
    assert status_of(staying.mentee) == Mentee.Status.IN_PAIR
    left = group.events.get(kind=PairEvent.Kind.MEMBER_LEFT)
    assert left.member == leaving and left.text == "Замена наставника"
    assert open_load(world.mentor) == 1
    with pytest.raises(ValidationError, match="уже вышел"):
        release_member(member=leaving, day=date(2026, 11, 21), reason="Ещё раз", user=None)


def test_the_last_mentee_leaving_terminates_the_group(world, group):
    first, last = group.members.all()
    release_member(member=first, day=date(2026, 11, 20), reason="Перевёлся в другую школу", user=None)
    result = release_member(member=last, day=date(2026, 12, 1), reason="Замена наставника", user=None)
    assert (result.status, result.end_date, result.end_reason) == (
        Pair.Status.TERMINATED,
        date(2026, 12, 1),
        "Замена наставника",
    )
    last.refresh_from_db()
    assert (last.is_open, last.left_on) == (False, date(2026, 12, 1))
    assert set(Mentee.objects.filter(pair_memberships__pair=group).values_list("status", flat=True)) == {
        Mentee.Status.WAITING
    }


def test_the_only_mentee_of_a_pair_leaving_terminates_it(world):
    pair = make_pair(world.programme, world.mentor, world.mentee, active=True)
    result = release_member(
        member=pair.members.get(), day=date(2026, 12, 1), reason="Замена наставника", user=None
    )
    assert result.status == Pair.Status.TERMINATED
    assert status_of(world.mentee) == Mentee.Status.WAITING


def test_it_requires_a_reason_for_a_mentee_leaving_a_group(world, group):
    with pytest.raises(ValidationError, match="Укажите причину"):
        release_member(member=group.members.first(), day=date(2026, 11, 20), reason="  ", user=None)


# --- nothing but an active pair can end -------------------------------------------------------------


@pytest.mark.parametrize("state", ["draft", "completed", "terminated"])
@pytest.mark.parametrize("action", ["complete", "terminate", "release"])
def test_it_refuses_to_end_a_pair_that_is_not_active(world, state, action):
    pair = make_pair(world.programme, world.mentor, world.mentee, active=state != "draft")
    if state == "completed":
        complete_pair(pair=pair, end_date=date(2027, 5, 15), results="Итоги", user=None)
    elif state == "terminated":
        terminate_pair(pair=pair, end_date=date(2026, 12, 1), reason="Переезд", user=None)
    pair.refresh_from_db()
    before = (pair.status, pair.end_date, list(PairMember.objects.values_list("is_open", "left_on")))
    day = date(2027, 1, 10)
    with pytest.raises(ValidationError) as refused:
        if action == "complete":
            complete_pair(pair=pair, end_date=day, results="Ещё итоги", user=None)
        elif action == "terminate":
            terminate_pair(pair=pair, end_date=day, reason="Ещё причина", user=None)
        else:
            release_member(member=pair.members.get(), day=day, reason="Ещё причина", user=None)
    assert refused.value.messages == [not_active(pair)] and refused.value.code == "pair_not_active"
    assert (pair.status, pair.end_date, list(PairMember.objects.values_list("is_open", "left_on"))) == before


def form_again(world, mentee: Mentee) -> Pair:
    return form_pair(
        programme=world.programme,
        mentor=world.mentor,
        mentees=[mentee],
        form=MentoringForm.objects.get(code="teacher-student"),
        start_date=START,
        planned_end_date=END,
        user=None,
    )


def test_a_mentee_who_completed_the_programme_gets_no_new_pair(world):
    pair = make_pair(world.programme, world.mentor, world.mentee, active=True)
    complete_pair(pair=pair, end_date=date(2027, 5, 15), results="Итоги", user=None)
    with pytest.raises(ValidationError, match="Завершил программу"):
        form_again(world, Mentee.objects.get(pk=world.mentee.pk))


def test_a_mentee_completed_meanwhile_gets_no_new_pair(world):
    opened = Mentee.objects.get(pk=world.mentee.pk)  # the curator's page is opened here
    pair = make_pair(world.programme, world.mentor, world.mentee, active=True)
    complete_pair(pair=pair, end_date=date(2027, 5, 15), results="Итоги", user=None)
    with pytest.raises(ValidationError, match="Завершил программу"):
        form_again(world, opened)


# --- what the mentor may still see ----------------------------------------------------------------------


def mentors_people(world) -> set[int]:
    return {
        row["mentee__person_id"]
        for rows in hooks.mentored_people_ids(world.users[Role.MENTOR])
        for row in rows
    }


def test_the_mentor_no_longer_sees_the_mentee_of_an_ended_pair(world):
    pair = make_pair(world.programme, world.mentor, world.mentee, active=True)
    assert world.mentee_person.pk in mentors_people(world)
    terminate_pair(pair=pair, end_date=date(2026, 12, 1), reason="Замена наставника", user=None)
    assert world.mentee_person.pk not in mentors_people(world)


def test_the_mentor_no_longer_sees_a_mentee_who_left_the_group(world, group):
    staying = group.members.exclude(mentee=world.mentee).get().mentee
    release_member(
        member=group.members.get(mentee=world.mentee),
        day=date(2026, 11, 20),
        reason="Замена наставника",
        user=None,
    )
    seen = mentors_people(world)
    assert staying.person_id in seen
    assert world.mentee_person.pk not in seen


def test_the_mentee_card_does_not_take_a_mentee_out_of_a_pair(client_for, world):
    world_pair(world)
    client = client_for(world.users["curator"])
    response = client.post(
        reverse("mentee_edit", args=[world.mentee.pk]),
        {
            "entry_date": "2026-09-15",
            "status": "left",
            "version": str(Mentee.objects.get(pk=world.mentee.pk).version),
        },
    )
    assert "снимается, когда пара завершается или прекращается" in response.content.decode()
    assert Mentee.objects.get(pk=world.mentee.pk).status == Mentee.Status.IN_PAIR
