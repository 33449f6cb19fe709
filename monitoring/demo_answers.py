"""What the demo's respondents answer (used by monitoring/demo.py): how each side of each role variant
rates the programme in stage 1, what they write in the open questions, what the curator says of the
conditions, and how each mentee's characteristics move between entry and exit in stage 2.

The figures are made to differ, so that every report has something to show:

- stage 1: the mentees of «учитель – ученик» find the programme more useful than those of
  «ученик – ученик»; everyone rates the common events and the plan lower than their own meetings;
  the curator's support is the mentors' weak spot;
- stage 2: the fifth-grader adapting to the school loses most of his anxiety, the disengaged
  eighth-grader gains most in engagement and motivation, the young teacher gains confidence —
  and the mentee of the troubled pair (the one with a replacement request) slides back.

The answers are returned as a form would post them (``q<question id>`` → a string or a list), so
that monitoring.services.answering.save_answers checks them like any other.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from monitoring.models import Question
from monitoring.reference_data import MEETING_FREQUENCY, WAYS_OF_WORK
from monitoring.services.answering import NO, YES, field_name

MONTHS = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)


def month_label(day: date) -> str:
    """«ноябрь 2026»."""
    return f"{MONTHS[day.month - 1]} {day.year}"


# --- stage 1 ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Voice:
    """How one kind of respondent answers a stage 1 questionnaire."""

    level: float  # the usual rating, 1–10
    frequency: int  # index into MEETING_FREQUENCY
    keep: bool  # wants to go on next year
    expectation: tuple[str, ...]
    reality: tuple[str, ...]
    valuable: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    become_mentor: bool = False
    ways: tuple[str, ...] = ()


# Ratings of some questions sit above or below a respondent's usual level: by a piece of their text.
RATING_OFFSETS = (
    ("комфортно", 1.0),
    ("личные встречи", 0.5),
    ("общие встречи", -2.0),
    ("спланирована", -1.0),
    ("индивидуальный план", -1.0),
    ("поддержки куратора", -2.0),
    ("оправдались", -0.5),
)
# The headline question is answered without a random wobble, so that the forms compare cleanly.
HEADLINE = "полезной для вас оказалась программа"

MENTEE_VOICES: dict[str, Voice] = {
    "Активный профессионал – равнодушный потребитель": Voice(
        level=8.5,
        frequency=0,
        keep=True,
        expectation=("Честно, казалось, что это ещё один кружок для галочки и будет скучно.",),
        reality=(
            "На математике стало интереснее, отвечать у доски больше не страшно, "
            "контрольная по алгебре — на четыре.",
        ),
        valuable=("Со мной разговаривали как со взрослым и не ругали за ошибки.",),
        missing=("Хотелось бы больше встреч всех пар вместе, а не только вдвоём.",),
        become_mentor=False,
    ),
    "Коллега – молодой коллега": Voice(
        level=9.0,
        frequency=0,
        keep=True,
        expectation=(
            "Хотелось сделать настоящий исследовательский проект, а не очередной реферат.",
            "Надо было разобраться, какой профиль выбрать в десятом классе.",
        ),
        reality=(
            "Собрали данные и сделали половину проекта, весной выступим на школьной конференции.",
            "Стало понятно, что мне нравится исследовать, а не просто учить параграфы. Скорее всего, пойду в физмат.",
        ),
        valuable=(
            "Разборы задач после уроков и то, что можно было написать наставнику в любое время.",
            "Работать в команде и видеть, что у нас получается.",
        ),
        missing=("Иногда было непонятно, что делать дальше по плану.", ""),
        become_mentor=True,
    ),
    "Новичок – мастер": Voice(
        level=8.5,
        frequency=0,
        keep=True,
        expectation=(
            "Нужна была помощь с рабочими программами, электронным журналом и дисциплиной в пятых классах.",
        ),
        reality=(
            "С документами разобрались. Вместе разобрали четыре моих урока, и в 5 «Б» стало гораздо "
            "спокойнее. Открытый урок готовлю уже сама.",
        ),
        valuable=("Посещения уроков и честный разговор после них, без оценок.",),
        missing=("Времени: нагрузка большая, встречи часто сдвигались на вечер.",),
        become_mentor=False,
    ),
    "Адаптированный – неадаптированный": Voice(
        level=6.0,
        frequency=1,
        keep=True,
        expectation=("Хотелось, чтобы в новой школе было не так страшно и было с кем поговорить.",),
        reality=(
            "Теперь есть знакомые из старших классов, ходить по этажам и в столовую больше не страшно. "
            "С уроками пока трудно.",
        ),
        valuable=("Что на перемене можно подойти к своему наставнику.",),
        missing=("Встречи были редко, потому что у старшеклассников много уроков.",),
        become_mentor=False,
    ),
}
# The mentee of the troubled pair (a replacement request is pending): the programme went wrong for him.
TROUBLED_MENTEE = Voice(
    level=4.0,
    frequency=3,
    keep=False,
    expectation=("Хотелось подтянуть русский язык перед контрольными.",),
    reality=("Встречались всего пару раз, многое так и не успели.",),
    missing=("Наставника, у которого есть на меня время.",),
)
DEFAULT_MENTEE = Voice(
    level=7.0,
    frequency=1,
    keep=True,
    expectation=("Хотелось понять предмет лучше и не бояться контрольных.",),
    reality=("Стало немного проще на уроках, но работы ещё много.",),
)

MENTOR_VOICES: dict[str, Voice] = {
    "Активный профессионал – равнодушный потребитель": Voice(
        level=8.5,
        frequency=0,
        keep=True,
        expectation=(
            "Хотела помочь детям поверить в себя и заодно попробовать новые приёмы работы, "
            "которые на уроке не всегда успеваешь.",
        ),
        reality=(
            "Артём стал приходить на встречи сам, без напоминаний, а ребята из группы довели проект "
            "до первых результатов. На планирование ушло меньше времени, чем я боялась.",
        ),
        valuable=("Видеть, как у ребёнка загораются глаза, когда задача наконец получается.",),
        missing=(
            "Методических материалов по работе с подростками и признания: о нашей работе в школе мало "
            "кто знает.",
        ),
        ways=(WAYS_OF_WORK[0], WAYS_OF_WORK[1], WAYS_OF_WORK[3]),
    ),
    "Новичок – мастер": Voice(
        level=8.0,
        frequency=1,
        keep=True,
        expectation=("Хотелось передать опыт молодому коллеге и помочь не выгореть в первый же год.",),
        reality=(
            "Коллега уверенно ведёт уроки в пятых классах и уже помогает другим с электронным журналом.",
        ),
        valuable=("Взаимные посещения уроков: учиться друг у друга оказалось полезно обоим.",),
        missing=("Часа в расписании: встречаться приходится после седьмого урока.",),
        ways=(WAYS_OF_WORK[0], WAYS_OF_WORK[4]),
    ),
    "Адаптированный – неадаптированный": Voice(
        level=7.0,
        frequency=1,
        keep=True,
        expectation=("Казалось, что будет легко: все мы когда-то были пятиклассниками.",),
        reality=(
            "Оказалось, что к встречам надо готовиться. Зато мой подопечный перестал бояться спрашивать "
            "у учителей и нашёл друзей в классе.",
        ),
        valuable=("Оказывается, у меня получается объяснять — может быть, пойду в педагогический.",),
        missing=("Не всегда получалось встречаться после уроков из-за репетиторов.",),
        ways=(WAYS_OF_WORK[0], WAYS_OF_WORK[5]),
    ),
}
# The mentor of the troubled pair started the questionnaire and never sent it.
TROUBLED_MENTOR = Voice(
    level=5.0,
    frequency=3,
    keep=False,
    expectation=("Хотелось помочь с русским языком.",),
    reality=("Пока не получается найти время, которое подходит нам обоим.",),
)
DEFAULT_MENTOR = Voice(
    level=7.5,
    frequency=1,
    keep=True,
    expectation=("Хотелось поделиться опытом.",),
    reality=("Работа идёт, хотя и медленнее, чем хотелось бы.",),
    ways=(WAYS_OF_WORK[0],),
)


def voice_for(respondent: str, variant_name: str, *, troubled: bool) -> Voice:
    if respondent == "mentor":
        return TROUBLED_MENTOR if troubled else MENTOR_VOICES.get(variant_name, DEFAULT_MENTOR)
    return TROUBLED_MENTEE if troubled else MENTEE_VOICES.get(variant_name, DEFAULT_MENTEE)


def _pick(options: tuple[str, ...], turn: int) -> str:
    """The turn-th respondent of the same kind writes the turn-th phrase: two of a group differ."""
    return options[turn % len(options)] if options else ""


def _rating(value: float) -> str:
    return str(min(10, max(1, int(value + 0.5))))


def process_answers(questions: list[Question], voice: Voice, rng: random.Random, *, turn: int = 0) -> dict:
    """A stage 1 questionnaire filled by the voice; the ``turn`` tells apart people who share it."""
    posted: dict = {}
    for question in questions:
        text = question.text.lower()
        name = field_name(question)
        if question.kind == Question.Kind.RATING:
            offset = sum(shift for piece, shift in RATING_OFFSETS if piece in text)
            wobble = 0 if HEADLINE in text else rng.choice((-1, 0, 0, 0, 1))
            posted[name] = _rating(voice.level + offset + wobble)
        elif question.kind == Question.Kind.YES_NO:
            if "продолжить" in text:
                posted[name] = YES if voice.keep else NO
            elif "наставником" in text:
                posted[name] = YES if voice.become_mentor else NO
            else:
                posted[name] = YES
        elif question.kind == Question.Kind.SINGLE:
            wanted = MEETING_FREQUENCY[voice.frequency]
            posted[name] = wanted if wanted in question.choices else question.choices[0]
        elif question.kind == Question.Kind.MULTIPLE:
            posted[name] = [c for c in voice.ways if c in question.choices] or question.choices[:1]
        elif question.kind == Question.Kind.NUMBER:
            posted[name] = str(question.min_value or 0)
        elif question.report_role == Question.Role.EXPECTATION:
            posted[name] = _pick(voice.expectation, turn)
        elif question.report_role == Question.Role.REALITY:
            posted[name] = _pick(voice.reality, turn)
        elif "ценн" in text:
            posted[name] = _pick(voice.valuable, turn)
        elif "не хватило" in text:
            posted[name] = _pick(voice.missing, turn)
        elif question.required:
            posted[name] = _pick(voice.reality, turn) or "Всё в порядке."
    return {name: value for name, value in posted.items() if value not in ("", [])}


def draft_answers(questions: list[Question], voice: Voice, rng: random.Random, *, count: int = 3) -> dict:
    """The first few answers of a questionnaire somebody started and left."""
    return process_answers(questions[:count], voice, rng)


# What the curator says of the programme's conditions: (a piece of the question's text, the answer).
CURATOR_ANSWERS = (
    ("положение о наставничестве", YES),
    ("назначены куратор", YES),
    # A few consents are still missing or expired in the demo base: the curator says so.
    ("согласия", NO),
    ("база наставников", "7"),
    ("прошли обучение", YES),
    ("закреплены приказом", YES),
    ("сколько встреч", "4"),
    ("добровольность", "9"),
    ("индивидуальный подход", "8"),
    ("открытость", "6"),
    ("поддержка наставников", "5"),
    ("безопасность", "8"),
    (
        "мешает",
        "Нагрузка наставников-учителей: встречи приходится ставить после седьмого урока, и они "
        "срываются. Одна пара учеников почти не встречалась.",
    ),
    (
        "изменить",
        "Заложить в расписание час наставничества, раз в месяц собирать все пары вместе и отметить "
        "лучших наставников на педсовете.",
    ),
)


def curator_answers(questions: list[Question]) -> dict:
    posted = {}
    for question in questions:
        text = question.text.lower()
        value = next((answer for piece, answer in CURATOR_ANSWERS if piece in text), None)
        if value is None:  # a question the curator added to the default sheet
            value = {
                Question.Kind.YES_NO: YES,
                Question.Kind.RATING: "7",
                Question.Kind.NUMBER: str(question.min_value or 0),
            }.get(question.kind) or (question.choices[:1] or ["Замечаний нет."])[0]
        posted[field_name(question)] = value
    return posted


# --- stage 2 ------------------------------------------------------------------------------------

# Each mentee's story: characteristic code → (at entry, at exit). A group has one story per member.
IMPACT_STORIES: dict[str, tuple[dict[str, tuple[float, float]], ...]] = {
    # The disengaged eighth-grader: the largest gain in engagement and motivation.
    "Активный профессионал – равнодушный потребитель": (
        {
            "engagement": (3, 7),
            "activity": (2, 5),
            "self_esteem": (5, 6),
            "anxiety": (5, 4),
            "motivation": (3, 7),
            "average_mark": (3.4, 3.8),
            "absences": (14, 6),
            "contests": (0, 1),
        },
    ),
    # Two strong ninth-graders doing research: already high, a steady gain.
    "Коллега – молодой коллега": (
        {
            "engagement": (7, 8),
            "activity": (6, 8),
            "self_esteem": (6, 7),
            "anxiety": (6, 5),
            "motivation": (8, 9),
            "average_mark": (4.4, 4.6),
            "absences": (5, 4),
            "contests": (1, 3),
        },
        {
            "engagement": (8, 8),
            "activity": (5, 7),
            "self_esteem": (5, 7),
            "anxiety": (7, 5),
            "motivation": (7, 9),
            "average_mark": (4.2, 4.5),
            "absences": (3, 3),
            "contests": (1, 2),
        },
    ),
    # The fifth-grader adapting to the school: his anxiety falls the most.
    "Адаптированный – неадаптированный": (
        {
            "engagement": (5, 7),
            "activity": (3, 5),
            "self_esteem": (4, 6),
            "anxiety": (9, 4),
            "motivation": (6, 7),
            "average_mark": (4.0, 4.1),
            "absences": (7, 4),
            "contests": (0, 1),
        },
    ),
    # The young teacher: more confident, fewer difficulties, less tired.
    "Новичок – мастер": (
        {
            "confidence": (4, 7),
            "satisfaction": (6, 8),
            "difficulties": (8, 5),
            "burnout": (8, 6),
            "products": (1, 4),
            "stay": (6, 8),
        },
    ),
}
# The troubled pair's mentee: worse at exit than at entry.
TROUBLED_STORY = {
    "engagement": (5, 4),
    "activity": (4, 4),
    "self_esteem": (5, 4),
    "anxiety": (6, 7),
    "motivation": (5, 4),
    "average_mark": (3.6, 3.4),
    "absences": (8, 11),
    "contests": (0, 0),
}
# A characteristic no story knows (a curator's own): a modest gain.
UNKNOWN = {"scale": (6, 7), "number": (2, 3)}


def impact_story(variant_name: str, *, troubled: bool, turn: int = 0) -> dict[str, tuple[float, float]]:
    if troubled:
        return TROUBLED_STORY
    stories = IMPACT_STORIES.get(variant_name) or IMPACT_STORIES["Коллега – молодой коллега"]
    return stories[turn % len(stories)]


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def impact_answers(questions: list[Question], story: dict, *, exit: bool) -> dict:
    """A stage 2 questionnaire: each characteristic's figure at entry or at exit."""
    posted = {}
    for question in questions:
        characteristic = question.characteristic
        if characteristic is None:
            continue
        kind = "scale" if question.kind == Question.Kind.RATING else "number"
        entry, leave = story.get(characteristic.code, UNKNOWN[kind])
        value = leave if exit else entry
        posted[field_name(question)] = _rating(value) if kind == "scale" else _number(value)
    return posted
