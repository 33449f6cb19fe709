"""Match suggestions: the points and the reasons in plain Russian, the hard rules per pair, the loading."""

from __future__ import annotations

import numpy as np
import pytest

from pairs.matching.candidates import feasibility, load_pool, word_stems
from pairs.matching.scoring import score, score_matrix
from pairs.models import Preference
from participants.models import Mentor, Person
from tests.factories import give_consent, make_mentee, make_mentor, make_person, topic
from tests.pair_factories import make_pair

pytestmark = pytest.mark.django_db

MATHS = "Повышение успеваемости по предметам"
OLYMPIADS = "Подготовка к олимпиадам и конкурсам"


def student(world, grade: int, **fields) -> Person:
    person = make_person(world.school, grade=grade, **fields)
    give_consent(person)
    return person


def teacher(world, **fields) -> Person:
    person = make_person(world.school, kind=Person.Kind.TEACHER, **fields)
    give_consent(person)
    return person


def facts(pool, mentee, mentor):
    return (
        next(f for f in pool.mentees if f.pk == mentee.pk),
        next(f for f in pool.mentors if f.pk == mentor.pk),
    )


def match_of(world, mentee, mentor, *, ready_only=True):
    pool = load_pool(world.programme, ready_only=ready_only)
    mentee_facts, mentor_facts = facts(pool, mentee, mentor)
    return score(mentee_facts, mentor_facts, pool.ranks, forms=pool.forms)


def test_it_explains_each_request_topic_the_mentor_covers(world):
    mentee = make_mentee(
        world.programme,
        student(world, 7),
        request="Хочу подтянуть алгебру",
        topics=[topic(MATHS), topic(OLYMPIADS)],
    )
    mentor = make_mentor(
        world.school, teacher(world, last_name="Орлова"), topics=[topic(MATHS), topic(OLYMPIADS)]
    )

    match = match_of(world, mentee, mentor)

    assert (
        "Запрос «Хочу подтянуть алгебру» — тема «Повышение успеваемости по предметам» есть у наставника"
        in (match.reasons)
    )
    assert (
        "Запрос «Хочу подтянуть алгебру» — тема «Подготовка к олимпиадам и конкурсам» есть у наставника"
        in (match.reasons)
    )
    assert match.points == 6
    assert match.form.code == "teacher-student"


def test_it_finds_the_request_words_in_the_competences_whatever_their_ending(world):
    mentee = make_mentee(world.programme, student(world, 7), request="Хочу подтянуть алгебру и геометрию")
    mentor = make_mentor(
        world.school, teacher(world), competences="Алгебра, геометрия, подготовка к олимпиадам по математике"
    )

    match = match_of(world, mentee, mentor)

    assert "В компетенциях наставника есть слова из запроса: «подтянуть»" not in match.reasons
    assert "В компетенциях наставника есть слова из запроса: «алгебру», «геометрию»" in match.reasons
    assert match.points == 2


def test_it_skips_the_words_that_say_nothing_about_the_request():
    assert set(word_stems("Нужна помощь: хочу подтянуть алгебру")) == {"подтя", "алгеб"}
    assert set(word_stems("ОГЭ по русскому")) == {"огэ", "русск"}


def test_it_caps_the_points_for_words_at_three(world):
    mentee = make_mentee(
        world.programme, student(world, 7), request="Алгебра, геометрия, физика, химия, биология"
    )
    mentor = make_mentor(world.school, teacher(world), competences="алгебра геометрия физика химия биология")

    match = match_of(world, mentee, mentor)

    assert "«Алгебра», «геометрия», «физика», «химия», «биология»" in match.reasons[0]
    assert match.points == 3


def test_it_values_the_same_subject_and_longer_experience_between_teachers(world):
    young = teacher(world, subjects="Математика", experience_years=2, position="Учитель математики")
    mentee = make_mentee(world.programme, young, request="Как готовить класс к ВПР")
    master = teacher(world, subjects="математика, физика", experience_years=14)
    mentor = make_mentor(world.school, master)

    match = match_of(world, mentee, mentor)

    assert "Преподают один предмет: математика" in match.reasons
    assert "Стаж наставника больше на 12 лет" in match.reasons
    assert match.points == 4
    assert match.form.code == "teacher-teacher"


