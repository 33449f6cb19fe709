"""One data row of a sheet → the values of a person (and of a mentee or a mentor), or its errors."""

from __future__ import annotations

from django.utils import timezone

from mentoring.models import Organisation
from participants.importing import headers as H
from participants.importing.book import ExcelError, Formula
from participants.importing.choices import (
    Vocabulary,
    parse_contour,
    parse_external_id,
    parse_gender,
    parse_person_kind,
    parse_qualification,
    parse_stage,
)
from participants.importing.preview import RowError
from participants.importing.values import (
    CellError,
    clean_text,
    multiline_text,
    name_part,
    parse_birth_date,
    parse_class,
    parse_date,
    parse_email,
    parse_phone,
    parse_whole_number,
    parse_yes_no,
    plain_text,
    split_full_name,
)
from participants.models import ImportUpload, MenteeCategory, Topic

Kind = ImportUpload.Kind
_NAME_PARTS = (("last_name", "фамилию"), ("first_name", "имя"), ("middle_name", "отчество"))


class RowReader:
    """Parses one row into Person fields and the kind's extra values, collecting every cell's error."""

    def __init__(self, *, organisation: Organisation, by_field: dict[str, H.Column], kind: str):
        self.by_field = by_field
        self.kind = kind
        self.today = timezone.localdate()
        if "categories" in by_field:
            self.categories = Vocabulary(
                MenteeCategory.objects.for_organisation(organisation), "категории наставляемых"
            )
        if "topics" in by_field:
            self.topics = Vocabulary(Topic.objects.for_organisation(organisation), "темы")

    def read(self, number: int, cells: list) -> tuple[dict, list[RowError]]:
        return _Row(self, number, cells).read()


class _Row:
    def __init__(self, reader: RowReader, number: int, cells: list):
        self.reader = reader
        self.by_field = reader.by_field
        self.number = number
        self.cells = cells
        self.values: dict = {}
        self.errors: list[RowError] = []

    def error(self, field_name: str, message: str) -> None:
        self.errors.append(RowError(self.number, self.by_field[field_name].header, message))

    def raw(self, field_name: str):
        """The cell's value; ``None`` when it is empty, or when it holds a formula or an Excel error
        (#Н/Д, #ССЫЛКА!), which is reported: such a cell has no value a list can be built on."""
        column = self.by_field.get(field_name)
        if column is None or column.index >= len(self.cells):
            return None
        value = self.cells[column.index]
        if isinstance(value, Formula):
            self.error(
                field_name, "в ячейке формула; формулы не загружаются — вставьте в ячейку само значение"
            )
            return None
        if isinstance(value, ExcelError):
            self.error(field_name, f"в ячейке ошибка Excel «{value}»; впишите в ячейку само значение")
            return None
        if value is None or (isinstance(value, str) and not clean_text(value)):
            return None
        return value

    def take(self, field_name: str, parser, **kwargs) -> None:
        value = self.raw(field_name)
        if value is None:
            return
        try:
            self.values[field_name] = parser(value, **kwargs)
        except CellError as error:
            self.error(field_name, str(error))

    def read(self) -> tuple[dict, list[RowError]]:
        take, kind = self.take, self.reader.kind
        if "full_name" in self.by_field:
            self.full_name()
        else:
            self.name_parts()
        take("external_id", parse_external_id)
        take("birth_date", parse_birth_date, today=self.reader.today)
        take("gender", parse_gender)
        take("class", parse_class)
        take("person_kind", parse_person_kind)
        take("phone", parse_phone)
        take("email", parse_email)
        take("position", plain_text, max_length=150)
        take("subjects", plain_text, max_length=300)
        take("experience", parse_whole_number, low=0, high=70, what="стаж", round_down=True)
        take("qualification", parse_qualification)
        take("employer", plain_text, max_length=300)
        take("representative_name", plain_text, max_length=300)
        take("representative_relation", plain_text, max_length=100)
        take("representative_phone", parse_phone)
        take("representative_email", parse_email)
        if kind == Kind.STUDENTS and "class" not in self.values and not self.reported("class"):
            self.error("class", "не указан класс")
        if kind == Kind.MENTEES:
            self.mentee()
        elif kind == Kind.MENTORS:
            self.mentor()
        return self.values, self.errors

    def reported(self, field_name: str) -> bool:
        header = self.by_field[field_name].header
        return any(e.column == header for e in self.errors)

    def full_name(self) -> None:
        text = clean_text(self.raw("full_name"))
        if self.reported("full_name"):
            return
        if not text:
            self.error("full_name", "не указаны фамилия и имя")
            return
        try:
            last, first, middle = split_full_name(text)
        except CellError as error:
            self.error("full_name", str(error))
            return
        self.values.update(last_name=last, first_name=first, middle_name=middle)

    def name_parts(self) -> None:
        found = {}
        for key, what in _NAME_PARTS:
            if key in self.by_field:
                try:
                    found[key] = name_part(self.raw(key), what=what)
                except CellError as error:
                    self.error(key, str(error))
        if any(self.reported(key) for key, _ in _NAME_PARTS if key in self.by_field):
            return
        last, first = found.get("last_name", ""), found.get("first_name", "")
        if not last:
            self.error("last_name", "не указана фамилия")
            return
        surname_header, name_header = self.by_field["last_name"].header, self.by_field["first_name"].header
        if not first and " " in last:
            self.error(
                "last_name",
                f"в столбце «{surname_header}» записано целое ФИО «{last}», а столбец «{name_header}» пуст; "
                "разнесите фамилию, имя и отчество по своим столбцам",
            )
        elif not first:
            self.error("first_name", "не указано имя")
        elif len(last.split(" ")) >= 3:
            self.error(
                "last_name",
                f"в столбце «{surname_header}» записано несколько слов «{last}»; здесь должна быть только фамилия",
            )
        else:
            self.values.update(found)

    def mentee(self) -> None:
        take = self.take
        take("entry_date", parse_date)
        take("completion_date", parse_date)
        take("request", multiline_text)
        take("results", multiline_text)
        take("case_links", multiline_text)
        if "categories" in self.by_field:
            take("categories", self.reader.categories.ids)
        if "topics" in self.by_field:
            take("topics", self.reader.topics.ids)
        entry, done = self.values.get("entry_date"), self.values.get("completion_date")
        if entry and done and done < entry:
            self.error(
                "completion_date", f"дата завершения {done:%d.%m.%Y} раньше даты вхождения {entry:%d.%m.%Y}"
            )

    def mentor(self) -> None:
        take = self.take
        take("contour", parse_contour)
        take("stage", parse_stage)
        take("capacity", parse_whole_number, low=1, high=30, what="сколько наставляемых")
        take("competences", multiline_text)
        take("achievements", multiline_text)
        take("interests", multiline_text)
        take("agrees_future", parse_yes_no)
        take("agrees_district", parse_yes_no)
        if "topics" in self.by_field:
            take("topics", self.reader.topics.ids)
