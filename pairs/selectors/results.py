"""Reads of pair results: what the results page puts next to each mentee — their requests, their
plan's rows, what is written already."""

from __future__ import annotations

from django.db.models import Prefetch

from pairs.models import MemberResult, Pair, PairMember, PlanRow
from participants.models import MenteeRequest


def result_of(member: PairMember) -> MemberResult | None:
    return MemberResult.objects.filter(member=member).first()


def members_for_results(pair: Pair, *, open_only: bool = True) -> list[PairMember]:
    """The pair's mentees with ``requests``, ``plan_rows`` and ``recorded`` (their result or None),
    in a fixed number of queries."""
    members = pair.members.select_related("mentee__person", "result").prefetch_related(
        Prefetch(
            "mentee__requests",
            queryset=MenteeRequest.objects.prefetch_related("topics").order_by("pk"),
            to_attr="request_list",
        ),
        Prefetch(
            "plan__rows",
            queryset=PlanRow.objects.exclude(status=PlanRow.Status.DECLINED).order_by("position", "pk"),
            to_attr="row_list",
        ),
    )
    if open_only:
        members = members.filter(is_open=True)
    listed = list(members.order_by("pk"))
    for member in listed:
        member.requests = member.mentee.request_list
        # A missing reverse one-to-one raises an AttributeError subclass: getattr's default covers it.
        plan = getattr(member, "plan", None)
        member.plan_rows = plan.row_list if plan is not None else []
        member.recorded = getattr(member, "result", None)
    return listed
