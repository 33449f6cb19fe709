"""Workbooks for import tests, built in code (no binary fixtures)."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

CLASS_LIST_HEADER = ["Фамилия", "Имя", "Отчество", "Дата рождения", "Класс"]


def make_xlsx(rows: list[list], *, title_rows: list[list] = (), date_cells: bool = False) -> bytes:
    """A one-sheet book; ``rows`` start with the header. Dates stay as given (date → real date cell)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Список"
    for row in [*title_rows, *rows]:
        sheet.append(list(row))
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, date):
                cell.number_format = "DD.MM.YYYY"
            elif isinstance(cell.value, str) and cell.data_type == "f" and not date_cells:
                pass  # a real formula, as a user would type it
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
                f"Ученикова{n}",
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


@pytest.fixture
def private_uploads(private_files, monkeypatch):
    """Uploaded lists of a test go to its own private directory.

    The model's storage is built when the model loads, so overriding PRIVATE_STORAGE_ROOT alone
    would still write into the project's ``private/``."""
    from django.core.files.storage import FileSystemStorage

    from participants.models import ImportUpload

    storage = FileSystemStorage(location=private_files, base_url=None)
    monkeypatch.setattr(ImportUpload._meta.get_field("file"), "storage", storage)
    return private_files
