"""The director's order as a paper: one context for the A4 PDF and the .docx, so both say the same.

The form follows a Russian school's office: the organisation's full name, «ПРИКАЗ», date and number,
the title, the preamble, «ПРИКАЗЫВАЮ:» with numbered points, the head's signature, the lines of those
who acknowledge it, and the appendix with the table of pairs and groups on a new page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from mentoring.pdf import render_pdf
from mentoring.plural import plural_ru
from pairs.models import Order, OrderItem, Pair, PairMember
from pairs.selectors.orders import order_items
from pairs.services.orders import ending_reason
from participants.models import Person
from participants.selectors.consent_records import short_name

TEMPLATE = "pairs/documents/order.html"


def day(value: date | None) -> str:
    return f"{value:%d.%m.%Y}" if value else ""


@dataclass
class Row:
    number: int
    mentor: str
    mentor_detail: str
    group_name: str
    mentees: list[str]
    form: str
    variant: str
    start: str
    end: str
    end_date: str = ""
    reason: str = ""

    @property
    def period(self) -> str:
        return f"с {self.start} по {self.end}"


@dataclass
class Point:
    number: str
    text: str
    sub: list[Point] = field(default_factory=list)


def lower_first(text: str) -> str:
    """«Учитель математики» → «учитель математики» in the middle of a sentence; «ИП Петров» stays."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def mentor_detail(person: Person) -> str:
    """A mentor in the appendix: a teacher with the position, a student with the class."""
    if person.kind == Person.Kind.STUDENT:
        word = "обучающаяся" if person.gender == Person.Gender.FEMALE else "обучающийся"
        return f"{word} {person.class_label} класса" if person.class_label else word
    parts = [person.position]
    if person.kind in (Person.Kind.GRADUATE, Person.Kind.EXTERNAL, Person.Kind.PARENT):
        parts.append(person.employer)
    text = ", ".join(p for p in parts if p)
    return text or person.get_kind_display().lower()


def mentee_detail(person: Person) -> str:
    """A mentee in the appendix: a student with the class, a teacher with the position."""
    if person.kind == Person.Kind.STUDENT:
        return f"{person.class_label} класс" if person.class_label else ""
    return person.position or person.get_kind_display().lower()


def _mentee_line(member: PairMember) -> str:
    person = member.mentee.person
    detail = mentee_detail(person)
    return f"{person.full_name}, {detail}" if detail else person.full_name


def _members_at(pair: Pair, day_: date) -> list[PairMember]:
    """Who was in the pair on the day the order speaks of (everyone still in it for a draft)."""
    return [m for m in pair.members.all() if m.left_on is None or m.left_on >= day_]


def _row(number: int, item: OrderItem, order: Order) -> Row:
    pair = item.pair
    person = pair.mentor.person
    if item.action == OrderItem.Action.FIX:
        # Nobody joins a pair after the order fixes it, so its members are exactly the ones the
        # order fixed — also those whose leaving was recorded later with an earlier date.
        members = list(pair.members.all())
    else:
        members = _members_at(pair, pair.end_date or order.date)
    group_name = ""
    if pair.is_group:
        group_name = f"Группа «{pair.name}»" if pair.name else "Группа"
    if pair.status == Pair.Status.ACTIVE or pair.end_reason == ending_reason(order):
        end_date, reason = order.date, "Прекращается настоящим приказом"
    elif pair.status == Pair.Status.COMPLETED:
        end_date, reason = pair.end_date, "Работа завершена, результаты подведены"
    else:
        # The reason itself (a mentee's complaint, a withdrawn consent) stays in the pair's history:
        # every mentor signs the order, so the paper says only that the work ended early.
        end_date, reason = pair.end_date, "Досрочное прекращение"
    return Row(
        number=number,
        mentor=person.full_name,
        mentor_detail=mentor_detail(person),
        group_name=group_name,
        mentees=[_mentee_line(m) for m in members],
        form=pair.form.name,
        variant=pair.variant.name if pair.variant else "—",
        start=day(pair.start_date),
        end=day(pair.planned_end_date),
        end_date=day(end_date),
        reason=reason,
    )


def _counts(rows: list[Row]) -> str:
    groups = sum(1 for r in rows if r.group_name)
    pairs = len(rows) - groups
    mentees = sum(len(r.mentees) for r in rows)
    parts = []
    if pairs:
        parts.append(f"{pairs} {plural_ru(pairs, 'пара,пары,пар')}")
    if groups:
        parts.append(f"{groups} {plural_ru(groups, 'группа,группы,групп')}")
    parts.append(f"{mentees} {plural_ru(mentees, 'наставляемый,наставляемых,наставляемых')}")
    return ", ".join(parts)


