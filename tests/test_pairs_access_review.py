"""Who sees what in the pairs app, reviewed: a mentor, a mentee, the keepers, another school, and a
person who holds several roles — on every page of pairs, orders, replacements and preferences."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from mentoring import services as core
from mentoring.models import MentoringForm
from mentoring.roles import Role
from pairs.documents.order import order_context
from pairs.models import Order, Pair, Preference
from pairs.services.lifecycle import activate_pair
from pairs.services.replacements import decide_replacement, file_replacement
from participants.models import AccessLogEntry, Mentee, Person
from participants.services.consents import withdraw_consent
from tests.factories import give_consent, make_mentee, make_mentor, make_person
from tests.pair_factories import make_pair, world_pair
from tests.test_orders import new_order, register

COMPLAINT = "Наставник часто не может встретиться в назначенное время"


def student(world, last_name: str, *, school=None, programme=None) -> Mentee:
    person = make_person(
        school or world.school, last_name=last_name, first_name="Олег", middle_name="Петрович"
    )
    give_consent(person)
    return make_mentee(programme or world.programme, person)


def teacher(world, last_name: str, *, school=None, capacity: int = 3, **fields):
    person = make_person(
        school or world.school,
        kind=Person.Kind.TEACHER,
        last_name=last_name,
        first_name="Вера",
        middle_name="Ивановна",
        **fields,
    )
    give_consent(person)
    return make_mentor(school or world.school, person, capacity=capacity)


def approve_replacement(world, member) -> None:
    request = file_replacement(member=member, reason=COMPLAINT, user=None, day=date(2026, 11, 10))
    decide_replacement(
        request=request, approve=True, comment="", user=world.users[Role.DIRECTOR], day=date(2026, 11, 20)
    )


def switch_role(client, role: str) -> None:
    client.post(reverse("switch_role"), {"role": role})


def switch_organisation(client, organisation) -> None:
    client.post(reverse("switch_organisation"), {"organisation": organisation.pk})


# --- the mentor ------------------------------------------------------------------------------------


def test_a_mentor_does_not_read_the_complaint_that_ended_their_pair(client_for, world):
    pair = world_pair(world)
    approve_replacement(world, pair.members.get())
    pair.refresh_from_db()
    assert pair.status == Pair.Status.TERMINATED
    url = reverse("pair_detail", args=[pair.pk])
    page = client_for(world.users[Role.MENTOR]).get(url).content.decode()
    assert "Прекращена" in page and "20.11.2026" in page
    assert COMPLAINT not in page and "по заявлению" not in page
    # The keepers read it in full.
    assert COMPLAINT in client_for(world.users[Role.DIRECTOR]).get(url).content.decode()


def test_a_mentor_does_not_read_why_a_mentee_left_their_group(client_for, world):
    world.mentor.capacity = 2
    world.mentor.save()
    other = student(world, "Орлов")
    group = make_pair(world.programme, world.mentor, [world.mentee, other], active=True, name="Клуб")
    approve_replacement(world, group.members.get(mentee=world.mentee))
    page = client_for(world.users[Role.MENTOR]).get(reverse("pair_detail", args=[group.pk])).content.decode()
    assert "Наставляемый вышел: Никитин Артём Ильич" in page
    assert COMPLAINT not in page


def test_a_mentor_does_not_learn_that_a_mentee_withdrew_consent(client_for, world):
    pair = world_pair(world)
    withdraw_consent(
        consent=world.mentee_person.consents.get(),
        withdrawn_on=date(2026, 11, 2),
        reason="Заявление матери",
        user=world.users[Role.CURATOR],
    )
    page = client_for(world.users[Role.MENTOR]).get(reverse("pair_detail", args=[pair.pk])).content.decode()
    assert "Прекращена" in page
    assert "согласи" not in page.lower()


# --- the mentee ------------------------------------------------------------------------------------


def test_a_mentee_of_a_group_never_meets_the_others_on_any_page(client_for, world):
    world.mentor.capacity = 2
    world.mentor.save()
    group = make_pair(world.programme, world.mentor, [world.mentee, student(world, "Соседов")], active=True)
    member = group.members.get(mentee=world.mentee)
    client = client_for(world.users[Role.MENTEE])
    client.post(
        reverse("replacement_create", args=[member.pk]), {"reason": "Не совпадаем", "submit_token": "t"}
    )
    for url in (
        reverse("home"),
        reverse("pair_list"),
        reverse("pair_detail", args=[group.pk]),
        reverse("replacement_create", args=[member.pk]),
        reverse("replacement_mine"),
        reverse("my_preferences"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert "Соседов" not in page, url
        assert "Иванова Мария" not in page, url  # the representative who signed the consent
    other = group.members.exclude(pk=member.pk).get()
    assert client.get(reverse("replacement_create", args=[other.pk])).status_code == 404
    assert client.get(reverse("pair_agreement_pdf", args=[member.pk])).status_code == 403


def test_a_mentees_look_at_the_mentors_contact_is_in_the_access_journal(client_for, world):
    pair = world_pair(world)
    client_for(world.users[Role.MENTEE]).get(reverse("pair_detail", args=[pair.pk]))
    entry = AccessLogEntry.objects.get(user=world.users[Role.MENTEE], action=AccessLogEntry.Action.VIEW)
    assert entry.person == world.mentor_person
    assert entry.detail == f"Страница пары № {pair.pk}"


# --- another school's ids, posted -----------------------------------------------------------------


@pytest.fixture
def foreign(world):
    """A ready mentor, a waiting mentee and a draft pair of the other school."""
    mentor = teacher(world, "Чужакова", school=world.other_school)
    mentee = student(world, "Чужаков", school=world.other_school, programme=world.other_programme)
    pair = make_pair(
        world.other_programme,
        teacher(world, "Дальняя", school=world.other_school),
        student(world, "Далёкий", school=world.other_school, programme=world.other_programme),
    )
    return {"mentor": mentor, "mentee": mentee, "pair": pair}


def test_a_curator_cannot_pair_another_schools_people(client_for, world, foreign):
    client = client_for(world.users[Role.CURATOR])
    token = client.get(reverse("pair_create")).context["form"].initial["submit_token"]
    base = {
        "submit_token": token,
        "kind": "pair",
        "form": MentoringForm.objects.get(code="teacher-student").pk,
        "variant": "",
        "name": "",
        "start_date": "2026-10-01",
        "planned_end_date": "2027-05-20",
    }
    for mentor, mentee in ((foreign["mentor"], world.mentee), (world.mentor, foreign["mentee"])):
        response = client.post(reverse("pair_create"), {**base, "mentor": mentor.pk, "mentees": [mentee.pk]})
        assert response.status_code == 200
    assert not Pair.objects.filter(programme=world.programme).exists()


def test_a_curator_cannot_accept_a_match_row_of_another_school(client_for, world, foreign):
    client = client_for(world.users[Role.CURATOR])
    form = MentoringForm.objects.get(code="teacher-student")
    for row in (
        f"{foreign['mentee'].pk}:{world.mentor.pk}:{form.pk}",
        f"{world.mentee.pk}:{foreign['mentor'].pk}:{form.pk}",
    ):
        client.post(
            reverse("match_draft"),
            {"start_date": "01.10.2026", "planned_end_date": "31.05.2027", "submit_token": row, "one": row},
        )
    assert not Pair.objects.filter(mentor=foreign["mentor"]).exists()
    assert not Pair.objects.filter(programme=world.programme).exists()
    assert not Pair.objects.filter(members__mentee=foreign["mentee"]).exists()


def test_a_curator_cannot_put_another_schools_pair_into_an_order(client_for, world, foreign):
    own = make_pair(world.programme, world.mentor, world.mentee)
    client = client_for(world.users[Role.CURATOR])
    data = {
        "number": "21",
        "date": "2026-10-01",
        "period_start": "2026-10-01",
        "period_end": "2027-05-31",
        "plan_deadline": "2026-10-15",
        "curator_name": "Тестова Анна Петровна",
        "fix_pairs": [own.pk, foreign["pair"].pk],
        "submit_token": "order-x",
    }
    response = client.post(reverse("order_create"), data)
    assert response.status_code == 200
    assert not Order.objects.exists()


def test_a_curator_cannot_record_a_preference_for_another_schools_person(client_for, world, foreign):
    client = client_for(world.users[Role.CURATOR])
    client.post(reverse("preference_mentee", args=[world.mentee.pk]), {"first": foreign["mentor"].pk})
    client.post(reverse("preference_mentor", args=[world.mentor.pk]), {"first": foreign["mentee"].pk})
    assert not Preference.objects.exists()
    assert client.get(reverse("preference_mentee", args=[foreign["mentee"].pk])).status_code == 404
    assert client.get(reverse("preference_mentor", args=[foreign["mentor"].pk])).status_code == 404


# --- several roles ---------------------------------------------------------------------------------


def test_a_curator_acting_as_a_mentor_sees_only_the_pairs_they_mentor(client_for, world):
    curator = world.users[Role.CURATOR]
    core.grant_role(user=curator, role=Role.MENTOR, organisation=world.school)
    person = make_person(world.school, kind=Person.Kind.TEACHER, last_name="Кураторова", user=curator)
    give_consent(person)
    own = make_pair(
        world.programme, make_mentor(world.school, person), student(world, "Подопечный"), active=True
    )
    stranger = world_pair(world)
    client = client_for(curator)
    assert client.get(reverse("pair_detail", args=[stranger.pk])).status_code == 200
    switch_role(client, Role.MENTOR)
    listing = client.get(reverse("pair_list")).content.decode()
    assert "Подопечный" in listing and "Никитин" not in listing
    assert client.get(reverse("pair_detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("pair_detail", args=[stranger.pk])).status_code == 404
    assert client.get(reverse("pair_agreement_pdf", args=[stranger.members.get().pk])).status_code == 404


def test_a_mentor_in_two_schools_sees_the_chosen_schools_pairs_only(client_for, world):
    user = world.users[Role.MENTOR]
    core.grant_role(user=user, role=Role.MENTOR, organisation=world.other_school)
    near = world_pair(world)
    far = make_pair(
        world.other_programme,
        teacher(world, "Дальняя", school=world.other_school),
        student(world, "Далёкий", school=world.other_school, programme=world.other_programme),
        active=True,
    )
    client = client_for(user)
    switch_organisation(client, world.school)
    assert client.get(reverse("pair_detail", args=[near.pk])).status_code == 200
    assert client.get(reverse("pair_detail", args=[far.pk])).status_code == 404
    switch_organisation(client, world.other_school)
    assert client.get(reverse("pair_detail", args=[near.pk])).status_code == 404
    assert "Никитин" not in client.get(reverse("pair_list")).content.decode()


def test_a_mentors_home_figures_count_the_chosen_schools_pairs_only(client_for, world):
    user = world.users[Role.MENTOR]
    core.grant_role(user=user, role=Role.MENTOR, organisation=world.other_school)
    world_pair(world)
    client = client_for(user)
    switch_organisation(client, world.other_school)
    stats = {row["label"]: row["value"] for row in client.get(reverse("home"), follow=True).context["stats"]}
    assert stats["Моих пар и групп"] == 0 and stats["Моих наставляемых"] == 0


# --- the municipal curator ---------------------------------------------------------------------------


def test_the_municipal_curator_sees_numbers_and_no_names(client_for, world):
    pair = world_pair(world)
    client = client_for(world.users[Role.MUNICIPAL])
    page = client.get(reverse("home")).content.decode()
    assert "Никитин" not in page and "Соколова" not in page
    for url in (reverse("pair_list"), reverse("pair_detail", args=[pair.pk]), reverse("pair_export")):
        assert client.get(url).status_code == 403


# --- the order on paper ------------------------------------------------------------------------------


def test_an_order_ending_a_pair_does_not_print_the_mentees_complaint(world):
    draft = make_pair(world.programme, world.mentor, world.mentee)
    original = register(new_order(world, [draft]), world)
    pair = Pair.objects.get(pk=draft.pk)
    approve_replacement(world, pair.members.get())
    later = new_order(
        world,
        [],
        number="40-од",
        date=date(2026, 11, 25),
        plan_deadline=date(2026, 12, 9),
        end_pairs=[pair],
        amends=original,
    )
    (row,) = order_context(later)["end_rows"]
    # Every mentor in the order signs «С приказом ознакомлены»: a child's complaint has no place there.
    assert COMPLAINT not in row.reason


def test_a_draft_pair_stays_with_the_curator_until_the_order_fixes_it(client_for, world):
    draft = make_pair(world.programme, world.mentor, world.mentee)
    for role in (Role.MENTOR, Role.MENTEE):
        client = client_for(world.users[role])
        assert client.get(reverse("pair_detail", args=[draft.pk])).status_code == 404
        assert "Никитин" not in client.get(reverse("pair_list")).content.decode()
    assert (
        client_for(world.users[Role.CURATOR]).get(reverse("pair_detail", args=[draft.pk])).status_code == 200
    )
    activate_pair(pair=draft, day=draft.start_date, text="Приказ № 1 от 01.10.2026", user=None)
    assert (
        client_for(world.users[Role.MENTEE]).get(reverse("pair_detail", args=[draft.pk])).status_code == 200
    )
    assert "Никитин" in client_for(world.users[Role.MENTOR]).get(reverse("pair_list")).content.decode()
