"""The stage 1 report (process quality): per question the mean, the distribution and the number of
answers, by form and by role; expectations against reality; open answers.

Everything is counted by aggregate queries — about ten of them, whatever the number of respondents.
An anonymous questionnaire never shows a group of fewer than three answers: a mean of one or two
answers would tell who said what."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber

from mentoring.models import MentoringForm, Programme
from mentoring.params import int_param
from monitoring import charts
from monitoring.models import (
    Answer,
    Campaign,
    Invitation,
    Question,
    Questionnaire,
    Respondent,
    Response,
    Stage,
)

THRESHOLD = 3
TEXTS_SHOWN = 40
PAIRS_SHOWN = 40


@dataclass
class Stat:
    """Answers to one numeric or choice question within one group."""

    n: int = 0
    total: float = 0.0
    counts: dict = field(default_factory=dict)
    hidden: bool = False

    def add(self, value, count: int) -> None:
        self.n += count
        if isinstance(value, int | float):
            self.total += value * count
        self.counts[value] = self.counts.get(value, 0) + count

    @property
    def mean(self) -> float | None:
        return self.total / self.n if self.n else None

    def share(self, value) -> int:
        return round(100 * self.counts.get(value, 0) / self.n) if self.n else 0


@dataclass
class QuestionReport:
    question: Question
    overall: Stat
    by_form: list[tuple[str, Stat]]
    texts: list[str] = field(default_factory=list)
    text_count: int = 0

    @property
    def is_numeric(self) -> bool:
        return self.question.kind in Question.NUMERIC_KINDS

    @property
    def values(self) -> list[tuple[str, int, int]]:
        """(label, count, per cent) for every possible answer, in the questionnaire's order."""
        kind, stat = self.question.kind, self.overall
        if kind == Question.Kind.RATING:
            keys = [(str(v), float(v)) for v in range(1, 11)]
        elif kind == Question.Kind.YES_NO:
            keys = [("Да", 1.0), ("Нет", 0.0)]
        elif kind in Question.CHOICE_KINDS:
            keys = [(c, c) for c in self.question.choices]
        else:
            keys = [(charts._number(v), v) for v in sorted(stat.counts)]
        return [(label, stat.counts.get(key, 0), stat.share(key)) for label, key in keys]

    @property
    def chart(self):
        if self.overall.hidden or not self.overall.n or self.question.kind == Question.Kind.NUMBER:
            return ""
        return charts.distribution([(label, n) for label, n, _ in self.values], title=self.question.text)

    @property
    def text_more(self) -> int:
        return max(self.text_count - len(self.texts), 0)


@dataclass
class SheetReport:
    questionnaire: Questionnaire
    invited: int
    responses: int
    forms: list[tuple[str, int]]
    questions: list[QuestionReport] = field(default_factory=list)
    expectations: list[tuple[str, str]] = field(default_factory=list)

    @property
    def hidden(self) -> bool:
        return self.questionnaire.is_anonymous and self.responses < THRESHOLD

    @property
    def rate(self) -> int:
        return round(100 * self.responses / self.invited) if self.invited else 0

    @property
    def has_expectations(self) -> bool:
        return any(q.question.report_role == Question.Role.EXPECTATION for q in self.questions)


@dataclass
class MatrixRow:
    text: str
    cells: list[Stat | None]


@dataclass
class ProcessReport:
    programme: Programme
    campaigns: list[Campaign]
    sheets: list[SheetReport]
    columns: list[str]
    matrix: list[MatrixRow]

    @property
    def responses(self) -> int:
        return sum(s.responses for s in self.sheets)

    @property
    def mean_chart(self):
        """The mean of all ratings of each role × form: the first picture of the report, where the
        forms differ at a glance."""
        bars = []
        for index, column in enumerate(self.columns):
            cells = [row.cells[index] for row in self.matrix if row.cells[index]]
            shown = [c for c in cells if not c.hidden and c.n]
            n = sum(c.n for c in shown)
            bars.append(charts.Bar(column, sum(c.total for c in shown) / n if n else None, n))
        return charts.means(bars, title="Средняя оценка по формам и ролям") if bars else ""


