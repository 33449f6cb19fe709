"""The people of the organisation: list, card, create and edit, and the access journal."""

import pytest
from django.urls import reverse

from mentoring.plural import plural_ru
from mentoring.roles import Role
from participants.models import AccessLogEntry, Person
from tests.factories import give_consent, make_person


@pytest.fixture
def classes(world):
    people = [
        make_person(world.school, last_name=f"Ученикова{i}", grade=5 + i % 3, class_letter="АБ"[i % 2])
        for i in range(12)
    ]
    for person in people[:8]:
        give_consent(person)
    return people


def test_it_lists_the_schools_people_in_bounded_queries(
    client_for, world, classes, django_assert_max_num_queries
):
    client = client_for(world.users[Role.CURATOR])
    with django_assert_max_num_queries(8):
        page = client.get(reverse("person_list")).content.decode()
    assert "Ученикова0" in page and "Никитин Артём Ильич" in page
    for i in range(40):
        make_person(world.school, last_name=f"Новикова{i}")
    with django_assert_max_num_queries(8):
        assert client.get(reverse("person_list"), {"page": 2}).status_code == 200


def test_it_never_lists_another_schools_people(client_for, world, classes):
    make_person(world.other_school, last_name="Чужаков")
    page = client_for(world.users[Role.CURATOR]).get(reverse("person_list")).content.decode()
    assert "Чужаков" not in page


def test_it_filters_people_by_class_and_missing_consent(client_for, world, classes):
    client = client_for(world.users[Role.CURATOR])
    page = client.get(reverse("person_list"), {"school_class": "5А"}).content.decode()
    shown = {p.last_name for p in classes if p.last_name in page}
    assert shown == {p.last_name for p in classes if p.grade == 5 and p.class_letter == "А"}
    no_consent = client.get(reverse("person_list"), {"consent": "no"}).content.decode()
    assert "Ученикова11" in no_consent and "Ученикова0 " not in no_consent
    assert "нет согласия" in no_consent.lower()


def test_it_searches_by_any_part_of_the_name(client_for, world, classes):
    page = (
        client_for(world.users[Role.DIRECTOR])
        .get(reverse("person_list"), {"q": "артём никитин"})
        .content.decode()
    )
    assert "Никитин Артём Ильич" in page
    assert "Ученикова" not in page


def test_it_creates_a_person_once_on_a_double_submit(client_for, world):
    client = client_for(world.users[Role.CURATOR])
    form = client.get(reverse("person_create")).context["form"]
    data = {
        "submit_token": form.initial["submit_token"],
        "kind": "student",
        "last_name": "Петрова",
        "first_name": "Мария",
        "middle_name": "Олеговна",
        "birth_date": "2013-04-02",
        "grade": "7",
        "class_letter": "б",
    }
    first = client.post(reverse("person_create"), data)
    second = client.post(reverse("person_create"), data)
    assert first["Location"] == second["Location"]
    person = Person.objects.get(last_name="Петрова")
    assert person.class_label == "7Б"
    assert AccessLogEntry.objects.filter(person=person, action="create").count() == 1


def test_it_refuses_a_student_without_a_class_in_russian(client_for, world):
    response = client_for(world.users[Role.CURATOR]).post(
        reverse("person_create"), {"kind": "student", "last_name": "Петрова", "first_name": "Мария"}
    )
    assert "Для обучающегося укажите класс." in response.content.decode()
    assert not Person.objects.filter(last_name="Петрова").exists()


def test_it_refuses_a_second_card_for_the_same_person(client_for, world):
    response = client_for(world.users[Role.CURATOR]).post(
        reverse("person_create"),
        {
            "kind": "student",
            "last_name": "никитин",
            "first_name": "Артём",
            "middle_name": "Ильич",
            "birth_date": "2012-03-14",
            "grade": "8",
        },
    )
    assert "уже есть в организации" in response.content.decode()
    assert Person.objects.filter(last_name__iexact="Никитин").count() == 1


