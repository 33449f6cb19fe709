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
from participants.models import Attendance, Consent, Mentee, MenteeRequest, Mentor, Person, Topic
from participants.selectors.consents import has_valid_consent

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

    # The one student whose family withdrew the consent has lost the class letter and the birth date.
    students = list(
        Person.objects.filter(organisation=school, kind=Person.Kind.STUDENT, pseudonymised_at=None)
    )
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

    named = Person.objects.filter(pseudonymised_at=None)  # not «Участник 7F3A2C»
    women = named.filter(gender=Person.Gender.FEMALE)
    men = named.filter(gender=Person.Gender.MALE)
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
        # A pseudonym is keyed to the record, not to the seed: the one withdrawn person is left out.
        people = Person.objects.filter(pseudonymised_at=None).order_by("pk")
        return list(people.values_list("last_name", "first_name", "middle_name", "birth_date"))

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


def current_programme() -> Programme:
    return Programme.objects.get(organisation=demo_school(), is_current=True)


@pytest.mark.django_db
def test_it_fills_the_mentee_base_with_students_and_teachers_and_their_requests():
    load_demo()
    mentees = Mentee.objects.filter(programme=current_programme()).select_related("person")

    students = [m for m in mentees if m.person.kind == Person.Kind.STUDENT]
    teachers = [m for m in mentees if m.person.kind == Person.Kind.TEACHER]
    assert 50 <= len(students) <= 70
    assert {m.person.grade for m in students} == set(range(5, 12))
    assert 6 <= len(teachers) <= 10
    assert any(m.person.experience_years <= 3 for m in teachers)
    assert all(m.requests.exists() and m.categories.exists() for m in mentees)
    assert all(1 <= m.requests.count() <= 3 for m in mentees)
    requests = MenteeRequest.objects.filter(mentee__programme=current_programme())
    requested = Topic.objects.filter(requests__in=requests).distinct()
    assert requested.count() > 12
    # Students' requests come with their legal representative, who also signed their consents.
    named = [m.person for m in students if not m.person.is_pseudonymised]
    assert all(p.representative_name and p.representative_relation and p.representative_phone for p in named)


@pytest.mark.django_db
def test_it_fills_the_mentor_base_at_every_stage_with_gaps_in_the_request_map():
    load_demo()
    mentors = Mentor.objects.filter(organisation=demo_school()).select_related("person")

    assert 20 <= mentors.count() <= 30
    assert set(mentors.values_list("stage", flat=True)) == set(Mentor.Stage.values)
    assert set(mentors.values_list("contour", flat=True)) == set(Mentor.Contour.values)
    kinds = set(mentors.values_list("person__kind", flat=True))
    assert {Person.Kind.TEACHER, Person.Kind.STUDENT, Person.Kind.PARENT, Person.Kind.GRADUATE} <= kinds
    assert all(m.person.grade in (10, 11) for m in mentors if m.person.kind == Person.Kind.STUDENT)
    assert all(1 <= m.capacity <= 3 for m in mentors)
    assert all(m.motivation for m in mentors)
    interviewed = mentors.exclude(stage=Mentor.Stage.CANDIDATE)
    assert all(m.interview_date and m.interviewer and m.interview_conclusion for m in interviewed)
    # The trained and the ready went through the four weekly meetings of the primary training.
    trained = set(mentors.filter(stage__in=[Mentor.Stage.TRAINED, Mentor.Stage.READY]))
    attended = {a.mentor for a in Attendance.objects.filter(present=True).select_related("mentor")}
    assert trained == attended
    # Some requested topics have no ready mentor yet: stage 3 has something to recruit for.
    requested = set(Topic.objects.filter(requests__mentee__programme=current_programme()))
    covered = set(Topic.objects.filter(mentor__in=mentors.filter(stage=Mentor.Stage.READY)))
    assert covered & requested and requested - covered


@pytest.mark.django_db
def test_it_leaves_a_few_without_consent_and_pseudonymises_the_one_who_withdrew():
    load_demo()
    in_bases = Person.objects.filter(organisation=demo_school()).filter(
        pk__in=[
            *Mentee.objects.values_list("person", flat=True),
            *Mentor.objects.values_list("person", flat=True),
        ]
    )

    without = [p for p in in_bases if not has_valid_consent(p)]
    assert 4 <= len(without) <= 8
    assert sum(1 for p in without if not p.consents.exists()) in (3, 4)
    assert Consent.objects.filter(person__in=in_bases, expires_on__lt=timezone.localdate()).count() == 1
    withdrawn = Person.objects.get(pseudonymised_at__isnull=False)
    assert (
        withdrawn.last_name == "Участник" and not withdrawn.birth_date and not withdrawn.representative_name
    )
    assert withdrawn.mentees.get().requests.exists()  # the anonymous facts stay
    withdrawal = withdrawn.consents.get()
    assert withdrawal.withdrawn_on and withdrawal.withdrawal_reason
    # Minors' consents are signed by a parent; adults sign their own.
    for consent in (
        Consent.objects.filter(person__in=in_bases).exclude(pk=withdrawal.pk).select_related("person")
    ):
        assert consent.signed_on.month == 9
        if consent.person.kind == Person.Kind.STUDENT:
            assert consent.signer == Consent.Signer.REPRESENTATIVE and consent.representative_relation
        else:
            assert consent.signer == Consent.Signer.SELF


@pytest.mark.django_db
def test_it_puts_the_demo_mentee_and_mentor_accounts_into_the_bases():
    output = load_demo()

    mentee = Mentee.objects.get(person__user__username="mentee", programme=current_programme())
    assert mentee.requests.exists()
    assert has_valid_consent(mentee.person)
    mentor = Mentor.objects.get(person__user__username="mentor")
    assert mentor.stage == Mentor.Stage.READY and mentor.organisation == demo_school()
    assert has_valid_consent(mentor.person)
    assert "наставляемых" in output and "наставников" in output
