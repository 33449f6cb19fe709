"""Writes of mentor training: courses with their sessions, the attendance grid, the course results.

The primary training of the methodology is four weekly meetings or a two-day intensive, in three
parts: self-analysis and self-presentation, effective communication, the stages of a mentoring
programme. Secondary training goes on during the work, on the mentors' questions; it does not move
anyone's selection stage. The attendance rule is in participants.selectors.training.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from mentoring.models import Organisation
from participants.models import AccessLogEntry, Attendance, Mentor, TrainingCourse, TrainingSession
from participants.selectors.consents import today
from participants.selectors.training import allowed_misses, completes, trainable_mentors
from participants.services.access_log import log_access
from participants.services.mentors import promote_to_trained

Action = AccessLogEntry.Action
Format = TrainingCourse.Format
Kind = TrainingCourse.Kind

# The three parts of the primary training, spread over the two formats (our wording).
WEEKLY_TOPICS = (
    "Кто я как наставник: самоанализ, сильные стороны и самопрезентация",
    "Как говорить и слушать: эффективная коммуникация с наставляемым",
    "Программа наставничества шаг за шагом: от знакомства до итоговой встречи",
    "Практикум: разбор ситуаций и план первой встречи с наставляемым",
)
INTENSIVE_TOPICS = (
    # day 1
    "Кто я как наставник: самоанализ, сильные стороны и самопрезентация",
    "Как говорить и слушать: эффективная коммуникация с наставляемым",
    # day 2
    "Программа наставничества шаг за шагом: от знакомства до итоговой встречи",
)
MAX_SESSIONS = 20


def planned_sessions(format: str, start_date: date) -> list[tuple[date, str]]:
    """The sessions a standard format gives: four a week apart, or three over two days."""
    if format == Format.WEEKLY:
        return [(start_date + timedelta(weeks=i), topic) for i, topic in enumerate(WEEKLY_TOPICS)]
    if format == Format.INTENSIVE:
        days = (start_date, start_date, start_date + timedelta(days=1))
        return list(zip(days, INTENSIVE_TOPICS, strict=True))
    return []


def _check_participants(organisation: Organisation, participants: Iterable[Mentor]) -> list[Mentor]:
    participants = list(participants)
    ids = [m.pk for m in participants]
    allowed = set(trainable_mentors(organisation).filter(pk__in=ids).values_list("pk", flat=True))
    wrong = [m for m in participants if m.pk not in allowed]
    if wrong:
        names = ", ".join(str(m.person) for m in wrong)
        raise ValidationError(
            {
                "participants": "На обучение записывают наставников после собеседования; того, кто "
                f"отозвал согласие на обработку данных, записать нельзя. Не подходят: {names}."
            }
        )
    return participants


@transaction.atomic
def create_course(
    *,
    organisation: Organisation,
    user,
    name: str,
    kind: str = Kind.PRIMARY,
    format: str = Format.WEEKLY,
    trainer: str = "",
    start_date: date | None = None,
    sessions: Iterable[tuple[date, str]] = (),
    participants: Iterable[Mentor] = (),
) -> TrainingCourse:
    """Create a course; the weekly and intensive formats plan their sessions from ``start_date``,
    the other format takes ``sessions`` as (date, topic) pairs."""
    errors: dict[str, str] = {}
    name = name.strip()
    if not name:
        errors["name"] = "Укажите название курса."
    if kind not in Kind.values:
        errors["kind"] = "Выберите вид обучения."
    if format not in Format.values:
        errors["format"] = "Выберите формат обучения."
    if format in (Format.WEEKLY, Format.INTENSIVE):
        if start_date is None:
            errors["start_date"] = "Укажите дату первого занятия."
        plan = planned_sessions(format, start_date) if start_date else []
    else:
        plan = [(day, topic.strip()) for day, topic in sessions]
        if not plan:
            errors["sessions"] = "Перечислите занятия курса: дата и тема, по одному в строке."
        elif len(plan) > MAX_SESSIONS:
            errors["sessions"] = f"В курсе может быть не больше {MAX_SESSIONS} занятий."
        elif any(not topic for _, topic in plan):
            errors["sessions"] = "У каждого занятия должна быть тема."
    if errors:
        raise ValidationError(errors)
    participants = _check_participants(organisation, participants)
    course = TrainingCourse.objects.create(
        organisation=organisation, name=name, kind=kind, format=format, trainer=trainer.strip()
    )
    TrainingSession.objects.bulk_create(
        TrainingSession(course=course, number=number, date=day, topic=topic[:300])
        for number, (day, topic) in enumerate(sorted(plan, key=lambda s: s[0]), start=1)
    )
    course.participants.set(participants)
    return course


@transaction.atomic
def record_attendance(*, course: TrainingCourse, marks: Mapping[tuple[int, int], bool], user) -> int:
    """Save the attendance grid in one go; returns how many marks changed.

    Every key must be a session of this course and a participant of it: a foreign id refuses the
    whole grid and nothing is saved.
    """
    course = TrainingCourse.objects.select_for_update().get(pk=course.pk)
    session_ids = set(course.sessions.values_list("pk", flat=True))
    mentors = {m.pk: m for m in course.participants.select_related("person")}
    for session_id, mentor_id in marks:
        if session_id not in session_ids or mentor_id not in mentors:
            raise ValidationError(
                "В отметках есть занятие или наставник не из этого курса. Посещаемость не сохранена: "
                "обновите страницу и отметьте заново."
            )
    existing = {
        (a.session_id, a.mentor_id): a
        for a in Attendance.objects.filter(session__course=course, mentor_id__in=mentors)
    }
    to_create, to_update, touched = [], [], set()
    for (session_id, mentor_id), present in marks.items():
        present = bool(present)
        row = existing.get((session_id, mentor_id))
        if row is None:
            if present:
                to_create.append(Attendance(session_id=session_id, mentor_id=mentor_id, present=True))
                touched.add(mentor_id)
        elif row.present != present:
            row.present = present
            to_update.append(row)
            touched.add(mentor_id)
    Attendance.objects.bulk_create(to_create)
    Attendance.objects.bulk_update(to_update, ["present"])
    for mentor_id in sorted(touched):
        log_access(
            user=user,
            organisation=course.organisation,
            action=Action.UPDATE,
            person=mentors[mentor_id].person,
            detail=f"Посещаемость обучения «{course.name}»"[:500],
        )
    return len(to_create) + len(to_update)


@dataclass
class CourseResult:
    promoted: list[Mentor] = field(default_factory=list)
    # (mentor, why) — participants who stay where they are.
    not_qualified: list[tuple[Mentor, str]] = field(default_factory=list)
    already_trained: list[Mentor] = field(default_factory=list)


@transaction.atomic
def complete_course(*, course: TrainingCourse, user, on: date | None = None) -> CourseResult:
    """Sum up a primary course: every participant at «Прошёл собеседование» who completed it
    (all sessions, one miss forgiven in a course of four or more) moves to «Прошёл обучение».

    Participants who did not complete it stay where they are; the result says why.
    Repeating it is harmless: those already trained are only listed.
    """
    day = on or today()
    course = TrainingCourse.objects.select_for_update().get(pk=course.pk)
    if course.kind != Kind.PRIMARY:
        raise ValidationError(
            "Итоги подводятся только по первичному обучению: вторичное обучение не меняет этап отбора."
        )
    sessions = list(course.sessions.values_list("pk", "date"))
    if not sessions:
        raise ValidationError("В курсе нет занятий — подводить итоги нечего.")
    last_day = max(d for _, d in sessions)
    if last_day > day:
        raise ValidationError(f"Итоги подводятся после последнего занятия курса ({last_day:%d.%m.%Y}).")
    total = len(sessions)
    mentors = list(
        course.participants.select_for_update()
        .select_related("person", "organisation")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    present: dict[int, int] = {}
    for mentor_id in Attendance.objects.filter(session__course=course, present=True).values_list(
        "mentor_id", flat=True
    ):
        present[mentor_id] = present.get(mentor_id, 0) + 1
    result = CourseResult()
    for mentor in mentors:
        attended = present.get(mentor.pk, 0)
        if mentor.stage in (Mentor.Stage.TRAINED, Mentor.Stage.READY):
            result.already_trained.append(mentor)
        elif not completes(attended, total):
            missed = total - attended
            allowed = allowed_misses(total)
            why = f"пропущено занятий: {missed} из {total}"
            why += f" (допускается {allowed})" if allowed else " (нужно быть на каждом)"
            result.not_qualified.append((mentor, why))
        elif mentor.stage != Mentor.Stage.INTERVIEWED:
            result.not_qualified.append((mentor, f"этап «{mentor.get_stage_display()}»"))
        elif mentor.person.is_pseudonymised:
            result.not_qualified.append((mentor, "согласие отозвано, данные обезличены"))
        else:
            promote_to_trained(mentor=mentor, user=user, on=day)
            result.promoted.append(mentor)
    return result
