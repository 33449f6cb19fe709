"""How well a mentor answers a mentee: integer points and the reasons in plain Russian.

The score only ranks pairs that the hard rules allow (see ``pairs.matching.candidates``); it never
makes a forbidden pair possible. The rules, all in the table ``RULES`` below:

=========================================================  ==========================================
rule                                                        points
=========================================================  ==========================================
a topic of the mentee's requests is among the mentor's      +3 for each such topic
topics («Запрос «…» — тема «…» есть у наставника»)
a word of the requests is in the mentor's competences       +1 for each word, at most +3
(words meet by their first five letters)
teacher–teacher: they teach the same subject                +2
student–student: the mentor is 1–3 grades older             +2 (4 grades or more: +1)
teacher–teacher: the mentor's experience is 5+ years more   +2
the mentee's age is within the ages the mentor prefers      +1
both chose each other after the common meeting              +6
only the mentee chose the mentor (1st, 2nd, 3rd place)      +3, +2, +1
only the mentor chose the mentee (1st, 2nd, 3rd place)      +3, +2, +1
the mentor's free places («Свободно мест: 2 из 3»)          0 — shown, the hard rules use it
=========================================================  ==========================================

``score`` explains one pair (the pages show its reasons); ``score_matrix`` computes the same points for
all mentees × mentors at once with numpy, for the assignment — the tests hold the two equal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from mentoring.models import MentoringForm
from mentoring.plural import plural_ru
from pairs.matching.candidates import (
    MenteeFacts,
    MentorFacts,
    Ranks,
    first_fitting_form,
    free_places_text,
    years,
)

TOPIC_POINTS = 3
WORD_POINTS = 1
WORD_CAP = 3
SAME_SUBJECT_POINTS = 2
GRADE_NEAR_POINTS = 2
GRADE_NEAR_MAX = 3
GRADE_FAR_POINTS = 1
EXPERIENCE_POINTS = 2
EXPERIENCE_GAP = 5
AGE_POINTS = 1
MUTUAL_POINTS = 6
CHOICE_POINTS = {1: 3, 2: 2, 3: 1}
FREE_PLACES_POINTS = 0


@dataclass(frozen=True)
class Rule:
    text: str
    points: str


# The rules as the pages show them to a curator («Как считаются баллы»).
RULES: tuple[Rule, ...] = (
    Rule("Тема запроса наставляемого есть среди тем наставника", f"+{TOPIC_POINTS} за каждую тему"),
    Rule(
        "Слово из запроса есть в компетенциях наставника",
        f"+{WORD_POINTS} за каждое, не больше +{WORD_CAP * WORD_POINTS}",
    ),
    Rule("Учитель – учитель: преподают один предмет", f"+{SAME_SUBJECT_POINTS}"),
    Rule(f"Ученик – ученик: наставник старше на 1–{GRADE_NEAR_MAX} класса", f"+{GRADE_NEAR_POINTS}"),
    Rule(
        f"Ученик – ученик: наставник старше на {GRADE_NEAR_MAX + 1} класса и больше", f"+{GRADE_FAR_POINTS}"
    ),
    Rule(
        f"Учитель – учитель: стаж наставника больше хотя бы на {EXPERIENCE_GAP} лет", f"+{EXPERIENCE_POINTS}"
    ),
    Rule("Возраст наставляемого — в пределах, которые выбрал наставник", f"+{AGE_POINTS}"),
    Rule("Выбрали друг друга после общей встречи", f"+{MUTUAL_POINTS}"),
    Rule(
        "Выбрал только один из них (первым, вторым, третьим)",
        ", ".join(f"+{p}" for p in CHOICE_POINTS.values()),
    ),
    Rule("Свободные места у наставника — показываются для сведения", f"{FREE_PLACES_POINTS}"),
)

ORDINALS = {1: "первым", 2: "вторым", 3: "третьим"}
QUOTE_LENGTH = 60


@dataclass(frozen=True)
class Match:
    points: int
    reasons: list[str]
    form: MentoringForm | None


def quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_LENGTH else text[: QUOTE_LENGTH - 1].rstrip() + "…"


def _age_range_text(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"от {low} до {high}"
    return f"от {low}" if low is not None else f"до {high}"


def score(
    mentee: MenteeFacts, mentor: MentorFacts, ranks: Ranks, *, forms: Sequence[MentoringForm] = ()
) -> Match:
    """The points of one pair and why, rule by rule in the order of ``RULES``; ``form`` is the first of
    ``forms`` that fits the two people (``None`` if none does or none are given)."""
    points = 0
    reasons: list[str] = []

    covered = mentee.topic_ids & mentor.topic_ids
    if covered:
        seen: set[int] = set()
        for item in mentee.requests:
            for pk, name in item.topics:
                if pk in covered and pk not in seen:
                    seen.add(pk)
                    points += TOPIC_POINTS
                    reasons.append(f"Запрос «{quote(item.text)}» — тема «{name}» есть у наставника")

    if mentor.words:
        words = [word for stem, word in mentee.words.items() if stem in mentor.words]
        if words:
            points += min(len(words), WORD_CAP) * WORD_POINTS
            listed = ", ".join(f"«{w}»" for w in words)
            reasons.append(f"В компетенциях наставника есть слова из запроса: {listed}")

    both_teachers = mentee.is_teacher and mentor.is_teacher
    if both_teachers and mentee.subjects and mentor.subjects:
        common = [name for key, name in mentor.subjects.items() if key in mentee.subjects]
        if common:
            points += SAME_SUBJECT_POINTS
            if len(common) == 1:
                reasons.append(f"Преподают один предмет: {common[0]}")
            else:
                reasons.append(f"Преподают одни предметы: {', '.join(common)}")

    if mentee.is_student and mentor.is_student and mentee.person.grade and mentor.person.grade:
        gap = mentor.person.grade - mentee.person.grade
        if gap >= 1:
            points += GRADE_NEAR_POINTS if gap <= GRADE_NEAR_MAX else GRADE_FAR_POINTS
            reasons.append(f"Наставник старше на {gap} {plural_ru(gap, 'класс,класса,классов')}")

    if both_teachers:
        mine, theirs = mentor.person.experience_years, mentee.person.experience_years
        if mine is not None and theirs is not None and mine - theirs >= EXPERIENCE_GAP:
            points += EXPERIENCE_POINTS
            reasons.append(f"Стаж наставника больше на {years(mine - theirs)}")

    low, high = mentor.age_range
    age = mentee.age
    if age is not None and (low is not None or high is not None):
        if (low is None or age >= low) and (high is None or age <= high):
            points += AGE_POINTS
            reasons.append(
                f"Возраст наставляемого ({years(age)}) — в пределах, которые выбрал наставник: "
                f"{_age_range_text(low, high)} лет"
            )

    by_mentee, by_mentor = ranks.get((mentee.pk, mentor.pk), (None, None))
    if by_mentee is not None and by_mentor is not None:
        points += MUTUAL_POINTS
        reasons.append("Выбрали друг друга после общей встречи")
    elif by_mentee is not None:
        points += CHOICE_POINTS.get(by_mentee, 0)
        reasons.append(f"Наставляемый назвал наставника {ORDINALS.get(by_mentee, '')}".rstrip())
    elif by_mentor is not None:
        points += CHOICE_POINTS.get(by_mentor, 0)
        reasons.append(f"Наставник назвал наставляемого {ORDINALS.get(by_mentor, '')}".rstrip())

    points += FREE_PLACES_POINTS
    reasons.append(free_places_text(mentor))

    return Match(points=points, reasons=reasons, form=first_fitting_form(forms, mentee, mentor))


# --- all pairs at once -------------------------------------------------------------------------------


def _indicator(rows: Sequence[Sequence], vocabulary: dict) -> np.ndarray:
    """A 0/1 matrix: row r has 1 in the column of each of its items found in ``vocabulary``."""
    matrix = np.zeros((len(rows), max(len(vocabulary), 1)), dtype=np.float32)
    row_index: list[int] = []
    column_index: list[int] = []
    for r, items in enumerate(rows):
        for item in items:
            column = vocabulary.get(item)
            if column is not None:
                row_index.append(r)
                column_index.append(column)
    if row_index:
        matrix[row_index, column_index] = 1.0
    return matrix


def _overlap(left: Sequence[Sequence], right: Sequence[Sequence]) -> np.ndarray:
    """How many items each left row shares with each right row (items of the left rows are distinct)."""
    right_items = {item for items in right for item in items}
    vocabulary: dict = {}
    for items in left:
        for item in items:
            if item in right_items and item not in vocabulary:
                vocabulary[item] = len(vocabulary)
    if not vocabulary:
        return np.zeros((len(left), len(right)), dtype=np.int64)
    product = _indicator(left, vocabulary) @ _indicator(right, vocabulary).T
    return np.rint(product).astype(np.int64)


def _column(values, dtype, count: int) -> np.ndarray:
    return np.fromiter(values, dtype=dtype, count=count)


def score_matrix(mentees: Sequence[MenteeFacts], mentors: Sequence[MentorFacts], ranks: Ranks) -> np.ndarray:
    """``score(mentee, mentor, ranks).points`` for every mentee (row) and mentor (column), vectorised."""
    n, m = len(mentees), len(mentors)
    points = np.zeros((n, m), dtype=np.int64)
    if not n or not m:
        return points

    points += TOPIC_POINTS * _overlap([f.topic_ids for f in mentees], [f.topic_ids for f in mentors])
    words = _overlap([tuple(f.words) for f in mentees], [f.words for f in mentors])
    points += WORD_POINTS * np.minimum(words, WORD_CAP)

    teacher_e = _column((f.is_teacher for f in mentees), bool, n)
    teacher_m = _column((f.is_teacher for f in mentors), bool, m)
    both_teachers = teacher_e[:, None] & teacher_m[None, :]
    subjects = _overlap([tuple(f.subjects) for f in mentees], [tuple(f.subjects) for f in mentors])
    points += SAME_SUBJECT_POINTS * ((subjects > 0) & both_teachers)

    student_e = _column((f.is_student and bool(f.person.grade) for f in mentees), bool, n)
    student_m = _column((f.is_student and bool(f.person.grade) for f in mentors), bool, m)
    grade_e = _column((f.person.grade or 0 for f in mentees), np.int64, n)
    grade_m = _column((f.person.grade or 0 for f in mentors), np.int64, m)
    gap = grade_m[None, :] - grade_e[:, None]
    both_students = student_e[:, None] & student_m[None, :]
    points += np.where(
        both_students & (gap >= 1),
        np.where(gap <= GRADE_NEAR_MAX, GRADE_NEAR_POINTS, GRADE_FAR_POINTS),
        0,
    )

    known_e = _column((f.person.experience_years is not None for f in mentees), bool, n)
    known_m = _column((f.person.experience_years is not None for f in mentors), bool, m)
    years_e = _column((f.person.experience_years or 0 for f in mentees), np.int64, n)
    years_m = _column((f.person.experience_years or 0 for f in mentors), np.int64, m)
    more = (years_m[None, :] - years_e[:, None]) >= EXPERIENCE_GAP
    points += EXPERIENCE_POINTS * (both_teachers & known_e[:, None] & known_m[None, :] & more)

    age_known = _column((f.age is not None for f in mentees), bool, n)
    age = _column((f.age if f.age is not None else -1 for f in mentees), np.int64, n)
    ranges = [f.age_range for f in mentors]
    has_range = _column((r != (None, None) for r in ranges), bool, m)
    low = _column((lo if lo is not None else -1 for lo, _ in ranges), np.int64, m)
    high = _column((hi if hi is not None else 10**6 for _, hi in ranges), np.int64, m)
    inside = (age[:, None] >= low[None, :]) & (age[:, None] <= high[None, :])
    points += AGE_POINTS * (inside & age_known[:, None] & has_range[None, :])

    if ranks:
        row_of = {f.pk: i for i, f in enumerate(mentees)}
        column_of = {f.pk: j for j, f in enumerate(mentors)}
        for (mentee_id, mentor_id), (by_mentee, by_mentor) in ranks.items():
            i, j = row_of.get(mentee_id), column_of.get(mentor_id)
            if i is None or j is None:
                continue
            if by_mentee is not None and by_mentor is not None:
                points[i, j] += MUTUAL_POINTS
            else:
                points[i, j] += CHOICE_POINTS.get(by_mentee if by_mentee is not None else by_mentor, 0)

    return points + FREE_PLACES_POINTS