def stage_campaigns(programme: Programme, stage: int, campaign_id: str = "") -> list[Campaign]:
    campaigns = Campaign.objects.filter(programme=programme, questionnaire__stage=stage).select_related(
        "questionnaire"
    )
    if (number := int_param(campaign_id)) is not None:
        campaigns = campaigns.filter(pk=number)
    return list(campaigns.order_by("opens_on", "pk"))


def _submitted(campaigns) -> Q:
    return Q(response__campaign__in=campaigns, response__status=Response.Status.SUBMITTED)


def process_report(programme: Programme, *, campaign_id: str = "") -> ProcessReport:
    campaigns = stage_campaigns(programme, Stage.PROCESS, campaign_id)
    form_names = {f.pk: f.name for f in MentoringForm.objects.all()}
    questionnaires = {c.questionnaire_id: c.questionnaire for c in campaigns}
    invited: dict[int, int] = defaultdict(int)
    for row in (
        # A cancelled invitation (a withdrawn consent) was asked too: a withdrawal moves no figure.
        Invitation.objects.filter(campaign__in=campaigns)
        .values("campaign__questionnaire_id")
        .annotate(n=Count("pk"))
    ):
        invited[row["campaign__questionnaire_id"]] += row["n"]
    responded: dict[int, dict[int | None, int]] = defaultdict(dict)
    for row in (
        Response.objects.filter(campaign__in=campaigns, status=Response.Status.SUBMITTED)
        .values("campaign__questionnaire_id", "form_id")
        .annotate(n=Count("pk"))
    ):
        responded[row["campaign__questionnaire_id"]][row["form_id"]] = row["n"]

    questions = list(
        Question.objects.filter(questionnaire__in=list(questionnaires)).order_by(
            "questionnaire_id", "position", "pk"
        )
    )
    overall: dict[int, Stat] = defaultdict(Stat)
    by_form: dict[int, dict[int | None, Stat]] = defaultdict(lambda: defaultdict(Stat))
    numeric = (
        Answer.objects.filter(_submitted(campaigns), question__kind__in=Question.NUMERIC_KINDS)
        .exclude(number__isnull=True)
        .values("question_id", "response__form_id", "number")
        .annotate(n=Count("pk"))
    )
    for row in numeric:
        overall[row["question_id"]].add(row["number"], row["n"])
        by_form[row["question_id"]][row["response__form_id"]].add(row["number"], row["n"])
    choices = Answer.objects.filter(
        _submitted(campaigns), question__kind__in=Question.CHOICE_KINDS
    ).values_list("question_id", "response__form_id", "choices")
    for question_id, form_id, chosen in choices:
        if not chosen:
            continue
        overall[question_id].n += 1
        by_form[question_id][form_id].n += 1
        for option in chosen:
            for stat in (overall[question_id], by_form[question_id][form_id]):
                stat.counts[option] = stat.counts.get(option, 0) + 1

    texts, text_counts, expectations = _texts(campaigns)

    sheets: dict[int, SheetReport] = {}
    for qid, questionnaire in questionnaires.items():
        per_form = responded.get(qid, {})
        sheets[qid] = SheetReport(
            questionnaire=questionnaire,
            invited=invited.get(qid, 0),
            responses=sum(per_form.values()),
            forms=[(form_names.get(f, "—"), n) for f, n in per_form.items()],
        )
    for question in questions:
        sheet = sheets[question.questionnaire_id]
        anonymous = sheet.questionnaire.is_anonymous
        stat = overall[question.id]
        stat.hidden = sheet.hidden
        forms = []
        for form_id, form_stat in by_form[question.id].items():
            form_stat.hidden = anonymous and form_stat.n < THRESHOLD
            forms.append((form_names.get(form_id, "—"), form_stat))
        sheet.questions.append(
            QuestionReport(
                question=question,
                overall=stat,
                by_form=sorted(forms) if len(forms) > 1 else [],
                texts=[] if sheet.hidden else texts.get(question.id, []),
                text_count=text_counts.get(question.id, 0),
            )
        )
    for qid, pairs in expectations.items():
        if not sheets[qid].hidden:
            sheets[qid].expectations = pairs

    ordered = sorted(
        sheets.values(),
        key=lambda s: (s.questionnaire.respondent, s.questionnaire.title, -s.questionnaire.revision),
    )
    columns, matrix = _matrix(ordered, form_names)
    return ProcessReport(programme, campaigns, ordered, columns, matrix)


