"""Individual plans: started (from a template or blank) and written by the mentor, rows proposed by
the mentee and decided by the mentor, completion marks, the curator's comments.

A plan is written while its pair works (active, the mentee still in it: ``pairs.guards``); after
that it is a record. Every edit of a row or of the header carries the version the form was opened
with: a save over someone else's newer one is refused with what they changed
(``mentoring.editing.check_version``).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max

from mentoring.editing import check_version
from pairs.guards import ensure_member_in_pair
from pairs.models import IndividualPlan, PairMember, PlanComment, PlanRow, PlanTemplate
from participants.selectors.consents import today

MAX_COMMENT = 4000


def _deadline(member: PairMember, week: int) -> date:
    pair = member.pair
    start = max(member.joined_on, pair.start_date)
    return min(start + timedelta(weeks=week), pair.planned_end_date)


def _check_deadline(member: PairMember, deadline: date | None) -> None:
    if deadline is None:
        return
    pair = member.pair
    if deadline < pair.start_date or deadline > pair.planned_end_date:
        raise ValidationError(
            {
                "deadline": f"Срок должен быть в периоде работы пары: "
                f"{pair.start_date:%d.%m.%Y} – {pair.planned_end_date:%d.%m.%Y}."
            }
        )


def _clean_text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


def _locked_plan(plan: IndividualPlan) -> IndividualPlan:
    return (
        IndividualPlan.objects.select_for_update().select_related("member__pair__programme").get(pk=plan.pk)
    )


def _locked_row(row: PlanRow) -> PlanRow:
    return PlanRow.objects.select_for_update().select_related("plan__member__pair__programme").get(pk=row.pk)


def _next_position(plan: IndividualPlan) -> int:
    return (plan.rows.aggregate(n=Max("position"))["n"] or 0) + 1


@transaction.atomic
def start_plan(
    *, member: PairMember, user, goal: str = "", template: PlanTemplate | None = None
) -> IndividualPlan:
    """Create the mentee's plan, with the template's rows dated from the start of the work."""
    member = PairMember.objects.select_for_update().select_related("pair__programme").get(pk=member.pk)
    ensure_member_in_pair(member)
    if template is not None and template.form_id != member.pair.form_id:
        raise ValidationError({"template": "Шаблон составлен для другой формы наставничества."})
    goal = (goal or "").strip() or (template.goal if template else "")
    try:
        with transaction.atomic():
            plan = IndividualPlan.objects.create(member=member, goal=goal, template=template, created_by=user)
    except IntegrityError as exc:
        raise ValidationError("План для этого наставляемого уже составлен.") from exc
    if template is not None:
        PlanRow.objects.bulk_create(
            PlanRow(
                plan=plan,
                position=row.position,
                task=row.task,
                mentor_action=row.mentor_action,
                work_form=row.work_form,
                deadline=_deadline(member, row.week),
                expected_result=row.expected_result,
            )
            for row in template.rows.order_by("position", "pk")
        )
    return plan


@transaction.atomic
def update_plan_goal(*, plan: IndividualPlan, version: int, goal: str, user) -> IndividualPlan:
    current = _locked_plan(plan)
    ensure_member_in_pair(current.member)
    goal = goal.strip()
    check_version(current=current, version=version, fields={"goal": goal})
    current.goal = goal
    current.version += 1
    current.save(update_fields=["goal", "version", "updated_at"])
    return current


@transaction.atomic
def add_row(
    *,
    plan: IndividualPlan,
    user,
    task: str,
    mentor_action: str = "",
    work_form: str = "",
    deadline: date | None = None,
    expected_result: str = "",
) -> PlanRow:
    current = _locked_plan(plan)
    ensure_member_in_pair(current.member)
    task = _clean_text(task, "task", "Опишите задачу или мероприятие.")
    _check_deadline(current.member, deadline)
    row = PlanRow.objects.create(
        plan=current,
        position=_next_position(current),
        task=task,
        mentor_action=mentor_action.strip(),
        work_form=work_form.strip(),
        deadline=deadline,
        expected_result=expected_result.strip(),
    )
    current.save(update_fields=["updated_at"])
    return row


@transaction.atomic
def update_row(
    *,
    row: PlanRow,
    version: int,
    user,
    task: str,
    mentor_action: str,
    work_form: str,
    deadline: date | None,
    expected_result: str,
    actual_result: str,
    done: bool,
    done_on: date | None = None,
) -> PlanRow:
    """The mentor's edit of a row, completion mark included."""
    current = _locked_row(row)
    member = current.plan.member
    ensure_member_in_pair(member)
    if current.status != PlanRow.Status.ACCEPTED:
        raise ValidationError("Это предложение наставляемого: сначала примите или отклоните его.")
    values = {
        "task": _clean_text(task, "task", "Опишите задачу или мероприятие."),
        "mentor_action": mentor_action.strip(),
        "work_form": work_form.strip(),
        "deadline": deadline,
        "expected_result": expected_result.strip(),
        "actual_result": actual_result.strip(),
        "done": done,
        "done_on": (done_on or current.done_on or today()) if done else None,
    }
    check_version(current=current, version=version, fields=values)
    _check_deadline(member, deadline)
    if values["done_on"] and values["done_on"] > today():
        raise ValidationError({"done_on": "Дата выполнения не может быть в будущем."})
    for name, value in values.items():
        setattr(current, name, value)
    current.version += 1
    current.save()
    return current


