"""The monitoring reports as .xlsx: the stage 1 summary, the stage 1 raw answers, the stage 2 changes
and the stage 2 measurements of every participant.

Each export is a small class with one interface — ``filename`` and ``render()`` — written through
``participants.exporting.write_book`` (bold frozen header, formula-safe text). An anonymous
questionnaire's raw answers carry no name, no pair and no time of day."""

from __future__ import annotations

from mentoring.models import Programme
from monitoring.models import Answer, Question, Response, Stage
from monitoring.selectors.impact_report import ImpactReport
from monitoring.selectors.process_report import ProcessReport, stage_campaigns
from participants.exporting import write_book
from participants.models import Person


def _round(value: float | None):
    return round(value, 2) if value is not None else None


class Export:
    title: str
    headers: list[str]
    widths: tuple[int, ...]

    @property
    def filename(self) -> str:
        return f"{self.title} — {self.programme.name}.xlsx"

    def rows(self):
        raise NotImplementedError

    def people(self) -> list[Person]:
        """Whom the book names, for the access journal."""
        return []

    def render(self) -> bytes:
        return write_book(title=self.title, headers=self.headers, rows=self.rows(), widths=self.widths)


class ProcessSummaryExport(Export):
    title = "Мониторинг, этап 1"
    headers = [
        "Анкета",
        "Кто отвечал",
        "Раздел",
        "Вопрос",
        "Тип вопроса",
        "Группа",
        "Ответов",
        "Среднее",
        "Распределение ответов",
    ]
    widths = (40, 14, 24, 60, 22, 24, 10, 10, 60)

    def __init__(self, report: ProcessReport):
        self.report, self.programme = report, report.programme

    def rows(self):
        for sheet in self.report.sheets:
            questionnaire = sheet.questionnaire
            for item in sheet.questions:
                question = item.question
                groups = [("Все ответы", item.overall), *item.by_form]
                for label, stat in groups:
                    hidden = stat.hidden or sheet.hidden
                    if question.kind == Question.Kind.TEXT:
                        spread, count, mean = "", item.text_count if label == "Все ответы" else None, None
                        if label != "Все ответы":
                            continue
                    else:
                        count, mean = stat.n, _round(stat.mean) if question.is_numeric else None
                        spread = (
                            "; ".join(f"{v}: {n}" for v, n, _ in item.values if n)
                            if label == "Все ответы"
                            else ""
                        )
                    yield [
                        str(questionnaire),
                        questionnaire.get_respondent_display(),
                        question.section.title if question.section_id else "",
                        question.text,
                        question.get_kind_display(),
                        label,
                        "меньше 3" if hidden else count,
                        None if hidden else mean,
                        "" if hidden else spread,
                    ]


class ProcessRawExport(Export):
    """Every answer of stage 1, one line each. Written from a streaming query: 60,000 answers fit."""

    title = "Ответы анкет, этап 1"
    headers = [
        "Опрос",
        "Анкета",
        "№ заполненной анкеты",
        "Кто отвечал",
        "Форма наставничества",
        "Вариант ролевой модели",
        "Дата ответа",
        "Участник",
        "Вопрос",
        "Ответ",
    ]
    widths = (36, 36, 12, 14, 22, 30, 12, 30, 60, 50)

    def __init__(self, programme: Programme, *, campaign_id: str = ""):
        self.programme = programme
        self.campaigns = stage_campaigns(programme, Stage.PROCESS, campaign_id)

    def people(self) -> list[Person]:
        named = Response.objects.filter(
            campaign__in=self.campaigns,
            status=Response.Status.SUBMITTED,
            campaign__questionnaire__is_anonymous=False,
            person__isnull=False,
        ).values("person_id")
        return list(Person.objects.filter(pk__in=named))

    def rows(self):
        roles = dict(Response._meta.get_field("respondent").choices)
        answers = (
            Answer.objects.filter(
                response__campaign__in=self.campaigns, response__status=Response.Status.SUBMITTED
            )
            .order_by("response__campaign_id", "response_id", "question__position", "pk")
            .values_list(
                "response__campaign__title",
                "response__campaign__questionnaire__title",
                "response__campaign__questionnaire__is_anonymous",
                "response_id",
                "response__respondent",
                "response__form__name",
                "response__variant__name",
                "response__submitted_on",
                "response__person__last_name",
                "response__person__first_name",
                "response__person__middle_name",
                "question__text",
                "question__kind",
                "number",
                "choices",
                "text",
            )
        )
        for row in answers.iterator(chunk_size=5000):
            (campaign, questionnaire, anonymous, response_id, role, form, variant, day) = row[:8]
            names, (text, kind, number, choices, free) = row[8:11], row[11:]
            person = "" if anonymous else " ".join(n for n in names if n)
            yield [
                campaign,
                questionnaire,
                response_id,
                roles.get(role, ""),
                form,
                variant,
                day,
                person,
                text,
                _answer(kind, number, choices, free),
            ]


def _answer(kind: str, number, choices, text: str):
    if kind == Question.Kind.YES_NO:
        return "да" if number == 1 else "нет" if number == 0 else ""
    if kind in Question.NUMERIC_KINDS:
        return number
    if kind in Question.CHOICE_KINDS:
        return "; ".join(choices or [])
    return text


class ImpactSummaryExport(Export):
    title = "Мониторинг, этап 2"
    headers = [
        "Группа",
        "Характеристика",
        "Рост — улучшение",
        "Измерены на входе и выходе, чел.",
        "Среднее на входе",
        "Среднее на выходе",
        "Среднее изменение",
        "Улучшение, чел.",
        "Без изменений, чел.",
        "Ухудшение, чел.",
        "Улучшение, %",
        "Только вход, чел.",
        "Только выход, чел.",
    ]
    widths = (34, 40, 12, 14, 12, 12, 12, 12, 12, 12, 12, 12, 12)

    def __init__(self, report: ImpactReport):
        self.report, self.programme = report, report.programme

    def rows(self):
        groups = [self.report.programme_group] + [
            group for section in self.report.sections for group in section.groups
        ]
        for group in groups:
            for stat in group.stats:
                yield [
                    group.title,
                    stat.characteristic.name,
                    "да" if stat.characteristic.higher_is_better else "нет",
                    stat.n,
                    _round(stat.entry),
                    _round(stat.exit),
                    _round(stat.change),
                    stat.improved,
                    stat.unchanged,
                    stat.worse,
                    stat.improved_share if stat.n else None,
                    stat.only_entry,
                    stat.only_exit,
                ]


class ImpactRawExport(Export):
    title = "Замеры участников, этап 2"
    headers = [
        "Участник",
        "Роль",
        "Форма наставничества",
        "Вариант ролевой модели",
        "Характеристика",
        "Вход",
        "Выход",
        "Изменение",
        "Итог",
    ]
    widths = (34, 14, 22, 30, 40, 10, 10, 10, 16)
    OUTCOMES = {1: "улучшение", 0: "без изменений", -1: "ухудшение", None: "нет пары замеров"}

    def __init__(self, report: ImpactReport):
        self.report, self.programme = report, report.programme

    def people(self) -> list[Person]:
        return [participant.person for participant in self.report.participants]

    def rows(self):
        for participant in self.report.participants:
            for measurement in participant.measurements:
                change = (
                    _round(measurement.exit - measurement.entry)
                    if measurement.direction is not None
                    else None
                )
                yield [
                    participant.person.full_name,
                    participant.role_label,
                    participant.form,
                    participant.variant,
                    measurement.characteristic.name,
                    measurement.entry,
                    measurement.exit,
                    change,
                    self.OUTCOMES[measurement.direction],
                ]
