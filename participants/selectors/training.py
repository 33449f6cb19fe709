"""Reads of mentor training: the course list, the attendance grid, a mentor's courses.

The attendance rule lives here because the stage rules (services.mentors) and the course
results (services.training) must agree on it:

    A mentor has completed a course when they attended every session of it, except that in a
    course of four or more sessions one missed session is forgiven (the methodology's weekly
    format spreads the three parts over four meetings, and the curator goes over the missed
    meeting with the mentor in person). A two-day intensive or any shorter course needs every
    session: each of its sessions is a whole part of the training.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, F, Max, Min, Prefetch, Q, QuerySet

from mentoring.models import Organisation
from participants.models import Attendance, Mentor, TrainingCourse, TrainingSession
from participants.selectors.consents import with_consent_flag

# Stages whose mentors may be put on a course.
TRAINABLE_STAGES = (Mentor.Stage.INTERVIEWED, Mentor.Stage.TRAINED, Mentor.Stage.READY)
FORGIVING_FROM = 4


def allowed_misses(session_count: int) -> int:
    """How many sessions a mentor may miss and still have completed a course of that length."""
    return 1 if session_count >= FORGIVING_FROM else 0


def completes(attended: int, session_count: int) -> bool:
    return session_count > 0 and attended >= session_count - allowed_misses(session_count)


def attendance_rule_text(session_count: int) -> str:
    """The rule as the curator reads it next to the grid."""
    if session_count >= FORGIVING_FROM:
        return (
            "Обучение считается пройденным, если наставник был на всех занятиях; "
            "одно пропущенное занятие допускается — куратор разбирает его тему с наставником отдельно."
        )
    return "Обучение считается пройденным, если наставник был на каждом занятии: каждое из них — целая часть курса."


def courses_of(organisation: Organisation) -> QuerySet:
    return (
        TrainingCourse.objects.filter(organisation=organisation)
        .annotate(
            session_count=Count("sessions", distinct=True),
            participant_count=Count("participants", distinct=True),
            first_date=Min("sessions__date"),
            last_date=Max("sessions__date"),
        )
        .order_by("-created_at", "-pk")
    )


def completed_counts(courses: list[TrainingCourse]) -> dict[int, int]:
    """How many participants of each course have completed it (one query for all the courses)."""
    ids = [c.pk for c in courses]
    if not ids:
        return {}
    rows = (
        Attendance.objects.filter(session__course__in=ids, present=True)
        # Only the course's own participants count: someone taken off a course keeps old marks.
        .filter(mentor__courses=F("session__course"))
        .values("session__course_id", "mentor_id")
        .annotate(attended=Count("pk"))
    )
    sessions = {c.pk: c.session_count for c in courses}
    counts = dict.fromkeys(ids, 0)
    for row in rows:
        course_id = row["session__course_id"]
        if completes(row["attended"], sessions[course_id]):
            counts[course_id] += 1
    return counts


@dataclass
class GridRow:
    mentor: Mentor
    present: set[int] = field(default_factory=set)  # session ids
    attended: int = 0
    completed: bool = False


@dataclass
class AttendanceGrid:
    course: TrainingCourse
    sessions: list[TrainingSession]
    rows: list[GridRow]

    @property
    def completed_count(self) -> int:
        return sum(1 for r in self.rows if r.completed)

    @property
    def rule(self) -> str:
        return attendance_rule_text(len(self.sessions))


def attendance_grid(course: TrainingCourse) -> AttendanceGrid:
    """Sessions × participants with their marks, in three queries whatever the size."""
    sessions = list(course.sessions.order_by("number"))
    mentors = list(
        with_consent_flag(course.participants.all(), person_path="person_id")
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "person__middle_name", "pk")
    )
    marks = Attendance.objects.filter(session__course=course, present=True).values_list(
        "session_id", "mentor_id"
    )
    present: dict[int, set[int]] = {}
    for session_id, mentor_id in marks:
        present.setdefault(mentor_id, set()).add(session_id)
    rows = []
    for mentor in mentors:
        attended = present.get(mentor.pk, set())
        rows.append(
            GridRow(
                mentor=mentor,
                present=attended,
                attended=len(attended),
                completed=completes(len(attended), len(sessions)),
            )
        )
    return AttendanceGrid(course=course, sessions=sessions, rows=rows)


@dataclass(frozen=True)
class MentorCourse:
    course: TrainingCourse
    sessions: int
    attended: int
    completed: bool
    absent_topics: tuple[str, ...]


def mentor_courses(mentor: Mentor) -> list[MentorCourse]:
    """The courses a mentor is on, with how many sessions they attended (two queries)."""
    courses = list(
        mentor.courses.prefetch_related(
            Prefetch("sessions", queryset=TrainingSession.objects.order_by("number"))
        ).order_by("-created_at", "-pk")
    )
    present = set(
        Attendance.objects.filter(mentor=mentor, present=True, session__course__in=courses).values_list(
            "session_id", flat=True
        )
    )
    result = []
    for course in courses:
        sessions = list(course.sessions.all())
        attended = [s for s in sessions if s.pk in present]
        result.append(
            MentorCourse(
                course=course,
                sessions=len(sessions),
                attended=len(attended),
                completed=completes(len(attended), len(sessions)),
                absent_topics=tuple(s.topic for s in sessions if s.pk not in present),
            )
        )
    return result


def has_completed_primary_training(mentor: Mentor) -> bool:
    """Whether the mentor completed some primary course under the attendance rule above."""
    courses = (
        mentor.courses.filter(kind=TrainingCourse.Kind.PRIMARY)
        .annotate(
            session_count=Count("sessions", distinct=True),
            attended=Count(
                "sessions__attendance",
                filter=Q(sessions__attendance__mentor=mentor, sessions__attendance__present=True),
                distinct=True,
            ),
        )
        .values_list("session_count", "attended")
    )
    return any(completes(attended, total) for total, attended in courses)


def trainable_mentors(organisation: Organisation) -> QuerySet:
    """Mentors who may be put on a course: after the interview, and not erased after a withdrawal."""
    return (
        Mentor.objects.filter(
            organisation=organisation, stage__in=TRAINABLE_STAGES, person__pseudonymised_at__isnull=True
        )
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "person__middle_name", "pk")
    )
