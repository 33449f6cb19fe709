"""The mentor base and mentor selection: list, card, profile, questionnaire, interview, stages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from mentoring.access import allow
from mentoring.exceptions import StaleEditError
from mentoring.forms import apply_errors
from mentoring.roles import Role
from mentoring.submissions import submit_once
from participants import hooks
from participants.forms.mentors import (
    PROFILE_FIELDS,
    InterviewForm,
    MentorCreateForm,
    MentorEditForm,
    MentorFilterForm,
    QuestionnaireForm,
)
from participants.models import AccessLogEntry, Mentor
from participants.selectors import mentors as selectors
from participants.selectors.consents import has_valid_consent
from participants.selectors.lists import paginate
from participants.selectors.training import mentor_courses
from participants.services import mentors as services
from participants.services.access_log import log_access

READERS = (Role.CURATOR, Role.DIRECTOR)
PEOPLE_SHOWN_WHEN_SEARCHING = 200


def _shown(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "да" if value else "нет"
    return str(value)


def _mentor(request, mentor_id: int) -> Mentor:
    return request.access.get(Mentor.objects.select_related("person", "organisation"), pk=mentor_id)


def _card_url(mentor: Mentor) -> str:
    return reverse("mentor_detail", kwargs={"mentor_id": mentor.pk})


@allow(*READERS, methods=("GET",))
def mentor_list(request):
    organisation = request.access.organisation
    form = MentorFilterForm(request.GET or None, organisation=organisation)
    filters = form.filters() if form.is_bound else {}
    mentors = selectors.filter_mentors(selectors.mentor_base(organisation), filters)
    page = paginate(mentors, request.GET.get("page"))
    return render(
        request,
        "participants/mentors/list.html",
        {
            "form": form,
            "page": page,
            "funnel": selectors.stage_counts(organisation),
            "sort": filters.get("sort") or "name",
            "filtered": any(v for k, v in filters.items() if k != "sort"),
        },
    )


@allow(Role.CURATOR)
def mentor_create(request):
    organisation = request.access.organisation
    q = request.GET.get("q", "").strip()
    people = None
    if request.method == "GET" and q:
        found = selectors.people_who_may_become_mentors(organisation, q)
        people = found.filter(pk__in=list(found.values_list("pk", flat=True)[:PEOPLE_SHOWN_WHEN_SEARCHING]))
    form = MentorCreateForm(request.POST or None, organisation=organisation, people=people)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def create() -> str:
            mentor = services.create_mentor(
                organisation=organisation,
                user=request.user,
                **{k: data[k] for k in ("person", *PROFILE_FIELDS)},
            )
            messages.success(
                request, f"«{mentor.person.full_name}» внесён(а) в базу наставников как кандидат."
            )
            return _card_url(mentor)

        try:
            return redirect(
                submit_once(user=request.user, token=data.get("submit_token") or "", action=create)
            )
        except ValidationError as error:
            apply_errors(form, error)
    return render(request, "participants/mentors/form.html", {"form": form, "creating": True, "q": q})


@allow(*READERS, methods=("GET",))
def mentor_detail(request, mentor_id: int):
    mentor = _mentor(request, mentor_id)
    log_access(
        user=request.user,
        organisation=request.access.organisation,
        action=AccessLogEntry.Action.VIEW,
        person=mentor.person,
        detail="Карточка наставника",
    )
    return render(
        request,
        "participants/mentors/detail.html",
        {
            "mentor": mentor,
            "person": mentor.person,
            "topics": list(mentor.topics.all()),
            "has_consent": has_valid_consent(mentor.person),
            "courses": mentor_courses(mentor),
            "history": selectors.stage_history(mentor),
            "work": hooks.mentor_history(mentor),
            "stages": selectors.stages_offered(mentor),
        },
    )


@allow(Role.CURATOR)
def mentor_edit(request, mentor_id: int):
    mentor = _mentor(request, mentor_id)
    organisation = request.access.organisation
    form = MentorEditForm(request.POST or None, instance=mentor, organisation=organisation)
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_mentor(
                mentor=mentor,
                version=data["version"] or 0,
                user=request.user,
                topics=data["topics"],
                **{k: data[k] for k in PROFILE_FIELDS if k != "topics"},
            )
            messages.success(request, "Изменения сохранены.")
            return redirect(_card_url(mentor))
        except StaleEditError as error:
            stale = [(label, _shown(now), _shown(yours)) for label, (now, yours) in error.changed.items()]
            # The form keeps the user's input; saving it again (after looking at the other changes)
            # overwrites them knowingly.
            fresh = Mentor.objects.get(pk=mentor.pk)
            post = request.POST.copy()
            post["version"] = fresh.version
            form = MentorEditForm(post, instance=fresh, organisation=organisation)
            form.is_valid()
            apply_errors(form, error)
        except ValidationError as error:
            apply_errors(form, error)
    return render(request, "participants/mentors/form.html", {"form": form, "mentor": mentor, "stale": stale})


@allow(Role.CURATOR)
def mentor_questionnaire(request, mentor_id: int):
    mentor = _mentor(request, mentor_id)
    initial = {name: getattr(mentor, name) for name in services.QUESTIONNAIRE_FIELDS}
    form = QuestionnaireForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_questionnaire(mentor=mentor, user=request.user, **form.cleaned_data)
            messages.success(request, "Анкета кандидата сохранена.")
            return redirect(_card_url(mentor))
        except ValidationError as error:
            apply_errors(form, error)
    return render(
        request,
        "participants/mentors/step_form.html",
        {
            "form": form,
            "mentor": mentor,
            "title": "Анкета кандидата",
            "intro": "Запишите ответы кандидата своими словами: анкета свободная.",
        },
    )


@allow(Role.CURATOR)
def mentor_interview(request, mentor_id: int):
    mentor = _mentor(request, mentor_id)
    initial = {
        "interview_date": mentor.interview_date,
        "interviewer": mentor.interviewer,
        "interview_conclusion": mentor.interview_conclusion,
    }
    form = InterviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        was = mentor.stage
        try:
            mentor = services.record_interview(
                mentor=mentor,
                user=request.user,
                interview_date=data["interview_date"],
                interviewer=data["interviewer"],
                conclusion=data["interview_conclusion"],
            )
            text = "Собеседование записано."
            if was != mentor.stage:
                text += f" Этап: «{mentor.get_stage_display()}»."
            messages.success(request, text)
            return redirect(_card_url(mentor))
        except ValidationError as error:
            apply_errors(form, error)
    intro = "Собеседование можно провести с привлечением педагога-психолога."
    if mentor.stage == Mentor.Stage.CANDIDATE:
        intro += " После записи кандидат перейдёт на этап «Прошёл собеседование»."
    return render(
        request,
        "participants/mentors/step_form.html",
        {"form": form, "mentor": mentor, "title": "Собеседование", "intro": intro},
    )


@allow(Role.CURATOR, methods=("POST",))
def mentor_stage(request, mentor_id: int):
    mentor = _mentor(request, mentor_id)
    try:
        mentor = services.move_mentor_stage(
            mentor=mentor, stage=request.POST.get("stage", ""), user=request.user
        )
        messages.success(request, f"Этап отбора: «{mentor.get_stage_display()}».")
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    return redirect(_card_url(mentor))
