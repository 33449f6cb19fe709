"""Mentor training: courses, the attendance grid, the course results."""

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from mentoring.access import allow
from mentoring.forms import apply_errors
from mentoring.plural import plural_ru
from mentoring.roles import Role
from mentoring.submissions import submit_once
from participants.forms.training import CourseForm
from participants.models import TrainingCourse
from participants.selectors import training as selectors
from participants.services import training as services

READERS = (Role.CURATOR, Role.DIRECTOR)
MARK = re.compile(r"^att-(\d+)-(\d+)$")
MENTORS = "наставник,наставника,наставников"


def _course_url(course: TrainingCourse) -> str:
    return reverse("training_detail", kwargs={"course_id": course.pk})


@allow(*READERS, methods=("GET",))
def training_list(request):
    courses = list(selectors.courses_of(request.access.organisation))
    completed = selectors.completed_counts(courses)
    for course in courses:
        course.completed_count = completed.get(course.pk, 0)
    return render(request, "participants/training/list.html", {"courses": courses})


@allow(Role.CURATOR)
def training_create(request):
    organisation = request.access.organisation
    form = CourseForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def create() -> str:
            course = services.create_course(
                organisation=organisation,
                user=request.user,
                name=data["name"],
                kind=data["kind"],
                format=data["format"],
                trainer=data["trainer"],
                start_date=data["start_date"],
                sessions=data["sessions"],
                participants=data["participants"],
            )
            messages.success(request, f"Курс «{course.name}» создан.")
            return _course_url(course)

        try:
            return redirect(
                submit_once(user=request.user, token=data.get("submit_token") or "", action=create)
            )
        except ValidationError as error:
            apply_errors(form, error)
    return render(request, "participants/training/form.html", {"form": form})


@allow(*READERS, methods=("GET",))
def training_detail(request, course_id: int):
    course = request.access.get(TrainingCourse, pk=course_id)
    grid = selectors.attendance_grid(course)
    return render(request, "participants/training/detail.html", {"course": course, "grid": grid})


@allow(Role.CURATOR, methods=("POST",))
def training_attendance(request, course_id: int):
    """One POST saves the whole grid: a ticked box is «был», every other cell of the grid «не был»."""
    course = request.access.get(TrainingCourse, pk=course_id)
    if "grid" not in request.POST:
        messages.error(
            request, "Отметки посещаемости не получены: откройте курс и сохраните таблицу ещё раз."
        )
        return redirect(_course_url(course))
    session_ids = request.POST.getlist("session")
    mentor_ids = request.POST.getlist("mentor")
    marks: dict[tuple[int, int], bool] = {}
    try:
        for session_id in session_ids:
            for mentor_id in mentor_ids:
                marks[(int(session_id), int(mentor_id))] = False
    except ValueError:
        messages.error(request, "Отметки посещаемости повреждены — ничего не сохранено.")
        return redirect(_course_url(course))
    for key in request.POST:
        match = MARK.match(key)
        if match:
            marks[(int(match.group(1)), int(match.group(2)))] = True
    try:
        changed = services.record_attendance(course=course, marks=marks, user=request.user)
        messages.success(
            request,
            "Посещаемость сохранена." if changed else "Посещаемость сохранена, изменений не было.",
        )
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    return redirect(_course_url(course))


@allow(Role.CURATOR, methods=("POST",))
def training_complete(request, course_id: int):
    course = request.access.get(TrainingCourse, pk=course_id)
    try:
        result = services.complete_course(course=course, user=request.user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return redirect(_course_url(course))
    if result.promoted:
        names = ", ".join(m.person.full_name for m in result.promoted)
        n = len(result.promoted)
        messages.success(
            request, f"Перешли на этап «Прошёл обучение»: {n} {plural_ru(n, MENTORS)} — {names}."
        )
    if result.not_qualified:
        details = "; ".join(f"{m.person.full_name} — {why}" for m, why in result.not_qualified)
        messages.warning(request, f"Не прошли обучение по этому курсу: {details}.")
    if result.already_trained:
        names = ", ".join(m.person.full_name for m in result.already_trained)
        messages.info(request, f"Уже обучены раньше: {names}.")
    if not (result.promoted or result.not_qualified or result.already_trained):
        messages.info(request, "На курсе нет слушателей — итоги подводить не для кого.")
    return redirect(_course_url(course))
