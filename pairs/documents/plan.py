"""The individual plan (индивидуальный план работы наставника с наставляемым) as an A4 paper.

The form a school office files: the organisation's full name, the title, the header (programme,
mentor, mentee, form and role variant, period, the order that fixed the pair, the goal), the table
of the rows accepted into the plan on a landscape page — its header repeated on every page — and
the signatures of the mentor, the mentee and the programme's curator. A mentee's proposal still
waiting for the mentor and a declined one are not part of the plan, so they are not printed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from mentoring.pdf import render_pdf
from mentoring.plural import plural_ru
from pairs.documents.order import curator_short, day, lower_first, mentee_detail, mentor_detail
from pairs.models import IndividualPlan, Pair, PairMember, PlanRow
from pairs.selectors.orders import curator_name, fixing_order
from participants.selectors.consent_records import short_name

TEMPLATE = "pairs/documents/plan.html"


@dataclass(frozen=True)
class Line:
    """One printed row of the plan."""

    number: int
    task: str
    mentor_action: str
    work_form: str
    deadline: str
    expected_result: str
    actual_result: str
    done: bool
    done_on: str


@dataclass(frozen=True)
class Signature:
    role: str
    name: str  # «Фамилия И. О.», or "" for a line to fill in by hand


def _with(person_name: str, detail: str) -> str:
    """«Соколова Ирина Викторовна, учитель математики»; «ИП Петров» keeps its capitals."""
    detail = lower_first(detail)
    return f"{person_name}, {detail}" if detail else person_name


def _period(pair: Pair) -> str:
    text = f"с {day(pair.start_date)} по {day(pair.planned_end_date)}"
    if pair.end_date and pair.status in (Pair.Status.COMPLETED, Pair.Status.TERMINATED):
        text += f" (работа {'завершена' if pair.status == Pair.Status.COMPLETED else 'прекращена'} {day(pair.end_date)})"
    return text


def _membership(member: PairMember) -> str:
    """«в группе с 10.11.2026 по 20.02.2027» for a mentee who joined later or left earlier than the
    group worked; "" otherwise."""
    pair = member.pair
    parts = []
    if member.joined_on and member.joined_on > pair.start_date:
        parts.append(f"с {day(member.joined_on)}")
    if member.left_on and member.left_on != pair.end_date:
        parts.append(f"по {day(member.left_on)}")
    if not parts:
        return ""
    return f"в {'группе' if pair.is_group else 'паре'} {' '.join(parts)}"


def _lines(plan: IndividualPlan) -> list[Line]:
    rows = plan.rows.filter(status=PlanRow.Status.ACCEPTED).order_by("position", "pk")
    return [
        Line(
            number=number,
            task=row.task,
            mentor_action=row.mentor_action,
            work_form=row.work_form,
            deadline=day(row.deadline),
            expected_result=row.expected_result,
            actual_result=row.actual_result,
            done=row.done,
            done_on=day(row.done_on),
        )
        for number, row in enumerate(rows, start=1)
    ]


def plan_context(plan: IndividualPlan) -> dict:
    """Everything the paper says, in plain strings; the template only lays it out."""
    member = plan.member
    pair = member.pair
    organisation = pair.programme.organisation
    mentor = pair.mentor.person
    mentee = member.mentee.person
    order = fixing_order(pair)
    curator = order.curator_name if order else curator_name(organisation)
    lines = _lines(plan)
    done = sum(1 for line in lines if line.done)
    return {
        "plan": plan,
        "filename": plan_file_name(plan),
        "organisation_name": organisation.name.replace("№ ", "№\u00a0"),
        "programme": pair.programme.name,
        "group_name": (f"«{pair.name}»" if pair.name else "без названия") if pair.is_group else "",
        "mentor": _with(mentor.full_name, mentor_detail(mentor)),
        "mentee": _with(mentee.full_name, mentee_detail(mentee)),
        "form": pair.form.name,
        "variant": pair.variant.name if pair.variant else "",
        "period": _period(pair),
        "membership": _membership(member),
        "order": f"от {day(order.date)} № {order.number}" if order else "",
        "goal": plan.goal,
        "drawn_up": day(timezone.localdate(plan.created_at)),
        "lines": lines,
        "summary": (
            f"Выполнено {done} из {len(lines)} {plural_ru(len(lines), 'пункта,пунктов,пунктов')} плана."
            if lines
            else ""
        ),
        "signatures": [
            Signature("Наставник", short_name(mentor.full_name)),
            Signature("Наставляемый", short_name(mentee.full_name)),
            Signature("Куратор программы", curator_short(curator) if curator else ""),
        ],
    }


def plan_file_name(plan: IndividualPlan) -> str:
    """«Индивидуальный_план_Никитин_А_И.pdf»."""
    initials = short_name(plan.member.mentee.person.full_name).replace(".", "").replace(" ", "_")
    return f"Индивидуальный_план_{initials}.pdf"


def render_plan_pdf(plan: IndividualPlan, *, request=None) -> bytes:
    """The A4 PDF of one mentee's individual plan."""
    plan = IndividualPlan.objects.select_related(
        "member__mentee__person",
        "member__pair__programme__organisation",
        "member__pair__mentor__person",
        "member__pair__form",
        "member__pair__variant",
    ).get(pk=plan.pk)
    return render_pdf(template_name=TEMPLATE, context=plan_context(plan), request=request)


__all__ = ["plan_context", "plan_file_name", "render_plan_pdf"]
