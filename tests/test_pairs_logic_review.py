"""A review of the orders, the matching and the replacement logic: each test shows one problem found
and holds its fix."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from mentoring.exceptions import StaleEditError
from mentoring.models import MentoringForm, Programme
from mentoring.roles import Role
from pairs.documents.order import order_context
from pairs.matching import match_programme
from pairs.matching.candidates import load_pool
from pairs.models import Order, OrderItem, Pair, PairMember, ReplacementRequest
from pairs.services import orders as services
from pairs.services.formation import update_draft_pair
from pairs.services.lifecycle import terminate_pair
from pairs.services.matching import accept_matches
from pairs.services.replacements import decide_replacement, file_replacement
from participants.models import Mentee, Person
from tests.factories import WORLD_READ_ONLY, give_consent, make_mentee, make_mentor, make_person
from tests.pair_factories import make_pair, world_pair

pytestmark = pytest.mark.django_db

ORDER_DATE = date(2026, 9, 30)


def teacher_mentor(world, last_name: str, **fields):
    person = make_person(world.school, kind=Person.Kind.TEACHER, last_name=last_name, **fields)
    give_consent(person)
    return make_mentor(world.school, person)


def student_mentee(world, last_name: str, **fields) -> Mentee:
    person = make_person(world.school, last_name=last_name, **fields)
    give_consent(person)
    return make_mentee(world.programme, person)


def new_order(world, fix_pairs, **overrides) -> Order:
    fields = {
        "number": "15-од",
        "date": ORDER_DATE,
        "period_start": date(2026, 10, 1),
        "period_end": date(2027, 5, 31),
        "plan_deadline": date(2026, 10, 15),
        "curator_name": "Кузнецова Ольга Николаевна, заместитель директора по УВР",
        "end_pairs": (),
    }
    fields.update(overrides)
    return services.create_order(
        programme=world.programme, fix_pairs=fix_pairs, user=world.users[Role.CURATOR], **fields
    )


def register(order: Order, world, **kwargs) -> Order:
    return services.register_order(order=order, user=world.users[Role.DIRECTOR], **kwargs)


@pytest.fixture
def two_drafts(world) -> tuple[Pair, Pair]:
    first = make_pair(world.programme, world.mentor, world.mentee)
    second = make_pair(world.programme, teacher_mentor(world, "Морозова"), student_mentee(world, "Белов"))
    return first, second


# --- orders ------------------------------------------------------------------------------------------


def test_it_records_the_end_of_a_pair_in_one_registered_order_only(world, two_drafts):
    first, second = two_drafts
    original = register(new_order(world, [first, second]), world)
    register(
        new_order(
            world,
            [],
            number="40-од",
            date=date(2026, 11, 25),
            plan_deadline=date(2026, 12, 9),
            end_pairs=[first],
            amends=original,
        ),
        world,
    )
    first.refresh_from_db()
    assert first.status == Pair.Status.TERMINATED

    with pytest.raises(ValidationError) as error:
        new_order(
            world,
            [],
            number="41-од",
            date=date(2026, 11, 26),
            plan_deadline=date(2026, 12, 9),
            end_pairs=[first],
            amends=original,
        )
    assert "уже отражено приказом от 25.11.2026 № 40-од" in " ".join(error.value.messages)
    assert OrderItem.objects.filter(pair=first, action=OrderItem.Action.END).count() == 1


def test_it_refuses_to_register_an_order_changed_after_the_director_opened_it(world, two_drafts):
    first, second = two_drafts
    order = new_order(world, [first])
    seen = order.version  # the page the director reads lists one pair
    services.update_order(
        order=order,
        version=seen,
        fix_pairs=[first, second],
        number="15-од",
        date=ORDER_DATE,
        period_start=date(2026, 10, 1),
        period_end=date(2027, 5, 31),
        plan_deadline=date(2026, 10, 15),
        curator_name="Кузнецова Ольга Николаевна",
        user=world.users[Role.CURATOR],
    )

    with pytest.raises(StaleEditError):
        register(order, world, version=seen)

    order.refresh_from_db()
    second.refresh_from_db()
    assert order.status == Order.Status.DRAFT
    assert second.status == Pair.Status.DRAFT
    register(order, world, version=order.version)  # read again, it registers
    second.refresh_from_db()
    assert second.status == Pair.Status.ACTIVE


def test_a_registered_order_keeps_naming_a_mentee_whose_leaving_was_dated_before_it(world):
    # The pair began on 01.09, the order of 30.09 fixed it; later the curator records that the pair
    # in fact ended on 15.09 (e.g. a consent withdrawal entered late).
    pair = make_pair(world.programme, world.mentor, world.mentee, start_date=date(2026, 9, 1))
    order = register(new_order(world, [pair]), world)
    terminate_pair(pair=pair, end_date=date(2026, 9, 15), reason="Выбыл из школы", user=None)

    row = order_context(order)["fix_rows"][0]

    assert row.mentees == ["Никитин Артём Ильич, 8А класс"]


def test_every_mentor_signs_even_when_two_share_the_short_name(world):
    anna = teacher_mentor(world, "Иванова", first_name="Анна", middle_name="Сергеевна")
    alla = teacher_mentor(world, "Иванова", first_name="Алла", middle_name="Степановна")
    pairs = [
        make_pair(world.programme, anna, student_mentee(world, "Белов")),
        make_pair(world.programme, alla, student_mentee(world, "Орлов")),
    ]
    order = new_order(world, pairs)

    acquainted = order_context(order)["acquainted"]

    assert "Иванова Анна Сергеевна" in acquainted and "Иванова Алла Степановна" in acquainted
    assert acquainted[-1] == "Кузнецова О. Н." and len(acquainted) == 3


# --- matching ----------------------------------------------------------------------------------------


def test_it_proposes_no_pair_in_a_completed_programme(world):
    Programme.objects.filter(pk=world.programme.pk).update(status=Programme.Status.COMPLETED)
    world.programme.refresh_from_db()
    mentee = student_mentee(world, "Ждунов")

    plan = match_programme(world.programme)

    assert plan.rows == []
    assert {u.mentee.pk: u.why for u in plan.unpaired}[mentee.pk] == WORLD_READ_ONLY
    pool = load_pool(world.programme, mentee_ids=[mentee.pk])
    assert pool.problem(pool.mentees[0], pool.mentors[0]) == WORLD_READ_ONLY
    # What form_pair says of the same row: the same words.
    with pytest.raises(ValidationError, match=WORLD_READ_ONLY):
        accept_matches(
            programme=world.programme,
            rows=[(mentee, world.mentor, MentoringForm.objects.get(code="teacher-student"))],
            start_date=date(2026, 10, 1),
            planned_end_date=date(2027, 5, 20),
            user=None,
        )


def test_it_names_a_mentee_chosen_twice_in_plain_russian(world):
    form = MentoringForm.objects.get(code="teacher-student")
    with pytest.raises(ValidationError) as error:
        accept_matches(
            programme=world.programme,
            rows=[(world.mentee, world.mentor, form), (world.mentee, world.mentor, form)],
            start_date=date(2026, 10, 1),
            planned_end_date=date(2027, 5, 20),
            user=None,
        )
    assert error.value.messages == ["Наставляемый «Никитин Артём Ильич» есть в двух строках: оставьте одну."]


# --- replacement and lifecycle ----------------------------------------------------------------------


def test_a_request_closed_by_the_end_of_the_pair_is_not_called_decided(world):
    member = world_pair(world).members.get()
    request = file_replacement(member=member, reason="Не сложилось", user=None, day=date(2026, 11, 10))
    terminate_pair(pair=member.pair, end_date=date(2026, 11, 12), reason="Переезд семьи", user=None)

    with pytest.raises(ValidationError) as error:
        decide_replacement(
            request=request, approve=True, comment="", user=world.users[Role.DIRECTOR], day=date(2026, 11, 20)
        )

    text = " ".join(error.value.messages)
    assert "уже принято решение" not in text
    assert "Пара завершилась 12.11.2026" in text
    assert ReplacementRequest.objects.get().status == ReplacementRequest.Status.CLOSED
    assert Mentee.objects.get(pk=world.mentee.pk).status == Mentee.Status.WAITING


def test_a_decision_locks_the_pair_before_the_request_as_ending_a_pair_does(world, monkeypatch):
    """On PostgreSQL, a decision locking the request first and a registration (or termination) locking
    the pair first would deadlock; both must take the pair first."""
    member = world_pair(world).members.get()
    request = file_replacement(member=member, reason="Не сложилось", user=None, day=date(2026, 11, 10))
    locked: list[type] = []
    original = QuerySet.select_for_update

    def spy(self, *args, **kwargs):
        locked.append(self.model)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "select_for_update", spy)
    decide_replacement(
        request=request, approve=True, comment="", user=world.users[Role.DIRECTOR], day=date(2026, 11, 20)
    )

    assert locked.index(Pair) < locked.index(PairMember) < locked.index(ReplacementRequest)
    assert Mentee.objects.get(pk=world.mentee.pk).status == Mentee.Status.WAITING


def test_a_pair_in_a_draft_order_is_not_changed_behind_the_order(world, two_drafts):
    first, _ = two_drafts
    order = new_order(world, [first])
    other = student_mentee(world, "Подменный")

    with pytest.raises(ValidationError):
        update_draft_pair(pair=first, version=first.version, mentor=world.mentor, mentees=[other], user=None)

    register(order, world)
    assert list(first.members.values_list("mentee_id", flat=True)) == [world.mentee.pk]


def test_it_refuses_to_register_a_pair_whose_mentee_left_the_school_meanwhile(world, two_drafts):
    first, second = two_drafts
    order = new_order(world, [first, second])
    Mentee.objects.filter(pk=world.mentee.pk).update(status=Mentee.Status.LEFT)  # set on the mentee card

    with pytest.raises(ValidationError) as error:
        register(order, world)

    assert "«Никитин Артём Ильич»: статус «Выбыл» — пару с этим наставляемым закрепить нельзя." in (
        error.value.messages
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Pair.Status.DRAFT, Pair.Status.DRAFT)


def test_a_mentee_who_left_the_school_does_not_wait_for_a_mentor_after_the_pair_ends(world):
    pair = world_pair(world)
    Mentee.objects.filter(pk=world.mentee.pk).update(status=Mentee.Status.LEFT)  # set on the mentee card

    terminate_pair(pair=pair, end_date=date(2026, 11, 12), reason="Выбыл из школы", user=None)

    assert Mentee.objects.get(pk=world.mentee.pk).status == Mentee.Status.LEFT
    assert world.mentee.pk not in {u.mentee.pk for u in match_programme(world.programme).unpaired}
