"""Reading an .xlsx book as a stream, within the bounds of ``participants.importing.limits``.

Nothing is built from a book before its zip parts have been measured by what they declare: how many,
how big each one unpacked, how many times it is packed (a sheet packs 5–20 times; the 32 KB book whose
one row holds 7.8 million empty cells, 1,024 times). Then each XML part the import needs (the package's
and the workbook's relations, the workbook, the styles, the shared strings and the sheets up to the first
one with data) is fed to expat in chunks, and the reading stops at the first bound a part exceeds: a
row of empty cells at its 201st cell, a table of strings at its 500,001st string, whatever their
packing. Parts the import does not need (the theme, pictures, comments) are never unpacked. A DTD,
which no Excel book has, is refused before its first declaration.

The values come out as openpyxl's read-only mode gives them, by the same rules: numbers as ``int`` or
``float``, dates and times by the cell's number format (``openpyxl.styles.numbers`` tells which formats
are dates, ``openpyxl.utils.datetime`` converts the serials), booleans, texts; a formula becomes a
``Formula`` («=…») and an Excel error an ``ExcelError`` («#Н/Д»), both ``str``.
"""

from __future__ import annotations

import lzma
import posixpath
import zipfile
import zlib
from xml.parsers import expat

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel, from_ISO8601

from mentoring.plural import plural_ru
from participants.importing import limits as L
from participants.importing.limits import number_label as _n

CHUNK = 64 * 1024
BROKEN = (
    "Книгу Excel не удалось прочитать: файл повреждён или сохранён не в формате .xlsx. "
    "Откройте его в Excel и сохраните заново."
)
SPLIT = "Удалите лишнее или разделите список на несколько файлов."
NOT_EXCEL = (
    "Это не книга Excel (.xlsx), а {what} с расширением .xlsx. "
    "Загрузите таблицу, сохранённую в Excel как «Книга Excel (*.xlsx)»."
)
_RELATIONS = "_rels/.rels"
_DEFAULT_WORKBOOK = "xl/workbook.xml"


class FileProblem(Exception):
    """The file as a whole cannot be read; the message is for the curator."""


class Formula(str):
    """A cell holding a formula: its text, «=…»."""


class ExcelError(str):
    """A cell holding an Excel error such as «#N/A»."""


# (Excel row number, the row's values from column A: None for an empty cell)
Row = tuple[int, list]


def read_rows(archive: zipfile.ZipFile) -> list[Row]:
    """The rows with any data of the first sheet that has some; raises ``FileProblem``."""
    return _Book(archive).rows()


