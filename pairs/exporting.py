"""Export of a programme's pairs and groups as .xlsx: one row per mentee in a pair or group.

Closed memberships are rows too (a completed or terminated pair, a mentee who left a group), so the
book keeps the history of who mentored whom and when. The book is written the way the bases are
(``participants.exporting.write_book``): bold frozen header, real date cells, formula-safe text.
"""

from __future__ import annotations

from datetime import date

from mentoring.models import Programme
from mentoring.plural import plural_ru
from pairs.models import Order, OrderItem, Pair, PairMember
from participants.exporting import write_book
from participants.models import Person
from participants.services.access_log import Action, log_access

HEADERS = [
    "№ пары",
    "Вид",
    "Название группы",
    "Наставник",
    "Должность/класс наставника",
    "Наставляемый",
    "Класс/должность наставляемого",
    "Форма наставничества",
    "Вариант ролевой модели",
    "Начало",
    "Плановое окончание",
    "Фактическое окончание",
    "Статус",
    "Приказ о закреплении",
    "Результаты / причина прекращения",
]
WIDTHS = (9, 9, 24, 34, 30, 34, 26, 22, 30, 12, 12, 12, 22, 24, 48)
LEFT = "Вышел из группы"


def person_status_line(person: Person) -> str:
    """«8А класс» for a student; position (and workplace when it is not the school) for others."""
    if person.kind == Person.Kind.STUDENT:
        return f"{person.class_label} класс" if person.class_label else "обучающийся"
    return ", ".join(part for part in (person.position, person.employer) if part)


def _fixing_orders(programme: Programme) -> dict[int, Order]:
    """The registered order that fixed each pair, in one query."""
    items = (
        OrderItem.objects.filter(
            pair__programme=programme, action=OrderItem.Action.FIX, order__status=Order.Status.REGISTERED
        )
        .select_related("order")
        .order_by("-order__date", "-order__pk")
    )
    return {item.pair_id: item.order for item in items}  # the earliest order wins


def _row(member: PairMember, order: Order | None) -> list:
    pair = member.pair
    left_early = not member.is_open and (pair.is_open or member.left_on != pair.end_date)
    if left_early:
        status, ended, note = LEFT, member.left_on, member.leave_reason
    else:
        status = pair.get_status_display()
        ended = member.left_on or pair.end_date
        note = pair.results if pair.status == Pair.Status.COMPLETED else pair.end_reason
    start: date = member.joined_on or pair.start_date
    return [
        pair.pk,
        pair.get_kind_display(),
        pair.name,
        pair.mentor.person.full_name,
        person_status_line(pair.mentor.person),
        member.mentee.person.full_name,
        person_status_line(member.mentee.person),
        pair.form.name,
        pair.variant.name if pair.variant else "",
        start,
        pair.planned_end_date,
        ended,
        status,
        f"№ {order.number} от {order.date:%d.%m.%Y}" if order else "",
        note,
    ]


def pair_rows(programme: Programme) -> list[list]:
    """The rows of the export, in two queries whatever the number of pairs."""
    members = (
        PairMember.objects.filter(pair__programme=programme)
        .select_related("pair__mentor__person", "pair__form", "pair__variant", "mentee__person")
        .order_by("pair_id", "pk")
    )
    orders = _fixing_orders(programme)
    return [_row(member, orders.get(member.pair_id)) for member in members]


def export_pairs(*, programme: Programme, user=None) -> bytes:
    """The programme's pairs and groups, one row per mentee, as the bytes of an .xlsx book."""
    rows = pair_rows(programme)
    content = write_book(title="Пары и группы", headers=HEADERS, rows=rows, widths=WIDTHS)
    pairs = len({row[0] for row in rows})
    log_access(
        user=user,
        organisation=programme.organisation,
        action=Action.EXPORT,
        detail=f"Выгрузка пар и групп программы «{programme.name}»: "
        f"{pairs} {plural_ru(pairs, 'пара,пары,пар')}, {len(rows)} {plural_ru(len(rows), 'строка,строки,строк')}",
    )
    return content


__all__ = ["HEADERS", "export_pairs", "pair_rows"]
