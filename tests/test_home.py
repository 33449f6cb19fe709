"""Each role's «Рабочий стол»: real facts of the organisation, the role's menu, few queries."""

import pytest
from django.urls import reverse

from mentoring import services
from mentoring.roles import Role
from participants.models import Person

HOME_TITLES = {
    Role.CURATOR: "Рабочий стол куратора",
    Role.DIRECTOR: "Рабочий стол руководителя",
    # The mentor's home is the pairs app's «Мои наставляемые» (tests/test_mentor_desk.py).
    Role.MENTOR: "Мои наставляемые",
    Role.MENTEE: "Рабочий стол наставляемого",
    Role.MUNICIPAL: "Рабочий стол муниципального куратора",
    Role.STAFF: "Рабочий стол администратора системы",
}


@pytest.fixture
def pupils(world):
    people = [
        Person(
            organisation=world.school,
            kind=Person.Kind.STUDENT,
            last_name=f"Ученикова{i}",
            first_name="Вера",
            grade=5 + i % 7,
            class_letter="А",
        )
        for i in range(30)
    ]
    people += [
        Person(
            organisation=world.school, kind=Person.Kind.TEACHER, last_name=f"Учителев{i}", first_name="Иван"
        )
        for i in range(4)
    ]
    Person.objects.bulk_create(people)


@pytest.mark.parametrize("role", list(HOME_TITLES))
def test_it_shows_each_role_its_home_in_russian(
    client_for, world, pupils, role, django_assert_max_num_queries
):
    client = client_for(world.users[role])
    # One aggregate query per app's figures on top of the session, access and programme; the mentor's
    # and the director's homes are feature pages of their own (the desk, the dashboard).
    limit = {Role.MENTOR: 22, Role.DIRECTOR: 25}.get(role, 14)
    with django_assert_max_num_queries(limit):
        response = client.get(reverse("home"), follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ru">' in page
    assert HOME_TITLES[role] in page
    if role in (Role.CURATOR, Role.DIRECTOR, Role.MENTOR, Role.MENTEE):
        assert "Путь к успеху!" in page
        assert "01.09.2026 – 31.05.2027" in page
        assert world.school.name in page


def test_it_gives_the_curator_the_schools_counts(client_for, world, pupils):
    page = client_for(world.users[Role.CURATOR]).get(reverse("home")).content.decode()
    # The pupils fixture's 30 and 4, plus the world's mentee and mentor.
    assert ">31<" in page and "Обучающихся" in page
    assert ">5<" in page and "Педагогов" in page
    assert "1 наставник" in page
    assert "1 наставляемый" in page


def test_it_shows_the_curator_menu_but_not_the_mentee(client_for, world):
    curator_page = client_for(world.users[Role.CURATOR]).get(reverse("home")).content.decode()
    assert reverse("programme_list") in curator_page
    mentee_page = client_for(world.users[Role.MENTEE]).get(reverse("home")).content.decode()
    assert reverse("programme_list") not in mentee_page


def test_it_lets_a_person_with_two_roles_switch(client_for, world):
    teacher = world.users[Role.MENTOR]
    services.grant_role(user=teacher, role=Role.CURATOR, organisation=world.school)
    client = client_for(teacher)
    assert "Рабочий стол куратора" in client.get(reverse("home")).content.decode()
    client.post(reverse("switch_role"), {"role": Role.MENTOR})
    page = client.get(reverse("home"), follow=True).content.decode()
    assert "Мои наставляемые" in page
    assert "Роль: Наставник" in page


def test_it_ignores_a_switch_to_a_role_not_held(client_for, world):
    client = client_for(world.users[Role.MENTEE])
    client.post(reverse("switch_role"), {"role": Role.CURATOR})
    assert "Рабочий стол наставляемого" in client.get(reverse("home")).content.decode()


def test_it_switches_between_organisations_of_one_person(client_for, world):
    teacher = world.users[Role.MENTOR]
    services.grant_role(user=teacher, role=Role.CURATOR, organisation=world.other_school)
    client = client_for(teacher)
    client.post(reverse("switch_organisation"), {"organisation": world.other_school.pk})
    page = client.get(reverse("home")).content.decode()
    assert world.other_school.name in page
    assert "Рабочий стол куратора" in page
    # An organisation the person has no role in cannot be switched to.
    client.post(reverse("switch_organisation"), {"organisation": 999999})
    assert world.other_school.name in client.get(reverse("home")).content.decode()


def test_it_tells_a_user_without_roles_what_to_do(client_for, world):
    response = client_for(world.users["nobody"]).get(reverse("home"))
    assert response.status_code == 403
    assert "пока нет ни одной роли" in response.content.decode()


def test_it_shows_the_municipal_curator_only_the_district_and_no_names(client_for, world, pupils):
    client = client_for(world.users[Role.MUNICIPAL])
    page = client.get(reverse("home")).content.decode()
    assert "МБОУ СОШ № 7" in page
    assert "МБОУ СОШ № 12" not in page
    assert "Ученикова" not in page
    detail = client.get(reverse("municipal_organisation", args=[world.school.pk])).content.decode()
    assert "Путь к успеху!" in detail
    assert "31</div>" in detail
    assert "Ученикова" not in detail and "Учителев" not in detail
    other = client.get(reverse("municipal_organisation", args=[world.other_school.pk]))
    assert other.status_code == 404


def test_it_keeps_the_municipal_list_to_a_fixed_number_of_queries(
    client_for, world, django_assert_max_num_queries
):
    from tests.conftest import make_school

    for n in range(15):
        make_school(world.district, f"МБОУ ООШ № {n + 30}")
    client = client_for(world.users[Role.MUNICIPAL])
    with django_assert_max_num_queries(8):
        page = client.get(reverse("home")).content.decode()
    assert "16 организаций" in page


def test_it_lists_the_forms_of_mentoring_with_variants(client_for, world):
    page = client_for(world.users[Role.CURATOR]).get(reverse("mentoring_forms")).content.decode()
    for name in (
        "Ученик – ученик",
        "Учитель – учитель",
        "Учитель – ученик",
        "Студент – ученик",
        "Работодатель – ученик",
        "Работодатель – студент",
    ):
        assert name in page
    assert "Новичок – мастер" in page
    assert "Лидер – пассивный" in page