class _Book:
    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        infos = archive.infolist()
        if len(infos) > L.MAX_PARTS:
            raise FileProblem(
                f"В книге больше {_n(L.MAX_PARTS)} частей (листов, рисунков, вложений): такие книги не "
                f"загружаются. Сохраните список в новой книге без лишних листов и вложений."
            )
        total = 0
        for info in infos:
            _check_part(info)
            total += info.file_size
        if total > L.MAX_UNPACKED_SIZE:
            raise FileProblem(
                f"Книга слишком велика в распакованном виде: больше {L.megabytes(L.MAX_UNPACKED_SIZE)}. {SPLIT}"
            )
        self.parts = {info.filename: info for info in infos}
        self.elements = 0
        self.text_length = 0
        self.cells = 0

    # --- counting what every part costs ---------------------------------------------------------

    def count_element(self) -> None:
        self.elements += 1
        if self.elements > L.MAX_ELEMENTS:
            self.refuse_elements()

    def refuse_elements(self) -> None:
        raise FileProblem(
            f"В книге больше {_n(L.MAX_ELEMENTS)} элементов разметки: так много не бывает даже в "
            f"очень длинном списке. {SPLIT}"
        )

    def count_text(self, length: int, in_cell: int) -> None:
        """Count ``length`` more characters kept, ``in_cell`` of them so far in the current cell."""
        self.text_length += length
        if in_cell > L.MAX_CELL_TEXT_LENGTH or self.text_length > L.MAX_TEXT_LENGTH:
            self.refuse_text(in_cell)

    def refuse_text(self, in_cell: int) -> None:
        if in_cell > L.MAX_CELL_TEXT_LENGTH:
            raise FileProblem(
                f"В одной из ячеек книги больше {_n(L.MAX_CELL_TEXT_LENGTH)} знаков — больше, чем "
                "допускает сам Excel. Сократите текст этой ячейки и сохраните книгу заново."
            )
        raise FileProblem(f"В книге больше {_n(L.MAX_TEXT_LENGTH)} знаков текста. {SPLIT}")

    # --- the parts ------------------------------------------------------------------------------

    def rows(self) -> list[Row]:
        workbook_path = self.workbook_path()
        relations = self.relations(workbook_path)
        root, sheets, epoch = self.parse(workbook_path, _WorkbookReader())
        if root != "workbook":
            raise FileProblem(self.not_excel())
        styles = relations.get("styles") or ["xl/styles.xml"]
        date_styles, timedelta_styles = self.parse(styles[0], _StylesReader(), missing=(set(), set()))
        strings = relations.get("sharedStrings") or ["xl/sharedStrings.xml"]
        shared = self.parse(strings[0], _StringsReader(), missing=[])
        targets = dict(relations.get("worksheet_ids", []))
        for _name, relation_id in sheets:
            path = targets.get(relation_id)
            if path is None:
                continue  # a chart sheet, or a sheet the relations do not name
            if path not in self.parts:
                raise FileProblem(BROKEN)
            reader = _SheetReader(shared, date_styles, timedelta_styles, epoch)
            found = self.parse(path, reader)
            if found:
                return found
        return []

    def workbook_path(self) -> str:
        found = self.parse(_RELATIONS, _RelationsReader(), missing=[]) if _RELATIONS in self.parts else []
        for kind, target, _ in found:
            if kind == "officeDocument":
                path = _resolve("", target)
                if path in self.parts:
                    return path
        if _DEFAULT_WORKBOOK in self.parts:
            return _DEFAULT_WORKBOOK
        raise FileProblem(self.not_excel())

    def not_excel(self) -> str:
        what = "документ Word" if "word/document.xml" in self.parts else "другой документ"
        return NOT_EXCEL.format(what=what)

    def relations(self, source: str) -> dict[str, list]:
        folder, name = posixpath.split(source)
        path = posixpath.join(folder, "_rels", f"{name}.rels")
        found = self.parse(path, _RelationsReader(), missing=[]) if path in self.parts else []
        by_kind: dict[str, list] = {}
        for kind, target, relation_id in found:
            target = _resolve(folder, target)
            by_kind.setdefault(kind, []).append(target)
            if kind == "worksheet":
                by_kind.setdefault("worksheet_ids", []).append((relation_id, target))
        return by_kind

    def parse(self, path: str, reader, missing=None):
        """Feed the part to ``reader`` in chunks and return ``reader.result()``."""
        info = self.parts.get(path)
        if info is None:
            if missing is not None:
                return missing
            raise FileProblem(BROKEN)
        parser = expat.ParserCreate(namespace_separator="}")
        parser.buffer_text = True
        parser.buffer_size = CHUNK
        parser.StartDoctypeDeclHandler = _refuse_doctype
        parser.EntityDeclHandler = _refuse_doctype
        parser.StartElementHandler = reader.start
        parser.EndElementHandler = reader.end
        if hasattr(reader, "text"):
            parser.CharacterDataHandler = reader.text
        reader.book = self
        unpacked = 0
        try:
            with self.archive.open(info) as stream:
                while chunk := stream.read(CHUNK):
                    unpacked += len(chunk)
                    if unpacked > L.MAX_PART_SIZE:
                        raise FileProblem(_part_too_big())
                    parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except FileProblem:
            raise
        except (expat.ExpatError, zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError) as error:
            raise FileProblem(BROKEN) from error
        # A compression zipfile does not know, a password, a text that is no text.
        except (NotImplementedError, RuntimeError, ValueError) as error:
            raise FileProblem(BROKEN) from error
        return reader.result()


