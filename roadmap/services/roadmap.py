"""Writes of the roadmap: the curator keeps the items of each stage and the papers that show them done."""

from __future__ import annotations

import os
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from mentoring import uploads
from mentoring.editing import check_version
from mentoring.guards import ensure_programme_open
from mentoring.models import Programme, User
from participants.selectors.consents import today
from roadmap.models import Evidence, RoadmapItem, RoadmapStage
from roadmap.services.setup import month_end

ITEM_FIELDS = (
    "title",
    "starts_on",
    "due_on",
    "by_month",
    "responsible",
    "responsible_name",
    "status",
    "result_note",
)
# What evidence may be (PDF, Word, OpenDocument, Excel, JPEG/PNG; ≤ 10 МБ), checked by content and
# matching its extension: ``mentoring.uploads``.
MAX_EVIDENCE_BYTES = uploads.EVIDENCE.max_bytes


def _clean(fields: dict, programme: Programme) -> dict:
    errors = {}
    if "title" in fields:
        fields["title"] = fields["title"].strip()
        if not fields["title"]:
            errors["title"] = "Напишите, что нужно сделать."
    due, starts = fields.get("due_on"), fields.get("starts_on")
    if fields.get("by_month") and due:
        starts, due = due.replace(day=1), month_end(due)
        fields["starts_on"], fields["due_on"] = starts, due
    if due and starts and due < starts:
        errors["due_on"] = "Срок не может быть раньше начала."
    user = fields.get("responsible")
    if user is not None and not user.memberships.filter(organisation=programme.organisation_id).exists():
        errors["responsible"] = "Ответственный должен быть сотрудником этой организации."
    if "responsible_name" in fields:
        fields["responsible_name"] = fields["responsible_name"].strip()
    if errors:
        raise ValidationError(errors)
    return fields


@transaction.atomic
def update_item(*, item: RoadmapItem, version: int, user: User | None = None, **fields) -> RoadmapItem:
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise TypeError(f"unknown roadmap item fields: {sorted(unknown)}")
    current = (
        RoadmapItem.objects.select_for_update(of=("self",)).select_related("stage__programme").get(pk=item.pk)
    )
    ensure_programme_open(current.stage.programme)
    fields = _clean(dict(fields), current.stage.programme)
    check_version(current=current, version=version, fields=fields)
    for name, value in fields.items():
        setattr(current, name, value)
    if current.status == RoadmapItem.Status.DONE:
        current.done_on = current.done_on or today()
    else:
        current.done_on = None
    current.version += 1
    current.save()
    return current


@transaction.atomic
def add_item(
    *,
    stage: RoadmapStage,
    title: str,
    due_on: date,
    by_month: bool = True,
    starts_on: date | None = None,
    responsible: User | None = None,
    responsible_name: str = "",
    user: User | None = None,
) -> RoadmapItem:
    ensure_programme_open(stage.programme)
    fields = _clean(
        {
            "title": title,
            "due_on": due_on,
            "starts_on": starts_on,
            "by_month": by_month,
            "responsible": responsible,
            "responsible_name": responsible_name,
        },
        stage.programme,
    )
    if not fields["responsible"] and not fields["responsible_name"]:
        raise ValidationError(
            {"responsible_name": "Укажите ответственного: выберите сотрудника или впишите имя."}
        )
    last = stage.items.order_by("-position").values_list("position", flat=True).first() or 0
    return RoadmapItem.objects.create(stage=stage, position=last + 1, **fields)


@transaction.atomic
def delete_item(*, item: RoadmapItem, user: User | None = None) -> None:
    ensure_programme_open(item.stage.programme)
    stage = item.stage
    item.delete()
    for position, other in enumerate(stage.items.order_by("position", "pk"), start=1):
        if other.position != position:
            RoadmapItem.objects.filter(pk=other.pk).update(position=position)


@transaction.atomic
def add_evidence(
    *, item: RoadmapItem, title: str, upload: UploadedFile, user: User | None = None
) -> Evidence:
    ensure_programme_open(item.stage.programme)
    errors = {}
    if not title.strip():
        errors["title"] = "Назовите документ: например, «Приказ № 45 от 01.09.2026»."
    checked = None
    try:
        checked = uploads.check(upload, uploads.EVIDENCE)
    except ValidationError as error:
        errors["file"] = error.messages[0]
    if errors:
        raise ValidationError(errors)
    # Handed out under the name it came with (its extension made to tell what it is), stored under ours.
    stem, extension = os.path.splitext(checked.original_name)
    if uploads.EXTENSION_KINDS.get(extension.lower().lstrip("."), ())[:1] != (checked.extension,):
        extension = f".{checked.extension}"  # a PNG named .jpg
    evidence = Evidence(
        item=item, title=title.strip(), file_name=f"{stem[:190]}{extension}", uploaded_by=user
    )
    uploads.store_checked(evidence, "file", checked)
    return evidence


@transaction.atomic
def delete_evidence(*, evidence: Evidence, user: User | None = None) -> None:
    ensure_programme_open(evidence.item.stage.programme)
    stored = evidence.file
    evidence.delete()
    transaction.on_commit(lambda: stored.delete(save=False))