def _texts(campaigns) -> tuple[dict[int, list[str]], dict[int, int], dict[int, list[tuple[str, str]]]]:
    """The latest open answers of each text question (a window query, not one query per question), how
    many there are, and the expectation and reality answers of the same responses side by side."""
    base = Answer.objects.filter(_submitted(campaigns), question__kind=Question.Kind.TEXT).exclude(text="")
    counts = {row["question_id"]: row["n"] for row in base.values("question_id").annotate(n=Count("pk"))}
    latest = (
        base.annotate(rank=Window(RowNumber(), partition_by=[F("question_id")], order_by=F("pk").desc()))
        .filter(rank__lte=max(TEXTS_SHOWN, PAIRS_SHOWN))
        .values_list(
            "question_id", "response_id", "text", "question__report_role", "question__questionnaire_id"
        )
    )
    texts: dict[int, list[str]] = defaultdict(list)
    expected: dict[int, tuple[int, str]] = {}
    for question_id, response_id, text, role, questionnaire_id in latest:
        if len(texts[question_id]) < TEXTS_SHOWN:
            texts[question_id].append(text)
        if role == Question.Role.EXPECTATION and len(expected) < PAIRS_SHOWN * 20:
            expected[response_id] = (questionnaire_id, text)
    realities = dict(
        Answer.objects.filter(
            response_id__in=list(expected), question__report_role=Question.Role.REALITY
        ).values_list("response_id", "text")
    )
    pairs: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for response_id, (questionnaire_id, text) in expected.items():
        if len(pairs[questionnaire_id]) < PAIRS_SHOWN:
            pairs[questionnaire_id].append((text, realities.get(response_id, "")))
    return texts, counts, pairs


def _matrix(sheets: list[SheetReport], form_names: dict) -> tuple[list[str], list[MatrixRow]]:
    """Rating questions by the text they are asked in, against every role × form that answered them."""
    columns: list[tuple[str, str]] = []
    cells: dict[str, dict[tuple[str, str], Stat]] = defaultdict(dict)
    anonymous: set[tuple[str, str]] = set()
    for sheet in sheets:
        if sheet.questionnaire.respondent == Respondent.CURATOR:
            continue  # the curator rates the conditions, not the work of the pairs
        role = sheet.questionnaire.get_respondent_display()
        for report in sheet.questions:
            if report.question.kind != Question.Kind.RATING:
                continue
            groups = report.by_form or [(name, report.overall) for name, _ in sheet.forms[:1]]
            for form_name, stat in groups:
                key = (role, form_name)
                if key not in columns:
                    columns.append(key)
                merged = cells[report.question.text].setdefault(key, Stat())
                merged.n += stat.n
                merged.total += stat.total
                if sheet.questionnaire.is_anonymous:
                    anonymous.add(key)
    for found in cells.values():
        for key, stat in found.items():
            stat.hidden = key in anonymous and stat.n < THRESHOLD
    columns.sort()
    rows = [MatrixRow(text, [found.get(key) for key in columns]) for text, found in cells.items()]
    return [f"{role}: {form}" for role, form in columns], rows
