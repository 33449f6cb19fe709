"""The programme's closing report (итоговый отчёт о реализации программы наставничества): what the
pairs and groups of each form achieved, the KPI table, both monitoring stages, the cases and the
awards — gathered once for the PDF.

Every part is read by aggregate or list queries whose number does not depend on the number of pairs,
people or answers: the monitoring reports and the KPI table are reused as they are, and only their
figures are picked and formatted here."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q

from mentoring.models import MentoringForm, Organisation, Programme
from monitoring.models import Campaign, Question, Swot
from monitoring.models import Section as QuestionSection
from monitoring.selectors.impact_report import ChangeStat, direction, impact_report
from monitoring.selectors.process_report import THRESHOLD, ProcessReport, SheetReport, Stat, process_report
from monitoring.selectors.swot import proposals
from pairs.models import MemberResult, Pair, PairMember
from roadmap.models import Award, Case, Passport
from roadmap.selectors.kpis import KpiRow, kpi_table, kpi_years
from roadmap.selectors.passport import number

Outcome = MemberResult.Outcome

# --- pairs and groups by form ----------------------------------------------------------------------


@dataclass(frozen=True)
class FormRow:
    """Pairs and groups of one form (or of the whole programme) and what their mentees achieved."""

    name: str
    pairs: int = 0
    groups: int = 0
    active: int = 0
    completed: int = 0
    terminated: int = 0
    mentees: int = 0
    met: int = 0
    partly: int = 0
    not_met: int = 0

    @property
    def units(self) -> int:
        return self.pairs + self.groups

    @property
    def without_result(self) -> int:
        return self.mentees - self.met - self.partly - self.not_met


COUNTED = ("pairs", "groups", "active", "completed", "terminated", "mentees", "met", "partly", "not_met")


def _pair_counts(programme: Programme) -> dict[int, dict[str, int]]:
    # A draft pair has not started work (no order yet): it is no part of what the programme did.
    status = Pair.Status
    return {
        row.pop("form_id"): row
        for row in Pair.objects.filter(programme=programme)
        .exclude(status=status.DRAFT)
        .order_by()
        .values("form_id")
        .annotate(
            pairs=Count("pk", filter=Q(kind=Pair.Kind.PAIR)),
            groups=Count("pk", filter=Q(kind=Pair.Kind.GROUP)),
            active=Count("pk", filter=Q(status=status.ACTIVE)),
            completed=Count("pk", filter=Q(status=status.COMPLETED)),
            terminated=Count("pk", filter=Q(status=status.TERMINATED)),
        )
    }


def _member_counts(programme: Programme) -> dict[int, dict[str, int]]:
    return {
        row.pop("pair__form_id"): row
        for row in PairMember.objects.filter(pair__programme=programme)
        .exclude(pair__status=Pair.Status.DRAFT)
        .order_by()
        .values("pair__form_id")
        .annotate(
            mentees=Count("pk"),
            met=Count("pk", filter=Q(result__outcome=Outcome.MET)),
            partly=Count("pk", filter=Q(result__outcome=Outcome.PARTLY)),
            not_met=Count("pk", filter=Q(result__outcome=Outcome.NOT_MET)),
        )
    }


def form_rows(programme: Programme) -> tuple[tuple[FormRow, ...], FormRow]:
    """A row for every form of the programme, and for a form no longer in it that still has pairs
    (the form list may have been edited after the pairs were made); then the total."""
    pairs, members = _pair_counts(programme), _member_counts(programme)
    forms = (
        MentoringForm.objects.filter(Q(programmes=programme) | Q(pk__in=[*pairs, *members]))
        .distinct()
        .order_by("order", "name")
    )
    rows = tuple(FormRow(form.name, **pairs.get(form.pk, {}), **members.get(form.pk, {})) for form in forms)
    total = FormRow("Всего", **{name: sum(getattr(row, name) for row in rows) for name in COUNTED})
    return rows, total


# --- KPIs ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KpiLine:
    number: int
    project: str
    title: str
    unit: str
    targets: tuple[str, ...]  # one per year of the table, "—" where no target is set
    actual: str
    fraction: str  # «7 из 385» under a computed value
    is_manual: bool
    status: str


def _kpi_status(row: KpiRow) -> str:
    if row.target is None:
        return "цель не задана"
    if row.is_met is None:
        return "нет данных"
    return "достигнуто" if row.is_met else "не достигнуто"


def kpi_lines(programme: Programme, *, day: date) -> tuple[tuple[int, ...], tuple[KpiLine, ...]]:
    rows = kpi_table(programme, day=day)
    years = tuple(kpi_years(rows))
    lines = tuple(
        KpiLine(
            number=position,
            project=row.indicator.project,
            title=row.indicator.title,
            unit=row.indicator.unit,
            targets=tuple(number(row.targets.get(year)) for year in years),
            actual=number(row.actual),
            fraction=f"{row.fraction.numerator} из {row.fraction.denominator}" if row.fraction else "",
            is_manual=not row.indicator.is_computed,
            status=_kpi_status(row),
        )
        for position, row in enumerate(rows, start=1)
    )
    return years, lines


# --- monitoring, stage 1 ---------------------------------------------------------------------------


def _decimal(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",")


@dataclass(frozen=True)
class QuestionLine:
    text: str
    n: int
    value: str  # the mean, the share of «да» or the answer chosen most often


@dataclass(frozen=True)
class Block:
    """A section of a questionnaire with the mean of all its ratings; untitled for questions outside
    any section."""

    title: str
    mean: str
    questions: tuple[QuestionLine, ...]


@dataclass(frozen=True)
class SheetLine:
    title: str
    respondent: str
    is_anonymous: bool
    responses: int
    invited: int
    rate: int
    hidden: bool
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class SwotLines:
    strengths: tuple[str, ...]
    weaknesses: tuple[str, ...]
    opportunities: tuple[str, ...]
    threats: tuple[str, ...]
    conclusion: str
    # False: the curator has not written one; strengths and weaknesses are the product's proposals.
    written: bool

    @property
    def is_empty(self) -> bool:
        return not (self.strengths or self.weaknesses or self.opportunities or self.threats)


@dataclass(frozen=True)
class StageOne:
    campaigns: tuple[Campaign, ...]
    responses: int
    means: tuple[tuple[str, str, int], ...]  # (role: form, mean of its ratings, number of ratings)
    sheets: tuple[SheetLine, ...]
    swot: SwotLines


def _answer_value(question: Question, stat: Stat) -> str:
    if question.kind == Question.Kind.YES_NO:
        return f"да — {stat.share(1.0)}%"
    if question.kind in Question.CHOICE_KINDS:
        if not stat.counts:
            return "—"
        option = max(stat.counts, key=lambda key: stat.counts[key])
        return f"чаще всего «{option}» — {stat.share(option)}%"
    return _decimal(stat.mean)


def _blocks(sheet: SheetReport, sections: dict[int, tuple[int, str]]) -> tuple[Block, ...]:
    """The sheet's questions grouped by section; open-text questions are left to the stage 1 report."""
    grouped: dict[int | None, list] = defaultdict(list)
    for item in sheet.questions:
        if item.question.kind != Question.Kind.TEXT and item.overall.n:
            grouped[item.question.section_id].append(item)
    blocks = []
    for section_id in sorted(grouped, key=lambda key: sections.get(key, (-1, ""))):
        items = grouped[section_id]
        ratings = [i.overall for i in items if i.question.kind == Question.Kind.RATING]
        n = sum(stat.n for stat in ratings)
        lines = tuple(
            QuestionLine(i.question.text, i.overall.n, _answer_value(i.question, i.overall)) for i in items
        )
        title = sections.get(section_id, (0, ""))[1]
        blocks.append(Block(title, _decimal(sum(s.total for s in ratings) / n) if n else "", lines))
    return tuple(blocks)


