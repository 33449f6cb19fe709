"""Writing a checked import: everything in one transaction, or nothing."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import connection, models, transaction
from django.utils import timezone

from mentoring.models import Organisation, Programme, User
from mentoring.plural import plural_ru
from participants.importing import ImportPreview, ImportRejected, Plan, build_plan
from participants.importing.preview import FILE_MISSING
from participants.importing.reading import Source
from participants.models import ImportUpload, Mentee, MenteeRequest, Mentor, Person, Topic
from participants.services.access_log import Action, log_access

BATCH = 500


@transaction.atomic
def store_upload(
    *, organisation: Organisation, programme: Programme | None, user: User, file: File, kind: str = ""
) -> ImportUpload:
    """Keep an uploaded list until the curator has looked at its preview and confirmed it."""
    upload = ImportUpload(
        organisation=organisation,
        programme=programme,
        user=user,
        original_name=file.name[:255],
        kind=kind,
    )
    # The stored name says nothing about the list: a file name may carry a class or a person's name.
    upload.file.save(f"{uuid.uuid4().hex}.xlsx", file, save=False)
    upload.save()
    return upload


@transaction.atomic
def confirm_upload(
    *, upload: ImportUpload, programme: Programme | None, kind: str | None, user: User
) -> ImportPreview:
    """Import a stored upload once: raises ``ImportRejected`` when the file has errors, and
    ``ValidationError`` (code ``already_imported`` or ``file_missing``) when it cannot be imported."""
    # Two clicks on «Загрузить» (or two tabs): the second waits here and then sees the first's mark.
    locked = ImportUpload.objects.select_for_update().get(pk=upload.pk)
    if locked.imported_at:
        raise ValidationError(
            f"Файл «{locked.original_name}» уже загружен "
            f"{timezone.localtime(locked.imported_at):%d.%m.%Y в %H:%M}; повторно он не загружается.",
            code="already_imported",
        )
    if not locked.file:
        raise ValidationError(FILE_MISSING, code="file_missing")
    try:
        with locked.file.open("rb") as file:
            preview = do_import(
                organisation=locked.organisation,
                programme=programme,
                file=file,
                kind=kind,
                user=user,
                file_name=locked.original_name,
            )
    except OSError:
        raise ValidationError(FILE_MISSING, code="file_missing") from None
    locked.imported_at = timezone.now()
    locked.kind = preview.kind
    locked.save(update_fields=["imported_at", "kind"])
    return preview


@transaction.atomic
def do_import(
    *,
    organisation: Organisation,
    programme: Programme | None,
    file: Source,
    kind: str | None = None,
    user: User | None,
    file_name: str = "",
) -> ImportPreview:
    """Re-read and re-check ``file``; on any error raise ``ImportRejected`` having written nothing.

    ``file_name`` (the name the curator uploaded) goes into the access journal."""
    plan = build_plan(organisation=organisation, programme=programme, file=file, kind=kind)
    preview = plan.preview
    closed = programme is not None and programme.status == Programme.Status.COMPLETED
    if closed and preview.kind == ImportUpload.Kind.MENTEES:
        raise ValidationError("Программа завершена: её база наставляемых только для чтения.")
    if not preview.ok:
        raise ImportRejected(preview)
    _write_people(plan)
    if preview.kind == ImportUpload.Kind.MENTEES:
        _write_mentees(plan)
    elif preview.kind == ImportUpload.Kind.MENTORS:
        _write_mentors(plan)
    name = file_name or _file_name(file)
    log_access(
        user=user,
        organisation=organisation,
        action=Action.IMPORT,
        detail=(
            f"{preview.kind_label}{f' из файла «{name}»' if name else ''}: "
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


def _file_name(file: Source) -> str:
    """The base name of a path or of an opened file; "" for content in memory."""
    name = file if isinstance(file, str | Path) else getattr(file, "name", "")
    return str(name or "").replace("\\", "/").rsplit("/", 1)[-1]


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
