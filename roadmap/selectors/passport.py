"""Reads of the programme passport: the passport itself, a line of its KPI table, and what the page,
the PDF and the .xlsx show — one context, so the three say the same.

The live values come from ``roadmap.selectors.kpis.kpi_table`` (one aggregate query whatever the
number of people); here they are only formatted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.http import Http404

from mentoring.models import Programme
from roadmap.models import Indicator, IndicatorTarget, Passport
from roadmap.selectors.kpis import KpiRow, kpi_table, kpi_years
from roadmap.services.setup import target_years

NBSP = "\u00a0"


def access_passport(access, programme: Programme) -> Passport:
    """The passport of a programme of the user's organisation; another organisation's programme is a
    404. A programme that has none yet (made before the roadmap came) gets an unsaved blank one —
    reading never creates anything; the first save does."""
    if access.organisation is None or programme.organisation_id != access.organisation.pk:
        raise Http404("Программа не найдена.")
    passport = Passport.objects.select_related("approved_by").filter(programme=programme).first()
    return passport or Passport(programme=programme)


def access_indicator(access, indicator_id: int) -> Indicator:
    """A line of the KPI table of the user's organisation; any other is a 404."""
    return access.get(
        Indicator.objects.select_related("programme__organisation").prefetch_related("targets"),
        pk=indicator_id,
    )


def form_years(programme: Programme) -> list[int]:
    """The years a target can be typed in for: the standard three and any the table already has."""
    used = set(IndicatorTarget.objects.filter(indicator__programme=programme).values_list("year", flat=True))
    return sorted(set(target_years(programme)) | used)


# --- formatting ------------------------------------------------------------------------------------


def number(value: Decimal | None) -> str:
    """35.0 → «35», 33.3 → «33,3»; no value → «—»."""
    if value is None:
        return "—"
    text = f"{Decimal(value).normalize():f}"
    return text.replace(".", ",")


def with_unit(value: Decimal | None, unit: str) -> str:
    if value is None:
        return "—"
    return f"{number(value)}{NBSP}{unit}" if unit else number(value)


def year_label(year: int) -> str:
    return f"{year}{NBSP}г."


@dataclass
class KpiLine:
    """A line of the KPI table as it is shown and printed."""

    number: int
    row: KpiRow
    targets: list[str]  # one per year of the table, "" where no target is set

    @property
    def indicator(self) -> Indicator:
        return self.row.indicator

    @property
    def is_manual(self) -> bool:
        return not self.indicator.is_computed

    @property
    def actual(self) -> str:
        return with_unit(self.row.actual, self.indicator.unit)

    @property
    def fraction(self) -> str:
        """«7 из 385» under a computed value."""
        fraction = self.row.fraction
        if fraction is None:
            return ""
        return f"{fraction.numerator} из {fraction.denominator}"

    @property
    def target(self) -> str:
        return with_unit(self.row.target, self.indicator.unit) if self.row.target is not None else ""

    @property
    def status(self) -> str:
        if self.row.is_met is None:
            if self.row.target is None:
                return "цель не задана"
            return "нет данных"
        return "достигнуто" if self.row.is_met else "не достигнуто"

    @property
    def measure_label(self) -> str:
        return self.indicator.get_measure_display() if self.indicator.is_computed else "вручную"


@dataclass
class Section:
    """A row «Параметр / Описание» of the passport."""

    label: str
    text: str
    # Where the text is kept: the programme's card or the passport.
    source: str = "passport"


def sections(programme: Programme, passport: Passport) -> list[Section]:
    organisation = programme.organisation
    forms = "\n".join(f"«{form.name}»" for form in programme.forms.all())
    return [
        Section("Наименование программы", programme.name, "programme"),
        Section("Образовательная организация", organisation.name, "programme"),
        Section("Куратор(ы) программы", passport.curators),
        Section("Нормативная основа", passport.legal_basis),
        Section("Целевая аудитория", passport.target_audience),
        Section("Сроки реализации", programme.period_label, "programme"),
        Section("Формы наставничества", forms, "programme"),
        Section("Цель программы", programme.goal, "programme"),
        Section("Задачи программы", passport.tasks),
        Section("Как проходит мониторинг и оценка результатов", passport.monitoring),
        Section("Ожидаемые результаты", passport.expected_results),
        Section("Партнёры", passport.partners),
        Section("Фактические результаты", passport.actual_results),
    ]


def kpi_lines(programme: Programme, *, day: date) -> tuple[list[int], list[KpiLine]]:
    rows = kpi_table(programme, day=day)
    years = kpi_years(rows)
    lines = [
        KpiLine(
            number=position,
            row=row,
            targets=[
                with_unit(row.targets[year], row.indicator.unit) if year in row.targets else ""
                for year in years
            ],
        )
        for position, row in enumerate(rows, start=1)
    ]
    return years, lines


def passport_context(programme: Programme, passport: Passport, *, day: date) -> dict:
    """Everything the passport page, its PDF and its .xlsx show."""
    years, lines = kpi_lines(programme, day=day)
    current_years = {line.row.target_year for line in lines if line.row.target_year}
    return {
        "programme": programme,
        "passport": passport,
        "sections": sections(programme, passport),
        "years": years,
        "year_labels": [year_label(year) for year in years],
        "lines": lines,
        # The year today's figures are held against (the table's rows normally agree on it).
        "current_year": min(current_years) if len(current_years) == 1 else None,
        "has_manual": any(line.is_manual for line in lines),
        "day": day,
    }
