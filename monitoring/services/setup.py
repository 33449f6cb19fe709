"""Installing the default monitoring set (monitoring/reference_data.py) on a programme."""

from __future__ import annotations

from django.db import transaction

from mentoring.models import MentoringForm, Programme
from monitoring import reference_data as ref
from monitoring.models import Characteristic, Question, Questionnaire, Section
from monitoring.services.characteristics import sync_impact_questionnaires


def _install_sheet(programme: Programme, sheet: ref.Sheet, forms: list[MentoringForm]) -> Questionnaire:
    questionnaire = Questionnaire.objects.create(
        programme=programme,
        code=sheet.code,
        title=sheet.title,
        description=sheet.description,
        stage=sheet.stage,
        respondent=sheet.respondent,
        audience=sheet.audience,
        is_anonymous=sheet.is_anonymous,
    )
    questionnaire.forms.set(forms)
    position = 0
    for part_position, part in enumerate(sheet.parts, start=1):
        section = Section.objects.create(
            questionnaire=questionnaire, title=part.title, position=part_position
        )
        for q in part.questions:
            position += 1
            Question.objects.create(
                questionnaire=questionnaire,
                section=section,
                position=position,
                kind=q.kind,
                text=q.text,
                help_text=q.help_text,
                required=q.required,
                choices=list(q.choices),
                min_value=q.min_value,
                max_value=q.max_value,
                report_role=q.report_role,
            )
    return questionnaire


@transaction.atomic
def install_default_set(*, programme: Programme) -> list[Questionnaire]:
    """Install what the programme lacks of the default set; what is there (even edited) stays."""
    forms = {form.code: form for form in programme.forms.all()}
    codes = [code for code in ref.SCHOOL_FORMS if code in forms] + sorted(
        code for code in forms if code not in ref.SCHOOL_FORMS
    )
    have = set(Questionnaire.objects.filter(programme=programme).values_list("code", flat=True))
    installed = []
    for sheet in ref.process_sheets([(code, forms[code].name) for code in codes]):
        if sheet.code not in have:
            installed.append(_install_sheet(programme, sheet, [forms[code] for code in sheet.forms]))
    curator_forms = [forms[code] for code in codes]
    if ref.CURATOR_SHEET.code not in have and curator_forms:
        installed.append(_install_sheet(programme, ref.CURATOR_SHEET, curator_forms))
    known = set(programme.characteristics.values_list("code", flat=True))
    Characteristic.objects.bulk_create(
        Characteristic(
            programme=programme,
            code=measure.code,
            name=measure.name,
            audience=measure.audience,
            kind=measure.kind,
            question_text=measure.question_text,
            unit=measure.unit,
            higher_is_better=measure.higher_is_better,
            position=position,
        )
        for position, measure in enumerate(ref.MEASURES, start=1)
        if measure.code not in known
    )
    for sheet in ref.IMPACT_SHEETS:
        sheet_forms = [forms[code] for code in sheet.forms if code in forms]
        if sheet.code not in have and sheet_forms:
            installed.append(_install_sheet(programme, sheet, sheet_forms))
    sync_impact_questionnaires(programme=programme)
    return installed


def setup_programme(*, programme: Programme) -> None:
    """The core's hook on a new or edited programme (mentoring.services.register_programme_setup)."""
    if not programme.is_completed:
        install_default_set(programme=programme)
