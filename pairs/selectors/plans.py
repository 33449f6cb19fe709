"""Reads of individual plans, their rows and templates that views and documents share."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from mentoring.models import Organisation
from mentoring.roles import Role
from pairs.models import IndividualPlan, Meeting, PairMember, PlanRow, PlanTemplate
from pairs.selectors.pairs import visible_pairs
from participants.selectors.consents import today


def visible_plans(access) -> QuerySet:
    """Plans of the pairs the user sees; a mentee of a group only their own."""
    plans = IndividualPlan.objects.filter(member__pair__in=visible_pairs(access))
    if access.role == Role.MENTEE:
        plans = plans.filter(member__mentee__person__user=access.user)
    return plans


def access_plan(access, plan_id: int) -> IndividualPlan:
    """The one way a view gets a plan: another organisation's, or another pair's for a mentor or a
    mentee, is a 404."""
    return access.get(
        visible_plans(access).select_related(
            "member__mentee__person",
            "member__pair__mentor__person",
            "member__pair__programme__organisation",
            "member__pair__form",
            "member__pair__variant",
        ),
        pk=plan_id,
    )


def access_member(access, member_id: int) -> PairMember:
    """A mentee's place in a pair the user sees (a mentee: only their own)."""
    members = PairMember.objects.filter(pair__in=visible_pairs(access))
    if access.role == Role.MENTEE:
        members = members.filter(mentee__person__user=access.user)
    return access.get(
        members.select_related("mentee__person", "pair__mentor__person", "pair__programme", "pair__form"),
        pk=member_id,
    )


def access_row(access, row_id: int) -> PlanRow:
    return access.get(
        PlanRow.objects.filter(plan__in=visible_plans(access)).select_related(
            "plan__member__pair__programme", "plan__member__mentee__person"
        ),
        pk=row_id,
    )


def plan_rows(plan: IndividualPlan, *, with_declined: bool = True) -> list[PlanRow]:
    """The rows in order, with the meetings that advanced each (one query for both)."""
    rows = plan.rows.prefetch_related(
        Prefetch(
            "meetings", queryset=Meeting.objects.filter(status=Meeting.Status.HELD).order_by("starts_at")
        )
    ).order_by("position", "pk")
    if not with_declined:
        rows = rows.exclude(status=PlanRow.Status.DECLINED)
    day = today()
    rows = list(rows)
    for row in rows:
        row.overdue = row.is_overdue(day)
    return rows


def percent_done(done: int, total: int) -> int | None:
    """Plan progress in per cent; None for a plan with no rows yet."""
    return round(100 * done / total) if total else None


def progress(rows: list[PlanRow]) -> tuple[int, int]:
    """(done, total) over the rows accepted into the plan."""
    accepted = [row for row in rows if row.status == PlanRow.Status.ACCEPTED]
    return sum(1 for row in accepted if row.done), len(accepted)


def templates_for(organisation: Organisation) -> QuerySet:
    """The school's own templates and the common ones it has not replaced with a copy."""
    copied = PlanTemplate.objects.filter(organisation=organisation, based_on__isnull=False).values("based_on")
    return (
        PlanTemplate.objects.filter(Q(organisation=organisation) | Q(organisation__isnull=True))
        .exclude(pk__in=copied)
        .select_related("form")
        .order_by("form__order", "name", "pk")
    )


def access_template(access, template_id: int) -> PlanTemplate:
    """A template of the school, or a common one; another school's is a 404. Not ``access.get``:
    its scope would hide the common templates, which belong to no organisation."""
    if access.organisation is None:
        raise Http404
    return get_object_or_404(
        PlanTemplate.objects.filter(
            Q(organisation=access.organisation) | Q(organisation__isnull=True)
        ).select_related("form"),
        pk=template_id,
    )