def test_it_gives_less_for_a_student_mentor_much_older_than_the_mentee(world):
    mentee = make_mentee(world.programme, student(world, 7))
    near = make_mentor(world.school, student(world, 9))
    far = make_mentor(world.school, student(world, 11))

    near_match, far_match = match_of(world, mentee, near), match_of(world, mentee, far)

    assert "Наставник старше на 2 класса" in near_match.reasons and near_match.points == 2
    assert "Наставник старше на 4 класса" in far_match.reasons and far_match.points == 1
    assert near_match.form.code == "student-student"


def test_it_counts_the_ages_the_mentor_prefers(world):
    mentee = make_mentee(world.programme, student(world, 8))  # born 14.03.2012: 14 years old in 2026
    mentor = make_mentor(world.school, teacher(world), preferred_age_from=12, preferred_age_to=15)
    other = make_mentor(world.school, teacher(world), preferred_age_from=16)

    match = match_of(world, mentee, mentor)

    assert any(r.startswith("Возраст наставляемого (14 лет) — в пределах") for r in match.reasons)
    assert match.points == 1
    assert match_of(world, mentee, other).points == 0


def test_it_weighs_a_mutual_choice_over_a_one_sided_one(world):
    mentee = make_mentee(world.programme, student(world, 7))
    both = make_mentor(world.school, teacher(world))
    chosen_second = make_mentor(world.school, teacher(world))
    chose_first = make_mentor(world.school, teacher(world))
    for mentor, side, rank in (
        (both, Preference.Side.MENTEE, 1),
        (both, Preference.Side.MENTOR, 3),
        (chosen_second, Preference.Side.MENTEE, 2),
        (chose_first, Preference.Side.MENTOR, 1),
    ):
        Preference.objects.create(
            programme=world.programme, side=side, mentee=mentee, mentor=mentor, rank=rank
        )

    mutual, second, first = (match_of(world, mentee, m) for m in (both, chosen_second, chose_first))

    assert "Выбрали друг друга после общей встречи" in mutual.reasons and mutual.points == 6
    assert "Наставляемый назвал наставника вторым" in second.reasons and second.points == 2
    assert "Наставник назвал наставляемого первым" in first.reasons and first.points == 3


def test_it_shows_the_free_places_without_points(world):
    mentor = make_mentor(world.school, teacher(world), capacity=3)
    make_pair(world.programme, mentor, make_mentee(world.programme, student(world, 6)))
    mentee = make_mentee(world.programme, student(world, 7))

    match = match_of(world, mentee, mentor)

    assert match.reasons[-1] == "Свободно мест: 2 из 3"
    assert match.points == 0


def test_it_names_the_first_hard_rule_a_mentor_breaks(world):
    mentee = make_mentee(world.programme, student(world, 8))
    candidate = make_mentor(world.school, teacher(world), stage=Mentor.Stage.TRAINED)
    full = make_mentor(world.school, teacher(world, last_name="Занятова"), capacity=1)
    make_pair(world.programme, full, make_mentee(world.programme, student(world, 6)))
    younger = make_mentor(world.school, student(world, 7, last_name="Младшев"))
    no_consent = make_mentor(world.school, make_person(world.school, kind=Person.Kind.TEACHER))
    pool = load_pool(world.programme, ready_only=False)

    def problem(mentor):
        return pool.problem(*facts(pool, mentee, mentor))

    assert problem(candidate) == "не готов к работе: этап «Прошёл обучение»"
    assert problem(full) == "нет свободных мест: занято 1 из 1"
    assert problem(younger).startswith("В форме «ученик – ученик» наставник")
    assert "у наставника 7-й, у наставляемого 8-й" in problem(younger)
    assert problem(no_consent) == "нет действующего согласия на обработку персональных данных"
    assert problem(world.mentor) is None


