"""Uploads of lists, and writing a checked import: everything in one transaction, or nothing.

An upload keeps the rows read from the book (``Sheet.pack``) and the result of their last check, never
the file or its name. The rows go when the import is confirmed, when the curator cancels the upload,
after ``KEEP_UNCONFIRMED`` without a confirmation (``manage.py purge_imports``) and when someone they
name withdraws consent (``forget_person_in_uploads``).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils import timezone

from mentoring.guards import ensure_programme_open
from mentoring.models import Organisation, Programme, User
from mentoring.plural import plural_ru
from participants.importing import ImportPreview, ImportRejected, Plan, Sheet, build_plan
from participants.importing.reading import Source
from participants.importing.values import name_key
from participants.models import ImportUpload, Mentee, MenteeRequest, Mentor, Person, Topic
from participants.services.access_log import Action, log_access
from participants.storage import private_storage

BATCH = 500
# How long an upload nobody confirmed keeps its rows: the next run of purge_imports deletes it.
KEEP_UNCONFIRMED = timedelta(days=1)
ROWS_GONE = "Строк этой загрузки больше нет на сервере. Загрузите файл ещё раз."
# Where uploaded books were kept before they were read once and forgotten.
OLD_FILES_FOLDER = "imports"
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@transaction.atomic
def store_upload(
    *, organisation: Organisation, programme: Programme | None, user: User, sheet: Sheet, kind: str = ""
) -> ImportUpload:
    """Keep the rows of an uploaded list and their check until the curator confirms them."""
    preview = build_plan(
        organisation=organisation, programme=programme, file=sheet, kind=kind or None
    ).preview
    return ImportUpload.objects.create(
        organisation=organisation,
        programme=programme,
        user=user,
        kind=preview.kind or kind,
        rows=sheet.pack(),
        result=preview.pack(),
    )


def stored_preview(upload: ImportUpload) -> ImportPreview:
    """The result of the last check, as the curator saw it; nothing is read or checked again."""
    if upload.result is None:
        return ImportPreview(kind=upload.kind).refuse(ROWS_GONE)
    return ImportPreview.unpack(upload.result)


def recheck_upload(*, upload: ImportUpload, programme: Programme | None, kind: str | None) -> ImportPreview:
    """Check the kept rows again — the base may have changed, or the curator chose another kind of list —
    and keep the result for the next look at the preview."""
    if upload.rows is None:
        return ImportPreview(kind=kind or "").refuse(ROWS_GONE)
    preview = build_plan(
        organisation=upload.organisation, programme=programme, file=Sheet.unpack(upload.rows), kind=kind
    ).preview
    keep_result(upload=upload, preview=preview)
    return preview


def keep_result(*, upload: ImportUpload, preview: ImportPreview) -> None:
    """Keep ``preview`` as the upload's last check, unless it has been confirmed or deleted meanwhile."""
    upload.result = preview.pack()
    upload.kind = preview.kind or upload.kind
    ImportUpload.objects.filter(pk=upload.pk, imported_at__isnull=True, rows__isnull=False).update(
        result=upload.result, kind=upload.kind
    )


@transaction.atomic
def confirm_upload(
    *, upload: ImportUpload, programme: Programme | None, kind: str | None, user: User
) -> ImportPreview:
    """Import an upload's rows once, checking them again first, and forget the rows: raises
    ``ImportRejected`` when they have errors now (nothing is written), and ``ValidationError`` (code
    ``already_imported`` or ``rows_gone``) when they cannot be imported."""
    # Two clicks on «Загрузить» (or two tabs): the second waits here and then sees the first's mark.
    locked = ImportUpload.objects.select_for_update().get(pk=upload.pk)
    if locked.imported_at:
        raise ValidationError(
            f"{locked.label} уже внесена в базу "
            f"{timezone.localtime(locked.imported_at):%d.%m.%Y в %H:%M}; повторно она не загружается.",
            code="already_imported",
        )
    if locked.rows is None:
        raise ValidationError(ROWS_GONE, code="rows_gone")
    preview = do_import(
        organisation=locked.organisation,
        programme=programme,
        file=Sheet.unpack(locked.rows),
        kind=kind,
        user=user,
    )
    locked.imported_at = timezone.now()
    locked.kind = preview.kind
    locked.rows = locked.result = None
    locked.save(update_fields=["imported_at", "kind", "rows", "result"])
    return preview


def cancel_upload(*, upload: ImportUpload) -> bool:
    """The curator abandons an upload: its rows and its check are deleted. False when it was imported."""
    deleted, _ = ImportUpload.objects.filter(pk=upload.pk, imported_at__isnull=True).delete()
    return bool(deleted)


