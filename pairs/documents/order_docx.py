"""The director's order as a .docx the school's office can edit: the same content as the PDF.

A4, margins of a Russian office paper (left 30 mm, right 15 mm, top and bottom 20 mm), Times New Roman
14 pt for the text, 11 pt in the appendix table whose header row repeats on every page.
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from pairs.documents.order import Row, order_context
from pairs.models import Order

FONT = "Times New Roman"
# The elements a run's properties may hold after <w:spacing>, in the schema's order.
RPR_AFTER_SPACING = (
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
)
FIX_HEADER = ("№ п/п", "Наставник", "Наставляемый", "Форма наставничества", "Вариант ролевой модели", "Срок")
END_HEADER = ("№ п/п", "Наставник", "Наставляемый", "Форма наставничества", "Дата прекращения", "Причина")
FIX_WIDTHS_MM = (10, 40, 47, 27, 22, 19)
END_WIDTHS_MM = (10, 40, 47, 27, 21, 20)


def _font(run, size: float | None = None, *, bold: bool | None = None, italic: bool | None = None) -> None:
    run.font.name = FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic


def _paragraph(
    document,
    text: str = "",
    *,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: bool = False,
    bold: bool = False,
    size: float | None = None,
    space_after: float = 0,
    space_before: float = 0,
    spacing: float | None = None,
):
    paragraph = document.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Mm(12.5) if indent else Mm(0)
    fmt.space_after = Pt(space_after)
    fmt.space_before = Pt(space_before)
    if text:
        run = paragraph.add_run(text)
        _font(run, size, bold=bold)
        if spacing is not None:
            spacing_el = OxmlElement("w:spacing")
            spacing_el.set(qn("w:val"), str(int(spacing * 20)))  # in twentieths of a point
            run._element.get_or_add_rPr().insert_element_before(spacing_el, *RPR_AFTER_SPACING)
    return paragraph


def _setup(document) -> None:
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = 1.0
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))  # the schema wants cantSplit before tblHeader
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _cell_text(cell, lines: list[tuple[str, bool]], *, size: float = 11, align=None) -> None:
    """Write lines into a table cell: (text, italic) pairs, one paragraph each."""
    first = True
    for text, italic in lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        if align is not None:
            paragraph.alignment = align
        run = paragraph.add_run(text)
        _font(run, size, italic=italic)


def _table(document, header: tuple[str, ...], widths: tuple[int, ...], rows: list[Row], *, ended: bool):
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    cells = table.rows[0].cells
    for cell, text in zip(cells, header, strict=True):
        _cell_text(cell, [(text, False)], size=11, align=WD_ALIGN_PARAGRAPH.CENTER)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    _repeat_header(table.rows[0])
    for table_row, row in zip(table.rows[1:], rows, strict=True):
        cells = table_row.cells
        mentees = ([(f"{row.group_name}:", True)] if row.group_name else []) + [
            (m, False) for m in row.mentees
        ]
        mentor = [(row.mentor, False)] + ([(row.mentor_detail, True)] if row.mentor_detail else [])
        last = (row.end_date, row.reason) if ended else (row.variant, row.period)
        _cell_text(cells[0], [(str(row.number), False)], align=WD_ALIGN_PARAGRAPH.CENTER)
        _cell_text(cells[1], mentor)
        _cell_text(cells[2], mentees or [("—", False)])
        _cell_text(cells[3], [(row.form, False)])
        _cell_text(cells[4], [(last[0], False)])
        _cell_text(cells[5], [(last[1], False)])
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)  # the grid LibreOffice reads; Word reads the cells' widths
        for cell in column.cells:
            cell.width = Mm(width)
    return table


def render_order_docx(order: Order) -> bytes:
    context = order_context(order)
    document = Document()
    _setup(document)
    if context["is_draft"]:
        _paragraph(document, "ПРОЕКТ", align=WD_ALIGN_PARAGRAPH.RIGHT, size=10, space_after=4)
    _paragraph(
        document, context["organisation_name"], align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, space_after=14
    )
    _paragraph(
        document, "ПРИКАЗ", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=16, space_after=12, spacing=6
    )
    requisites = document.add_table(rows=1, cols=2)
    requisites.autofit = False
    left, right = requisites.rows[0].cells
    _cell_text(left, [(context["date"], False)], size=14)
    _cell_text(right, [(f"№ {context['number']}", False)], size=14, align=WD_ALIGN_PARAGRAPH.RIGHT)
    left.width, right.width = Mm(82), Mm(83)
    _paragraph(
        document, context["title"], align=WD_ALIGN_PARAGRAPH.LEFT, bold=True, space_before=14, space_after=12
    )
    for line in context["preamble"].splitlines():
        if line.strip():
            _paragraph(document, line.strip(), indent=True, space_after=4)
    _paragraph(
        document, "ПРИКАЗЫВАЮ:", align=WD_ALIGN_PARAGRAPH.LEFT, bold=True, space_before=6, space_after=6
    )
    for point in context["points"]:
        _paragraph(document, f"{point.number} {point.text}", indent=True, space_after=4)
        for sub in point.sub:
            _paragraph(document, f"{sub.number} {sub.text}", indent=True, space_after=3)

    signature = document.add_table(rows=1, cols=3)
    signature.autofit = False
    cells = signature.rows[0].cells
    _cell_text(cells[0], [(context["head_position"], False)], size=14)
    _cell_text(cells[1], [("_______________", False)], size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    _cell_text(cells[2], [(context["head_name"], False)], size=14, align=WD_ALIGN_PARAGRAPH.RIGHT)
    for cell, width in zip(cells, (70, 40, 55), strict=True):
        cell.width = Mm(width)
    signature.rows[0].height = Pt(40)
    signature.rows[0].height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    for cell in cells:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM

    _paragraph(
        document, "С приказом ознакомлены:", align=WD_ALIGN_PARAGRAPH.LEFT, space_before=20, space_after=6
    )
    for name in context["acquainted"]:
        _paragraph(
            document,
            f"_____________ / {name} / «___» ____________ 20___ г.",
            align=WD_ALIGN_PARAGRAPH.LEFT,
            space_after=6,
        )

    # The appendix on a new page.
    document.add_section(WD_SECTION.NEW_PAGE)
    label = _paragraph(document, context["appendix_label"], align=WD_ALIGN_PARAGRAPH.LEFT, space_after=12)
    label.paragraph_format.left_indent = Mm(95)
    _paragraph(
        document,
        "Состав наставнических пар и групп",
        align=WD_ALIGN_PARAGRAPH.CENTER,
        bold=True,
        space_after=4,
    )
    if context["fix_rows"]:
        if context["fix_heading"]:
            _paragraph(
                document,
                f"1. {context['fix_heading']}",
                align=WD_ALIGN_PARAGRAPH.CENTER,
                bold=True,
                space_after=2,
            )
        _paragraph(
            document,
            f"Всего: {context['fix_counts']}",
            align=WD_ALIGN_PARAGRAPH.CENTER,
            size=11,
            space_after=6,
        )
        _table(document, FIX_HEADER, FIX_WIDTHS_MM, context["fix_rows"], ended=False)
    if context["end_rows"]:
        number = "2. " if context["fix_rows"] else ""
        _paragraph(
            document,
            f"{number}{context['end_heading']}",
            align=WD_ALIGN_PARAGRAPH.CENTER,
            bold=True,
            space_before=12,
            space_after=2,
        )
        _paragraph(
            document,
            f"Всего: {context['end_counts']}",
            align=WD_ALIGN_PARAGRAPH.CENTER,
            size=11,
            space_after=6,
        )
        _table(document, END_HEADER, END_WIDTHS_MM, context["end_rows"], ended=True)
    if not context["fix_rows"] and not context["end_rows"]:
        _paragraph(document, "Пары и группы в приказ пока не включены.", align=WD_ALIGN_PARAGRAPH.CENTER)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


__all__ = ["render_order_docx"]
