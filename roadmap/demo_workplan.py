"""The demo programme's work plan for the school year, through the services: what has passed is
marked held (one was cancelled), the rest is planned."""

from __future__ import annotations

from datetime import date

from mentoring.models import Programme, User
from roadmap.models import WorkEvent
from roadmap.services.workplan import create_event, set_event_status

# (month from the programme's start, day or None for «в течение месяца», title, who, participants)
EVENTS = (
    (0, 2, "Педагогический совет: запуск программы наставничества", "director", "педагогический коллектив"),
    (0, None, "Родительские собрания: рассказ о программе", "curator", "родители 5–11 классов"),
    (1, 15, "Классный час «Кто такой наставник»", "curator", "обучающиеся 5–11 классов"),
    (2, 12, "Общая встреча наставников и наставляемых", "curator", "наставники и наставляемые"),
    (2, 26, "Волонтёрская акция «Дорогою добра»", "curator", "пары «ученик – ученик»"),
    (3, None, "Открытые уроки наставников для молодых педагогов", "curator", "пары «учитель – учитель»"),
    (3, 18, "Новогодний квест наставнических групп", "curator", "наставнические группы"),
    (4, 27, "Методическое объединение наставников", "curator", "наставники"),
    (5, 16, "Конкурс проектов наставнических пар", "curator", "пары «учитель – ученик»"),
    (6, None, "Неделя наставничества: мастер-классы старшеклассников", "curator", "обучающиеся 5–9 классов"),
    (6, 20, "Профориентационная встреча с выпускниками", "director", "обучающиеся 8–11 классов"),
    (7, 14, "Спортивный праздник «Вместе сильнее»", "curator", "наставники и наставляемые"),
    (8, 19, "Итоговая конференция: лучшие практики наставничества", "director", "все участники, партнёры"),
    (8, 26, "Торжественное награждение наставников", "director", "участники программы, родители"),
)


def _day(programme: Programme, month: int, day: int | None) -> date:
    start = programme.start_date.replace(day=1)
    number = start.month - 1 + month
    first = date(start.year + number // 12, number % 12 + 1, 1)
    return min(first.replace(day=day) if day else first, programme.end_date)


def load_work_plan(*, programme: Programme, curator: User, director: User, today: date) -> list[WorkEvent]:
    people = {"curator": curator, "director": director}
    events = []
    for month, day, title, who, participants in EVENTS:
        starts = _day(programme, month, day)
        event = create_event(
            programme=programme,
            title=title,
            starts_on=starts,
            by_month=day is None,
            responsible=people[who],
            participants=participants,
            user=curator,
        )
        if (event.ends_on or event.starts_on) < today:
            status = WorkEvent.Status.CANCELLED if title.startswith("Волонтёрская") else WorkEvent.Status.DONE
            event = set_event_status(event=event, status=status, user=curator)
        events.append(event)
    return events
