"""The curator's questionnaire builder: the list by stage, one questionnaire as its respondent sees it,
and the edits of its metadata, sections and questions. The director reads.

Every edit goes through ``monitoring.services.questionnaires`` and lands in the questionnaire it returns:
a questionnaire with answers is frozen, so the edit makes its next revision."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from mentoring.access import allow
from mentoring.exceptions import StaleEditError
from mentoring.forms import apply_errors, posted_version
from mentoring.roles import Role
from mentoring.selectors import programmes_of
from mentoring.submissions import submit_once
from monitoring.forms.questionnaires import (
    QuestionForm,
    QuestionnaireCreateForm,
    QuestionnaireForm,
    SectionForm,
)
from monitoring.models import Question, Questionnaire
from monitoring.selectors.questionnaires import (
    access_question,
    access_questionnaire,
    access_section,
    by_stage,
    current_questionnaires,
    current_revision,
    revisions_before,
    sheet,
)
from monitoring.services import questionnaires as services
from participants.views.mentees import chosen_programme

KEEPERS = (Role.CURATOR, Role.DIRECTOR)


class Stale(dict):
    """What someone else saved meanwhile; shown even when no single field can name it (a new question,
    a moved one), so the warning of ``_stale.html`` still appears."""

    def __bool__(self) -> bool:
        return True


def detail_url(questionnaire: Questionnaire) -> str:
    return reverse("questionnaire_detail", kwargs={"questionnaire_id": questionnaire.pk})


def can_edit(request, questionnaire: Questionnaire) -> bool:
    return (
        request.access.role == Role.CURATOR
        and questionnaire.is_current
        and not questionnaire.programme.is_completed
    )


def _problem(error: ValidationError) -> str:
    return " ".join(error.messages)


def landed(request, before: Questionnaire, after: Questionnaire, done: str):
    """Back to the questionnaire the edit landed in, saying so when it is a new revision."""
    if after.pk != before.pk:
        messages.warning(
            request,
            f"У анкеты уже есть ответы, поэтому изменения сохранены в новой редакции {after.revision}; "
            "прежние ответы остались при прежних вопросах.",
        )
    else:
        messages.success(request, done)
    return redirect(detail_url(after))


def refused(request, questionnaire: Questionnaire, error: ValidationError):
    """A one-button edit the service refused: back to the page with its reason."""
    if isinstance(error, StaleEditError):
        messages.warning(request, _problem(error))
    else:
        messages.error(request, _problem(error))
    return redirect(detail_url(questionnaire))


# --- reading ----------------------------------------------------------------------------------------


@allow(*KEEPERS, methods=("GET",))
def questionnaire_list(request):
    programme = chosen_programme(request)
    return render(
        request,
        "monitoring/questionnaires/list.html",
        {
            "programme": programme,
            "programmes": programmes_of(request.access.organisation),
            "stages": by_stage(current_questionnaires(programme)),
            "can_create": request.access.role == Role.CURATOR
            and programme is not None
            and not programme.is_completed,
        },
    )


@allow(*KEEPERS, methods=("GET",))
def questionnaire_detail(request, questionnaire_id: int):
    questionnaire = access_questionnaire(request.access, questionnaire_id)
    blocks, sections, questions = sheet(questionnaire)
    editable = can_edit(request, questionnaire)
    context = {
        "questionnaire": questionnaire,
        "programme": questionnaire.programme,
        "blocks": blocks,
        "sections": sections,
        "question_count": len(questions),
        "last_question": questions[-1].pk if questions else None,
        "first_question": questions[0].pk if questions else None,
        "forms": list(questionnaire.forms.all()),
        "frozen": services.is_frozen(questionnaire),
        "earlier": revisions_before(questionnaire),
        "current": None if questionnaire.is_current else current_revision(questionnaire),
        "can_edit": editable,
    }
    if editable:
        context["section_form"] = SectionForm(
            initial={"version": questionnaire.version}, auto_id="section_%s"
        )
        context["question_form"] = QuestionForm(
            questionnaire=questionnaire, initial={"version": questionnaire.version}, auto_id="question_%s"
        )
    return render(request, "monitoring/questionnaires/detail.html", context)


# --- the questionnaire itself -----------------------------------------------------------------------


@allow(Role.CURATOR)
def questionnaire_create(request):
    programme = chosen_programme(request)
    if programme is None:
        messages.error(request, "Сначала выберите текущую программу наставничества.")
        return redirect("programme_list")
    form = QuestionnaireCreateForm(
        request.POST or None, programme=programme, initial={"forms": list(programme.forms.all())}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def create() -> str:
            questionnaire = services.create_questionnaire(
                programme=programme,
                title=data["title"],
                stage=data["stage"],
                respondent=data["respondent"],
                forms=data["forms"],
                description=data["description"],
                audience=data["audience"] or "",
                is_anonymous=data["is_anonymous"],
                user=request.user,
            )
            messages.success(request, "Анкета создана. Добавьте в неё разделы и вопросы.")
            return detail_url(questionnaire)

        try:
            return redirect(
                submit_once(user=request.user, token=data.get("submit_token") or "", action=create)
            )
        except ValidationError as error:
            apply_errors(form, error)
    return render(request, "monitoring/questionnaires/create.html", {"form": form, "programme": programme})


@allow(Role.CURATOR)
def questionnaire_edit(request, questionnaire_id: int):
    questionnaire = access_questionnaire(request.access, questionnaire_id)
    form = QuestionnaireForm(
        request.POST or None,
        programme=questionnaire.programme,
        initial=QuestionnaireForm.initial_for(questionnaire),
    )
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            target = services.update_questionnaire(
                questionnaire=questionnaire,
                version=data["version"] if data["version"] is not None else -1,
                forms=data["forms"],
                title=data["title"],
                description=data["description"],
                audience=data["audience"] or "",
                is_anonymous=data["is_anonymous"],
                user=request.user,
            )
            return landed(request, questionnaire, target, "Анкета сохранена.")
        except StaleEditError as error:
            stale = Stale(error.changed)
            apply_errors(form, error)
        except ValidationError as error:
            apply_errors(form, error)
    return render(
        request,
        "monitoring/questionnaires/edit.html",
        {"questionnaire": questionnaire, "form": form, "stale": stale},
    )


# --- sections ---------------------------------------------------------------------------------------


@allow(Role.CURATOR, methods=("POST",))
def section_add(request, questionnaire_id: int):
    questionnaire = access_questionnaire(request.access, questionnaire_id)
    try:
        target = services.add_section(
            questionnaire=questionnaire,
            version=posted_version(request),
            title=request.POST.get("title", ""),
            user=request.user,
        )
    except ValidationError as error:
        return refused(request, questionnaire, error)
    return landed(request, questionnaire, target, "Раздел добавлен.")


@allow(Role.CURATOR, methods=("POST",))
def section_rename(request, section_id: int):
    section = access_section(request.access, section_id)
    questionnaire = section.questionnaire
    try:
        target = services.rename_section(
            section=section,
            version=posted_version(request),
            title=request.POST.get("title", ""),
            user=request.user,
        )
    except ValidationError as error:
        return refused(request, questionnaire, error)
    return landed(request, questionnaire, target, "Раздел переименован.")


@allow(Role.CURATOR, methods=("POST",))
def section_delete(request, section_id: int):
    section = access_section(request.access, section_id)
    questionnaire = section.questionnaire
    try:
        target = services.delete_section(section=section, version=posted_version(request), user=request.user)
    except ValidationError as error:
        return refused(request, questionnaire, error)
    return landed(request, questionnaire, target, f"Раздел «{section.title}» удалён, его вопросы остались.")


# --- questions --------------------------------------------------------------------------------------


def _question_page(request, questionnaire: Questionnaire, form: QuestionForm, question=None, stale=None):
    return render(
        request,
        "monitoring/questionnaires/question_form.html",
        {"questionnaire": questionnaire, "question": question, "form": form, "stale": stale},
    )


@allow(Role.CURATOR)
def question_add(request, questionnaire_id: int):
    questionnaire = access_questionnaire(request.access, questionnaire_id)
    form = QuestionForm(
        request.POST or None, questionnaire=questionnaire, initial={"version": questionnaire.version}
    )
    stale = None
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["version"]
        try:
            target = services.add_question(
                questionnaire=questionnaire,
                version=version if version is not None else -1,
                section=form.cleaned_data["section"],
                user=request.user,
                **form.values(),
            )
            return landed(request, questionnaire, target, "Вопрос добавлен в конец анкеты.")
        except StaleEditError as error:
            stale = Stale(error.changed)
            apply_errors(form, error)
        except ValidationError as error:
            apply_errors(form, error)
    return _question_page(request, questionnaire, form, stale=stale)


@allow(Role.CURATOR)
def question_edit(request, question_id: int):
    question = access_question(request.access, question_id)
    questionnaire = question.questionnaire
    form = QuestionForm(
        request.POST or None,
        questionnaire=questionnaire,
        question=question,
        initial=QuestionForm.initial_for(question),
    )
    stale = None
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["version"]
        section = question.section if form.locked else form.cleaned_data["section"]
        try:
            target = services.update_question(
                question=question,
                version=version if version is not None else -1,
                section=section,
                user=request.user,
                **form.values(),
            )
            return landed(request, questionnaire, target, "Вопрос сохранён.")
        except StaleEditError as error:
            stale = Stale(error.changed)
            apply_errors(form, error)
        except ValidationError as error:
            apply_errors(form, error)
    return _question_page(request, questionnaire, form, question=question, stale=stale)


@allow(Role.CURATOR, methods=("POST",))
def question_delete(request, question_id: int):
    question = access_question(request.access, question_id)
    questionnaire = question.questionnaire
    try:
        target = services.delete_question(
            question=question, version=posted_version(request), user=request.user
        )
    except ValidationError as error:
        return refused(request, questionnaire, error)
    return landed(request, questionnaire, target, f"Вопрос «{question.text}» удалён.")


@allow(Role.CURATOR, methods=("POST",))
def question_move(request, question_id: int):
    question: Question = access_question(request.access, question_id)
    questionnaire = question.questionnaire
    direction = request.POST.get("direction", "")
    if direction not in ("up", "down"):
        messages.error(request, "Не понятно, куда передвинуть вопрос: выше или ниже.")
        return redirect(detail_url(questionnaire))
    try:
        target = services.move_question(
            question=question, version=posted_version(request), up=direction == "up", user=request.user
        )
    except ValidationError as error:
        return refused(request, questionnaire, error)
    return landed(request, questionnaire, target, "Порядок вопросов изменён.")
