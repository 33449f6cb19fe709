"""The work plan as .xlsx, in the columns a school's plan has."""

from __future__ import annotations

from roadmap.selectors.workplan import event_period

HEADERS = [
    "№ п/п",
    "Мероприятие",
    "Сроки",
    "Ответственные",
    "Участники",
    "Отметка о выполнении",
    "Примечание",
]
WIDTHS = (7, 60, 24, 30, 34, 18, 40)


def rows(events):
    for number, event in enumerate(events, start=1):
        yield [
            number,
            event.title,
            event_period(event),
            event.who,
            event.participants,
            event.get_status_display(),
            event.note,
        ]