def _check_part(info: zipfile.ZipInfo) -> None:
    if info.file_size > L.MAX_PART_SIZE:
        raise FileProblem(_part_too_big())
    packed = max(info.compress_size, 1)
    if info.file_size > L.RATIO_CHECKED_FROM and info.file_size > packed * L.MAX_COMPRESSION_RATIO:
        ratio = info.file_size // packed
        raise FileProblem(
            f"Часть книги сжата больше чем в {_n(L.MAX_COMPRESSION_RATIO)} "
            f"{plural_ru(L.MAX_COMPRESSION_RATIO, 'раз,раза,раз')} (в {_n(ratio)} "
            f"{plural_ru(ratio, 'раз,раза,раз')}): так сжимаются не списки, а пустые или повторяющиеся "
            "данные. Такие книги не загружаются. Скопируйте список на новый лист, сохраните книгу заново "
            "и загрузите её."
        )


def _part_too_big() -> str:
    return (
        f"Книга слишком велика в распакованном виде: один её лист или другая часть больше "
        f"{L.megabytes(L.MAX_PART_SIZE)}. {SPLIT}"
    )


def _refuse_doctype(*args) -> None:
    raise FileProblem(
        "В книге есть объявление DTD (<!DOCTYPE>), которого не бывает в книгах Excel: такой файл не "
        "загружается. Откройте его в Excel и сохраните заново."
    )


def _resolve(folder: str, target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target[1:])
    return posixpath.normpath(posixpath.join(folder, target))


_COLUMNS: dict[str, int] = {}
_NAMES: dict[str, str] = {}


def _local(name: str) -> str:
    """«{namespace}row» → «row»; remembered, as a sheet repeats a handful of names."""
    local = _NAMES.get(name)
    if local is None:
        local = name[name.rfind("}") + 1 :]
        if len(_NAMES) < 1000:
            _NAMES[name] = local
    return local


def _column(reference: str) -> int:
    """«AB12» → 28: the letters only (the row number is the row element's)."""
    letters = reference.rstrip("0123456789")
    column = _COLUMNS.get(letters)
    if column is not None:
        return column
    column = 0
    for char in letters:
        code = ord(char)
        if 65 <= code <= 90:
            column = column * 26 + code - 64
        elif 97 <= code <= 122:
            column = column * 26 + code - 96
        else:
            raise FileProblem(BROKEN)
        if column > 16384:  # beyond Excel's last column XFD: no such cell
            break
    if column == 0:
        raise FileProblem(BROKEN)
    if len(_COLUMNS) < 1000:
        _COLUMNS[letters] = column
    return column


def _whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        pass
    try:
        number = float(text)
    except ValueError:
        raise FileProblem(BROKEN) from None
    if not number.is_integer():
        raise FileProblem(BROKEN)
    return int(number)


# --- the readers of each kind of part -----------------------------------------------------------


class _Reader:
    """Counts every element of its part into the book's budget."""

    book: _Book

    def start(self, name: str, attrs: dict) -> None:
        self.book.count_element()

    def end(self, name: str) -> None:
        pass


class _RelationsReader(_Reader):
    def __init__(self):
        self.found: list[tuple[str, str, str]] = []

    def start(self, name, attrs):
        self.book.count_element()
        if _local(name) == "Relationship" and attrs.get("TargetMode") != "External":
            kind = attrs.get("Type", "").rsplit("/", 1)[-1]
            self.found.append((kind, attrs.get("Target", ""), attrs.get("Id", "")))

    def result(self):
        return self.found


class _WorkbookReader(_Reader):
    def __init__(self):
        self.root = ""
        self.sheets: list[tuple[str, str]] = []
        self.epoch = WINDOWS_EPOCH

    def start(self, name, attrs):
        self.book.count_element()
        local = _local(name)
        if not self.root:
            self.root = local
        elif local == "sheet":
            relation_id = next((value for key, value in attrs.items() if key.endswith("}id")), "")
            self.sheets.append((attrs.get("name", ""), relation_id))
        elif local == "workbookPr" and attrs.get("date1904", "").lower() in {"1", "true"}:
            self.epoch = MAC_EPOCH

    def result(self):
        return self.root, self.sheets, self.epoch


