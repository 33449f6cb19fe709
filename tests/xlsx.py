"""Workbooks for import tests, built in code (no binary fixtures)."""

from __future__ import annotations

import io
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

CLASS_LIST_HEADER = ["Фамилия", "Имя", "Отчество", "Дата рождения", "Класс"]
_DIGITS_AS_LETTERS = str.maketrans("0123456789", "АБВГДЕЖЗИК")


def numbered_surname(n: int, stem: str = "Ученикова") -> str:
    """«УчениковаБ» for 1: a name may not contain digits, so numbers are spelled with letters."""
    return stem + str(n).translate(_DIGITS_AS_LETTERS)


def make_xlsx(rows: list[list], *, merged: tuple[str, ...] = ()) -> bytes:
    """A one-sheet book of ``rows`` (a date becomes a real date cell, «=…» a formula); ``merged`` are
    ranges such as "A1:E1", as a journal merges its title rows."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Список"
    for row in rows:
        sheet.append(list(row))
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, date):
                cell.number_format = "DD.MM.YYYY"
    for cells in merged:
        sheet.merge_cells(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name: str = "список.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


def class_list(count: int = 3, *, start: int = 1, class_label: str = "8А", as_dates: bool = False) -> bytes:
    rows: list[list] = [CLASS_LIST_HEADER]
    for n in range(start, start + count):
        born = date(2012, 1, 1) + timedelta(days=n)
        rows.append(
            [
                numbered_surname(n),
                "Мария",
                "Ивановна",
                born if as_dates else born.strftime("%d.%m.%Y"),
                class_label,
            ]
        )
    return make_xlsx(rows)


def read_xlsx(content: bytes):
    """The first sheet of a book, for checking exports."""
    return load_workbook(io.BytesIO(content)).active
