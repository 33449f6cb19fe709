"""`manage.py load_demo`: what somebody trying the demo finds in it."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.utils import timezone

from mentoring.models import Membership, Municipality, Organisation, Programme, User
from mentoring.roles import Role
from participants.models import Person

PASSWORD = "demo"
ROLE_OF_LOGIN = {
    "curator": Role.CURATOR,
    "director": Role.DIRECTOR,
    "mentor": Role.MENTOR,
    "mentee": Role.MENTEE,
    "municipal": Role.MUNICIPAL,
}


def load_demo(*args: str) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def log_in(username: str) -> User | None:
    # Axes, which guards the login, wants the request the credentials came with.
    return authenticate(RequestFactory().post("/login/"), username=username, password=PASSWORD)


def demo_school() -> Organisation:
    return Organisation.objects.get(short_name="МБОУ СОШ № 7")


def snapshot() -> dict[str, object]:
    return {
        "organisations": sorted(Organisation.objects.values_list("pk", "short_name")),
        "users": sorted(User.objects.values_list("pk", "username", "password")),
        "people": Person.objects.count(),
        "programmes": Programme.objects.count(),
        "memberships": Membership.objects.count(),
    }


@pytest.mark.django_db
def test_it_creates_the_six_logins_with_password_demo_and_their_roles():
    output = load_demo()

    for username, role in ROLE_OF_LOGIN.items():
        user = log_in(username)
        assert user is not None, username
        assert list(user.memberships.values_list("role", flat=True)) == [role]
    admin = log_in("admin")
    assert admin is not None
    assert admin.is_staff and admin.is_superuser
    assert not admin.memberships.exists()
    for username in [*ROLE_OF_LOGIN, "admin"]:
        assert f"  {username} " in output
    assert "http://127.0.0.1:8000/" in output


@pytest.mark.django_db
def test_it_gives_the_smaller_schools_their_own_curator_and_director():
    output = load_demo()

    for username in ("curator2", "director2", "curator3", "director3"):
        user = log_in(username)
        assert user is not None, username
        school = user.memberships.get().organisation
        assert school != demo_school()
        assert username in output
    assert log_in("director2").memberships.get().organisation.head_name == log_in("director2").get_full_name()


@pytest.mark.django_db
def test_it_fills_the_demo_school_with_classes_of_grades_5_to_11_and_a_staff_room():
    load_demo()
    today = timezone.localdate()
    school = demo_school()

    students = list(Person.objects.filter(organisation=school, kind=Person.Kind.STUDENT))
    assert 350 <= len(students) <= 450
    assert all(5 <= s.grade <= 11 and s.class_letter for s in students)
    # Children start school at 6½–7½: a 5th grader is 10 to 12 in the course of the year.
    assert {s.age_on(today) - s.grade for s in students} <= {5, 6, 7}
    assert len({s.class_label for s in students}) >= 14

    teachers = list(Person.objects.filter(organisation=school, kind=Person.Kind.TEACHER))
    assert 40 <= len(teachers) <= 50
    young = [t for t in teachers if t.experience_years <= 3]
    assert len(young) >= 3
    assert all(t.age_on(today) < 35 and not t.qualification_category for t in young)
    assert all(t.email.endswith("@school7.example") for t in teachers)
    assert len({t.email for t in teachers}) == len(teachers)

    others = set(Person.objects.filter(organisation=school).values_list("kind", flat=True))
    assert {Person.Kind.PARENT, Person.Kind.GRADUATE, Person.Kind.EXTERNAL} <= others


@pytest.mark.django_db
def test_it_links_the_school_accounts_to_people_of_the_school():
    load_demo()
    school = demo_school()

    def person(username: str) -> Person:
        return Person.objects.get(user__username=username, organisation=school)

    assert person("curator").kind == Person.Kind.TEACHER
    assert person("curator").position == "Заместитель директора по УВР"
    assert person("mentor").kind == Person.Kind.TEACHER
    assert person("mentor").qualification_category == Person.Category.HIGHEST
    assert (person("mentee").kind, person("mentee").grade) == (Person.Kind.STUDENT, 8)
    assert person("director").position == "Директор"
    assert (
        school.head_name
        == person("director").full_name
        == User.objects.get(username="director").get_full_name()
    )


@pytest.mark.django_db
def test_it_names_people_like_a_russian_school_list():
    load_demo()

    women = Person.objects.filter(gender=Person.Gender.FEMALE)
    men = Person.objects.filter(gender=Person.Gender.MALE)
    assert women.exists() and men.exists()
    assert all(p.middle_name.endswith("на") for p in women)
    assert all(p.middle_name.endswith("ич") for p in men)
    # «Смирнова», never «Смирнов Анастасия».
    assert not women.filter(last_name__regex=r"(ов|ев|ёв|ин|ский)$").exists()


@pytest.mark.django_db
def test_it_puts_three_schools_in_the_district_of_the_municipal_curator_and_one_outside():
    load_demo()

    district = User.objects.get(username="municipal").memberships.get().municipality
    assert district.organisations.count() == 3
    assert demo_school().municipality == district
    assert Organisation.objects.exclude(municipality=district).count() == 1
    assert Municipality.objects.count() == 2


@pytest.mark.django_db
def test_it_runs_a_current_programme_that_covers_today():
    load_demo()
    today = timezone.localdate()

    programme = Programme.objects.get(organisation=demo_school(), is_current=True)
    assert programme.status == Programme.Status.RUNNING
    assert programme.start_date <= today <= programme.end_date
    assert programme.start_date.month == 9 and programme.start_date.day == 1
    assert set(programme.forms.values_list("code", flat=True)) == {
        "student-student",
        "teacher-teacher",
        "teacher-student",
    }
    previous = Programme.objects.get(organisation=demo_school(), is_current=False)
    assert previous.status == Programme.Status.COMPLETED
    assert previous.end_date < programme.start_date
    # Every school of the district has a running programme of its own.
    district = demo_school().municipality
    assert Programme.objects.filter(organisation__municipality=district, is_current=True).count() == 3


@pytest.mark.django_db
def test_it_refuses_a_second_run_without_force_and_changes_nothing():
    load_demo()
    before = snapshot()

    with pytest.raises(CommandError, match="--force"):
        load_demo()

    assert snapshot() == before


@pytest.mark.django_db
def test_it_refuses_a_database_with_only_an_account_in_it():
    User.objects.create_user(username="someone", password="x-secret-42")

    with pytest.raises(CommandError, match="1 учётная запись"):
        load_demo()

    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_it_reloads_with_force():
    load_demo()
    Organisation.objects.create(
        municipality=Municipality.objects.first(), name="Лишняя школа", short_name="Лишняя"
    )
    User.objects.create_user(username="someone", password="x-secret-42")
    first = snapshot()

    load_demo("--force")

    assert not Organisation.objects.filter(short_name="Лишняя").exists()
    assert not User.objects.filter(username="someone").exists()
    assert log_in("curator") is not None
    again = snapshot()
    assert again["people"] == first["people"]
    assert len(again["organisations"]) == len(first["organisations"]) - 1


@pytest.mark.django_db
def test_it_gives_the_same_people_for_the_same_seed_and_others_for_another():
    def names() -> list[tuple[str, str, str, object]]:
        return list(
            Person.objects.order_by("pk").values_list("last_name", "first_name", "middle_name", "birth_date")
        )

    load_demo("--seed", "7")
    first = names()
    load_demo("--force", "--seed", "7")
    assert names() == first
    load_demo("--force", "--seed", "8")
    assert names() != first


@pytest.mark.django_db
def test_it_leaves_a_filled_database_alone_when_asked_if_empty():
    load_demo()
    before = Person.objects.count()
    out = load_demo("--if-empty")
    assert "База уже заполнена" in out
    assert "curator" in out and "«demo»" in out
    assert Person.objects.count() == before