class _StylesReader(_Reader):
    """Which cell styles (indexes of ``cellXfs``) show a date, and which a duration."""

    def __init__(self):
        self.section = ""
        self.formats: dict[int, str] = {}
        self.cell_formats: list[int] = []

    def start(self, name, attrs):
        self.book.count_element()
        local = _local(name)
        if local in ("numFmts", "cellXfs", "cellStyleXfs", "dxfs"):
            self.section = local
        elif local == "numFmt" and self.section == "numFmts":
            try:
                self.formats[int(attrs.get("numFmtId", ""))] = attrs.get("formatCode", "")
            except ValueError:
                pass
        elif local == "xf" and self.section == "cellXfs":
            try:
                self.cell_formats.append(int(attrs.get("numFmtId", 0)))
            except ValueError:
                self.cell_formats.append(0)

    def end(self, name):
        if _local(name) == self.section:
            self.section = ""

    def result(self):
        dates, durations = set(), set()
        for index, format_id in enumerate(self.cell_formats):
            code = self.formats[format_id] if format_id in self.formats else BUILTIN_FORMATS.get(format_id)
            if is_date_format(code):
                dates.add(index)
            if is_timedelta_format(code):
                durations.add(index)
        return dates, durations


class _StringsReader(_Reader):
    """The shared strings: each ``si`` is its plain text and the text of its runs (not the phonetic)."""

    def __init__(self):
        self.strings: list[str] = []
        self.stack: list[str] | None = None
        self.parts: list[str] = []
        self.collecting = False
        self.length = 0

    def start(self, name, attrs):
        self.book.count_element()
        local = _local(name)
        stack = self.stack
        if stack is not None:
            self.collecting = local == "t" and stack[-1] in ("si", "r")
            stack.append(local)
        elif local == "si":
            if len(self.strings) >= L.MAX_SHARED_STRINGS:
                raise FileProblem(
                    f"В книге больше {_n(L.MAX_SHARED_STRINGS)} различных текстовых значений: так много "
                    f"не бывает даже в очень длинном списке. {SPLIT}"
                )
            self.stack, self.parts, self.length = ["si"], [], 0

    def text(self, data):
        if self.collecting:
            self.length += len(data)
            self.book.count_text(len(data), self.length)
            self.parts.append(data)

    def end(self, name):
        stack = self.stack
        if stack is None:
            return
        stack.pop()
        self.collecting = False
        if not stack:
            self.strings.append("".join(self.parts).replace("x005F_", ""))
            self.stack = None

    def result(self):
        return self.strings