def _means(report: ProcessReport) -> tuple[tuple[str, str, int], ...]:
    """The mean of all ratings of each role × form, as the report's first chart counts it."""
    means = []
    for index, column in enumerate(report.columns):
        shown = [row.cells[index] for row in report.matrix if row.cells[index]]
        shown = [cell for cell in shown if cell.n and not cell.hidden]
        n = sum(cell.n for cell in shown)
        if n:
            means.append((column, _decimal(sum(cell.total for cell in shown) / n), n))
    return tuple(means)


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip(" -–—•\t") for line in text.splitlines() if line.strip(" -–—•\t"))


def swot_lines(programme: Programme, report: ProcessReport) -> SwotLines:
    """The curator's SWOT analysis; until one is saved, the strengths and weaknesses the stage 1
    figures suggest (the SWOT page proposes the same)."""
    swot = Swot.objects.filter(programme=programme).first()
    if swot and swot.version:
        return SwotLines(
            _lines(swot.strengths),
            _lines(swot.weaknesses),
            _lines(swot.opportunities),
            _lines(swot.threats),
            swot.conclusion,
            written=True,
        )
    suggested = proposals(report)
    return SwotLines(tuple(suggested.strengths), tuple(suggested.weaknesses), (), (), "", written=False)


def stage_one(programme: Programme) -> StageOne:
    report = process_report(programme)
    # The report reads questions without their sections: their titles come in one more query.
    sections = {
        section.pk: (section.position, section.title)
        for section in QuestionSection.objects.filter(
            questionnaire__in=[sheet.questionnaire for sheet in report.sheets]
        )
    }
    sheets = tuple(
        SheetLine(
            title=sheet.questionnaire.title,
            respondent=sheet.questionnaire.get_respondent_display(),
            is_anonymous=sheet.questionnaire.is_anonymous,
            responses=sheet.responses,
            invited=sheet.invited,
            rate=sheet.rate,
            hidden=sheet.hidden,
            blocks=() if sheet.hidden else _blocks(sheet, sections),
        )
        for sheet in report.sheets
    )
    return StageOne(
        tuple(report.campaigns), report.responses, _means(report), sheets, swot_lines(programme, report)
    )