def _points(order: Order, fix_rows: list[Row], end_rows: list[Row]) -> list[Point]:
    period = f"на период с {day(order.period_start)} по {day(order.period_end)}"
    sections = bool(fix_rows) and bool(end_rows)
    fix_where = "разделу 1 приложения" if sections else "приложению"
    end_where = "разделу 2 приложения" if sections else "приложению"
    fix_text = f"Закрепить наставнические пары и группы {period} согласно {fix_where} к настоящему приказу."
    end_text = (
        f"Признать прекратившими работу наставнические пары и группы согласно {end_where} "
        "к настоящему приказу с указанных в нём дат."
    )
    points: list[Point] = []
    if order.amends_id:
        amends = order.amends
        sub = []
        if end_rows:
            sub.append(Point("1.1.", end_text))
        if fix_rows:
            sub.append(
                Point(f"1.{len(sub) + 1}.", fix_text.replace("Закрепить", "Дополнительно закрепить", 1))
            )
        points.append(
            Point(
                "1.",
                f"Внести в приказ от {day(amends.date)} № {amends.number} «{amends.title}» следующие изменения:",
                sub,
            )
        )
    else:
        if fix_rows:
            points.append(Point("1.", fix_text))
        if end_rows:
            points.append(Point(f"{len(points) + 1}.", end_text))
    n = len(points)
    points.append(
        Point(
            f"{n + 1}.",
            f"Куратору программы наставничества ({order.curator_name}) обеспечить организацию работы "
            "наставнических пар и групп, методическое сопровождение наставников, учёт и мониторинг "
            "результатов их работы.",
        )
    )
    if fix_rows:
        who = "Наставникам вновь закреплённых пар и групп" if order.amends_id else "Наставникам"
        points.append(
            Point(
                f"{n + 2}.",
                f"{who} совместно с наставляемыми разработать индивидуальные планы развития "
                f"(индивидуальные образовательные маршруты) в срок до {day(order.plan_deadline)} "
                "и представить их куратору программы наставничества.",
            )
        )
    control_name = order.control_name.strip().rstrip(".")
    control = f"возложить на {control_name}" if control_name else "оставляю за собой"
    points.append(Point(f"{len(points) + 1}.", f"Контроль за исполнением настоящего приказа {control}."))
    return points


def curator_short(curator_name: str) -> str:
    """«Кузнецова Ольга Николаевна, заместитель директора по УВР» → «Кузнецова О. Н.»; a name that is
    not a plain «Фамилия Имя Отчество» stays as written."""
    name = curator_name.split(",")[0].strip()
    words = name.split()
    return short_name(name) if 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) else name


def _acquainted(order: Order, items: list[OrderItem]) -> list[str]:
    """A line for every mentor the order names, then the curator. Two mentors whose short names
    coincide («Иванова А. С.») each get a line, under the full name."""
    mentors = list({item.pair.mentor.person_id: item.pair.mentor.person for item in items}.values())
    shorts = [short_name(p.full_name) for p in mentors]
    lines = [p.full_name if shorts.count(s) > 1 else s for p, s in zip(mentors, shorts, strict=True)]
    if order.curator_name:
        curator = curator_short(order.curator_name)
        if curator not in lines:  # the curator who also mentors signs once
            lines.append(curator)
    return lines


def order_context(order: Order) -> dict:
    """Everything the paper says, in plain strings: the template and the .docx only lay it out."""
    organisation = order.programme.organisation
    items = list(order_items(order))
    fix_items = [i for i in items if i.action == OrderItem.Action.FIX]
    end_items = [i for i in items if i.action == OrderItem.Action.END]
    fix_rows = [_row(n, item, order) for n, item in enumerate(fix_items, start=1)]
    end_rows = [_row(n, item, order) for n, item in enumerate(end_items, start=1)]
    acquainted = _acquainted(order, fix_items + end_items)
    label = f"от {day(order.date)} № {order.number}"
    return {
        "order": order,
        "organisation_name": order.signed_organisation_name or organisation.name,
        "head_position": order.signed_head_position or organisation.head_position or "Директор",
        "head_name": order.signed_head_name if order.is_registered else organisation.head_name,
        "number": order.number,
        "date": day(order.date),
        "title": order.title,
        "preamble": order.preamble,
        "points": _points(order, fix_rows, end_rows),
        "acquainted": acquainted,
        "appendix_label": f"Приложение к приказу {label}",
        "fix_rows": fix_rows,
        "end_rows": end_rows,
        "fix_heading": "Закрепляемые наставнические пары и группы" if end_rows else "",
        "end_heading": "Прекращают работу" if end_rows else "",
        "fix_counts": _counts(fix_rows) if fix_rows else "",
        "end_counts": _counts(end_rows) if end_rows else "",
        "is_draft": not order.is_registered,
        "filename": f"Приказ № {order.number} от {day(order.date)}",
    }


def render_order_pdf(order: Order) -> bytes:
    return render_pdf(template_name=TEMPLATE, context=order_context(order))


__all__ = ["Point", "Row", "day", "mentee_detail", "mentor_detail", "order_context", "render_order_pdf"]
