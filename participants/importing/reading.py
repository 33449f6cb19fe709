"""Opening the uploaded file: size and format checks before openpyxl sees it, then the sheet's rows."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from openpyxl import load_workbook

MAX_FILE_SIZE = 10 * 1024 * 1024
MAX_FILE_SIZE_LABEL = "10 МБ"
# A zip that unpacks to more than this is not a school's list (and could be a zip bomb).
MAX_UNPACKED_SIZE = 300 * 1024 * 1024
# A path (the command), the content, or an open file (an upload, a stored upload).
Source = str | Path | bytes | BinaryIO


class FileProblem(Exception):
    """The file as a whole cannot be read; the message is for the curator."""


def file_size(file: Source) -> int | None:
    if isinstance(file, str | Path):
        return Path(file).stat().st_size
    if isinstance(file, bytes | bytearray):
        return len(file)
    size = getattr(file, "size", None)
    if size is not None:
        return size
    if hasattr(file, "seek") and hasattr(file, "tell"):
        position = file.tell()
        file.seek(0, io.SEEK_END)
        size = file.tell()
        file.seek(position)
        return size
    return None


def read_bytes(file: Source) -> bytes:
    """The file's content, refusing a too large file before reading it."""
    size = file_size(file)
    if size is not None and size > MAX_FILE_SIZE:
        raise FileProblem(
            f"Файл больше {MAX_FILE_SIZE_LABEL} ({size / 1024 / 1024:.1f} МБ): такие файлы не загружаются. "
            "Удалите лишние листы и столбцы или разделите список на несколько файлов."
        )
    if isinstance(file, str | Path):
        data = Path(file).read_bytes()
    elif isinstance(file, bytes | bytearray):
        data = bytes(file)
    else:
        if hasattr(file, "open") and getattr(file, "closed", False):
            file.open("rb")
        if hasattr(file, "seek"):
            file.seek(0)
        data = file.read(MAX_FILE_SIZE + 1)
        if hasattr(file, "seek"):
            file.seek(0)
    if len(data) > MAX_FILE_SIZE:
        raise FileProblem(f"Файл больше {MAX_FILE_SIZE_LABEL}: такие файлы не загружаются.")
    check_format(data)
    return data


def check_format(data: bytes) -> None:
    if not data:
        raise FileProblem("Файл пустой: в нём нет ни одного байта. Выберите заполненный список.")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileProblem(
            "Это файл старого формата Excel (.xls) или книга, защищённая паролем. Откройте его в Excel "
            "и сохраните как «Книга Excel (*.xlsx)» без пароля, затем загрузите снова."
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise FileProblem(
            "Это не книга Excel (.xlsx): файл не открывается как таблица. Возможно, у другого файла "
            "поменяли расширение. Сохраните список в Excel как «Книга Excel (*.xlsx)»."
        )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        if "xl/workbook.xml" not in names:
            what = "документ Word" if "word/document.xml" in names else "другой документ"
            raise FileProblem(
                f"Это не книга Excel (.xlsx), а {what} с расширением .xlsx. "
                "Загрузите таблицу, сохранённую в Excel как «Книга Excel (*.xlsx)»."
            )
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_SIZE:
            raise FileProblem(
                "Книга слишком велика в распакованном виде: разделите список на несколько файлов."
            )


def sheet_rows(data: bytes) -> Iterator[tuple[int, list]]:
    """Rows of the first sheet that has any data: (Excel row number, list of (value, data_type))."""
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds of errors on a broken book
        raise FileProblem(
            "Книгу Excel не удалось прочитать: файл повреждён или сохранён не в формате .xlsx. "
            "Откройте его в Excel и сохраните заново."
        ) from error
    try:
        for sheet in workbook.worksheets:
            if not hasattr(sheet, "iter_rows"):
                continue  # a chart sheet
            sheet.reset_dimensions()
            found = False
            for number, cells in enumerate(sheet.iter_rows(), start=1):
                row = [(cell.value, getattr(cell, "data_type", None)) for cell in cells]
                if not any(value is not None and str(value).strip() for value, _ in row):
                    continue
                found = True
                yield number, row
            if found:
                return
    finally:
        workbook.close()
