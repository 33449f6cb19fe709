"""From the rows of a sheet to a plan: which people to create, which to update, which rows are wrong.

Nothing here writes. ``build_plan`` reads the file, matches the header, parses every row, loads the
organisation's people with a few queries, matches each row to a person and counts what a confirmed
import would do. ``participants.services.imports.do_import`` writes the plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from mentoring.models import Organisation, Programme
from participants.importing import headers as H
from participants.importing.reading import HEADER_SEARCH_ROWS, FileProblem, read_bytes, sheet_rows
from participants.importing.values import (
    CellError,
    clean_text,
    multiline_text,
    name_key,
    parse_birth_date,
    parse_class,
    parse_date,
    parse_email,
    parse_phone,
    parse_whole_number,
    parse_yes_no,
    plain_text,
    refuse_formula,
    split_full_name,
    split_list,
)
from participants.models import ImportUpload, Mentee, MenteeCategory, Mentor, Person, Topic

Kind = ImportUpload.Kind
KIND_LABELS = dict(Kind.choices)


@dataclass(frozen=True)
class RowError:
    """A wrong cell or row: ``row`` is the Excel row number (0 for the file as a whole),
    ``column`` the header as written in the file ("" when the whole row is wrong)."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.row == 0:
            return self.message
        where = f"Строка {self.row}" + (f", столбец «{self.column}»" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class ImportPreview:
    kind: str = ""
    to_create: int = 0
    to_update: int = 0
    errors: list[RowError] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    # The columns that will be read: (header as written, what it means).
    columns: list[tuple[str, str]] = field(default_factory=list)
    rows: int = 0
    kind_detected: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, "")

    @property
    def file_errors(self) -> list[RowError]:
        return [e for e in self.errors if e.row == 0]

    @property
    def row_errors(self) -> list[RowError]:
        return [e for e in self.errors if e.row != 0]

    @property
    def wrong_rows(self) -> int:
        return len({e.row for e in self.errors if e.row})


class ImportRejected(Exception):
    """The file has errors; nothing was written. ``preview`` says which."""

    def __init__(self, preview: ImportPreview):
        self.preview = preview
        first = preview.errors[0] if preview.errors else ""
        super().__init__(f"Файл не загружен: ошибок — {len(preview.errors)}. {first}")


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


def _file_error(preview: ImportPreview, message: str) -> ImportPreview:
    preview.errors.append(RowError(0, "", message))
    return preview


def _quote_all(labels) -> str:
    return ", ".join(f"«{label}»" for label in labels)


# --- the header -------------------------------------------------------------------------------------