def purge_unconfirmed_uploads(*, now: datetime | None = None) -> list[ImportUpload]:
    """Delete the uploads left unconfirmed for longer than ``KEEP_UNCONFIRMED``; returns them (without
    their rows) for the report."""
    cutoff = (now or timezone.now()) - KEEP_UNCONFIRMED
    stale = list(
        ImportUpload.objects.filter(imported_at__isnull=True, created_at__lt=cutoff)
        .select_related("organisation")
        .defer("rows", "result")
        .order_by("created_at")
    )
    ImportUpload.objects.filter(pk__in=[upload.pk for upload in stale]).delete()
    return stale


def delete_old_files() -> int:
    """Delete the books kept by earlier versions in the private folder ``imports/``; returns how many."""
    storage = private_storage()
    if not storage.exists(OLD_FILES_FOLDER):
        return 0
    names = storage.listdir(OLD_FILES_FOLDER)[1]
    for name in names:
        storage.delete(f"{OLD_FILES_FOLDER}/{name}")
    return len(names)


def forget_person_in_uploads(*, person: Person) -> int:
    """Delete the unconfirmed uploads of the person's organisation whose rows name the person (surname
    and first name in one row, in any case, ё = е); returns how many. Called on a withdrawal of consent,
    before the name is erased."""
    surname, first_name = _words(person.last_name), _words(person.first_name)
    if not surname or not first_name:
        return 0
    pending = ImportUpload.objects.filter(
        organisation_id=person.organisation_id, imported_at__isnull=True, rows__isnull=False
    ).only("pk", "rows")
    naming = [
        upload.pk
        for upload in pending
        if any(
            surname <= words and first_name <= words
            for words in (_row_words(values) for _, values in Sheet.unpack(upload.rows).rows)
        )
    ]
    deleted, _ = ImportUpload.objects.filter(pk__in=naming).delete()
    return deleted


def _words(text: str) -> set[str]:
    return set(_WORD.findall(name_key(text or "")))


def _row_words(values: list) -> set[str]:
    return set().union(*(_words(value) for value in values if isinstance(value, str)))


@transaction.atomic
def do_import(
    *,
    organisation: Organisation,
    programme: Programme | None,
    file: Source | Sheet,
    kind: str | None = None,
    user: User | None,
) -> ImportPreview:
    """Check ``file`` (or the rows already read from it) again; on any error raise ``ImportRejected``
    having written nothing. The access journal says what was imported, never the file's name."""
    plan = build_plan(organisation=organisation, programme=programme, file=file, kind=kind)
    preview = plan.preview
    if programme is not None and preview.kind == ImportUpload.Kind.MENTEES:
        ensure_programme_open(programme)  # the people and the mentor base belong to the organisation
    if not preview.ok:
        raise ImportRejected(preview)
    _write_people(plan)
    if preview.kind == ImportUpload.Kind.MENTEES:
        _write_mentees(plan)
    elif preview.kind == ImportUpload.Kind.MENTORS:
        _write_mentors(plan)
    log_access(
        user=user,
        organisation=organisation,
        action=Action.IMPORT,
        detail=(
            f"{preview.kind_label}: "
            f"создано {preview.to_create} {plural_ru(preview.to_create, 'запись,записи,записей')}, "
            f"обновлено {preview.to_update} {plural_ru(preview.to_update, 'запись,записи,записей')}"
        ),
    )
    return preview


