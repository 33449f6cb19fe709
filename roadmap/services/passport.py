"""Writes of the programme passport and its KPI table.

The curator keeps the texts and the indicators; the director approves the passport. The approval
covers the plan — the texts and the indicators with their targets: changing any of that after the
approval takes the approval off (the returned object says so in ``approval_cleared``). The facts —
the actual results and a manual indicator's value — are filled in as the programme goes and do not
need a new approval, just as the computed values change every day.

A completed programme is read-only."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from mentoring.editing import check_version
from mentoring.guards import ensure_programme_open
from mentoring.models import Membership, Programme, User
from mentoring.roles import Role
from participants.selectors.consents import today
from roadmap.models import Indicator, IndicatorTarget, Passport
from roadmap.selectors.passport import with_unit

PASSPORT_FIELDS = (
    "curators",
    "legal_basis",
    "target_audience",
    "tasks",
    "monitoring",
    "expected_results",
    "partners",
    "actual_results",
)
# What an approval does not cover: the facts, filled in while the programme runs.
FACT_FIELDS = frozenset({"actual_results"})
INDICATOR_PLAN_FIELDS = ("title", "project", "measure", "unit")
INDICATOR_FACT_FIELDS = ("manual_value", "manual_note")
PERCENT = "%"
MAX_VALUE = Decimal("9999999.9")
# A target year lies from the year before the programme starts to a few years after it ends.
YEARS_BEFORE, YEARS_AFTER = 1, 6
MAX_INDICATORS = 50

APPROVAL_CLEARED = (
    "Паспорт изменён после утверждения: утверждение снято, директору нужно утвердить его заново."
)


def year_range(programme: Programme) -> tuple[int, int]:
    return programme.start_date.year - YEARS_BEFORE, programme.end_date.year + YEARS_AFTER


def _lock_passport(programme: Programme) -> Passport:
    """The programme's passport, locked; made on the first write if the programme has none yet."""
    passport, _ = Passport.objects.get_or_create(programme=programme)
    return Passport.objects.select_for_update(of=("self",)).select_related("programme").get(pk=passport.pk)


def _clear_approval(passport: Passport) -> bool:
    """Take the approval off a passport whose plan changed; True if there was one."""
    if passport.approved_on is None and passport.approved_by_id is None:
        return False
    passport.approved_by = None
    passport.approved_on = None
    passport.version += 1
    passport.save(update_fields=["approved_by", "approved_on", "version", "updated_at"])
    return True


# --- the passport -----------------------------------------------------------------------------------


def _clean_passport(fields: dict) -> dict:
    unknown = set(fields) - set(PASSPORT_FIELDS)
    if unknown:
        raise TypeError(f"unknown passport fields: {sorted(unknown)}")
    cleaned = {name: (value or "").strip() for name, value in fields.items()}
    if len(cleaned.get("curators", "")) > 500:
        raise ValidationError({"curators": "Кураторов перечислите короче — не больше 500 знаков."})
    return cleaned


@transaction.atomic
def update_passport(*, passport: Passport, version: int, user: User | None = None, **fields) -> Passport:
    """Save the passport's texts. Changing what the director approved takes the approval off."""
    current = _lock_passport(passport.programme)
    ensure_programme_open(current.programme)
    fields = _clean_passport(fields)
    check_version(current=current, version=version, fields=fields)
    changed = {name for name, value in fields.items() if getattr(current, name) != value}
    current.approval_cleared = False
    if not changed:
        return current
    for name in changed:
        setattr(current, name, fields[name])
    if changed - FACT_FIELDS and current.approved_on is not None:
        current.approved_by = None
        current.approved_on = None
        current.approval_cleared = True
    current.version += 1
    current.save()
    return current


@transaction.atomic
def approve_passport(*, passport: Passport, version: int, user: User, day: date | None = None) -> Passport:
    """The director approves the passport as they saw it (``version``): a passport changed since is
    refused, not approved unread."""
    current = _lock_passport(passport.programme)
    programme = current.programme
    ensure_programme_open(programme)
    is_director = Membership.objects.filter(
        user=user, organisation=programme.organisation_id, role=Role.DIRECTOR
    ).exists()
    if not is_director:
        raise ValidationError("Утвердить паспорт программы может только директор организации.")
    check_version(current=current, version=version, fields={})
    if not programme.indicators.exists():
        raise ValidationError("В паспорте нет ни одного показателя эффективности: утверждать пока нечего.")
    current.approved_by = user
    current.approved_on = day or today()
    current.version += 1
    current.save()
    return current


# --- the KPI table ----------------------------------------------------------------------------------


