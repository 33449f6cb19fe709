"""Export of the mentee base and the mentor base as .xlsx in the methodology's column layouts.

The layouts are django-import-export resources (Russian column names, one ``dehydrate_*`` per
column); the resource turns the prefetched records into a dataset of plain Python values. The book
itself is written with openpyxl rather than tablib's xlsx writer, which cannot give real date cells
with a ДД.ММ.ГГГГ format, column widths, or formula-safe text cells.

Formula safety: every text cell is stored as an explicit string (never a formula), and a text that
begins with «=», «+», «-», «@» (or a tab / line break) also gets Excel's quote prefix, so that neither
opening nor editing the cell can run it.
"""

from __future__ import annotations

import io
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone
from import_export import resources
from import_export.fields import Field
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from mentoring.models import Organisation, Programme
from mentoring.plural import plural_ru
from participants import hooks
from participants.models import Mentee, MenteeRequest, Mentor, Person
from participants.services.access_log import Action, log_access

DATE_FORMAT = "DD.MM.YYYY"
DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
MAX_CELL = 32_000


def _period(start: date | None, end: date | None) -> str:
    if not start and not end:
        return ""
    left = f"{start:%d.%m.%Y}" if start else "…"
    right = f"{end:%d.%m.%Y}" if end else "по настоящее время"
    return f"{left} – {right}"


def _contacts(person: Person, *, representative: bool) -> str:
    own = ", ".join(v for v in (person.phone, person.email) if v)
    parts = [own] if own else []
    if representative and person.representative_name:
        who = person.representative_name
        if person.representative_relation:
            who += f" ({person.representative_relation})"
        reach = ", ".join(v for v in (person.representative_phone, person.representative_email) if v)
        parts.append(f"представитель: {who}" + (f", {reach}" if reach else ""))
    return "; ".join(parts)


class MenteeBaseResource(resources.Resource):
    """База наставляемых: one row per mentee of a programme."""

    full_name = Field(column_name="ФИО наставляемого")
    class_label = Field(column_name="Класс")
    contacts = Field(column_name="Контакты")
    request = Field(column_name="Запрос")
    categories = Field(column_name="Категории")
    entry_date = Field(column_name="Дата вхождения в программу")
    mentor_name = Field(column_name="ФИО наставника")
    mentor_workplace = Field(column_name="Место работы/учёбы наставника")
    form = Field(column_name="Форма наставничества")
    period = Field(column_name="Период наставничества")
    results = Field(column_name="Результаты")
    case_links = Field(column_name="Ссылки на кейсы")
    completion_date = Field(column_name="Дата завершения")

    WIDTHS = (34, 8, 36, 48, 40, 14, 34, 32, 22, 26, 40, 32, 14)

    class Meta:
        export_order = (
            "full_name",
            "class_label",
            "contacts",
            "request",
            "categories",
            "entry_date",
            "mentor_name",
            "mentor_workplace",
            "form",
            "period",
            "results",
            "case_links",
            "completion_date",
        )

    def __init__(self, *, pairings: dict[int, hooks.PairingFacts], **kwargs):
        super().__init__(**kwargs)
        self.pairings = pairings

    def _pair(self, mentee: Mentee) -> hooks.PairingFacts:
        return self.pairings.get(mentee.pk) or hooks.PairingFacts()

    def dehydrate_full_name(self, mentee: Mentee) -> str:
        return mentee.person.full_name

    def dehydrate_class_label(self, mentee: Mentee) -> str:
        return mentee.person.class_label

    def dehydrate_contacts(self, mentee: Mentee) -> str:
        return _contacts(mentee.person, representative=True)

    def dehydrate_request(self, mentee: Mentee) -> str:
        return "\n".join(r.text for r in mentee.requests.all())

    def dehydrate_categories(self, mentee: Mentee) -> str:
        return "; ".join(c.name for c in mentee.categories.all())

    def dehydrate_entry_date(self, mentee: Mentee) -> date:
        return mentee.entry_date

    def dehydrate_mentor_name(self, mentee: Mentee) -> str:
        return self._pair(mentee).mentor_name

    def dehydrate_mentor_workplace(self, mentee: Mentee) -> str:
        return self._pair(mentee).mentor_workplace

    def dehydrate_form(self, mentee: Mentee) -> str:
        return self._pair(mentee).form

    def dehydrate_period(self, mentee: Mentee) -> str:
        pair = self._pair(mentee)
        return _period(pair.start_date, pair.end_date)

    def dehydrate_results(self, mentee: Mentee) -> str:
        return mentee.results

    def dehydrate_case_links(self, mentee: Mentee) -> str:
        return mentee.case_links

    def dehydrate_completion_date(self, mentee: Mentee) -> date | None:
        return mentee.completion_date