def _find_header(rows: list[tuple[int, list]]) -> int | None:
    """Index in ``rows`` of the header: school lists often start with a title and a blank line."""
    for index, (_, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        fields = {H.field_of(value) for value, _ in cells if isinstance(value, str)} - {None}
        if fields & {"full_name", "last_name", "mentor_full_name"} or len(fields) >= 3:
            return index
    return None


def _columns(cells: list, preview: ImportPreview) -> list[H.Column]:
    columns: list[H.Column] = []
    for index, (value, _) in enumerate(cells):
        header = clean_text(value)
        if not header:
            continue
        field_name = H.field_of(header)
        if field_name is None:
            preview.unknown_columns.append(header)
        else:
            columns.append(H.Column(index, header, field_name))
    return columns


def _settle_columns(columns: list[H.Column], kind: str, preview: ImportPreview) -> dict[str, H.Column]:
    """Resolve kind-dependent meanings, set aside columns this kind does not use, find repeats."""
    raw_fields = {c.field for c in columns}
    by_field: dict[str, H.Column] = {}
    for column in columns:
        column.field = H.resolve(column.field, kind, raw_fields)
        if column.field not in H.KIND_FIELDS[kind]:
            preview.unknown_columns.append(column.header)
            continue
        if column.field in by_field:
            _file_error(
                preview,
                f"Столбцы «{by_field[column.field].header}» и «{column.header}» означают одно и то же "
                f"({H.LABELS[column.field]}). Оставьте один из них или переименуйте лишний.",
            )
            continue
        by_field[column.field] = column
    # Separate name columns win over one «ФИО» column.
    if "full_name" in by_field and "last_name" in by_field:
        preview.unknown_columns.append(by_field.pop("full_name").header)
    return by_field


def _missing_columns(by_field: dict[str, H.Column], kind: str) -> list[str]:
    missing = []
    if "full_name" not in by_field:
        if "last_name" not in by_field and "first_name" not in by_field:
            missing.append("«Фамилия» и «Имя» (или один столбец «ФИО»)")
        elif "last_name" not in by_field:
            missing.append("«Фамилия»")
        elif "first_name" not in by_field:
            missing.append("«Имя»")
    if kind == Kind.STUDENTS and "class" not in by_field:
        missing.append("«Класс»")
    return missing


# --- the rows ---------------------------------------------------------------------------------------

_GENDERS = {"м": "m", "муж": "m", "мужской": "m", "m": "m", "ж": "f", "жен": "f", "женский": "f", "f": "f"}
_PERSON_KINDS = {
    "обучающийся": Person.Kind.STUDENT,
    "обучающаяся": Person.Kind.STUDENT,
    "ученик": Person.Kind.STUDENT,
    "ученица": Person.Kind.STUDENT,
    "учащийся": Person.Kind.STUDENT,
    "студент": Person.Kind.STUDENT,
    "педагог": Person.Kind.TEACHER,
    "учитель": Person.Kind.TEACHER,
    "сотрудник": Person.Kind.STAFF,
    "родитель": Person.Kind.PARENT,
    "выпускник": Person.Kind.GRADUATE,
    "выпускница": Person.Kind.GRADUATE,
    "представитель партнера": Person.Kind.EXTERNAL,
    "партнер": Person.Kind.EXTERNAL,
    "внешний": Person.Kind.EXTERNAL,
}
_TEACHING = re.compile(
    r"учител|педагог|преподава|воспитател|методист|логопед|дефектолог|психолог|тренер|концертмейстер",
    re.IGNORECASE,
)
_EXTERNAL_KINDS = {Person.Kind.GRADUATE, Person.Kind.EXTERNAL}


def _parse_gender(raw) -> str:
    text = name_key(clean_text(raw)).rstrip(".")
    if text not in _GENDERS:
        raise CellError(f"пол пишется как «м» или «ж», а записано «{clean_text(raw)}»")
    return _GENDERS[text]


def _parse_person_kind(raw) -> str:
    text = name_key(clean_text(raw)).rstrip(".")
    for label, value in Person.Kind.choices:
        if name_key(label) == text:
            return value
    if text in _PERSON_KINDS:
        return _PERSON_KINDS[text]
    labels = _quote_all(label.lower() for _, label in Person.Kind.choices)
    raise CellError(f"не знаю, кто такой «{clean_text(raw)}»; можно: {labels}")


def _parse_qualification(raw) -> str:
    text = name_key(clean_text(raw))
    if text.startswith(("перв", "1")):
        return Person.Category.FIRST
    if text.startswith("высш"):
        return Person.Category.HIGHEST
    if text.startswith(("соотв", "сзд")):
        return Person.Category.CONFORMITY
    if text.startswith(("без", "нет")):
        return Person.Category.NONE
    raise CellError(
        f"неизвестная квалификационная категория «{clean_text(raw)}»; "
        "можно: высшая, первая, соответствие занимаемой должности, без категории"
    )


def _parse_contour(raw) -> str:
    text = name_key(clean_text(raw))
    if text.startswith("внутр"):
        return Mentor.Contour.INTERNAL
    if text.startswith("внеш"):
        return Mentor.Contour.EXTERNAL
    raise CellError(f"контур бывает «внутренний» или «внешний», а записано «{clean_text(raw)}»")


_STAGES = (
    ("кандидат", Mentor.Stage.CANDIDATE),
    ("прошел собеседование", Mentor.Stage.INTERVIEWED),
    ("собеседование", Mentor.Stage.INTERVIEWED),
    ("прошел обучение", Mentor.Stage.TRAINED),
    ("обучен", Mentor.Stage.TRAINED),
    ("готов", Mentor.Stage.READY),
    ("в резерве", Mentor.Stage.RESERVE),
    ("резерв", Mentor.Stage.RESERVE),
)


def _parse_stage(raw) -> str:
    text = name_key(clean_text(raw))
    for start, stage in _STAGES:
        if text.startswith(start):
            return stage
    labels = _quote_all(label.lower() for _, label in Mentor.Stage.choices)
    raise CellError(f"неизвестный этап отбора «{clean_text(raw)}»; можно: {labels}")


def _parse_external_id(raw) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return plain_text(raw, max_length=64)


class Vocabulary:
    """Names of an editable list (categories, topics) → ids; a short unique part of a name also fits."""

    def __init__(self, entries, what: str):
        self.by_key = {name_key(e.name): e.pk for e in entries}
        self.what = what
        self.short: dict[str, int | None] = {}

    def _by_part(self, key: str) -> int | None:
        if key not in self.short:
            pattern = re.compile(rf"(^|[\s(«]){re.escape(key)}")
            found = [v for k, v in self.by_key.items() if pattern.search(k)]
            self.short[key] = found[0] if len(found) == 1 else None
        return self.short[key]

    def ids(self, raw) -> list[int]:
        ids: list[int] = []
        for name in split_list(raw):
            key = name_key(name)
            refuse_formula(name)
            pk = self.by_key.get(key)
            if pk is None and len(key) >= 3:
                pk = self._by_part(key)
            if pk is None:
                raise CellError(f"нет такой {self.what}: «{name}» (список можно дополнить в справочниках)")
            if pk not in ids:
                ids.append(pk)
        return ids


class RowReader:
    """Parses one row into Person fields and the kind's extra values, collecting every cell's error."""

    def __init__(self, plan: Plan, by_field: dict[str, H.Column], kind: str):
        self.plan = plan
        self.by_field = by_field
        self.kind = kind
        self.today = timezone.localdate()
        organisation = plan.organisation
        if "categories" in by_field:
            self.categories = Vocabulary(
                MenteeCategory.objects.for_organisation(organisation), "категории наставляемых"
            )
        if "topics" in by_field:
            self.topics = Vocabulary(Topic.objects.for_organisation(organisation), "темы")

    def read(self, number: int, cells: list) -> tuple[dict, list[RowError]]:
        errors: list[RowError] = []
        values: dict = {}

        def raw(field_name):
            column = self.by_field.get(field_name)
            if column is None or column.index >= len(cells):
                return None
            value, data_type = cells[column.index]
            if data_type == "f":
                errors.append(
                    RowError(
                        number,
                        column.header,
                        "в ячейке формула; формулы не загружаются — вставьте в ячейку само значение",
                    )
                )
                return None
            if value is None or (isinstance(value, str) and not clean_text(value)):
                return None
            return value

        def take(field_name, parser, **kwargs):
            value = raw(field_name)
            if value is None:
                return
            try:
                values[field_name] = parser(value, **kwargs)
            except CellError as error:
                errors.append(RowError(number, self.by_field[field_name].header, str(error)))

        self._names(number, raw, values, errors)
        take("external_id", _parse_external_id)
        take("birth_date", parse_birth_date, today=self.today)
        take("gender", _parse_gender)
        take("class", parse_class)
        take("person_kind", _parse_person_kind)
        take("phone", parse_phone)
        take("email", parse_email)
        take("position", plain_text, max_length=150)
        take("subjects", plain_text, max_length=300)
        take("experience", parse_whole_number, low=0, high=70, what="стаж", round_down=True)
        take("qualification", _parse_qualification)
        take("employer", plain_text, max_length=300)
        take("representative_name", plain_text, max_length=300)
        take("representative_relation", plain_text, max_length=100)
        take("representative_phone", parse_phone)
        take("representative_email", parse_email)
        if (
            self.kind == Kind.STUDENTS
            and "class" not in values
            and not any(e.column == self.by_field["class"].header for e in errors)
        ):
            errors.append(RowError(number, self.by_field["class"].header, "не указан класс"))
        if self.kind == Kind.MENTEES:
            self._mentee(number, take, values, errors)
        elif self.kind == Kind.MENTORS:
            self._mentor(take)
        return values, errors

    def _names(self, number, raw, values, errors) -> None:
        columns = self.by_field
        if "full_name" in columns:
            known = len(errors)
            text = clean_text(raw("full_name"))
            header = columns["full_name"].header
            if len(errors) > known:
                return  # a formula: already reported
            if not text:
                errors.append(RowError(number, header, "не указаны фамилия и имя"))
                return
            try:
                plain_text(text, max_length=300)
                last, first, middle = split_full_name(text)
            except CellError as error:
                errors.append(RowError(number, header, str(error)))
                return
            parts = {"last_name": last, "first_name": first, "middle_name": middle}
            for value in parts.values():
                if len(value) > 100:
                    errors.append(RowError(number, header, "слишком длинная часть ФИО: больше 100 знаков"))
                    return
            values.update(parts)
            return
        found = {}
        known = len(errors)
        for key in ("last_name", "first_name", "middle_name"):
            if key not in columns:
                continue
            try:
                found[key] = plain_text(raw(key), max_length=100)
            except CellError as error:
                errors.append(RowError(number, columns[key].header, str(error)))
        if len(errors) > known:
            return
        last, first = found.get("last_name", ""), found.get("first_name", "")
        if not last:
            errors.append(RowError(number, columns["last_name"].header, "не указана фамилия"))
            return
        if not first:
            if " " in last:
                errors.append(
                    RowError(
                        number,
                        columns["last_name"].header,
                        f"в столбце «{columns['last_name'].header}» записано целое ФИО «{last}», "
                        f"а столбец «{columns['first_name'].header}» пуст; разнесите фамилию, имя и "
                        "отчество по своим столбцам",
                    )
                )
            else:
                errors.append(RowError(number, columns["first_name"].header, "не указано имя"))
            return
        if " " in last and len(last.split(" ")) >= 3:
            errors.append(
                RowError(
                    number,
                    columns["last_name"].header,
                    f"в столбце «{columns['last_name'].header}» записано несколько слов «{last}»; "
                    "здесь должна быть только фамилия",
                )
            )
            return
        values.update(found)

    def _mentee(self, number, take, values, errors) -> None:
        take("entry_date", parse_date)
        take("completion_date", parse_date)
        take("request", multiline_text)
        take("results", multiline_text)
        take("case_links", multiline_text)
        if "categories" in self.by_field:
            take("categories", self.categories.ids)
        if "topics" in self.by_field:
            take("topics", self.topics.ids)
        entry, done = values.get("entry_date"), values.get("completion_date")
        if entry and done and done < entry:
            errors.append(
                RowError(
                    number,
                    self.by_field["completion_date"].header,
                    f"дата завершения {done:%d.%m.%Y} раньше даты вхождения {entry:%d.%m.%Y}",
                )
            )

    def _mentor(self, take) -> None:
        take("contour", _parse_contour)
        take("stage", _parse_stage)
        take("capacity", parse_whole_number, low=1, high=30, what="сколько наставляемых")
        take("competences", multiline_text)
        take("achievements", multiline_text)
        take("interests", multiline_text)
        take("agrees_future", parse_yes_no)
        take("agrees_district", parse_yes_no)
        if "topics" in self.by_field:
            take("topics", self.topics.ids)


# --- matching people ----------------------------------------------------------------------------------


def _names_of(values_or_person) -> tuple[str, str, str]:
    get = values_or_person.get if isinstance(values_or_person, dict) else values_or_person.__dict__.get
    return tuple(name_key(get(k) or "") for k in ("last_name", "first_name", "middle_name"))


class PeopleIndex:
    """The organisation's people, loaded once, looked up by id column and by name + birth date."""

    def __init__(self, organisation: Organisation):
        people = list(Person.objects.filter(organisation=organisation, pseudonymised_at__isnull=True))
        self.by_external: dict[str, list[Person]] = {}
        self.by_names: dict[tuple, list[Person]] = {}
        for person in people:
            if person.external_id:
                self.by_external.setdefault(person.external_id.strip().lower(), []).append(person)
            self.by_names.setdefault(_names_of(person), []).append(person)

    def find(self, values: dict) -> tuple[Person | None, str]:
        """The matching person, or None; a non-empty second value is why the row cannot be matched."""
        external = (values.get("external_id") or "").strip().lower()
        if external:
            found = self.by_external.get(external, [])
            if len(found) == 1:
                return found[0], ""
            if len(found) > 1:
                return None, f"в базе несколько человек с идентификатором «{values['external_id']}»"
        names = self.by_names.get(_names_of(values), [])
        if external:
            # A person with another id is somebody else.
            names = [p for p in names if not p.external_id or p.external_id.strip().lower() == external]
        birth = values.get("birth_date")
        exact = [p for p in names if p.birth_date == birth]
        if len(exact) == 1:
            return exact[0], ""
        if len(exact) > 1:
            return None, "в базе несколько человек с такими ФИО и датой рождения; добавьте столбец «ID»"
        loose = [p for p in names if p.birth_date is None] if birth else names
        if len(loose) == 1:
            return loose[0], ""
        if len(loose) > 1:
            return (
                None,
                "в базе несколько человек с такими ФИО; добавьте в файл дату рождения или столбец «ID»",
            )
        return None, ""


PERSON_VALUE_FIELDS = {
    "external_id": "external_id",
    "last_name": "last_name",
    "first_name": "first_name",
    "middle_name": "middle_name",
    "birth_date": "birth_date",
    "gender": "gender",
    "phone": "phone",
    "email": "email",
    "position": "position",
    "subjects": "subjects",
    "experience": "experience_years",
    "qualification": "qualification_category",
    "employer": "employer",
    "representative_name": "representative_name",
    "representative_relation": "representative_relation",
    "representative_phone": "representative_phone",
    "representative_email": "representative_email",
    "person_kind": "kind",
}


def _new_person_kind(kind: str, values: dict) -> str:
    if "person_kind" in values:
        return values["person_kind"]
    if kind == Kind.STUDENTS:
        return Person.Kind.STUDENT
    if kind == Kind.STAFF:
        position = values.get("position", "")
        return (
            Person.Kind.TEACHER
            if values.get("subjects") or not position or _TEACHING.search(position)
            else (Person.Kind.STAFF)
        )
    if kind == Kind.MENTORS:
        if values.get("contour") == Mentor.Contour.EXTERNAL:
            return Person.Kind.EXTERNAL
        return Person.Kind.STUDENT if "class" in values else Person.Kind.TEACHER
    # Mentees: a student unless the row describes a teacher.
    if "class" in values:
        return Person.Kind.STUDENT
    if values.keys() & {"position", "subjects", "experience", "qualification"}:
        return Person.Kind.TEACHER
    return Person.Kind.STUDENT


def _apply_person(person: Person, values: dict) -> set[str]:
    """Set the row's values on the person; returns the fields that really change."""
    wanted = {attribute: values[key] for key, attribute in PERSON_VALUE_FIELDS.items() if key in values}
    if "class" in values:
        wanted["grade"], wanted["class_letter"] = values["class"]
    changed: set[str] = set()
    for attribute, value in wanted.items():
        if getattr(person, attribute) != value:
            setattr(person, attribute, value)
            changed.add(attribute)
    return changed


# --- the plan -------------------------------------------------------------------------------------------


def build_plan(
    *, organisation: Organisation, programme: Programme | None, file, kind: str | None = None
) -> Plan:
    preview = ImportPreview(kind=kind or "")
    plan = Plan(organisation=organisation, programme=programme, preview=preview)
    if kind and kind not in Kind.values:
        _file_error(preview, f"Неизвестный вид списка «{kind}»: можно {', '.join(Kind.values)}.")
        return plan
    try:
        data = read_bytes(file)
        rows = list(sheet_rows(data))
    except FileProblem as problem:
        _file_error(preview, str(problem))
        return plan
    if not rows:
        _file_error(preview, "В книге нет ни одной заполненной строки: лист пуст.")
        return plan
    header_at = _find_header(rows)
    if header_at is None:
        first = [clean_text(v) for v, _ in rows[0][1] if clean_text(v)]
        _file_error(
            preview,
            "Не найдены обязательные столбцы «Фамилия» и «Имя» (или один столбец «ФИО»). "
            + (f"В первой строке файла: {_quote_all(first[:10])}." if first else ""),
        )
        return plan
    header_row, header_cells = rows[header_at]
    columns = _columns(header_cells, preview)
    if not kind:
        kind = H.detect_kind({c.field for c in columns})
        preview.kind_detected = kind is not None
        if kind is None:
            _file_error(
                preview,
                "Не удалось понять по столбцам, что это за список. Укажите вид: список обучающихся, "
                "сотрудников, база наставляемых или база наставников.",
            )
            return plan
    preview.kind = Kind(kind).value
    by_field = _settle_columns(columns, kind, preview)
    preview.columns = [(c.header, H.LABELS[f]) for f, c in sorted(by_field.items(), key=lambda i: i[1].index)]
    missing = _missing_columns(by_field, kind)
    if missing:
        _file_error(
            preview,
            f"Не найдены обязательные столбцы: {', '.join(missing)}. Проверьте строку заголовков "
            f"(строка {header_row}) — возможно, столбец назван иначе.",
        )
    if kind == Kind.MENTEES and programme is None:
        _file_error(
            preview,
            "Наставляемые загружаются в программу, а текущая программа не выбрана. "
            "Выберите текущую программу и загрузите файл снова.",
        )
    if preview.errors:
        return plan
    data_rows = rows[header_at + 1 :]
    if not data_rows:
        _file_error(preview, f"Под заголовками (строка {header_row}) нет ни одной строки с данными.")
        return plan
    preview.rows = len(data_rows)
    _plan_rows(plan, by_field, kind, data_rows)
    preview.errors.sort(key=lambda e: (e.row, e.column))
    return plan


def _plan_rows(plan: Plan, by_field: dict[str, H.Column], kind: str, data_rows) -> None:
    preview = plan.preview
    reader = RowReader(plan, by_field, kind)
    people = PeopleIndex(plan.organisation)
    seen_keys: dict[tuple, int] = {}
    seen_people: dict[int, int] = {}
    parsed: list[tuple[int, dict, Person | None]] = []
    for number, cells in data_rows:
        values, errors = reader.read(number, cells)
        preview.errors.extend(errors)
        if errors:
            continue
        keys = [("names", _names_of(values), values.get("birth_date"))]
        if values.get("external_id"):
            keys.insert(0, ("id", values["external_id"].strip().lower()))
        repeated = next((seen_keys[k] for k in keys if k in seen_keys), None)
        if repeated is not None:
            preview.errors.append(_duplicate(number, repeated, values))
            continue
        for key in keys:
            seen_keys[key] = number
        person, problem = people.find(values)
        if problem:
            name_column = by_field.get("full_name") or by_field.get("last_name")
            preview.errors.append(RowError(number, name_column.header, problem))
            continue
        if person is not None:
            if person.pk in seen_people:
                preview.errors.append(_duplicate(number, seen_people[person.pk], values))
                continue
            seen_people[person.pk] = number
        parsed.append((number, values, person))
    existing_mentees: dict[int, Mentee] = {}
    existing_mentors: dict[int, Mentor] = {}
    matched_ids = [person.pk for _, _, person in parsed if person is not None]
    if kind == Kind.MENTEES and matched_ids:
        existing_mentees = {
            m.person_id: m for m in Mentee.objects.filter(programme=plan.programme, person_id__in=matched_ids)
        }
    if kind == Kind.MENTORS and matched_ids:
        existing_mentors = {m.person_id: m for m in Mentor.objects.filter(person_id__in=matched_ids)}
    today = timezone.localdate()
    for number, values, person in parsed:
        new_person = person is None
        if new_person:
            person = Person(organisation=plan.organisation, kind=_new_person_kind(kind, values))
        planned = PlannedRow(row=number, person=person, new_person=new_person, person_fields=set())
        planned.person_fields = _apply_person(person, values)
        if kind == Kind.MENTEES:
            mentee = None if new_person else existing_mentees.get(person.pk)
            if mentee is None:
                mentee = Mentee(programme=plan.programme, entry_date=values.get("entry_date") or today)
            planned.mentee = mentee
            planned.entry_date = values.get("entry_date")
            planned.categories = values.get("categories")
            planned.request = values.get("request", "")
            planned.request_topics = values.get("topics")
            planned.mentee_values = {
                k: values[k] for k in ("results", "case_links", "completion_date") if k in values
            }
        elif kind == Kind.MENTORS:
            mentor = None if new_person else existing_mentors.get(person.pk)
            if mentor is None:
                contour = values.get("contour") or (
                    Mentor.Contour.EXTERNAL if person.kind in _EXTERNAL_KINDS else Mentor.Contour.INTERNAL
                )
                mentor = Mentor(organisation=plan.organisation, contour=contour)
            planned.mentor = mentor
            planned.mentor_values = {
                k: values[k]
                for k in (
                    "contour",
                    "stage",
                    "capacity",
                    "competences",
                    "achievements",
                    "interests",
                    "agrees_future",
                    "agrees_district",
                )
                if k in values and values[k] is not None
            }
            planned.mentor_topics = values.get("topics")
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


def preview_import(*, organisation: Organisation, programme: Programme | None, file, kind: str | None = None):
    """What importing ``file`` would do; never writes."""
    return build_plan(organisation=organisation, programme=programme, file=file, kind=kind).preview
