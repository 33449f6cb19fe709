"""Preferences after the common meeting: up to three counterparts in order, by the curator or by
the participants themselves; mutual choices are marked and feed the matching's score."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mentoring.roles import Role
from pairs.models import Preference
from pairs.selectors.preferences import preference_ranks
from pairs.services.preferences import set_preferences
from participants.models import Mentee, Mentor
from tests.factories import give_consent, make_mentee, make_mentor, make_person
from tests.pair_factories import make_pair

Side = Preference.Side


def mentor(world, last_name: str, *, consent=True, **fields) -> Mentor:
    person = make_person(world.school, kind="teacher", last_name=last_name, position="Учитель физики")
    if consent:
        give_consent(person)
    return make_mentor(world.school, person, **fields)


def mentee(world, last_name: str, *, consent=True, **fields) -> Mentee:
    person = make_person(
        world.school, last_name=last_name, grade=7, class_letter="Б", phone="+7 900 000-00-00"
    )
    if consent:
        give_consent(person)
    return make_mentee(world.programme, person, **fields)


def mentee_choice(world, chooser, choices):
    return set_preferences(
        programme=world.programme,
        side=Side.MENTEE,
        chooser=chooser,
        choices=choices,
        user=world.users[Role.CURATOR],
    )


def mentor_choice(world, chooser, choices):
    return set_preferences(
        programme=world.programme,
        side=Side.MENTOR,
        chooser=chooser,
        choices=choices,
        user=world.users[Role.CURATOR],
    )


def listed(**lookup) -> list[tuple[str, int]]:
    rows = (
        Preference.objects.filter(**lookup)
        .order_by("rank")
        .select_related("mentor__person", "mentee__person")
    )
    return [
        (p.mentor.person.last_name if p.side == Side.MENTEE else p.mentee.person.last_name, p.rank)
        for p in rows
    ]


# --- the service ----------------------------------------------------------------------------------


def test_it_keeps_the_order_and_replaces_the_whole_list(world):
    first, second = mentor(world, "Первова"), mentor(world, "Вторая")
    mentee_choice(world, world.mentee, [second, world.mentor, first])
    assert listed(mentee=world.mentee) == [("Вторая", 1), ("Соколова", 2), ("Первова", 3)]
    mentee_choice(world, world.mentee, [first])
    mentee_choice(world, world.mentee, [first])  # the same list saved twice is still one list
    assert listed(mentee=world.mentee) == [("Первова", 1)]
    mentee_choice(world, world.mentee, [])
    assert not Preference.objects.exists()


def test_it_refuses_more_than_three_and_the_same_person_twice(world):
    mentors = [world.mentor] + [mentor(world, f"Запасова{n}") for n in range(3)]
    with pytest.raises(ValidationError, match="не больше 3"):
        mentee_choice(world, world.mentee, mentors)
    with pytest.raises(ValidationError, match="выбран дважды"):
        mentee_choice(world, world.mentee, [world.mentor, world.mentor])
    assert not Preference.objects.exists()


def test_it_records_nothing_for_people_without_consent(world):
    silent = mentee(world, "Безсогласиев", consent=False)
    with pytest.raises(ValidationError, match="нет действующего согласия"):
        mentee_choice(world, silent, [world.mentor])
    with pytest.raises(ValidationError, match="нет действующего согласия"):
        mentor_choice(world, world.mentor, [silent])
    with pytest.raises(ValidationError, match="нет действующего согласия"):
        mentee_choice(world, world.mentee, [mentor(world, "Безподписи", consent=False)])
    assert not Preference.objects.exists()


def test_it_offers_a_mentee_only_ready_mentors_of_the_school(world):
    with pytest.raises(ValidationError, match="ещё не готов к работе"):
        mentee_choice(world, world.mentee, [mentor(world, "Кандидатова", stage=Mentor.Stage.CANDIDATE)])
    stranger = make_mentor(world.other_school, make_person(world.other_school, kind="teacher"))
    with pytest.raises(ValidationError, match="не из организации программы"):
        mentee_choice(world, world.mentee, [stranger])
    other_programme_mentee = make_mentee(world.other_programme, make_person(world.other_school))
    with pytest.raises(ValidationError, match="не в базе наставляемых этой программы"):
        mentor_choice(world, world.mentor, [other_programme_mentee])
    assert not Preference.objects.exists()


def test_it_gives_the_matching_both_sides_ranks(world):
    second = mentee(world, "Вторушин")
    mentee_choice(world, world.mentee, [mentor(world, "Первова"), world.mentor])
    mentor_choice(world, world.mentor, [second, world.mentee])
    ranks = preference_ranks(world.programme)
    assert ranks[(world.mentee.pk, world.mentor.pk)] == (2, 2)
    assert ranks[(second.pk, world.mentor.pk)] == (None, 1)
    assert len(ranks) == 3


# --- the pages ------------------------------------------------------------------------------------


def test_it_marks_mutual_choices_in_the_curators_table(client_for, world):
    other_mentor, other_mentee = mentor(world, "Первова"), mentee(world, "Вторушин")
    mentee_choice(world, world.mentee, [world.mentor, other_mentor])
    mentor_choice(world, world.mentor, [world.mentee])
    mentor_choice(world, other_mentor, [other_mentee])
    page = client_for(world.users[Role.DIRECTOR]).get(reverse("preference_list")).content.decode()
    mentees_table = page[page.index('id="mentee-choices"') : page.index('id="mentor-choices"')]
    mentors_table = page[page.index('id="mentor-choices"') :]
    assert mentees_table.count("взаимно") == 1 and mentors_table.count("взаимно") == 1
    row = mentees_table[mentees_table.index("Никитин Артём Ильич") :]
    assert row.index("Соколова") < row.index("взаимно") < row.index("Первова")
    assert "Вторушин" in mentors_table
    assert "изменить" not in page  # the director reads; the curator enters


def test_it_lets_the_curator_enter_a_mentees_choices(client_for, world):
    first = mentor(world, "Первова")
    mentor(world, "Кандидатова", stage=Mentor.Stage.CANDIDATE)
    client = client_for(world.users[Role.CURATOR])
    url = reverse("preference_mentee", kwargs={"mentee_id": world.mentee.pk})
    form = client.get(url).content.decode()
    assert "Первова" in form and "Соколова" in form and "Кандидатова" not in form
    response = client.post(url, {"first": first.pk, "second": "", "third": world.mentor.pk})
    assert response["Location"] == reverse("preference_list")
    assert listed(mentee=world.mentee) == [("Первова", 1), ("Соколова", 2)]
    response = client.post(url, {"first": first.pk, "second": first.pk})
    assert "выбран дважды" in response.content.decode()
    assert listed(mentee=world.mentee) == [("Первова", 1), ("Соколова", 2)]
    assert 'href="' + url + '"' in client.get(reverse("preference_list")).content.decode()


def test_it_lets_the_curator_enter_a_mentors_choices_among_waiting_mentees(client_for, world):
    waiting = mentee(world, "Ждущий")
    paired = mentee(world, "Занятой")
    make_pair(world.programme, mentor(world, "Занятова"), paired)
    mentee(world, "Безсогласиев", consent=False)
    client = client_for(world.users[Role.CURATOR])
    url = reverse("preference_mentor", kwargs={"mentor_id": world.mentor.pk})
    form = client.get(url).content.decode()
    assert "Ждущий" in form and "Никитин" in form
    assert "Занятой" not in form and "Безсогласиев" not in form
    client.post(url, {"first": waiting.pk, "second": world.mentee.pk})
    assert listed(mentor=world.mentor) == [("Ждущий", 1), ("Никитин", 2)]


def test_it_refuses_the_curator_a_list_for_a_person_without_consent(client_for, world):
    silent = mentee(world, "Безсогласиев", consent=False)
    client = client_for(world.users[Role.CURATOR])
    url = reverse("preference_mentee", kwargs={"mentee_id": silent.pk})
    page = client.get(url).content.decode()
    assert "нет действующего согласия" in page and "Сохранить" not in page
    client.post(url, {"first": world.mentor.pk})
    assert not Preference.objects.exists()


def test_it_lets_a_mentee_name_their_own_mentors(client_for, world):
    client = client_for(world.users[Role.MENTEE])
    page = client.get(reverse("my_preferences")).content.decode()
    assert "Соколова Ирина Викторовна, учитель" in page
    response = client.post(reverse("my_preferences"), {"first": world.mentor.pk})
    assert response["Location"] == reverse("my_preferences")
    saved = Preference.objects.get()
    assert (saved.side, saved.mentee, saved.mentor, saved.entered_by) == (
        Side.MENTEE,
        world.mentee,
        world.mentor,
        world.users[Role.MENTEE],
    )


def test_it_shows_a_mentor_only_the_name_and_class_of_the_children(client_for, world):
    child = mentee(world, "Ждущий")
    client = client_for(world.users[Role.MENTOR])
    page = client.get(reverse("my_preferences")).content.decode()
    assert f"{child.person.full_name}, 7Б класс" in page
    assert "+7 900" not in page and "14.03.2012" not in page and "согласи" not in page.lower()
    client.post(reverse("my_preferences"), {"first": child.pk})
    assert listed(mentor=world.mentor, side=Side.MENTOR) == [("Ждущий", 1)]


def test_it_explains_when_the_participant_is_not_in_the_programme(client_for, world):
    world.mentee.delete()
    response = client_for(world.users[Role.MENTEE]).get(reverse("my_preferences"))
    assert response.status_code == 200
    assert "Вас нет в базе наставляемых текущей программы" in response.content.decode()


def test_it_shows_the_table_in_a_fixed_number_of_queries(client_for, world, django_assert_max_num_queries):
    mentee_choice(world, world.mentee, [world.mentor])
    client = client_for(world.users[Role.CURATOR])
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("preference_list"))
    mentors = [mentor(world, f"Наставникова{n}") for n in range(4)]
    choosers = [mentee(world, f"Учеников{n}") for n in range(6)]
    for chooser in choosers:
        mentee_choice(world, chooser, mentors[:3])
    mentor_choice(world, mentors[0], choosers[:2])
    mentor_choice(world, mentors[1], choosers[2:3])
    mentor_choice(world, mentors[3], choosers[3:6])  # nobody named the fourth mentor
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(reverse("preference_list")).content.decode()
    assert page.count("взаимно") == 3 * 2  # each mutual choice is marked in both tables
    assert "Взаимных выборов: 3." in page
