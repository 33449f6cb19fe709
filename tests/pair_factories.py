"""Builders for pairs, orders and replacement requests; they go through the services, so the
objects they make obey the same rules as the ones users make."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from mentoring.models import MentoringForm, Programme
from pairs.models import Order, Pair, ReplacementRequest
from pairs.services.formation import form_pair
from pairs.services.lifecycle import activate_pair
from participants.models import Mentee, Mentor

FORM_BY_KINDS = {
    ("teacher", "student"): "teacher-student",
    ("teacher", "teacher"): "teacher-teacher",
    ("student", "student"): "student-student",
}


def make_pair(
    programme: Programme,
    mentor: Mentor,
    mentees: Sequence[Mentee] | Mentee,
    *,
    form: str | None = None,
    active: bool = False,
    start_date: date = date(2026, 10, 1),
    planned_end_date: date = date(2027, 5, 20),
    user=None,
    **fields,
) -> Pair:
    mentees = [mentees] if isinstance(mentees, Mentee) else list(mentees)
    code = form or FORM_BY_KINDS[(mentor.person.kind, mentees[0].person.kind)]
    mentoring_form = MentoringForm.objects.get(code=code)
    # An order fixes only pairs with a role variant: by default the form's first one.
    fields.setdefault("variant", mentoring_form.variants.order_by("order", "pk").first())
    pair = form_pair(
        programme=programme,
        mentor=mentor,
        mentees=mentees,
        form=mentoring_form,
        start_date=start_date,
        planned_end_date=planned_end_date,
        user=user,
        **fields,
    )
    if active:
        # What a registered order does to each of its pairs.
        activate_pair(pair=pair, day=start_date, text="Приказ № 1 от 01.10.2026", user=user)
        pair.refresh_from_db()
    return pair


def world_pair(world) -> Pair:
    """The active pair of the world's mentor account and mentee account."""
    existing = Pair.objects.filter(mentor=world.mentor, members__mentee=world.mentee).first()
    return existing or make_pair(world.programme, world.mentor, world.mentee, active=True)


def make_order(programme: Programme, *, number: str = "15-од", pairs: Sequence[Pair] = (), **fields) -> Order:
    defaults = {
        "date": date(2026, 9, 30),
        "title": "О закреплении наставнических пар и групп",
        "period_start": date(2026, 10, 1),
        "period_end": date(2027, 5, 31),
        "plan_deadline": date(2026, 10, 15),
        "curator_name": "Кузнецова Ольга Николаевна, заместитель директора по УВР",
    }
    defaults.update(fields)
    order = Order.objects.create(programme=programme, number=number, **defaults)
    for position, pair in enumerate(pairs, start=1):
        order.items.create(pair=pair, position=position)
    return order


def make_replacement(world, *, reason: str = "Не сложилось общение с наставником") -> ReplacementRequest:
    member = world_pair(world).members.get(mentee=world.mentee)
    return ReplacementRequest.objects.create(member=member, reason=reason, filed_on=date(2026, 11, 10))


def world_plan(world):
    """The individual plan of the world's mentee in the world's pair, from the common template."""
    from pairs.models import IndividualPlan, PlanTemplate
    from pairs.services.plans import start_plan

    member = world_pair(world).members.get(mentee=world.mentee)
    existing = IndividualPlan.objects.filter(member=member).first()
    if existing is not None:
        return existing
    template = PlanTemplate.objects.filter(organisation=None, form=member.pair.form).first()
    return start_plan(member=member, user=world.users["mentor"], template=template)


def world_meeting(world, **fields):
    from datetime import datetime

    from django.utils import timezone

    from pairs.models import Meeting
    from pairs.services.meetings import record_meeting

    values = {
        "kind": Meeting.Kind.ACQUAINTANCE,
        "starts_at": timezone.make_aware(datetime(2026, 10, 5, 15, 0)),
        "format": Meeting.Format.IN_PERSON,
        "topic": "Знакомство, договорились о правилах",
        "status": Meeting.Status.HELD,
    }
    values.update(fields)
    return record_meeting(pair=world_pair(world), user=world.users["mentor"], **values)


def school_template(world):
    """The school's own copy of the common template of «учитель – ученик»."""
    from pairs.models import PlanTemplate
    from pairs.services.plan_templates import customise_template

    common = PlanTemplate.objects.get(organisation=None, form__code="teacher-student")
    return customise_template(template=common, organisation=world.school, user=world.users["curator"])


def not_active(pair: Pair) -> str:
    """The one wording of «the pair is not active» (``pairs.guards``), for ``pair`` as it is now."""
    pair.refresh_from_db()
    return (
        f"{pair.get_kind_display()} № {pair.pk} в статусе «{pair.get_status_display()}»: "
        "это доступно только действующей паре или группе."
    )
