"""What an import would do or did: counts, the columns read, and every wrong cell with its row and column."""

from __future__ import annotations

import json
import zlib
from dataclasses import asdict, dataclass, field

from mentoring.plural import plural_ru
from participants.models import ImportUpload

KIND_LABELS = dict(ImportUpload.Kind.choices)


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

    @property
    def summary(self) -> str:
        """«3 новые записи и 1 обновлённая запись», for the page's message and the command's output."""
        created, updated = self.to_create, self.to_update
        return (
            f"{created} {plural_ru(created, 'новая запись,новые записи,новых записей')} и "
            f"{updated} {plural_ru(updated, 'обновлённая запись,обновлённые записи,обновлённых записей')}"
        )

    def refuse(self, message: str) -> ImportPreview:
        """Record a problem of the file as a whole."""
        self.errors.append(RowError(0, "", message))
        return self

    def pack(self) -> bytes:
        """The preview as compressed JSON, to keep with an upload (a file may have thousands of errors)."""
        return zlib.compress(json.dumps(asdict(self), ensure_ascii=False).encode(), 6)

    @classmethod
    def unpack(cls, data: bytes) -> ImportPreview:
        fields = json.loads(zlib.decompress(bytes(data)))
        fields["errors"] = [RowError(**error) for error in fields["errors"]]
        fields["columns"] = [tuple(column) for column in fields["columns"]]
        return cls(**fields)


class ImportRejected(Exception):
    """The file has errors; nothing was written. ``preview`` says which."""

    def __init__(self, preview: ImportPreview):
        self.preview = preview
        first = preview.errors[0] if preview.errors else ""
        super().__init__(f"Файл не загружен: ошибок — {len(preview.errors)}. {first}")
