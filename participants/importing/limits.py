"""How big an uploaded book may be: every bound the reading of a spreadsheet keeps, in one place.

The book is checked while it is read, before anything is built from it: the zip's parts by their
declared sizes, then each XML part read as a stream that stops at the first bound it exceeds. A school's
list of 100,000 pupils with 20 columns stays well inside every bound; the numbers are far above what a
school keeps and far below what keeps a worker busy for long (see ``tests/test_import_hardening.py``).
"""

from __future__ import annotations

MB = 1024 * 1024


def number_label(number: int) -> str:
    """200000 → «200 000», as numbers are written in Russian (a no-break space between groups)."""
    return f"{number:,}".replace(",", "\u00a0")


def megabytes(size: int) -> str:
    return f"{number_label(size // MB)} МБ"


# The uploaded file itself (the .xlsx as it is on disk).
MAX_FILE_SIZE = 10 * MB
MAX_FILE_SIZE_LABEL = megabytes(MAX_FILE_SIZE)

# Parts of the zip: a book has about ten (sheets, styles, strings, theme, pictures…).
MAX_PARTS = 1000
# One part unpacked. A sheet of 100,000 rows × 20 columns written with inline strings is ≈190 MB.
MAX_PART_SIZE = 256 * MB
# All parts unpacked together.
MAX_UNPACKED_SIZE = 300 * MB
# A part that unpacks to more than this many times its packed size holds padding, not a list: Excel's
# sheets pack 5–20 times. Checked for parts over RATIO_CHECKED_FROM unpacked.
MAX_COMPRESSION_RATIO = 100
RATIO_CHECKED_FROM = 1 * MB

# What a sheet holds. Rows count both the <row> elements and the row numbers they claim (a lone row
# numbered 1,000,000 makes a million rows); columns both the cells of a row and the column of the last.
MAX_ROWS = 200_000
MAX_COLUMNS = 200
# Cells of all rows read, each row counted to its last column: 100,000 rows × 30 columns.
MAX_CELLS = 3_000_000
# Distinct texts of the book (the shared strings table).
MAX_SHARED_STRINGS = 500_000
# Characters of all texts kept (shared strings, text cells, formulas) — and of one cell, as Excel allows.
MAX_TEXT_LENGTH = 30_000_000
MAX_CELL_TEXT_LENGTH = 32_767
# XML elements of all parts read: ≈3 a cell, so this follows MAX_CELLS, with room for styles and the rest.
MAX_ELEMENTS = 12_000_000
