"""Export of the work of a programme's pairs as .xlsx: the rows of the individual plans and the
meetings.

The books are written like the other exports (``participants.exporting.write_book``: bold frozen
header, real date cells, formula-safe text) and are read in a fixed number of queries whatever the
number of pairs. Every export is a line of the access journal that counts, and names nobody.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import timezone

from mentoring.models import Programme
from mentoring.plural import plural_ru
from pairs.exporting import person_status_line
from pairs.models import Meeting, PairMember, PlanRow
from participants.exporting import write_book
from participants.selectors.consent_records import short_name
from participants.services.access_log import Action, log_access

PLAN_HEADERS = [
    "№ пары",
    "Наставник",
    "Наставляемый",
    "Класс/должность наставляемого",
    "Форма наставничества",
    "№ строки",
    "Задача или мероприятие",
    "Что делает наставник",
    "Форма работы",
    "Срок",
    "Ожидаемый результат",
    "Фактический результат",
    "Статус",
    "Выполнено",
    "Дата выполнения",
]
PLAN_WIDTHS = (9, 30, 30, 22, 20, 9, 44, 44, 24, 12, 36, 36, 14, 11, 12)
STATUS_LABELS = {
    PlanRow.Status.ACCEPTED: "В плане",
    PlanRow.Status.PROPOSED: "Предложено",
    PlanRow.Status.DECLINED: "Отклонено",
}

MEETING_HEADERS = [
    "№ пары",
    "Наставник",
    "Наставляемые",
    "Вид встречи",
    "Дата",
    "Время",
    "Формат",
    "Статус",
    "Тема",
    "Заметки и итоги",
    "Присутствовали наставляемые",
    "Продвинутые строки плана",
]
MEETING_WIDTHS = (9, 30, 34, 24, 12, 8, 10, 15, 36, 44, 34, 44)


# --- plans ------------------------------------------------------------------------------------------


def plan_rows(programme: Programme) -> list[list]:
    """One line per row of every plan of the programme, in one query. A row accepted into the plan
    has the number the printed plan gives it; a proposal or a declined row has none."""
    return _plan_lines(programme)[0]


def _plan_lines(programme: Programme) -> tuple[list[list], int]:
    rows = (
        PlanRow.objects.filter(plan__member__pair__programme=programme)
        .select_related(
            "plan__member__mentee__person", "plan__member__pair__mentor__person", "plan__member__pair__form"
        )
        .order_by("plan__member__pair_id", "plan__member_id", "position", "pk")
    )
    numbers: dict[int, int] = {}
    lines = []
    for row in rows:
        member = row.plan.member
        pair = member.pair
        numbers.setdefault(row.plan_id, 0)
        number = None
        if row.status == PlanRow.Status.ACCEPTED:
            numbers[row.plan_id] += 1
            number = numbers[row.plan_id]
        lines.append(
            [
                pair.pk,
                pair.mentor.person.full_name,
                member.mentee.person.full_name,
                person_status_line(member.mentee.person),
                pair.form.name,
                number,
                row.task,
                row.mentor_action,
                row.work_form,
                row.deadline,
                row.expected_result,
                row.actual_result,
                STATUS_LABELS.get(row.status, row.get_status_display()),
                "да" if row.done else "",
                row.done_on,
            ]
        )
    return lines, len(numbers)


def export_plans(*, programme: Programme, user=None) -> bytes:
    """The rows of the programme's individual plans as the bytes of an .xlsx book."""
    rows, plans = _plan_lines(programme)
    content = write_book(title="Индивидуальные планы", headers=PLAN_HEADERS, rows=rows, widths=PLAN_WIDTHS)
    log_access(
        user=user,
        organisation=programme.organisation,
        action=Action.EXPORT,
        detail=f"Выгрузка индивидуальных планов программы «{programme.name}»: "
        f"{plans} {plural_ru(plans, 'план,плана,планов')}, "
        f"{len(rows)} {plural_ru(len(rows), 'строка,строки,строк')}",
    )
    return content


# --- meetings ---------------------------------------------------------------------------------------


def _row_line(row: PlanRow, *, in_group: bool) -> str:
    """A plan row a meeting advanced; in a group, whose plan it is."""
    if in_group:
        return f"{short_name(row.plan.member.mentee.person.full_name)}: {row.task}"
    return row.task


def meeting_rows(programme: Programme) -> list[list]:
    """One line per meeting of the programme's pairs and groups, in four queries."""
    members = PairMember.objects.select_related("mentee__person").order_by("pk")
    meetings = (
        Meeting.objects.filter(pair__programme=programme)
        .select_related("pair__mentor__person")
        .prefetch_related(
            Prefetch("pair__members", queryset=members),
            Prefetch("attendees", queryset=members),
            Prefetch(
                "plan_rows",
                queryset=PlanRow.objects.select_related("plan__member__mentee__person").order_by(
                    "plan__member_id", "position", "pk"
                ),
            ),
        )
        .order_by("pair_id", "starts_at", "pk")
    )
    lines = []
    for meeting in meetings:
        pair = meeting.pair
        starts_at = timezone.localtime(meeting.starts_at)
        lines.append(
            [
                pair.pk,
                pair.mentor.person.full_name,
                "\n".join(m.mentee.person.full_name for m in pair.members.all()),
                meeting.get_kind_display(),
                starts_at.date(),
                f"{starts_at:%H:%M}",
                meeting.get_format_display(),
                meeting.get_status_display(),
                meeting.topic,
                meeting.notes,
                "\n".join(m.mentee.person.full_name for m in meeting.attendees.all()),
                "\n".join(_row_line(r, in_group=pair.is_group) for r in meeting.plan_rows.all()),
            ]
        )
    return lines


def export_meetings(*, programme: Programme, user=None) -> bytes:
    """The meetings of the programme's pairs and groups as the bytes of an .xlsx book."""
    rows = meeting_rows(programme)
    content = write_book(title="Встречи", headers=MEETING_HEADERS, rows=rows, widths=MEETING_WIDTHS)
    pairs = len({row[0] for row in rows})
    log_access(
        user=user,
        organisation=programme.organisation,
        action=Action.EXPORT,
        detail=f"Выгрузка встреч программы «{programme.name}»: "
        f"{len(rows)} {plural_ru(len(rows), 'встреча,встречи,встреч')}, "
        f"{pairs} {plural_ru(pairs, 'пара или группа,пары или группы,пар или групп')}",
    )
    return content


__all__ = ["MEETING_HEADERS", "PLAN_HEADERS", "export_meetings", "export_plans", "meeting_rows", "plan_rows"]
