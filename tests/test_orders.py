"""The director's order: drafting from the pairs that await it, registration, and immutability after."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mentoring.exceptions import StaleEditError
from mentoring.roles import Role
from pairs.models import Order, OrderItem, Pair, PairEvent
from pairs.selectors import orders as selectors
from pairs.services import orders as services
from pairs.services.lifecycle import terminate_pair
from participants.models import Mentee, Person
from participants.selectors.consents import today
from tests.factories import give_consent, make_mentee, make_mentor, make_person
from tests.pair_factories import make_order, make_pair

ORDER_DATE = date(2026, 9, 30)


def teacher_mentor(world, last_name: str, *, capacity: int = 1, **fields):
    person = make_person(world.school, kind=Person.Kind.TEACHER, last_name=last_name, **fields)
    give_consent(person)
    return make_mentor(world.school, person, capacity=capacity)


def student_mentee(world, last_name: str, **fields) -> Mentee:
    person = make_person(world.school, last_name=last_name, **fields)
    give_consent(person)
    return make_mentee(world.programme, person)


def order_fields(**overrides) -> dict:
    fields = {
        "number": "15-од",
        "date": ORDER_DATE,
        "period_start": date(2026, 10, 1),
        "period_end": date(2027, 5, 31),
        "plan_deadline": date(2026, 10, 15),
        "curator_name": "Кузнецова Ольга Николаевна, заместитель директора по УВР",
    }
    fields.update(overrides)
    return fields


def new_order(world, fix_pairs, **overrides) -> Order:
    fields = order_fields(**overrides)
    fields.setdefault("end_pairs", ())
    return services.create_order(
        programme=world.programme, fix_pairs=fix_pairs, user=world.users[Role.CURATOR], **fields
    )


@pytest.fixture
def two_drafts(world) -> tuple[Pair, Pair]:
    """The world's mentor with the world's mentee, and a second teacher with a second student."""
    first = make_pair(world.programme, world.mentor, world.mentee)
    second = make_pair(
        world.programme, teacher_mentor(world, "Морозова"), student_mentee(world, "Белов", grade=7)
    )
    return first, second


def register(order: Order, world) -> Order:
    return services.register_order(order=order, user=world.users[Role.DIRECTOR])


# --- candidates and drafting ---------------------------------------------------------------------


def test_it_offers_drafts_not_taken_by_another_draft_order(world, two_drafts):
    first, second = two_drafts
    assert [p.pk for p in selectors.order_candidates(world.programme).fix] == [second.pk, first.pk]
    new_order(world, [first])
    candidates = selectors.order_candidates(world.programme)
    assert [p.pk for p in candidates.fix] == [second.pk]
    assert candidates.ended == [] and candidates.active == []


def test_it_offers_a_pair_that_ended_after_its_order_until_an_order_records_the_end(world, two_drafts):
    first, second = two_drafts
    register(new_order(world, [first, second]), world)
    terminate_pair(
        pair=first, end_date=date(2026, 11, 20), reason="Замена наставника", user=world.users[Role.CURATOR]
    )
    candidates = selectors.order_candidates(world.programme)
    assert [p.pk for p in candidates.ended] == [first.pk]
    assert [p.pk for p in candidates.active] == [second.pk]
    amending = new_order(
        world, [], number="31-од", date=date(2026, 11, 25), plan_deadline=date(2026, 12, 9), end_pairs=[first]
    )
    assert selectors.order_candidates(world.programme).ended == []  # listed in a draft already
    register(amending, world)
    assert selectors.order_candidates(world.programme).ended == []  # recorded for good


def test_it_creates_a_draft_order_with_the_usual_title_and_preamble(world, two_drafts):
    first, second = two_drafts
    order = new_order(world, [first, second])
    assert order.status == Order.Status.DRAFT
    assert order.title == "О закреплении наставнических пар и групп"
    assert "программой наставничества «Путь к успеху!»" in order.preamble
    assert "Положением о наставничестве" in order.preamble
    items = list(order.items.values_list("pair_id", "action", "position"))
    assert items == [(first.pk, "fix", 1), (second.pk, "fix", 2)]
    first.refresh_from_db()
    assert first.status == Pair.Status.DRAFT  # nothing is in force before registration


def test_it_refuses_a_number_already_used_in_the_programme(world, two_drafts):
    first, second = two_drafts
    new_order(world, [first])
    with pytest.raises(ValidationError) as error:
        new_order(world, [second])
    assert "№ 15-од" in error.value.message_dict["number"][0]
    assert Order.objects.count() == 1
    # Another programme may use the same number.
    make_order(world.other_programme, number="15-од")


def test_it_refuses_a_pair_already_in_another_draft_order(world, two_drafts):
    first, _ = two_drafts
    new_order(world, [first])
    with pytest.raises(ValidationError, match="уже включена в проект приказа № 15-од"):
        new_order(world, [first], number="16-од")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"period_start": date(2026, 8, 1)}, "period_start"),
        ({"period_end": date(2027, 6, 30)}, "period_start"),
        ({"plan_deadline": ORDER_DATE}, "plan_deadline"),
        ({"number": "  "}, "number"),
    ],
)
def test_it_refuses_dates_and_number_that_make_no_sense(world, two_drafts, overrides, field):
    with pytest.raises(ValidationError) as error:
        new_order(world, [two_drafts[0]], **overrides)
    assert field in error.value.message_dict
    assert not Order.objects.exists()


def test_it_refuses_an_order_without_pairs(world):
    with pytest.raises(ValidationError, match="нет ни одной пары"):
        new_order(world, [])


def test_it_refuses_an_edit_made_on_a_stale_form(world, two_drafts):
    first, second = two_drafts
    order = new_order(world, [first])
    services.update_order(
        order=order,
        version=order.version,
        fix_pairs=[first, second],
        **order_fields(user=world.users[Role.CURATOR], number="17-од"),
    )
    with pytest.raises(StaleEditError):
        services.update_order(
            order=order,
            version=0,
            fix_pairs=[first],
            **order_fields(user=world.users[Role.CURATOR], number="18-од"),
        )
    order.refresh_from_db()
    assert order.number == "17-од"
    assert order.items.count() == 2


# --- registration ----------------------------------------------------------------------------------


def test_it_registers_an_order_making_its_pairs_active_with_history(world, two_drafts):
    first, second = two_drafts
    order = register(new_order(world, [first, second]), world)
    assert order.status == Order.Status.REGISTERED
    assert order.registered_by == world.users[Role.DIRECTOR]
    assert order.registered_at is not None
    for pair in (first, second):
        pair.refresh_from_db()
        assert pair.status == Pair.Status.ACTIVE
        event = pair.events.get(kind=PairEvent.Kind.ORDERED)
        assert event.day == ORDER_DATE
        assert event.text == "Приказ № 15-од от 30.09.2026"


def test_it_refuses_every_change_to_a_registered_order(world, two_drafts):
    first, second = two_drafts
    order = register(new_order(world, [first]), world)
    registered_at = order.registered_at
    with pytest.raises(ValidationError, match="Приказ зарегистрирован и не меняется"):
        services.update_order(
            order=order,
            version=order.version,
            fix_pairs=[second],
            **order_fields(user=world.users[Role.DIRECTOR], number="99"),
        )
    with pytest.raises(ValidationError, match="Приказ зарегистрирован и не меняется"):
        services.delete_order(order=order, user=world.users[Role.DIRECTOR])
    with pytest.raises(ValidationError, match="уже зарегистрирован"):
        register(order, world)
    order.refresh_from_db()
    assert (order.number, order.registered_at) == ("15-од", registered_at)
    assert list(order.items.values_list("pair_id", flat=True)) == [first.pk]
    assert first.events.filter(kind=PairEvent.Kind.ORDERED).count() == 1


def test_it_refuses_registration_when_a_consent_was_withdrawn_meanwhile(world, two_drafts):
    first, second = two_drafts
    order = new_order(world, [second, first])  # the pair with the withdrawn consent comes last
    consent = world.mentee_person.consents.get()
    consent.withdrawn_on = today()
    consent.save()
    with pytest.raises(ValidationError) as error:
        register(order, world)
    assert "Никитин Артём Ильич" in " ".join(error.value.messages)
    order.refresh_from_db()
    assert order.status == Order.Status.DRAFT
    for pair in (first, second):
        pair.refresh_from_db()
        assert pair.status == Pair.Status.DRAFT
    assert not PairEvent.objects.filter(kind=PairEvent.Kind.ORDERED).exists()


def test_it_refuses_registration_when_the_mentor_is_no_longer_ready(world, two_drafts):
    first, _ = two_drafts
    order = new_order(world, [first])
    world.mentor.stage = world.mentor.Stage.RESERVE
    world.mentor.save()
    with pytest.raises(ValidationError, match="ещё не готов"):
        register(order, world)
    first.refresh_from_db()
    assert first.status == Pair.Status.DRAFT


# --- amending orders ----------------------------------------------------------------------------


def test_it_amends_a_registered_order_ending_an_active_pair_and_fixing_a_new_one(world, two_drafts):
    first, second = two_drafts
    original = register(new_order(world, [first]), world)
    later = new_order(
        world,
        [second],
        number="40-од",
        date=date(2026, 11, 25),
        plan_deadline=date(2026, 12, 9),
        end_pairs=[first],
        amends=original,
    )
    assert later.title == "О внесении изменений в приказ от 30.09.2026 № 15-од"
    assert "приказом от 30.09.2026 № 15-од" in later.preamble
    register(later, world)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Pair.Status.TERMINATED
    assert first.end_date == date(2026, 11, 25)
    assert first.end_reason == "Прекращена приказом № 40-од от 25.11.2026"
    assert second.status == Pair.Status.ACTIVE
    world.mentee.refresh_from_db()
    assert world.mentee.status == Mentee.Status.WAITING  # free for a new pair
    assert list(original.amendments.all()) == [later]


def test_it_leaves_everything_as_it_was_when_ending_a_pair_fails(world, two_drafts):
    first, second = two_drafts
    original = register(new_order(world, [first]), world)
    # The order is dated before the active pair began: it cannot end it on that day.
    early = new_order(
        world,
        [second],
        number="2",
        date=date(2026, 9, 20),
        plan_deadline=date(2026, 10, 1),
        end_pairs=[first],
        amends=None,
    )
    with pytest.raises(ValidationError, match="нельзя"):
        register(early, world)
    second.refresh_from_db()
    first.refresh_from_db()
    assert (first.status, second.status) == (Pair.Status.ACTIVE, Pair.Status.DRAFT)
    assert Order.objects.get(pk=early.pk).status == Order.Status.DRAFT
    assert original.is_registered


def test_it_refuses_to_amend_a_draft_order(world, two_drafts):
    first, second = two_drafts
    draft = new_order(world, [first])
    with pytest.raises(ValidationError) as error:
        new_order(world, [second], number="16", amends=draft)
    assert "amends" in error.value.message_dict


def test_it_follows_a_changed_amends_in_the_usual_title(world, two_drafts):
    first, second = two_drafts
    original = register(new_order(world, [first]), world)
    draft = new_order(world, [second], number="16", date=date(2026, 10, 20), plan_deadline=date(2026, 11, 1))
    assert draft.title == "О закреплении наставнических пар и групп"
    fields = order_fields(number="16", date=date(2026, 10, 20), plan_deadline=date(2026, 11, 1))
    fields["title"], fields["preamble"] = draft.title, draft.preamble
    updated = services.update_order(
        order=draft, version=draft.version, fix_pairs=[second], amends=original, user=None, **fields
    )
    assert updated.title == "О внесении изменений в приказ от 30.09.2026 № 15-од"


# --- pages ----------------------------------------------------------------------------------------


def test_it_prefills_a_new_order_with_the_candidates_ticked(client_for, world, two_drafts):
    first, second = two_drafts
    make_order(world.programme, number="15-од")  # an empty draft, taking no pair
    client = client_for(world.users[Role.CURATOR])
    response = client.get(reverse("order_create"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["number"] == "16-од"
    assert form.initial["date"] == today()
    assert form.initial["plan_deadline"] == today() + timedelta(days=14)
    assert form.initial["period_start"] == world.programme.start_date
    assert form.initial["curator_name"] == "Тестова Анна Петровна"
    html = response.content.decode()
    for pair in (first, second):
        assert f'name="fix_pairs" value="{pair.pk}" id="fix-{pair.pk}" checked' in html
    assert "Соколова Ирина Викторовна" in html


def order_post(pairs, **overrides) -> dict:
    data = {
        "number": "21",
        "date": "2026-10-01",
        "period_start": "2026-10-01",
        "period_end": "2027-05-31",
        "plan_deadline": "2026-10-15",
        "curator_name": "Тестова Анна Петровна",
        "control_name": "",
        "title": "",
        "preamble": "",
        "amends": "",
        "fix_pairs": [p.pk for p in pairs],
        "submit_token": "order-1",
    }
    data.update(overrides)
    return data


def test_it_creates_one_order_from_a_double_submitted_form(client_for, world, two_drafts):
    client = client_for(world.users[Role.CURATOR])
    first = client.post(reverse("order_create"), order_post(two_drafts))
    second = client.post(reverse("order_create"), order_post(two_drafts))
    order = Order.objects.get()
    assert first["Location"] == second["Location"] == reverse("order_detail", kwargs={"order_id": order.pk})
    assert order.items.count() == 2
    assert order.created_by == world.users[Role.CURATOR]


def test_it_shows_a_taken_number_on_the_form(client_for, world, two_drafts):
    make_order(world.programme, number="21")
    client = client_for(world.users[Role.DIRECTOR])
    response = client.post(reverse("order_create"), order_post(two_drafts))
    assert response.status_code == 200
    assert "Приказ № 21 в этой программе уже есть" in response.content.decode()
    assert Order.objects.count() == 1


def test_it_lets_only_the_director_register(client_for, world, two_drafts):
    order = new_order(world, list(two_drafts))
    url = reverse("order_register", kwargs={"order_id": order.pk})
    assert client_for(world.users[Role.CURATOR]).post(url).status_code == 403
    order.refresh_from_db()
    assert order.status == Order.Status.DRAFT
    response = client_for(world.users[Role.DIRECTOR]).post(url, follow=True)
    assert "Приказ № 15-од зарегистрирован" in response.content.decode()
    order.refresh_from_db()
    assert order.status == Order.Status.REGISTERED
    assert set(Pair.objects.values_list("status", flat=True)) == {Pair.Status.ACTIVE}


def test_it_answers_a_second_register_click_without_changing_anything(client_for, world, two_drafts):
    order = new_order(world, list(two_drafts))
    client = client_for(world.users[Role.DIRECTOR])
    url = reverse("order_register", kwargs={"order_id": order.pk})
    client.post(url)
    registered_at = Order.objects.get().registered_at
    response = client.post(url, follow=True)
    assert "уже зарегистрирован" in response.content.decode()
    assert Order.objects.get().registered_at == registered_at
    assert PairEvent.objects.filter(kind=PairEvent.Kind.ORDERED).count() == 2


def test_it_keeps_a_registered_order_unchanged_on_its_pages(client_for, world, two_drafts):
    first, second = two_drafts
    order = register(new_order(world, [first]), world)
    client = client_for(world.users[Role.CURATOR])
    edit = reverse("order_edit", kwargs={"order_id": order.pk})
    response = client.get(edit)
    assert response.status_code == 200
    assert "Приказ зарегистрирован и не меняется" in response.content.decode()
    assert response.context["form"] is None
    response = client.post(edit, order_post([second], number="77"))
    assert response.status_code == 200
    response = client.post(reverse("order_delete", kwargs={"order_id": order.pk}), follow=True)
    assert "Приказ зарегистрирован и не меняется" in response.content.decode()
    order.refresh_from_db()
    assert order.number == "15-од"
    assert list(order.items.values_list("pair_id", flat=True)) == [first.pk]
    detail = client.get(reverse("order_detail", kwargs={"order_id": order.pk})).content.decode()
    assert reverse("order_edit", kwargs={"order_id": order.pk}) not in detail


def test_it_edits_and_deletes_a_draft_order(client_for, world, two_drafts):
    first, second = two_drafts
    order = new_order(world, [first])
    client = client_for(world.users[Role.CURATOR])
    edit = reverse("order_edit", kwargs={"order_id": order.pk})
    form = client.get(edit).context["form"]
    data = order_post([first, second], number="15-од", version=form.initial["version"])
    del data["submit_token"]
    response = client.post(edit, data)
    assert response.status_code == 302
    assert set(order.items.values_list("pair_id", flat=True)) == {first.pk, second.pk}
    client.post(reverse("order_delete", kwargs={"order_id": order.pk}))
    assert not Order.objects.exists()
    assert len(selectors.order_candidates(world.programme).fix) == 2


def test_it_warns_about_people_without_consent_on_the_order_page(client_for, world, two_drafts):
    order = new_order(world, list(two_drafts))
    world.mentee_person.consents.all().delete()
    response = client_for(world.users[Role.DIRECTOR]).get(
        reverse("order_detail", kwargs={"order_id": order.pk})
    )
    html = response.content.decode()
    assert "Нет действующего согласия" in html
    assert "Никитин Артём Ильич" in html
    assert [p.full_name for p in response.context["missing"]] == ["Никитин Артём Ильич"]


def test_it_shows_an_order_of_another_school_as_not_found(client_for, world):
    order = make_order(world.other_programme)
    response = client_for(world.users[Role.DIRECTOR]).get(
        reverse("order_detail", kwargs={"order_id": order.pk})
    )
    assert response.status_code == 404


@pytest.mark.parametrize("size", [2, 12])
def test_it_lists_orders_in_a_bounded_number_of_queries(
    client_for, world, django_assert_max_num_queries, size
):
    for n in range(size):
        mentor = teacher_mentor(world, f"Учителева{n}")
        pair = make_pair(world.programme, mentor, student_mentee(world, f"Ученик{n}"))
        make_order(world.programme, number=str(n + 1), pairs=[pair])
    client = client_for(world.users[Role.CURATOR])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("order_list"))
    assert len(response.context["orders"]) == size
    assert all(order.fixed_count == 1 for order in response.context["orders"])
    assert "Проект" in response.content.decode()
    assert OrderItem.objects.count() == size
