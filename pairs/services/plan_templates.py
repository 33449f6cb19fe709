"""The school's templates of individual plans. The common ones are read-only: editing one makes the
school's own copy, which from then on replaces it in the school's list."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from mentoring.editing import check_version
from mentoring.models import MentoringForm, Organisation
from mentoring.plural import plural_ru
from pairs.models import PlanTemplate, PlanTemplateRow

ROW_FIELDS = ("task", "mentor_action", "work_form", "week", "expected_result")
MAX_WEEK = 60


def _copy_rows(source: PlanTemplate, target: PlanTemplate) -> None:
    PlanTemplateRow.objects.bulk_create(
        PlanTemplateRow(template=target, **{name: getattr(row, name) for name in ("position", *ROW_FIELDS)})
        for row in source.rows.order_by("position", "pk")
    )


@transaction.atomic
def customise_template(*, template: PlanTemplate, organisation: Organisation, user) -> PlanTemplate:
    """The school's own copy of a common template (the existing one if it was made before)."""
    if not template.is_common:
        return template
    existing = PlanTemplate.objects.filter(organisation=organisation, based_on=template).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            copy = PlanTemplate.objects.create(
                organisation=organisation,
                form=template.form,
                name=template.name,
                goal=template.goal,
                based_on=template,
            )
    except IntegrityError:  # a second click made it meanwhile
        return PlanTemplate.objects.get(organisation=organisation, based_on=template)
    _copy_rows(template, copy)
    return copy


@transaction.atomic
def create_template(
    *, organisation: Organisation, form: MentoringForm, name: str, goal: str, user
) -> PlanTemplate:
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Дайте шаблону название."})
    return PlanTemplate.objects.create(organisation=organisation, form=form, name=name, goal=goal.strip())


def _clean_rows(rows: list[dict]) -> list[dict]:
    cleaned, errors = [], []
    for number, row in enumerate(rows, start=1):
        task = (row.get("task") or "").strip()
        if not task:
            continue  # an empty line of the table is simply not kept
        week = row.get("week")
        if week is None or not 0 <= int(week) <= MAX_WEEK:
            errors.append(f"Строка {number}: срок — от 0 до {MAX_WEEK} недель от начала работы.")
            continue
        cleaned.append(
            {
                "task": task,
                "mentor_action": (row.get("mentor_action") or "").strip(),
                "work_form": (row.get("work_form") or "").strip(),
                "week": int(week),
                "expected_result": (row.get("expected_result") or "").strip(),
            }
        )
    if errors:
        raise ValidationError(errors)
    if not cleaned:
        raise ValidationError("В шаблоне должна быть хотя бы одна строка.")
    return cleaned


@transaction.atomic
def update_template(
    *, template: PlanTemplate, version: int, name: str, goal: str, rows: list[dict], user
) -> PlanTemplate:
    """Replace the template's header and rows at once; the common templates never change here."""
    current = PlanTemplate.objects.select_for_update().get(pk=template.pk)
    if current.is_common:
        raise ValidationError("Общий шаблон не меняется: сделайте копию для своей школы.")
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Дайте шаблону название."})
    cleaned = _clean_rows(rows)
    saved_rows = [
        {field: getattr(row, field) for field in ROW_FIELDS}
        for row in current.rows.order_by("position", "pk")
    ]
    also = {}
    if current.version != version and saved_rows != cleaned:
        also["строки шаблона"] = (
            f"{len(saved_rows)} {plural_ru(len(saved_rows), 'строка,строки,строк')}, изменены",
            f"{len(cleaned)} {plural_ru(len(cleaned), 'строка,строки,строк')} в вашей версии",
        )
    check_version(
        current=current, version=version, fields={"name": name, "goal": goal.strip()}, also_changed=also
    )
    current.name = name
    current.goal = goal.strip()
    current.version += 1
    current.save(update_fields=["name", "goal", "version", "updated_at"])
    current.rows.all().delete()
    PlanTemplateRow.objects.bulk_create(
        PlanTemplateRow(template=current, position=position, **row)
        for position, row in enumerate(cleaned, start=1)
    )
    return current


@transaction.atomic
def delete_template(*, template: PlanTemplate, user) -> None:
    """A school's own template goes; plans made from it keep their rows."""
    if template.is_common:
        raise ValidationError("Общий шаблон удалить нельзя.")
    template.delete()