class _SheetReader(_Reader):
    """The rows of one sheet: each non-empty row as its values by column, bounds checked as it goes."""

    def __init__(self, shared, date_styles, timedelta_styles, epoch):
        self.shared = shared
        self.date_styles = date_styles
        self.timedelta_styles = timedelta_styles
        self.epoch = epoch
        self.rows: list[Row] = []
        self.in_data = False
        self.row_elements = 0
        self.number = 0  # the current row's number
        self.last_kept = 0  # the number of the last row taken (a repeated number is skipped)
        self.values: dict[int, object] | None = None  # the current row's cells: column → value
        self.cells_in_row = 0
        self.column = 0
        self.last_column = 0
        # The current cell.
        self.stack: list[str] | None = None
        self.cell_type = "n"
        self.style = 0
        self.value_text: list[str] | None = None
        self.formula_text: list[str] | None = None
        self.inline: list[str] | None = None
        self.target: list[str] | None = None
        self.length = 0

    def start(self, name, attrs):
        book = self.book
        book.elements += 1
        if book.elements > L.MAX_ELEMENTS:
            book.refuse_elements()
        local = _NAMES.get(name) or _local(name)
        stack = self.stack
        if stack is not None:
            parent = stack[-1]
            stack.append(local)
            self.target = None
            if parent == "c":
                if local == "v" and self.value_text is None:
                    self.target = self.value_text = []
                elif local == "f" and self.formula_text is None:
                    self.target = self.formula_text = []
                elif local == "is" and self.inline is None:
                    self.inline = []
            elif local == "t" and (
                parent == "is" or (parent == "r" and len(stack) > 3 and stack[-3] == "is")
            ):
                self.target = self.inline
            return
        if local == "c":
            if self.values is not None:
                self.start_cell(attrs)
        elif local == "row":
            if self.in_data:
                self.start_row(attrs)
        elif local == "sheetData":
            self.in_data = True

    def start_row(self, attrs) -> None:
        self.row_elements += 1
        number = attrs.get("r")
        self.number = _whole_number(number) if number else self.number + 1
        if self.number > L.MAX_ROWS or self.row_elements > L.MAX_ROWS:
            raise FileProblem(
                f"В книге больше {_n(L.MAX_ROWS)} строк: такой список не загружается. Удалите лишние "
                "строки (в том числе пустые, но оформленные строки далеко внизу листа) или разделите "
                "список на несколько файлов."
            )
        self.values = {}
        self.cells_in_row = self.column = self.last_column = 0

    def start_cell(self, attrs) -> None:
        self.cells_in_row += 1
        reference = attrs.get("r")
        self.column = _column(reference) if reference else self.column + 1
        if self.column > L.MAX_COLUMNS or self.cells_in_row > L.MAX_COLUMNS:
            raise FileProblem(
                f"В строке {self.number} больше {_n(L.MAX_COLUMNS)} столбцов: такой список не "
                "загружается. Удалите лишние столбцы справа (в том числе пустые, но оформленные) и "
                "сохраните книгу заново."
            )
        self.last_column = self.column
        self.cell_type = attrs.get("t", "n")
        style = attrs.get("s")
        self.style = _whole_number(style) if style else 0
        self.stack = ["c"]
        self.value_text = self.formula_text = self.inline = self.target = None
        self.length = 0

    def text(self, data):
        target = self.target
        if target is not None:
            self.length += len(data)
            book = self.book
            book.text_length += len(data)
            if self.length > L.MAX_CELL_TEXT_LENGTH or book.text_length > L.MAX_TEXT_LENGTH:
                book.refuse_text(self.length)
            target.append(data)

    def end(self, name):
        stack = self.stack
        if stack is not None:
            stack.pop()
            self.target = None
            if not stack:
                self.stack = None
                value = self.cell_value()
                if value is not None:
                    self.values[self.column] = value
            return
        local = _NAMES.get(name) or _local(name)
        if local == "row" and self.values is not None:
            self.end_row()
        elif local == "sheetData":
            self.in_data = False

    def end_row(self) -> None:
        book = self.book
        book.cells += max(self.last_column, self.cells_in_row)
        if book.cells > L.MAX_CELLS:
            raise FileProblem(
                f"В книге больше {_n(L.MAX_CELLS)} ячеек: такой список не загружается. Удалите лишние "
                "столбцы и строки или разделите список на несколько файлов."
            )
        values, self.values = self.values, None
        if self.number <= self.last_kept:
            return  # openpyxl, too, reads a repeated row number once
        self.last_kept = self.number
        # As openpyxl: the row is as wide as its last cell says.
        kept = {column: value for column, value in values.items() if column <= self.last_column}
        if not any(str(value).strip() for value in kept.values()):
            return
        row = [None] * max(kept)
        for column, value in kept.items():
            row[column - 1] = value
        self.rows.append((self.number, row))

    def cell_value(self):
        kind = self.cell_type
        if self.formula_text is not None:
            return Formula("=" + "".join(self.formula_text))
        text = "".join(self.value_text) if self.value_text is not None and kind != "inlineStr" else ""
        if not text:
            if kind == "inlineStr" and self.inline is not None:
                return "".join(self.inline)
            return None
        try:
            if kind == "n":
                number = float(text) if ("." in text or "e" in text or "E" in text) else int(text)
                if self.style in self.date_styles:
                    try:
                        return from_excel(number, self.epoch, timedelta=self.style in self.timedelta_styles)
                    except (OverflowError, ValueError):
                        return ExcelError("#VALUE!")
                return number
            if kind == "s":
                index = int(text)
                if index < 0:
                    raise IndexError(index)
                return self.shared[index]
            if kind == "b":
                return bool(int(text))
            if kind == "e":
                return ExcelError(text)
            if kind == "d":
                return from_ISO8601(text)
        except (ValueError, IndexError):
            raise FileProblem(BROKEN) from None
        return text  # "str" (a formula's text result) and kinds Excel does not write

    def result(self):
        return self.rows
