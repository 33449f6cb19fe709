"""The hard rules of forming pairs and groups: each broken rule is a Russian error and nothing saved."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from mentoring import services as core
from mentoring.models import MentoringForm, Programme, RoleVariant
from mentoring.roles import Role
from pairs.models import Pair, PairEvent, PairMember
from pairs.rules import fitting_forms, form_fit_problem
from pairs.services.formation import form_pair, open_load
from participants.models import Mentee, Mentor, Person
from tests.factories import WORLD_READ_ONLY, give_consent, make_mentee, make_mentor, make_person
from tests.pair_factories import make_pair

START, END = date(2026, 10, 1), date(2027, 5, 20)


def form(code: str) -> MentoringForm:
    return MentoringForm.objects.get(code=code)


def variant(code: str, name: str) -> RoleVariant:
    return RoleVariant.objects.get(form__code=code, name=name)


def student(world, *, grade: int | None = 8, consent: bool = True, **fields) -> Person:
    person = make_person(world.school, grade=grade, **fields)
    if consent:
        give_consent(person)
    return person


def teacher(world, *, consent: bool = True, **fields) -> Person:
    person = make_person(world.school, kind=Person.Kind.TEACHER, **fields)
    if consent:
        give_consent(person)
    return person


def student_mentee(world, *, programme: Programme | None = None, **fields) -> Mentee:
    return make_mentee(programme or world.programme, student(world, **fields))


def teacher_mentee(world, **fields) -> Mentee:
    return make_mentee(world.programme, teacher(world, **fields))


def teacher_mentor(
    world, *, capacity: int = 1, stage: str = Mentor.Stage.READY, consent: bool = True
) -> Mentor:
    return make_mentor(world.school, teacher(world, consent=consent), capacity=capacity, stage=stage)


def student_mentor(world, *, grade: int | None = 10, capacity: int = 1) -> Mentor:
    return make_mentor(world.school, student(world, grade=grade), capacity=capacity)


def attempt(world, *, mentor=None, mentees=None, code: str = "teacher-student", **fields) -> Pair:
    arguments = {
        "programme": world.programme,
        "mentor": mentor or world.mentor,
        "mentees": [world.mentee] if mentees is None else mentees,
        "form": form(code),
        "start_date": START,
        "planned_end_date": END,
        "user": world.users[Role.CURATOR],
    }
    arguments.update(fields)
    return form_pair(**arguments)


def snapshot() -> tuple:
    return (
        Pair.objects.count(),
        PairMember.objects.count(),
        PairEvent.objects.count(),
        dict(Mentee.objects.values_list("pk", "status")),
    )


def refused(world, expected: str, **arguments) -> str:
    """Try to form a pair; it must fail with ``expected`` in the Russian message and write nothing."""
    before = snapshot()
    with pytest.raises(ValidationError) as caught:
        attempt(world, **arguments)
    text = " ".join(caught.value.messages)
    assert expected in text, text
    assert snapshot() == before, "a refused pair left something behind"
    return text


# --- the happy paths ---------------------------------------------------------------------------------


def test_it_forms_a_pair_as_a_draft_waiting_for_the_order(world):
    chosen = variant("teacher-student", "Коллега – молодой коллега")
    pair = attempt(world, variant=chosen)
    assert pair.status == Pair.Status.DRAFT
    assert pair.kind == Pair.Kind.PAIR
    assert (pair.mentor, pair.form.code, pair.variant) == (world.mentor, "teacher-student", chosen)
    assert (pair.start_date, pair.planned_end_date, pair.end_date) == (START, END, None)
    member = pair.members.get()
    assert (member.mentee, member.joined_on, member.left_on, member.is_open) == (
        world.mentee,
        START,
        None,
        True,
    )
    world.mentee.refresh_from_db()
    assert world.mentee.get_status_display() == "В паре или группе"
    assert [e.get_kind_display() for e in pair.events.all()] == ["Сформирована"]
    assert pair.events.get().user == world.users[Role.CURATOR]
    assert open_load(world.mentor) == 1


def test_it_forms_a_group_of_several_mentees(world):
    mentor = teacher_mentor(world, capacity=3)
    mentees = [student_mentee(world) for _ in range(3)]
    group = attempt(world, mentor=mentor, mentees=mentees, name="  Юные исследователи ")
    assert group.kind == Pair.Kind.GROUP and group.is_group
    assert group.name == "Юные исследователи"
    assert group.status == Pair.Status.DRAFT
    assert sorted(m.mentee_id for m in group.members.all()) == sorted(m.pk for m in mentees)
    assert set(Mentee.objects.filter(pk__in=[m.pk for m in mentees]).values_list("status", flat=True)) == {
        Mentee.Status.IN_PAIR
    }
    assert group.events.get().kind == PairEvent.Kind.FORMED


def test_it_forms_every_school_form_for_people_who_fit_it(world):
    younger, older = student_mentee(world, grade=6), student_mentor(world, grade=9)
    assert (
        attempt(world, mentor=older, mentees=[younger], code="student-student").form.code == "student-student"
    )
    young_teacher = teacher_mentee(world, experience_years=1)
    colleague = teacher_mentor(world)
    assert attempt(world, mentor=colleague, mentees=[young_teacher], code="teacher-teacher").pk
    assert attempt(world).form.code == "teacher-student"


# --- consent and readiness ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "consent",
    [
        None,
        {"withdrawn_on": date(2026, 10, 1), "withdrawal_reason": "Заявление матери"},
        {"expires_on": date(2026, 10, 31)},
        {"allows_processing": False},
        {"signed_on": date(2026, 12, 20)},  # signed later than today
    ],
    ids=["none", "withdrawn", "expired", "no-processing", "not-yet-signed"],
)
def test_it_refuses_a_mentee_without_a_valid_consent(world, consent):
    mentee = student_mentee(world, consent=False, last_name="Белова", first_name="Алиса", middle_name="")
    if consent is not None:
        give_consent(mentee.person, **consent)
    refused(world, "У участника «Белова Алиса» нет действующего согласия", mentees=[mentee])


def test_it_refuses_a_group_when_one_of_the_mentees_has_no_consent(world):
    mentor = teacher_mentor(world, capacity=3)
    without = student_mentee(world, consent=False, last_name="Орлов", first_name="Глеб", middle_name="")
    refused(world, "«Орлов Глеб» нет действующего согласия", mentor=mentor, mentees=[world.mentee, without])


def test_it_refuses_a_mentor_without_a_valid_consent(world):
    mentor = teacher_mentor(world, consent=False)
    text = refused(world, "нет действующего согласия", mentor=mentor)
    assert mentor.person.full_name in text


@pytest.mark.parametrize(
    "stage", [Mentor.Stage.CANDIDATE, Mentor.Stage.INTERVIEWED, Mentor.Stage.TRAINED, Mentor.Stage.RESERVE]
)
def test_it_refuses_a_mentor_who_is_not_ready(world, stage):
    mentor = teacher_mentor(world, stage=stage)
    text = refused(world, "ещё не готов к работе", mentor=mentor)
    assert f"«{Mentor.Stage(stage).label}»" in text


# --- capacity ----------------------------------------------------------------------------------------


def test_it_refuses_a_mentee_beyond_the_mentors_capacity(world):
    attempt(world)  # capacity 1, now full
    refused(world, "свободно мест: 0 из 1, а нужно 1", mentees=[student_mentee(world)])


def test_it_refuses_a_group_bigger_than_the_free_places(world):
    mentor = teacher_mentor(world, capacity=3)
    attempt(world, mentor=mentor, mentees=[student_mentee(world)])
    group = [student_mentee(world) for _ in range(3)]
    refused(world, "свободно мест: 2 из 3, а нужно 3", mentor=mentor, mentees=group)
    assert attempt(world, mentor=mentor, mentees=group[:2]).kind == Pair.Kind.GROUP  # exactly full is fine


def test_it_counts_the_capacity_across_the_programmes_of_the_school(world):
    second = core.create_programme(
        organisation=world.school,
        name="Вместе к цели",
        start_date=date(2026, 9, 1),
        end_date=date(2027, 5, 31),
        forms=MentoringForm.objects.filter(code="teacher-student"),
        status=Programme.Status.RUNNING,
    )
    make_pair(second, world.mentor, student_mentee(world, programme=second))
    refused(world, "свободно мест: 0 из 1")


# --- one open pair per mentee ------------------------------------------------------------------------


@pytest.mark.parametrize("active", [False, True], ids=["draft", "active"])
def test_it_refuses_a_mentee_already_in_an_open_pair(world, active):
    make_pair(world.programme, world.mentor, world.mentee, active=active)
    other = teacher_mentor(world, capacity=2)
    text = refused(world, "Уже в действующей или проектируемой паре", mentor=other)
    assert "Никитин Артём Ильич" in text


def test_it_refuses_a_group_with_one_mentee_already_paired(world):
    make_pair(world.programme, world.mentor, world.mentee)
    other = teacher_mentor(world, capacity=3)
    refused(world, "«Никитин Артём Ильич»", mentor=other, mentees=[student_mentee(world), world.mentee])


def test_the_database_itself_refuses_a_second_open_membership(world):
    make_pair(world.programme, world.mentor, world.mentee)
    other_pair = make_pair(world.programme, teacher_mentor(world), student_mentee(world))
    with pytest.raises(IntegrityError), transaction.atomic():
        PairMember.objects.create(pair=other_pair, mentee=world.mentee, joined_on=START)
    assert world.mentee.pair_memberships.count() == 1


def test_the_database_keeps_closed_memberships_as_history(world):
    first = make_pair(world.programme, world.mentor, world.mentee)
    first.members.update(is_open=False, left_on=date(2026, 11, 1))
    other_pair = make_pair(world.programme, teacher_mentor(world), student_mentee(world))
    PairMember.objects.create(pair=other_pair, mentee=world.mentee, joined_on=date(2026, 11, 2))
    assert world.mentee.pair_memberships.count() == 2


def test_it_refuses_the_same_mentee_twice_and_an_empty_list(world):
    mentor = teacher_mentor(world, capacity=3)
    refused(world, "выбран дважды", mentor=mentor, mentees=[world.mentee, world.mentee])
    refused(world, "Выберите наставляемого", mentees=[])


@pytest.mark.parametrize("status", [Mentee.Status.COMPLETED, Mentee.Status.LEFT])
def test_it_refuses_a_mentee_who_finished_or_left_the_programme(world, status):
    world.mentee.status = status
    world.mentee.save()
    refused(world, "пару сформировать нельзя")


# --- the form fits the people ------------------------------------------------------------------------


def test_it_refuses_student_student_with_a_teacher_mentor(world):
    text = refused(world, "В форме «Ученик – ученик» наставник — обучающийся", code="student-student")
    assert "педагог" in text


def test_it_refuses_student_student_with_a_teacher_mentee(world):
    mentor = student_mentor(world, grade=10)
    refused(
        world,
        "наставляемый — обучающийся",
        mentor=mentor,
        mentees=[teacher_mentee(world)],
        code="student-student",
    )


@pytest.mark.parametrize("mentor_grade", [8, 7], ids=["same-grade", "younger"])
def test_it_refuses_student_student_when_the_mentor_is_not_in_a_higher_grade(world, mentor_grade):
    text = refused(
        world,
        "более старшем классе",
        mentor=student_mentor(world, grade=mentor_grade),
        code="student-student",
    )
    assert f"у наставника {mentor_grade}-й, у наставляемого 8-й" in text


@pytest.mark.parametrize("who", ["mentor", "mentee"])
def test_it_refuses_student_student_when_a_grade_is_missing(world, who):
    mentor = student_mentor(world, grade=None if who == "mentor" else 10)
    mentee = student_mentee(world, grade=None) if who == "mentee" else world.mentee
    refused(world, "должен быть указан класс", mentor=mentor, mentees=[mentee], code="student-student")


def test_it_refuses_teacher_teacher_with_a_student_mentee(world):
    refused(world, "В форме «Учитель – учитель» наставляемый — педагог", code="teacher-teacher")


def test_it_refuses_teacher_student_with_a_student_mentor(world):
    refused(world, "В форме «Учитель – ученик» наставник — педагог", mentor=student_mentor(world, grade=11))


def test_it_refuses_a_teacher_who_would_mentor_themselves(world):
    world.mentor.capacity = 2
    world.mentor.save()
    herself = make_mentee(world.programme, world.mentor_person)
    refused(world, "Нельзя быть наставником самому себе", mentees=[herself], code="teacher-teacher")


def test_it_refuses_a_form_not_chosen_for_the_programme(world):
    graduate = make_person(world.school, kind=Person.Kind.GRADUATE)
    give_consent(graduate)
    mentor = make_mentor(world.school, graduate, contour=Mentor.Contour.EXTERNAL)
    refused(
        world,
        "Форма «Студент – ученик» не выбрана для этой программы",
        mentor=mentor,
        code="college-student-student",
    )


def test_it_refuses_a_variant_of_another_form(world):
    refused(
        world,
        "Вариант «Новичок – мастер» относится к другой форме",
        variant=variant("teacher-teacher", "Новичок – мастер"),
    )


# --- programme, dates, kind, people of other places --------------------------------------------------


@pytest.mark.parametrize(
    "dates",
    [
        {"start_date": date(2026, 8, 20)},
        {"planned_end_date": date(2027, 6, 30)},
    ],
    ids=["starts-before", "ends-after"],
)
def test_it_refuses_dates_outside_the_programme(world, dates):
    refused(world, "срок программы: 01.09.2026 – 31.05.2027", **dates)


def test_it_refuses_a_planned_end_not_after_the_start(world):
    refused(world, "Плановое окончание должно быть позже начала", planned_end_date=START)


def test_it_refuses_pairs_in_a_completed_programme(world):
    world.programme.status = Programme.Status.COMPLETED
    world.programme.save()
    assert refused(world, WORLD_READ_ONLY) == WORLD_READ_ONLY


def test_it_refuses_a_pair_of_two_mentees_and_a_group_of_one(world):
    mentor = teacher_mentor(world, capacity=3)
    refused(
        world,
        "В паре один наставляемый",
        mentor=mentor,
        mentees=[world.mentee, student_mentee(world)],
        kind=Pair.Kind.PAIR,
    )
    refused(world, "В группе должно быть не меньше двух", mentor=mentor, kind=Pair.Kind.GROUP)


def test_it_refuses_a_mentee_of_another_programme(world):
    second = core.create_programme(
        organisation=world.school,
        name="Вместе к цели",
        start_date=date(2026, 9, 1),
        end_date=date(2027, 5, 31),
        forms=MentoringForm.objects.filter(code="teacher-student"),
    )
    stranger = student_mentee(world, programme=second, last_name="Зайцев", first_name="Лев", middle_name="")
    refused(world, "«Зайцев Лев» не в базе наставляемых этой программы", mentees=[stranger])


def test_it_refuses_a_mentor_of_another_organisation(world):
    person = make_person(world.other_school, kind=Person.Kind.TEACHER)
    give_consent(person)
    refused(world, "Наставник не из организации программы", mentor=make_mentor(world.other_school, person))


# --- the pure rules, as the matching uses them -------------------------------------------------------


def test_fitting_forms_lists_only_the_forms_that_fit(world):
    forms = list(
        MentoringForm.objects.filter(code__in=["student-student", "teacher-teacher", "teacher-student"])
    )
    older = student(world, grade=10)
    younger = student(world, grade=6)
    colleague = teacher(world)
    assert [f.code for f in fitting_forms(forms, mentor=older, mentee=younger)] == ["student-student"]
    assert [f.code for f in fitting_forms(forms, mentor=colleague, mentee=younger)] == ["teacher-student"]
    assert [f.code for f in fitting_forms(forms, mentor=colleague, mentee=world.mentor_person)] == [
        "teacher-teacher"
    ]
    assert fitting_forms(forms, mentor=younger, mentee=older) == []
    assert form_fit_problem(form=form("teacher-teacher"), mentor=colleague, mentee=colleague) == (
        "Нельзя быть наставником самому себе."
    )
