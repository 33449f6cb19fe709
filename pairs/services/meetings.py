"""Meetings of pairs and groups: planned ahead or recorded after the fact, then marked as held
(with who came and which plan rows they advanced) or cancelled — only in an active pair or group
(``pairs.guards.ensure_pair_active``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mentoring.editing import check_version
from pairs.guards import ensure_pair_active
from pairs.models import Meeting, Pair, PairMember, PlanRow

FIELDS = ("kind", "starts_at", "format", "status", "topic", "notes", "mentor_attended")


def _check(
    pair: Pair,
    *,
    starts_at: datetime,
    status: str,
    topic: str,
    attendees: Sequence[PairMember],
    plan_rows: Sequence[PlanRow],
) -> str:
    errors: dict[str, str] = {}
    topic = (topic or "").strip()
    if not topic:
        errors["topic"] = "Укажите тему встречи."
    day = timezone.localtime(starts_at).date() if timezone.is_aware(starts_at) else starts_at.date()
    last_day = pair.end_date or pair.planned_end_date
    if not pair.start_date <= day <= last_day:
        errors["starts_at"] = (
            f"Встреча должна быть в период работы: {pair.start_date:%d.%m.%Y} – {last_day:%d.%m.%Y}."
        )
    elif status == Meeting.Status.HELD and starts_at > timezone.now():
        errors["status"] = "Встреча ещё не прошла: отметить её состоявшейся можно после её начала."
    if any(member.pair_id != pair.pk for member in attendees):
        errors["attendees"] = "Отмечать можно только наставляемых этой пары или группы."
    if any(row.plan.member.pair_id != pair.pk or row.status != PlanRow.Status.ACCEPTED for row in plan_rows):
        errors["plan_rows"] = "Выбирать можно только строки планов этой пары или группы."
    if errors:
        raise ValidationError(errors)
    return topic


@transaction.atomic
def record_meeting(
    *,
    pair: Pair,
    user,
    kind: str,
    starts_at: datetime,
    format: str,
    topic: str,
    status: str = Meeting.Status.PLANNED,
    notes: str = "",
    mentor_attended: bool = True,
    attendees: Sequence[PairMember] = (),
    plan_rows: Sequence[PlanRow] = (),
) -> Meeting:
    current = Pair.objects.select_for_update().select_related("programme").get(pk=pair.pk)
    ensure_pair_active(current)
    topic = _check(
        current, starts_at=starts_at, status=status, topic=topic, attendees=attendees, plan_rows=plan_rows
    )
    meeting = Meeting.objects.create(
        pair=current,
        kind=kind,
        starts_at=starts_at,
        format=format,
        status=status,
        topic=topic,
        notes=notes.strip(),
        mentor_attended=mentor_attended,
        created_by=user,
    )
    if status == Meeting.Status.HELD:
        meeting.attendees.set(attendees)
        meeting.plan_rows.set(plan_rows)
    return meeting


@transaction.atomic
def update_meeting(
    *,
    meeting: Meeting,
    version: int,
    user,
    kind: str,
    starts_at: datetime,
    format: str,
    topic: str,
    status: str,
    notes: str = "",
    mentor_attended: bool = True,
    attendees: Sequence[PairMember] = (),
    plan_rows: Sequence[PlanRow] = (),
) -> Meeting:
    current = Meeting.objects.select_for_update().select_related("pair__programme").get(pk=meeting.pk)
    ensure_pair_active(current.pair)
    topic = _check(
        current.pair,
        starts_at=starts_at,
        status=status,
        topic=topic,
        attendees=attendees,
        plan_rows=plan_rows,
    )
    values = {
        "kind": kind,
        "starts_at": starts_at,
        "format": format,
        "status": status,
        "topic": topic,
        "notes": notes.strip(),
        "mentor_attended": mentor_attended,
    }
    check_version(current=current, version=version, fields=values)
    for name, value in values.items():
        setattr(current, name, value)
    current.version += 1
    current.save()
    held = status == Meeting.Status.HELD
    current.attendees.set(attendees if held else [])
    current.plan_rows.set(plan_rows if held else [])
    return current


@transaction.atomic
def delete_meeting(*, meeting: Meeting, version: int, user) -> None:
    """A meeting entered by mistake; one that took place is cancelled or kept, not deleted."""
    current = Meeting.objects.select_for_update().select_related("pair__programme").get(pk=meeting.pk)
    ensure_pair_active(current.pair)
    check_version(current=current, version=version, fields={})
    if current.status == Meeting.Status.HELD:
        raise ValidationError("Состоявшуюся встречу удалить нельзя.")
    current.delete()