def test_it_refuses_a_stale_edit_and_shows_what_changed(client_for, world):
    client = client_for(world.users[Role.CURATOR])
    person = world.mentee_person
    url = reverse("person_edit", args=[person.pk])
    data = {
        "kind": "student",
        "last_name": "Никитин",
        "first_name": "Артём",
        "middle_name": "Ильич",
        "birth_date": "2012-03-14",
        "grade": "8",
        "class_letter": "А",
        "version": "0",
    }
    assert client.post(url, {**data, "phone": "+7 900 000-00-01"}).status_code == 302
    stale = client.post(url, {**data, "phone": "+7 900 000-00-02"})
    page = stale.content.decode()
    assert "изменил другой пользователь" in page and "+7 900 000-00-01" in page
    person.refresh_from_db()
    assert person.phone == "+7 900 000-00-01"


def test_it_logs_each_view_of_a_card_for_the_director(client_for, world):
    client_for(world.users[Role.CURATOR]).get(reverse("person_detail", args=[world.mentee_person.pk]))
    director = client_for(world.users[Role.DIRECTOR])
    journal = director.get(reverse("access_log")).content.decode()
    assert "Просмотр" in journal and "Никитин Артём Ильич" in journal
    assert world.users[Role.CURATOR].get_full_name() in journal


def test_it_shows_the_card_with_consent_and_programme(client_for, world):
    page = client_for(world.users[Role.CURATOR]).get(reverse("person_detail", args=[world.mentee_person.pk]))
    text = page.content.decode()
    assert "Путь к успеху!" in text
    assert "14.03.2012" in text
    age = world.mentee_person.age
    assert f"14.03.2012 ({age} {plural_ru(age, ('год', 'года', 'лет'))})" in text


def test_it_shows_a_mentee_only_their_own_record(client_for, world):
    client = client_for(world.users[Role.MENTEE])
    page = client.get(reverse("my_record")).content.decode()
    assert "Никитин Артём Ильич" in page and "Хочу подтянуть алгебру" in page
    assert client.get(reverse("person_detail", args=[world.mentee_person.pk])).status_code == 403


def test_it_shows_a_mentor_no_child_without_a_pair(client_for, world):
    page = client_for(world.users[Role.MENTOR]).get(reverse("my_mentees")).content.decode()
    assert "Никитин" not in page
    assert "не закреплён ни один наставляемый" in page


def test_it_shows_a_mentor_their_mentees_names_and_requests_but_no_contacts(client_for, world, settings):
    from participants import hooks

    world.mentee_person.representative_phone = "+7 999 123-45-67"
    world.mentee_person.save()
    provider = lambda user: Person.objects.filter(pk=world.mentee_person.pk).values("pk")  # noqa: E731
    hooks.register_mentor_people(provider)
    try:
        page = client_for(world.users[Role.MENTOR]).get(reverse("my_mentees")).content.decode()
    finally:
        hooks._mentor_people.remove(provider)
    assert "Никитин Артём Ильич" in page and "8А" in page and "Хочу подтянуть алгебру" in page
    assert "+7 999 123-45-67" not in page
    assert "Иванова Мария Петровна" not in page  # the representative who signed the consent


def test_it_keeps_the_journal_page_to_a_fixed_number_of_queries(
    client_for, world, classes, django_assert_max_num_queries
):
    curator = client_for(world.users[Role.CURATOR])
    for person in classes:
        curator.get(reverse("person_detail", args=[person.pk]))
    director = client_for(world.users[Role.DIRECTOR])
    with django_assert_max_num_queries(8):
        page = director.get(reverse("access_log")).content.decode()
    assert page.count("Просмотр") >= len(classes)
    outsider_page = client_for(world.users["outsider"]).get(reverse("access_log")).content.decode()
    assert "Ученикова" not in outsider_page
