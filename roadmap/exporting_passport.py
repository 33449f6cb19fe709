"""The programme passport as an .xlsx book: the sheet «Паспорт» (Параметр / Описание) and the sheet
«Показатели» with a column for each target year and the actual value with its numerator and
denominator.

The cells follow the other exports (``participants.exporting``): a bold frozen header, numbers as
numbers, every text cell an explicit string with the quote prefix where it could pass for a formula.
The book is written from the same context as the page and the PDF, so the three say the same."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from participants.exporting import DANGEROUS_STARTS, safe_text

PASSPORT_HEADERS = ["Параметр", "Описание"]
PASSPORT_WIDTHS = (34, 100)
KPI_HEADERS_BEFORE = ["№", "Проект", "Показатель", "Единица", "Как считается"]
KPI_HEADERS_AFTER = [
    "Факт",
    "Числитель",
    "Знаменатель",
    "Откуда взято значение",
    "Год сравнения",
    "Цель на этот год",
    "Выполнение",
]
KPI_WIDTHS_BEFORE = (5, 24, 60, 10, 24)
KPI_WIDTHS_AFTER = (10, 11, 13, 36, 10, 12, 16)
YEAR_WIDTH = 10


def kpi_headers(years: list[int]) -> list[str]:
    return [*KPI_HEADERS_BEFORE, *(f"Цель на {year} г." for year in years), *KPI_HEADERS_AFTER]


def _cell_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _write_sheet(sheet, *, headers: list[str], rows: list[list], widths) -> None:
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=column, value=header)
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(column)].width = widths[column - 1]
    for row_number, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            value = _cell_value(value)
            if value is None or value == "":
                continue
            cell = sheet.cell(row=row_number, column=column)
            if isinstance(value, int | float) and not isinstance(value, bool):
                cell.value = value
                continue
            text = safe_text(str(value))
            cell.value = text
            cell.data_type = "s"  # never a formula
            if text.startswith(DANGEROUS_STARTS):
                cell.quotePrefix = True
            cell.alignment = wrap
    sheet.freeze_panes = "A2"


def passport_rows(context: dict) -> list[list]:
    return [[section.label, section.text] for section in context["sections"]]


def kpi_rows(context: dict) -> list[list]:
    rows = []
    for line in context["lines"]:
        row, indicator = line.row, line.indicator
        fraction = row.fraction
        rows.append(
            [
                line.number,
                indicator.project,
                indicator.title,
                indicator.unit,
                line.measure_label,
                *(row.targets.get(year) for year in context["years"]),
                row.actual,
                fraction.numerator if fraction else None,
                fraction.denominator if fraction else None,
                indicator.manual_note if line.is_manual else "",
                row.target_year,
                row.target,
                line.status,
            ]
        )
    return rows


def export_passport(context: dict) -> bytes:
    """The passport of ``roadmap.selectors.passport.passport_context`` as the bytes of an .xlsx book."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Паспорт"
    rows = passport_rows(context)
    passport = context["passport"]
    if passport.approved_on:
        approver = passport.approved_by.get_full_name() if passport.approved_by else ""
        rows.append(["Утверждён", f"{passport.approved_on:%d.%m.%Y}{', ' + approver if approver else ''}"])
    _write_sheet(sheet, headers=PASSPORT_HEADERS, rows=rows, widths=PASSPORT_WIDTHS)
    years = context["years"]
    kpis = book.create_sheet("Показатели")
    _write_sheet(
        kpis,
        headers=kpi_headers(years),
        rows=kpi_rows(context),
        widths=(*KPI_WIDTHS_BEFORE, *(YEAR_WIDTH for _ in years), *KPI_WIDTHS_AFTER),
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