def _value(raw, *, unit: str, what: str) -> Decimal | None:
    """A figure of the table, checked: a share in per cent lies from 0 to 100."""
    if raw is None or raw == "":
        return None
    try:
        value = Decimal(str(raw).replace(",", ".").replace(" ", "").replace("\u00a0", ""))
    except InvalidOperation:
        raise ValidationError(f"{what}: введите число, например 35 или 12,5.") from None
    if not value.is_finite():
        raise ValidationError(f"{what}: введите число, например 35 или 12,5.")
    if value < 0:
        raise ValidationError(f"{what}: значение не может быть отрицательным.")
    if unit == PERCENT and value > 100:
        raise ValidationError(f"{what}: доля в процентах — от 0 до 100.")
    if value > MAX_VALUE:
        raise ValidationError(f"{what}: слишком большое значение.")
    return value.quantize(Decimal("0.1"))


def _clean_targets(targets: dict | None, *, programme: Programme, unit: str) -> dict[int, Decimal]:
    low, high = year_range(programme)
    cleaned, errors = {}, []
    for year, raw in sorted((targets or {}).items(), key=lambda item: str(item[0])):
        try:
            year = int(year)
        except (TypeError, ValueError):
            errors.append(f"«{year}» — не год. Укажите год четырьмя цифрами.")
            continue
        if not low <= year <= high:
            errors.append(f"{year} г.: целевые значения этой программы ставят на годы с {low} по {high}.")
            continue
        try:
            value = _value(raw, unit=unit, what=f"Цель на {year} г.")
        except ValidationError as error:
            errors.extend(error.messages)
            continue
        if value is not None:
            cleaned[year] = value
    if errors:
        raise ValidationError({"targets": errors})
    return cleaned


def _clean_indicator(fields: dict, *, programme: Programme) -> tuple[dict, dict[int, Decimal]]:
    errors: dict[str, list[str]] = {}
    title = (fields.get("title") or "").strip()
    if not title:
        errors.setdefault("title", []).append("Напишите, что показывает показатель.")
    elif len(title) > 500:
        errors.setdefault("title", []).append("Название показателя — не длиннее 500 знаков.")
    project = (fields.get("project") or "").strip()
    if len(project) > 200:
        errors.setdefault("project", []).append("Название проекта — не длиннее 200 знаков.")
    measure = fields.get("measure") or ""
    if measure not in Indicator.Measure.values:
        errors.setdefault("measure", []).append("Выберите, как считается показатель.")
    unit = (fields.get("unit") or "").strip() or PERCENT
    if len(unit) > 20:
        errors.setdefault("unit", []).append("Единицу измерения запишите коротко: «%», «чел.», «шт.».")
    if measure and unit != PERCENT:
        errors.setdefault("unit", []).append(
            "Показатель, который считается автоматически, выражается в процентах: единица — «%»."
        )
    manual_value, manual_note = None, ""
    if not measure:
        try:
            manual_value = _value(fields.get("manual_value"), unit=unit, what="Фактическое значение")
        except ValidationError as error:
            errors.setdefault("manual_value", []).extend(error.messages)
        manual_note = (fields.get("manual_note") or "").strip()
        if len(manual_note) > 300:
            errors.setdefault("manual_note", []).append("Источник значения — не длиннее 300 знаков.")
    try:
        targets = _clean_targets(fields.get("targets"), programme=programme, unit=unit)
    except ValidationError as error:
        errors.setdefault("targets", []).extend(error.messages)
        targets = {}
    if errors:
        raise ValidationError(errors)
    cleaned = {
        "title": title,
        "project": project,
        "measure": measure,
        "unit": unit,
        "manual_value": manual_value,
        "manual_note": manual_note,
    }
    return cleaned, targets


def _saved_targets(indicator: Indicator) -> dict[int, Decimal]:
    return {t.year: t.value for t in IndicatorTarget.objects.filter(indicator=indicator)}


def _targets_text(targets: dict[int, Decimal], unit: str) -> str:
    return (
        "; ".join(f"{year} г. — {with_unit(value, unit)}" for year, value in sorted(targets.items())) or "нет"
    )


def _write_targets(indicator: Indicator, targets: dict[int, Decimal]) -> None:
    IndicatorTarget.objects.filter(indicator=indicator).delete()
    IndicatorTarget.objects.bulk_create(
        IndicatorTarget(indicator=indicator, year=year, value=value)
        for year, value in sorted(targets.items())
    )


def _lock_programme(programme: Programme) -> Programme:
    return Programme.objects.select_for_update().get(pk=programme.pk)


