"""What stage 2 measures in the programme: the curator ticks the characteristics or adds the school's
own; the stage 2 questionnaires follow (a frozen one gets a new revision). The director reads."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from mentoring.access import allow
from mentoring.models import Programme
from mentoring.params import int_param, int_params
from mentoring.roles import Role
from mentoring.selectors import programmes_of
from monitoring.forms.questionnaires import CharacteristicForm
from monitoring.models import Questionnaire, Stage
from monitoring.selectors.questionnaires import characteristics_by_audience
from monitoring.services import characteristics as services
from participants.views.mentees import chosen_programme

KEEPERS = (Role.CURATOR, Role.DIRECTOR)


def _list_url(programme: Programme | None) -> str:
    url = reverse("characteristic_list")
    return f"{url}?programme={programme.pk}" if programme is not None else url


def _posted_programme(request) -> Programme | None:
    """The programme the form was rendered for (a hidden field), else the current one."""
    wanted = int_param(request.POST.get("programme"))
    if wanted is not None:
        return request.access.get(Programme, pk=wanted)
    return request.access.programme


def _impact_ids(programme: Programme) -> set[int]:
    return set(
        Questionnaire.objects.filter(programme=programme, stage=Stage.IMPACT, is_current=True).values_list(
            "pk", flat=True
        )
    )


def _report_changes(request, before: set[int], changed: list[Questionnaire]) -> None:
    """Tell which stage 2 questionnaires followed the list, and which of them got a new revision."""
    if not changed:
        return
    parts = []
    for questionnaire in changed:
        if questionnaire.pk in before:
            parts.append(f"«{questionnaire.title}» — изменена")
        else:
            parts.append(
                f"«{questionnaire.title}» — новая редакция {questionnaire.revision} "
                "(у прежней есть ответы, они остались при прежних вопросах)"
            )
    messages.info(request, "Анкеты второго этапа обновлены: " + "; ".join(parts) + ".")


@allow(*KEEPERS, methods=("GET",))
def characteristic_list(request):
    programme = chosen_programme(request)
    can_edit = request.access.role == Role.CURATOR and programme is not None and not programme.is_completed
    return render(
        request,
        "monitoring/characteristics/list.html",
        {
            "programme": programme,
            "programmes": programmes_of(request.access.organisation),
            "groups": characteristics_by_audience(programme),
            "can_edit": can_edit,
            "add_form": CharacteristicForm() if can_edit else None,
        },
    )


@allow(Role.CURATOR, methods=("POST",))
def characteristics_measured(request):
    programme = _posted_programme(request)
    if programme is None:
        messages.error(request, "Сначала выберите текущую программу наставничества.")
        return redirect("programme_list")
    ids = int_params(request.POST.getlist("measured"))
    before = _impact_ids(programme)
    try:
        changed = services.set_measured(programme=programme, characteristic_ids=ids, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_list_url(programme))
    messages.success(request, "Список измеряемых характеристик сохранён.")
    _report_changes(request, before, changed)
    return redirect(_list_url(programme))


@allow(Role.CURATOR, methods=("POST",))
def characteristic_add(request):
    programme = _posted_programme(request)
    if programme is None:
        messages.error(request, "Сначала выберите текущую программу наставничества.")
        return redirect("programme_list")
    form = CharacteristicForm(request.POST)
    if not form.is_valid():
        problems = [
            f"{form.fields[name].label}: {' '.join(errors)}" if name in form.fields else " ".join(errors)
            for name, errors in form.errors.items()
        ]
        messages.error(request, "Характеристика не добавлена. " + " ".join(problems))
        return redirect(_list_url(programme))
    data = form.cleaned_data
    before = _impact_ids(programme)
    try:
        characteristic = services.add_characteristic(
            programme=programme,
            name=data["name"],
            audience=data["audience"],
            question_text=data["question_text"],
            kind=data["kind"],
            unit=data["unit"],
            higher_is_better=data["higher_is_better"],
            user=request.user,
        )
    except ValidationError as error:
        messages.error(request, "Характеристика не добавлена. " + " ".join(error.messages))
        return redirect(_list_url(programme))
    messages.success(request, f"Характеристика «{characteristic.name}» добавлена и измеряется.")
    changed = list(
        Questionnaire.objects.filter(
            programme=programme, stage=Stage.IMPACT, is_current=True, questions__characteristic=characteristic
        ).distinct()
    )
    _report_changes(request, before, changed)
    return redirect(_list_url(programme))