@transaction.atomic
def set_row_done(*, row: PlanRow, version: int, done: bool, user, day: date | None = None) -> PlanRow:
    """The quick mark from the plan's table or the mentor's home."""
    current = _locked_row(row)
    ensure_member_in_pair(current.plan.member)
    if current.status != PlanRow.Status.ACCEPTED:
        raise ValidationError("Отметить можно только строку, принятую в план.")
    check_version(current=current, version=version, fields={"done": done})
    current.done = done
    current.done_on = (day or today()) if done else None
    current.version += 1
    current.save(update_fields=["done", "done_on", "version", "updated_at"])
    return current


@transaction.atomic
def delete_row(*, row: PlanRow, version: int, user) -> None:
    current = _locked_row(row)
    ensure_member_in_pair(current.plan.member)
    check_version(current=current, version=version, fields={})
    if current.done:
        raise ValidationError(
            "Выполненную строку удалить нельзя: снимите отметку, если она поставлена по ошибке."
        )
    current.delete()


@transaction.atomic
def propose_row(
    *, plan: IndividualPlan, user, task: str, expected_result: str = "", deadline: date | None = None
) -> PlanRow:
    """A mentee's proposal: it waits for the mentor, who accepts it into the plan or declines it."""
    current = _locked_plan(plan)
    ensure_member_in_pair(current.member)
    task = _clean_text(task, "task", "Напишите, что вы предлагаете добавить в план.")
    _check_deadline(current.member, deadline)
    return PlanRow.objects.create(
        plan=current,
        position=_next_position(current),
        task=task,
        expected_result=expected_result.strip(),
        deadline=deadline,
        status=PlanRow.Status.PROPOSED,
        proposed_by=user,
    )


@transaction.atomic
def decide_proposal(*, row: PlanRow, version: int, accept: bool, user, reason: str = "") -> PlanRow:
    current = _locked_row(row)
    ensure_member_in_pair(current.plan.member)
    if current.status != PlanRow.Status.PROPOSED:
        raise ValidationError("По этому предложению уже принято решение.")
    check_version(current=current, version=version, fields={})
    if accept:
        current.status = PlanRow.Status.ACCEPTED
    else:
        current.status = PlanRow.Status.DECLINED
        current.decline_reason = _clean_text(
            reason, "reason", "Объясните наставляемому, почему предложение отклонено."
        )
    current.version += 1
    current.save(update_fields=["status", "decline_reason", "version", "updated_at"])
    return current


@transaction.atomic
def comment_plan(*, plan: IndividualPlan, user, text: str) -> PlanComment:
    text = _clean_text(text, "text", "Напишите комментарий.")
    if len(text) > MAX_COMMENT:
        raise ValidationError({"text": f"Комментарий длиннее {MAX_COMMENT} знаков."})
    return PlanComment.objects.create(plan=plan, author=user, text=text)