@transaction.atomic
def create_indicator(
    *,
    programme: Programme,
    title: str,
    project: str = "",
    measure: str = "",
    unit: str = PERCENT,
    manual_value=None,
    manual_note: str = "",
    targets: dict | None = None,
    user: User | None = None,
) -> Indicator:
    """A new line at the end of the KPI table; the passport's approval comes off."""
    programme = _lock_programme(programme)
    ensure_programme_open(programme)
    fields, cleaned_targets = _clean_indicator(
        {
            "title": title,
            "project": project,
            "measure": measure,
            "unit": unit,
            "manual_value": manual_value,
            "manual_note": manual_note,
            "targets": targets,
        },
        programme=programme,
    )
    if programme.indicators.count() >= MAX_INDICATORS:
        raise ValidationError(f"В таблице показателей уже {MAX_INDICATORS} строк: больше не поместится.")
    last = programme.indicators.aggregate(last=Max("position"))["last"] or 0
    indicator = Indicator.objects.create(programme=programme, position=last + 1, **fields)
    _write_targets(indicator, cleaned_targets)
    indicator.approval_cleared = _clear_approval(_lock_passport(programme))
    return indicator


@transaction.atomic
def update_indicator(
    *,
    indicator: Indicator,
    version: int,
    title: str,
    project: str,
    measure: str,
    unit: str,
    manual_value,
    manual_note: str,
    targets: dict,
    user: User | None = None,
) -> Indicator:
    """Save a line of the KPI table with its targets (``targets`` replaces them all: {year: value})."""
    current = (
        Indicator.objects.select_for_update(of=("self",)).select_related("programme").get(pk=indicator.pk)
    )
    ensure_programme_open(current.programme)
    fields, cleaned_targets = _clean_indicator(
        {
            "title": title,
            "project": project,
            "measure": measure,
            "unit": unit,
            "manual_value": manual_value,
            "manual_note": manual_note,
            "targets": targets,
        },
        programme=current.programme,
    )
    saved_targets = _saved_targets(current)
    also = {}
    if current.version != version and saved_targets != cleaned_targets:
        also["целевые значения"] = (
            _targets_text(saved_targets, current.unit),
            _targets_text(cleaned_targets, fields["unit"]),
        )
    check_version(current=current, version=version, fields=fields, also_changed=also)
    plan_changed = saved_targets != cleaned_targets or any(
        getattr(current, name) != fields[name] for name in INDICATOR_PLAN_FIELDS
    )
    fact_changed = any(getattr(current, name) != fields[name] for name in INDICATOR_FACT_FIELDS)
    current.approval_cleared = False
    if not plan_changed and not fact_changed:
        return current
    for name, value in fields.items():
        setattr(current, name, value)
    current.version += 1
    current.save()
    if saved_targets != cleaned_targets:
        _write_targets(current, cleaned_targets)
    if plan_changed:
        current.approval_cleared = _clear_approval(_lock_passport(current.programme))
    return current


def _renumber(programme: Programme) -> None:
    indicators = list(programme.indicators.order_by("position", "pk"))
    changed = []
    for position, item in enumerate(indicators, start=1):
        if item.position != position:
            item.position = position
            changed.append(item)
    Indicator.objects.bulk_update(changed, ["position"])


@transaction.atomic
def delete_indicator(*, indicator: Indicator, version: int | None = None, user: User | None = None) -> bool:
    """Remove a line of the KPI table; True if this took the passport's approval off. ``version`` —
    the one the curator saw: a line changed since is refused, not deleted unread."""
    programme = _lock_programme(indicator.programme)
    ensure_programme_open(programme)
    current = Indicator.objects.filter(pk=indicator.pk, programme=programme).first()
    if current is None:
        return False  # a second click: it is gone already
    if version is not None:
        check_version(current=current, version=version, fields={})
    current.delete()
    _renumber(programme)
    return _clear_approval(_lock_passport(programme))


@transaction.atomic
def move_indicator(*, indicator: Indicator, direction: int, user: User | None = None) -> bool:
    """Move a line up (``direction`` −1) or down (+1) the table; True if this took the approval off."""
    if direction not in (-1, 1):
        raise ValidationError("Строку можно передвинуть только на одну позицию вверх или вниз.")
    programme = _lock_programme(indicator.programme)
    ensure_programme_open(programme)
    _renumber(programme)
    indicators = list(programme.indicators.order_by("position", "pk"))
    index = next((i for i, item in enumerate(indicators) if item.pk == indicator.pk), None)
    if index is None:
        raise ValidationError("Этого показателя в таблице уже нет.")
    other = index + direction
    if not 0 <= other < len(indicators):
        return False  # already first or last
    first, second = indicators[index], indicators[other]
    first.position, second.position = second.position, first.position
    Indicator.objects.bulk_update([first, second], ["position"])
    return _clear_approval(_lock_passport(programme))
