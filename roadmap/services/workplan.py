"""Writes of the year's work plan: the curator adds, edits, marks and removes events."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from mentoring.editing import check_version
from mentoring.guards import ensure_programme_open
from mentoring.models import Programme, User
from roadmap.models import WorkEvent
from roadmap.services.setup import month_end

EVENT_FIELDS = (
    "title",
    "starts_on",
    "ends_on",
    "by_month",
    "responsible",
    "responsible_name",
    "participants",
    "note",
)


def _clean(programme: Programme, fields: dict) -> dict:
    errors = {}
    for name in ("title", "responsible_name", "participants", "note"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    if not fields.get("title"):
        errors["title"] = "Напишите, что за мероприятие."
    starts, ends = fields.get("starts_on"), fields.get("ends_on")
    if starts and fields.get("by_month"):
        starts, ends = starts.replace(day=1), month_end(starts)
        fields["starts_on"], fields["ends_on"] = starts, ends
    if starts and ends and ends < starts:
        errors["ends_on"] = "Мероприятие не может закончиться раньше, чем начнётся."
    if starts and not (programme.start_date.replace(day=1) <= starts <= programme.end_date):
        errors["starts_on"] = (
            f"Дата вне срока программы: {programme.start_date:%d.%m.%Y} — {programme.end_date:%d.%m.%Y}."
        )
    user = fields.get("responsible")
    if user is not None and not user.memberships.filter(organisation=programme.organisation_id).exists():
        errors["responsible"] = "Ответственный должен быть сотрудником этой организации."
    if not user and not fields.get("responsible_name"):
        errors["responsible_name"] = "Укажите ответственного: выберите сотрудника или впишите имя."
    if errors:
        raise ValidationError(errors)
    return fields


@transaction.atomic
def create_event(
    *,
    programme: Programme,
    title: str,
    starts_on: date,
    ends_on: date | None = None,
    by_month: bool = False,
    responsible: User | None = None,
    responsible_name: str = "",
    participants: str = "",
    note: str = "",
    user: User | None = None,
) -> WorkEvent:
    ensure_programme_open(programme)
    fields = _clean(
        programme,
        {
            "title": title,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "by_month": by_month,
            "responsible": responsible,
            "responsible_name": responsible_name,
            "participants": participants,
            "note": note,
        },
    )
    return WorkEvent.objects.create(programme=programme, created_by=user, **fields)


@transaction.atomic
def update_event(*, event: WorkEvent, version: int, user: User | None = None, **fields) -> WorkEvent:
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown work plan fields: {sorted(unknown)}")
    current = WorkEvent.objects.select_for_update(of=("self",)).select_related("programme").get(pk=event.pk)
    ensure_programme_open(current.programme)
    merged = {name: fields.get(name, getattr(current, name)) for name in EVENT_FIELDS}
    merged = _clean(current.programme, merged)
    check_version(current=current, version=version, fields={k: merged[k] for k in fields})
    for name, value in merged.items():
        setattr(current, name, value)
    current.version += 1
    current.save()
    return current


@transaction.atomic
def set_event_status(*, event: WorkEvent, status: str, user: User | None = None) -> WorkEvent:
    if status not in WorkEvent.Status.values:
        raise ValidationError("Неизвестная отметка о выполнении.")
    current = WorkEvent.objects.select_for_update(of=("self",)).select_related("programme").get(pk=event.pk)
    ensure_programme_open(current.programme)
    if current.status != status:
        current.status = status
        current.version += 1
        current.save(update_fields=["status", "version"])
    return current


@transaction.atomic
def delete_event(*, event: WorkEvent, user: User | None = None) -> None:
    ensure_programme_open(event.programme)
    event.delete()
