"""From the rows of a sheet to a plan: which people to create, which to update, which rows are wrong.

Nothing here writes. ``build_plan`` takes the rows of a sheet (read from a file, or kept from an upload),
matches the header, parses every row, loads the organisation's people with a few queries, matches each
row to a person and counts what a confirmed import would do. ``participants.services.imports.do_import``
writes the plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from mentoring.models import Organisation, Programme
from participants.importing import headers as H
from participants.importing.columns import (
    find_header,
    missing_columns,
    quote_all,
    read_columns,
    settle_columns,
)
from participants.importing.people import (
    PeopleIndex,
    apply_person,
    id_key,
    names_of,
    new_person_kind,
)
from participants.importing.preview import ImportPreview, RowError
from participants.importing.reading import FileProblem, Sheet, Source, read_sheet
from participants.importing.rows import RowReader
from participants.importing.values import clean_text
from participants.models import ImportUpload, Mentee, Mentor, Person
from participants.selectors.consents import with_consent_flag
from participants.services.mentors import default_contour

Kind = ImportUpload.Kind
MENTEE_VALUES = ("results", "case_links", "completion_date")
MENTOR_VALUES = (
    "contour",
    "stage",
    "capacity",
    "competences",
    "achievements",
    "interests",
    "agrees_future",
    "agrees_district",
)


@dataclass
class PlannedRow:
    row: int
    person: Person  # a matched person of the organisation or a new, unsaved one
    new_person: bool
    person_fields: set[str]  # Person fields the row sets
    # Mentee list
    mentee: Mentee | None = None
    entry_date: date | None = None
    categories: list[int] | None = None
    request: str = ""
    request_topics: list[int] | None = None
    mentee_values: dict = field(default_factory=dict)
    # Mentor list
    mentor: Mentor | None = None
    mentor_values: dict = field(default_factory=dict)
    mentor_topics: list[int] | None = None

    @property
    def creates(self) -> bool:
        if self.mentee is not None:
            return self.mentee.pk is None
        if self.mentor is not None:
            return self.mentor.pk is None
        return self.new_person


@dataclass
class Plan:
    organisation: Organisation
    programme: Programme | None
    preview: ImportPreview
    rows: list[PlannedRow] = field(default_factory=list)


def build_plan(
    *, organisation: Organisation, programme: Programme | None, file: Source | Sheet, kind: str | None = None
) -> Plan:
    """The plan of importing ``file``: a path, the content or an open file (read here, within the bounds
    of ``limits``), or the ``Sheet`` already read from it."""
    preview = ImportPreview(kind=kind or "")
    plan = Plan(organisation=organisation, programme=programme, preview=preview)
    if kind and kind not in Kind.values:
        preview.refuse(f"Неизвестный вид списка «{kind}»: можно {', '.join(Kind.values)}.")
        return plan
    try:
        rows = file.rows if isinstance(file, Sheet) else read_sheet(file).rows
    except FileProblem as problem:
        preview.refuse(str(problem))
        return plan
    if not rows:
        preview.refuse("В книге нет ни одной заполненной строки: лист пуст.")
        return plan
    header_at = find_header(rows)
    if header_at is None:
        first = [clean_text(v) for v in rows[0][1] if clean_text(v)]
        preview.refuse(
            "Не найдены обязательные столбцы «Фамилия» и «Имя» (или один столбец «ФИО»). "
            + (f"В первой строке файла: {quote_all(first[:10])}." if first else "")
        )
        return plan
    header_row, header_cells = rows[header_at]
    columns = read_columns(header_cells, preview)
    if not kind:
        kind = H.detect_kind({c.field for c in columns})
        preview.kind_detected = kind is not None
        if kind is None:
            preview.refuse(
                "Не удалось понять по столбцам, что это за список. Укажите вид: список обучающихся, "
                "сотрудников, база наставляемых или база наставников."
            )
            return plan
    preview.kind = Kind(kind).value
    by_field = settle_columns(columns, kind, preview)
    preview.columns = [(c.header, H.LABELS[f]) for f, c in sorted(by_field.items(), key=lambda i: i[1].index)]
    missing = missing_columns(by_field, kind)
    if missing:
        preview.refuse(
            f"Не найдены обязательные столбцы: {', '.join(missing)}. Проверьте строку заголовков "
            f"(строка {header_row}) — возможно, столбец назван иначе."
        )
    if kind == Kind.MENTEES and programme is None:
        preview.refuse(
            "Наставляемые загружаются в программу, а текущая программа не выбрана. "
            "Выберите текущую программу и загрузите файл снова."
        )
    if preview.errors:
        return plan
    data_rows = rows[header_at + 1 :]
    if not data_rows:
        preview.refuse(f"Под заголовками (строка {header_row}) нет ни одной строки с данными.")
        return plan
    _plan_rows(plan, by_field, kind, data_rows)
    preview.errors.sort(key=lambda e: (e.row, e.column))
    return plan


def _parse_rows(plan: Plan, by_field: dict[str, H.Column], kind: str, data_rows) -> list[tuple]:
    """Rows without errors, each with its matched person (or None); a person twice in a file is an error."""
    preview = plan.preview
    reader = RowReader(organisation=plan.organisation, by_field=by_field, kind=kind)
    people = PeopleIndex(plan.organisation)
    name_column = by_field.get("full_name") or by_field.get("last_name")
    seen_keys: dict[tuple, int] = {}
    seen_people: dict[int, int] = {}
    parsed: list[tuple[int, dict, Person | None]] = []
    for number, cells in data_rows:
        values, errors = reader.read(number, cells)
        preview.errors.extend(errors)
        if errors:
            continue
        keys = [("names", names_of(values), values.get("birth_date"))]
        if values.get("external_id"):
            keys.insert(0, ("id", id_key(values["external_id"])))
        repeated = next((seen_keys[k] for k in keys if k in seen_keys), None)
        if repeated is not None:
            preview.errors.append(_duplicate(number, repeated, values))
            continue
        for key in keys:
            seen_keys[key] = number
        person, problem = people.find(values)
        if problem:
            preview.errors.append(RowError(number, name_column.header, problem))
            continue
        if person is not None:
            if person.pk in seen_people:
                preview.errors.append(_duplicate(number, seen_people[person.pk], values))
                continue
            seen_people[person.pk] = number
        parsed.append((number, values, person))
    return parsed


def _plan_rows(plan: Plan, by_field: dict[str, H.Column], kind: str, data_rows) -> None:
    preview = plan.preview
    parsed = _parse_rows(plan, by_field, kind, data_rows)
    matched_ids = [person.pk for _, _, person in parsed if person is not None]
    existing_mentees: dict[int, Mentee] = {}
    existing_mentors: dict[int, Mentor] = {}
    if kind == Kind.MENTEES and matched_ids:
        existing_mentees = {
            m.person_id: m for m in Mentee.objects.filter(programme=plan.programme, person_id__in=matched_ids)
        }
    consented: set[int] = set()
    if kind == Kind.MENTORS and matched_ids:
        existing_mentors = {m.person_id: m for m in Mentor.objects.filter(person_id__in=matched_ids)}
        consented = set(
            with_consent_flag(Person.objects.filter(pk__in=matched_ids))
            .filter(has_consent=True)
            .values_list("pk", flat=True)
        )
    today = timezone.localdate()
    for number, values, person in parsed:
        new_person = person is None
        if new_person:
            person = Person(organisation=plan.organisation, kind=new_person_kind(kind, values))
        planned = PlannedRow(
            row=number, person=person, new_person=new_person, person_fields=apply_person(person, values)
        )
        if kind == Kind.MENTEES:
            mentee = None if new_person else existing_mentees.get(person.pk)
            if mentee is None:
                mentee = Mentee(programme=plan.programme, entry_date=values.get("entry_date") or today)
            planned.mentee = mentee
            planned.entry_date = values.get("entry_date")
            planned.categories = values.get("categories")
            planned.request = values.get("request", "")
            planned.request_topics = values.get("topics")
            planned.mentee_values = {k: values[k] for k in MENTEE_VALUES if k in values}
        elif kind == Kind.MENTORS:
            mentor = None if new_person else existing_mentors.get(person.pk)
            if mentor is None:
                contour = values.get("contour") or default_contour(person)
                mentor = Mentor(organisation=plan.organisation, contour=contour)
            planned.mentor = mentor
            planned.mentor_values = {k: values[k] for k in MENTOR_VALUES if values.get(k) is not None}
            planned.mentor_topics = values.get("topics")
            made_ready = values.get("stage") == Mentor.Stage.READY and mentor.stage != Mentor.Stage.READY
            if made_ready and (new_person or person.pk not in consented):
                # The same rule as move_mentor_stage: nobody is offered to a pair without a consent.
                preview.errors.append(
                    RowError(
                        number,
                        by_field["stage"].header,
                        "«Готов к работе» можно указать только тому, у кого уже внесено действующее согласие "
                        "на обработку персональных данных; загрузите его этапом «Прошёл обучение» "
                        "и переведите после согласия",
                    )
                )
        plan.rows.append(planned)
        if planned.creates:
            preview.to_create += 1
        else:
            preview.to_update += 1


def _duplicate(number: int, first: int, values: dict) -> RowError:
    name = " ".join(values.get(k, "") for k in ("last_name", "first_name", "middle_name")).strip()
    return RowError(
        number,
        "",
        f"строки {first} и {number} описывают одного и того же человека ({name}); оставьте одну из них",
    )


def preview_import(
    *, organisation: Organisation, programme: Programme | None, file: Source | Sheet, kind: str | None = None
) -> ImportPreview:
    """What importing ``file`` would do; never writes."""
    return build_plan(organisation=organisation, programme=programme, file=file, kind=kind).preview