class MentorBaseResource(resources.Resource):
    """База наставников: one row per mentor of the organisation."""

    full_name = Field(column_name="ФИО наставника")
    contour = Field(column_name="Контур")
    workplace = Field(column_name="Место работы/учёбы")
    position = Field(column_name="Должность")
    contacts = Field(column_name="Контакты")
    competences = Field(column_name="Компетенции и темы")
    stage = Field(column_name="Этап отбора")
    capacity = Field(column_name="Сколько наставляемых может взять")
    agrees_future = Field(column_name="Согласие на следующие программы")
    mentees = Field(column_name="Наставляемые")
    form = Field(column_name="Форма наставничества")
    period = Field(column_name="Период наставничества")
    results = Field(column_name="Результаты и достижения")

    WIDTHS = (34, 20, 32, 26, 34, 48, 22, 14, 16, 40, 22, 26, 40)

    class Meta:
        export_order = (
            "full_name",
            "contour",
            "workplace",
            "position",
            "contacts",
            "competences",
            "stage",
            "capacity",
            "agrees_future",
            "mentees",
            "form",
            "period",
            "results",
        )

    def __init__(self, *, pairings: dict[int, hooks.MentoringFacts], **kwargs):
        super().__init__(**kwargs)
        self.pairings = pairings

    def _work(self, mentor: Mentor) -> hooks.MentoringFacts:
        return self.pairings.get(mentor.pk) or hooks.MentoringFacts()

    def dehydrate_full_name(self, mentor: Mentor) -> str:
        return mentor.person.full_name

    def dehydrate_contour(self, mentor: Mentor) -> str:
        return mentor.get_contour_display()

    def dehydrate_workplace(self, mentor: Mentor) -> str:
        person = mentor.person
        if person.employer:
            return person.employer
        if mentor.contour != Mentor.Contour.INTERNAL:
            return ""
        school = mentor.organisation.short_name
        return f"{school}, {person.class_label} класс" if person.class_label else school

    def dehydrate_position(self, mentor: Mentor) -> str:
        return mentor.person.position

    def dehydrate_contacts(self, mentor: Mentor) -> str:
        return _contacts(mentor.person, representative=False)

    def dehydrate_competences(self, mentor: Mentor) -> str:
        topics = "; ".join(t.name for t in mentor.topics.all())
        return "\n".join(part for part in (mentor.competences, f"Темы: {topics}" if topics else "") if part)

    def dehydrate_stage(self, mentor: Mentor) -> str:
        return mentor.get_stage_display()

    def dehydrate_capacity(self, mentor: Mentor) -> int:
        return mentor.capacity

    def dehydrate_agrees_future(self, mentor: Mentor) -> str:
        return "да" if mentor.agrees_future_programmes else "нет"

    def dehydrate_mentees(self, mentor: Mentor) -> str:
        return self._work(mentor).mentee_names

    def dehydrate_form(self, mentor: Mentor) -> str:
        return self._work(mentor).form

    def dehydrate_period(self, mentor: Mentor) -> str:
        work = self._work(mentor)
        return _period(work.start_date, work.end_date)

    def dehydrate_results(self, mentor: Mentor) -> str:
        return "\n".join(part for part in (mentor.achievements, self._work(mentor).completed) if part)


# --- the book ---------------------------------------------------------------------------------------


def safe_text(value: str) -> str:
    text = ILLEGAL_CHARACTERS_RE.sub("", value)
    return text[:MAX_CELL]


def write_book(*, title: str, headers: list[str], rows, widths) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=column, value=header)
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(column)].width = widths[column - 1]
    for row_number, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            if value is None or value == "":
                continue
            cell = sheet.cell(row=row_number, column=column)
            if isinstance(value, date):
                cell.value = value
                cell.number_format = DATE_FORMAT
            elif isinstance(value, int | float) and not isinstance(value, bool):
                cell.value = value
            else:
                text = safe_text(str(value))
                cell.value = text
                cell.data_type = "s"  # openpyxl would take «=…» for a formula
                if text.startswith(DANGEROUS_STARTS):
                    cell.quotePrefix = True
                if "\n" in text:
                    cell.alignment = wrap
    sheet.freeze_panes = "A2"
    if sheet.max_row > 1:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{sheet.max_row}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _rows(resource: resources.Resource, records) -> tuple[list[str], list[tuple]]:
    dataset = resource.export(records)
    return list(dataset.headers), list(dataset)


def export_mentee_base(*, programme: Programme, user=None) -> bytes:
    """The programme's mentee base; a bounded number of queries whatever its size."""
    mentees = list(
        Mentee.objects.filter(programme=programme)
        .select_related("person")
        .prefetch_related("categories", Prefetch("requests", queryset=MenteeRequest.objects.order_by("pk")))
    )
    resource = MenteeBaseResource(pairings=hooks.mentee_pairings([m.pk for m in mentees]))
    headers, rows = _rows(resource, mentees)
    content = write_book(title="База наставляемых", headers=headers, rows=rows, widths=resource.WIDTHS)
    log_access(
        user=user,
        organisation=programme.organisation,
        action=Action.EXPORT,
        detail=f"Выгрузка базы наставляемых программы «{programme.name}»: "
        f"{len(mentees)} {plural_ru(len(mentees), 'запись,записи,записей')}",
    )
    return content


def export_mentor_base(*, organisation: Organisation, user=None) -> bytes:
    """The organisation's mentor base; a bounded number of queries whatever its size."""
    mentors = list(
        Mentor.objects.filter(organisation=organisation)
        .select_related("person", "organisation")
        .prefetch_related("topics")
    )
    resource = MentorBaseResource(pairings=hooks.mentor_pairings([m.pk for m in mentors]))
    headers, rows = _rows(resource, mentors)
    content = write_book(title="База наставников", headers=headers, rows=rows, widths=resource.WIDTHS)
    log_access(
        user=user,
        organisation=organisation,
        action=Action.EXPORT,
        detail=f"Выгрузка базы наставников: {len(mentors)} {plural_ru(len(mentors), 'запись,записи,записей')}",
    )
    return content


def export_file_name(base: str, day: date | None = None) -> str:
    """«База наставляемых 2026-11-05.xlsx»."""
    return f"{base} {(day or timezone.localdate()):%Y-%m-%d}.xlsx"
