"""Opening the uploaded file: its size and format, then its rows, read once within the bounds of ``limits``.

``read_sheet`` gives a ``Sheet``: the rows with data of the book's first sheet that has any. A sheet
packs into a few compressed bytes (``pack``/``unpack``) that keep every value with its type — a date
comes back a date, a formula a formula — so an upload is kept as its rows, never as the file.
"""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import BinaryIO

from participants.importing import limits as L
from participants.importing.book import ExcelError, FileProblem, Formula, Row, read_rows

MAX_FILE_SIZE = L.MAX_FILE_SIZE
MAX_FILE_SIZE_LABEL = L.MAX_FILE_SIZE_LABEL
# A path (the command), the content, or an open file (an upload).
Source = str | Path | bytes | BinaryIO

__all__ = [
    "MAX_FILE_SIZE_LABEL",
    "ExcelError",
    "FileProblem",
    "Formula",
    "Sheet",
    "Source",
    "read_bytes",
    "read_sheet",
]


@dataclass(frozen=True)
class Sheet:
    """The rows with data of a book's sheet: (Excel row number, values from column A)."""

    rows: list[Row]

    def pack(self) -> bytes:
        rows = [[number, [_encode(value) for value in values]] for number, values in self.rows]
        text = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
        return zlib.compress(text.encode(), 6)

    @classmethod
    def unpack(cls, data: bytes) -> Sheet:
        rows = json.loads(zlib.decompress(bytes(data)))
        return cls([(number, [_decode(value) for value in values]) for number, values in rows])


def _encode(value):
    kind = type(value)
    if value is None or kind in (str, int, float, bool):
        return value
    if kind is Formula:
        return {"f": str(value)}
    if kind is ExcelError:
        return {"e": str(value)}
    if kind is datetime:
        return {"dt": value.isoformat()}
    if kind is date:
        return {"d": value.isoformat()}
    if kind is time:
        return {"t": value.isoformat()}
    if kind is timedelta:
        return {"td": [value.days, value.seconds, value.microseconds]}
    return str(value)


_DECODE = {
    "f": Formula,
    "e": ExcelError,
    "dt": datetime.fromisoformat,
    "d": date.fromisoformat,
    "t": time.fromisoformat,
    "td": lambda parts: timedelta(*parts),
}


def _decode(value):
    if isinstance(value, dict):
        ((key, packed),) = value.items()
        return _DECODE[key](packed)
    return value


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


def read_sheet(file: Source) -> Sheet:
    """The rows of the book's first sheet with data, read once; raises ``FileProblem``."""
    data = read_bytes(file)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise FileProblem(
            "Книгу Excel не удалось прочитать: файл повреждён. Откройте его в Excel и сохраните заново."
        ) from error
    with archive:
        return Sheet(read_rows(archive))
