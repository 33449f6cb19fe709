"""Finding the header row of a sheet and deciding which column is which for the kind of list."""

from __future__ import annotations

from participants.importing import headers as H
from participants.importing.preview import ImportPreview
from participants.importing.values import clean_text
from participants.models import ImportUpload

Kind = ImportUpload.Kind
NAME_FIELDS = {"full_name", "last_name", "mentor_full_name"}
# How far down the header may be: below the school, the title and the date, never below the data.
HEADER_SEARCH_ROWS = 20


def quote_all(labels) -> str:
    return ", ".join(f"«{label}»" for label in labels)


def find_header(rows: list[tuple[int, list]]) -> int | None:
    """Index in ``rows`` of the header: journal exports put the school's name, a title and the date of
    the list (often in merged cells) above it, so the first row that names people's columns wins."""
    for index, (_, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        fields = {H.field_of(value) for value in cells if isinstance(value, str)} - {None}
        if fields & NAME_FIELDS or len(fields) >= 3:
            return index
    return None


def read_columns(cells: list, preview: ImportPreview) -> list[H.Column]:
    columns: list[H.Column] = []
    for index, value in enumerate(cells):
        header = clean_text(value)
        if not header:
            continue
        field_name = H.field_of(header)
        if field_name is None:
            preview.unknown_columns.append(header)
        else:
            columns.append(H.Column(index, header, field_name))
    return columns


def settle_columns(columns: list[H.Column], kind: str, preview: ImportPreview) -> dict[str, H.Column]:
    """Resolve kind-dependent meanings, set aside columns this kind does not use, find repeats."""
    raw_fields = {c.field for c in columns}
    by_field: dict[str, H.Column] = {}
    for column in columns:
        column.field = H.resolve(column.field, kind, raw_fields)
        if column.field not in H.KIND_FIELDS[kind]:
            preview.unknown_columns.append(column.header)
            continue
        if column.field in by_field:
            preview.refuse(
                f"Столбцы «{by_field[column.field].header}» и «{column.header}» означают одно и то же "
                f"({H.LABELS[column.field]}). Оставьте один из них или переименуйте лишний."
            )
            continue
        by_field[column.field] = column
    # Separate name columns win over one «ФИО» column.
    if "full_name" in by_field and "last_name" in by_field:
        preview.unknown_columns.append(by_field.pop("full_name").header)
    return by_field


def missing_columns(by_field: dict[str, H.Column], kind: str) -> list[str]:
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