def update_rows(*, model: type[models.Model], objects: list, fields: set[str]) -> None:
    """Write ``fields`` of many objects with one prepared UPDATE run for each of them.

    Django's ``bulk_update`` builds a CASE expression per field and row; for 5,000 changed people that
    alone takes several seconds, while ``executemany`` takes a fraction of one on SQLite and PostgreSQL."""
    if not objects:
        return
    meta = model._meta
    columns = [meta.get_field(name) for name in sorted(fields)]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(column.column)} = %s" for column in columns)
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"
    params = [
        [column.get_db_prep_save(getattr(obj, column.attname), connection) for column in columns] + [obj.pk]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _write_people(plan: Plan) -> None:
    now = timezone.now()
    new = [row.person for row in plan.rows if row.new_person]
    Person.objects.bulk_create(new, batch_size=BATCH)
    if any(person.pk is None for person in new):  # a database that cannot return ids from a bulk insert
        raise RuntimeError("bulk_create did not return primary keys")
    changed = [row for row in plan.rows if not row.new_person and row.person_fields]
    if changed:
        fields = set().union(*(row.person_fields for row in changed))
        for row in changed:
            row.person.updated_at = now
            row.person.version += 1
        update_rows(
            model=Person, objects=[row.person for row in changed], fields=fields | {"updated_at", "version"}
        )


def _write_mentees(plan: Plan) -> None:
    now = timezone.now()
    new, changed = [], []
    update_fields = {"updated_at", "version"}
    for row in plan.rows:
        mentee = row.mentee
        mentee.person = row.person
        if mentee.pk is None:
            for key, value in row.mentee_values.items():
                setattr(mentee, key, value)
            new.append(mentee)
            continue
        wanted = dict(row.mentee_values)
        if row.entry_date:
            wanted["entry_date"] = row.entry_date
        differs = {key for key, value in wanted.items() if getattr(mentee, key) != value}
        if differs:
            for key in differs:
                setattr(mentee, key, wanted[key])
            update_fields |= differs
            mentee.version += 1
            mentee.updated_at = now
            changed.append(mentee)
    Mentee.objects.bulk_create(new, batch_size=BATCH)
    if changed:
        update_rows(model=Mentee, objects=changed, fields=update_fields)

    # Categories: the file's list replaces the mentee's list; an empty cell leaves it alone.
    _replace_links(
        Mentee.categories,
        {row.mentee.pk: row.categories for row in plan.rows if row.categories is not None},
    )

    # Requests: one per row that has one; the same text again updates the existing request's topics.
    asking = [row for row in plan.rows if row.request or row.request_topics]
    if not asking:
        return
    topic_names = {}
    if any(not row.request for row in asking):
        topic_names = dict(Topic.objects.values_list("pk", "name"))
    existing: dict[tuple[int, str], MenteeRequest] = {}
    for item in MenteeRequest.objects.filter(mentee_id__in=[r.mentee.pk for r in asking]):
        existing.setdefault((item.mentee_id, _text_key(item.text)), item)
    new_requests: list[tuple[MenteeRequest, list[int] | None]] = []
    retopic: list[tuple[MenteeRequest, list[int]]] = []
    for row in asking:
        text = row.request or "; ".join(topic_names[t] for t in row.request_topics)
        found = existing.get((row.mentee.pk, _text_key(text)))
        if found is None:
            request = MenteeRequest(mentee_id=row.mentee.pk, text=text)
            existing[(row.mentee.pk, _text_key(text))] = request
            new_requests.append((request, row.request_topics))
        elif row.request_topics is not None:
            retopic.append((found, row.request_topics))
    MenteeRequest.objects.bulk_create([r for r, _ in new_requests], batch_size=BATCH)
    _replace_links(
        MenteeRequest.topics, {request.pk: topic_ids or [] for request, topic_ids in new_requests + retopic}
    )


def _text_key(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


def _write_mentors(plan: Plan) -> None:
    now = timezone.now()
    today = timezone.localdate()
    new, changed = [], []
    update_fields = {"updated_at", "version"}
    for row in plan.rows:
        mentor = row.mentor
        mentor.person = row.person
        differs = {key for key, value in row.mentor_values.items() if getattr(mentor, key) != value}
        if "stage" in differs:
            mentor.stage_changed_on = today
            differs.add("stage_changed_on")
        for key in differs - {"stage_changed_on"}:
            setattr(mentor, key, row.mentor_values[key])
        if mentor.pk is None:
            new.append(mentor)
        elif differs:
            update_fields |= differs
            mentor.version += 1
            mentor.updated_at = now
            changed.append(mentor)
    Mentor.objects.bulk_create(new, batch_size=BATCH)
    if changed:
        update_rows(model=Mentor, objects=changed, fields=update_fields)
    _replace_links(
        Mentor.topics,
        {row.mentor.pk: row.mentor_topics for row in plan.rows if row.mentor_topics is not None},
    )


def _replace_links(relation, targets: dict[int, list[int]]) -> None:
    """Make each owner's many-to-many links exactly ``targets[owner]``: delete the old, insert the new.

    ``relation`` is the descriptor (``Mentor.topics``); its through model is written directly, so that
    5,000 rows cost two queries rather than one ``set()`` each."""
    if not targets:
        return
    through = relation.through
    owner = through._meta.get_field(relation.field.m2m_field_name()).attname
    target = through._meta.get_field(relation.field.m2m_reverse_field_name()).attname
    through.objects.filter(**{f"{owner}__in": list(targets)}).delete()
    through.objects.bulk_create(
        [through(**{owner: pk, target: other}) for pk, others in targets.items() for other in others],
        batch_size=BATCH,
    )
