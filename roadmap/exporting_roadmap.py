"""The roadmap as .xlsx: one row per item, under its stage."""

from __future__ import annotations

from datetime import date

from roadmap.selectors.roadmap import StageView

HEADERS = ["№", "Этап", "Мероприятие", "Срок", "Ответственный", "Статус", "Что получилось", "Документы"]
WIDTHS = (7, 34, 60, 16, 30, 14, 48, 40)
MONTHS = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)  # fmt: skip


def month_label(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def period_label(starts: date | None, due: date, by_month: bool) -> str:
    """«ноябрь 2026», «декабрь 2026 — март 2027» or «15.03.2027»."""
    if not by_month:
        return f"{due:%d.%m.%Y}"
    if starts and (starts.year, starts.month) != (due.year, due.month):
        return f"{month_label(starts)} — {month_label(due)}"
    return month_label(due)


def rows(stages: list[StageView], day: date):
    for view in stages:
        for item in view.items:
            yield [
                item.code,
                f"{view.stage.number}. {view.stage.title}",
                item.title,
                period_label(item.starts_on, item.due_on, item.by_month),
                item.who,
                item.state_label(day),
                item.result_note,
                "; ".join(e.title for e in item.evidence.all()),
            ]