def test_it_never_lets_a_person_mentor_themselves(world):
    person = teacher(world, experience_years=1)
    mentee = make_mentee(world.programme, person)
    mentor = make_mentor(world.school, person)
    pool = load_pool(world.programme)
    mentee_facts, mentor_facts = facts(pool, mentee, mentor)

    assert pool.problem(mentee_facts, mentor_facts) == "нельзя быть наставником самому себе"
    rules = feasibility(pool, pool.mentees, pool.mentors)
    i, j = pool.mentees.index(mentee_facts), pool.mentors.index(mentor_facts)
    assert not rules.feasible[i, j]


def mixed_school(world, size: int):
    topics = [topic(MATHS), topic(OLYMPIADS), topic("Профессиональная ориентация")]
    mentees, mentors = [], []
    for n in range(size):
        if n % 4 == 3:
            person = teacher(world, experience_years=n % 3, subjects="математика" if n % 2 else "химия")
        else:
            person = student(world, 5 + n % 6)
        mentees.append(
            make_mentee(world.programme, person, request="Хочу подтянуть алгебру", topics=topics[: n % 3 + 1])
        )
    for n in range(max(2, size // 2)):
        if n % 3 == 0:
            person = student(world, 8 + n % 4)
        else:
            person = teacher(world, experience_years=5 + n * 3, subjects="математика, физика")
        mentors.append(
            make_mentor(
                world.school,
                person,
                topics=topics[n % 3 :],
                competences="алгебра, олимпиады" if n % 2 else "",
                capacity=1 + n % 3,
                preferred_age_from=12 if n % 2 else None,
            )
        )
    Preference.objects.create(
        programme=world.programme, side=Preference.Side.MENTEE, mentee=mentees[0], mentor=mentors[1], rank=1
    )
    Preference.objects.create(
        programme=world.programme, side=Preference.Side.MENTOR, mentee=mentees[0], mentor=mentors[1], rank=2
    )
    Preference.objects.create(
        programme=world.programme, side=Preference.Side.MENTOR, mentee=mentees[1], mentor=mentors[0], rank=1
    )
    return mentees, mentors


def test_it_scores_all_pairs_at_once_exactly_as_one_by_one(world):
    mixed_school(world, 12)
    pool = load_pool(world.programme)

    matrix = score_matrix(pool.mentees, pool.mentors, pool.ranks)

    expected = np.array([[score(e, m, pool.ranks).points for m in pool.mentors] for e in pool.mentees])
    assert matrix.shape == (13, 7)
    assert (matrix == expected).all()
    assert matrix.max() > 6  # the mixed school exercises several rules at once


def test_it_decides_the_hard_rules_at_once_exactly_as_one_by_one(world):
    mixed_school(world, 12)
    make_mentor(world.school, teacher(world), stage=Mentor.Stage.CANDIDATE)
    pool = load_pool(world.programme, ready_only=False)

    rules = feasibility(pool, pool.mentees, pool.mentors)

    for i, mentee in enumerate(pool.mentees):
        for j, mentor in enumerate(pool.mentors):
            assert rules.feasible[i, j] == (pool.problem(mentee, mentor) is None), (i, j)
            if rules.feasible[i, j]:
                assert pool.forms[rules.form_index[i, j]] == pool.form_for(mentee, mentor)


def test_it_loads_the_pool_in_as_many_queries_whatever_its_size(world, django_assert_num_queries):
    with django_assert_num_queries(9):
        small = load_pool(world.programme)
    mixed_school(world, 16)
    with django_assert_num_queries(9):
        large = load_pool(world.programme)
    assert (len(small.mentees), len(small.mentors)) == (1, 1)
    assert (len(large.mentees), len(large.mentors)) == (17, 9)


def test_it_leaves_out_mentees_in_a_pair_and_mentors_not_ready(world):
    make_pair(world.programme, world.mentor, world.mentee)
    waiting = make_mentee(world.programme, student(world, 6))
    make_mentor(world.school, teacher(world), stage=Mentor.Stage.INTERVIEWED)

    pool = load_pool(world.programme)

    assert [f.pk for f in pool.mentees] == [waiting.pk]
    assert [f.pk for f in pool.mentors] == [world.mentor.pk]
    assert pool.mentors[0].free == 0