# --- monitoring, stage 2 ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ChangeLine:
    name: str
    unit: str
    lower_is_better: bool
    n: int
    entry: str
    exit: str
    change: str
    direction: str
    improved_share: int


@dataclass(frozen=True)
class StageTwo:
    entry_campaigns: tuple[Campaign, ...]
    exit_campaigns: tuple[Campaign, ...]
    participants: int
    paired: int
    lines: tuple[ChangeLine, ...]

    @property
    def held(self) -> bool:
        return bool(self.entry_campaigns or self.exit_campaigns)


DIRECTIONS = {1: "улучшение", 0: "без изменений", -1: "ухудшение"}


def _change_line(stat: ChangeStat) -> ChangeLine:
    characteristic = stat.characteristic
    if stat.n:
        way = DIRECTIONS[direction(characteristic, stat.entry, stat.exit)]
        change = ("+" if stat.change > 0 else "") + _decimal(stat.change)
    else:
        way, change = "нет пары замеров", "—"
    return ChangeLine(
        name=characteristic.name,
        unit=characteristic.unit,
        lower_is_better=not characteristic.higher_is_better,
        n=stat.n,
        entry=_decimal(stat.entry),
        exit=_decimal(stat.exit),
        change=change,
        direction=way,
        improved_share=stat.improved_share,
    )


def stage_two(programme: Programme) -> StageTwo:
    report = impact_report(programme)
    return StageTwo(
        tuple(report.entry_campaigns),
        tuple(report.exit_campaigns),
        len(report.participants),
        report.paired_people,
        tuple(_change_line(stat) for stat in report.programme_group.stats),
    )


# --- the report ------------------------------------------------------------------------------------


def signature_name(full_name: str) -> str:
    """«Иванова Мария Петровна» → «М. П. Иванова», the way a signature line spells a name out."""
    parts = full_name.split()
    if len(parts) < 2:
        return full_name.strip()
    return " ".join([*(f"{p[0]}." for p in parts[1:3]), parts[0]])


def _cases(programme: Programme) -> tuple[Case, ...]:
    cases = Case.objects.filter(programme=programme).select_related("form").order_by("-published_on", "pk")
    # Published first: a draft has not been agreed with the people it names yet.
    return tuple(sorted(cases, key=lambda case: case.status != Case.Status.PUBLISHED))


def _awards(programme: Programme) -> tuple[Award, ...]:
    return tuple(
        Award.objects.filter(programme=programme, status=Award.Status.APPROVED)
        .select_related("mentor__person")
        .order_by("decided_on", "mentor__person__last_name", "mentor__person__first_name", "pk")
    )


@dataclass(frozen=True)
class ClosingReport:
    programme: Programme
    organisation: Organisation
    day: date
    forms: tuple[str, ...]
    curators: str
    head_position: str
    head_name: str
    head_signature: str  # «И. О. Фамилия», or "" to be written by hand
    form_rows: tuple[FormRow, ...]
    form_total: FormRow
    kpi_years: tuple[int, ...]
    kpis: tuple[KpiLine, ...]
    stage_one: StageOne
    stage_two: StageTwo
    cases: tuple[Case, ...]
    awards: tuple[Award, ...]
    threshold: int = THRESHOLD

    @property
    def has_manual_kpis(self) -> bool:
        return any(line.is_manual for line in self.kpis)


def closing_report(programme: Programme, *, day: date) -> ClosingReport:
    """Everything the closing report prints, as of ``day`` (the day the programme was completed)."""
    organisation = programme.organisation
    curators = Passport.objects.filter(programme=programme).values_list("curators", flat=True).first()
    rows, total = form_rows(programme)
    years, kpis = kpi_lines(programme, day=day)
    return ClosingReport(
        programme=programme,
        organisation=organisation,
        day=day,
        forms=tuple(programme.forms.order_by("order", "name").values_list("name", flat=True)),
        curators=curators or "",
        head_position=organisation.head_position or "Директор",
        head_name=organisation.head_name,
        head_signature=signature_name(organisation.head_name),
        form_rows=rows,
        form_total=total,
        kpi_years=years,
        kpis=kpis,
        stage_one=stage_one(programme),
        stage_two=stage_two(programme),
        cases=_cases(programme),
        awards=_awards(programme),
    )
