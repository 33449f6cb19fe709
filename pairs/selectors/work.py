"""How the pairs work, as the curator's overview and the mentor's home show it.

Everything the overview shows of a pair — plan progress, overdue rows, the last meeting, the
acquaintance meeting, plans still missing, the order's date — is a subquery annotation, so a page of
50 pairs and the counts of every flag take the same few queries for 15 pairs or 1,500.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from mentoring.models import Programme
from pairs.models import IndividualPlan, Meeting, Order, OrderItem, Pair, PairMember, PlanRow
from pairs.selectors.pairs import visible_pairs
from pairs.selectors.plans import percent_done
from participants.selectors.consents import today

# The flags of the curator's overview (the methodology's stage 6: every pair plans, meets and moves).
PLAN_DAYS = 14
SILENCE_DAYS = 30


@dataclass(frozen=True)
class Flag:
    code: str
    label: str
    hint: str


FLAGS = (
    Flag("no_plan", "Нет плана", f"план не составлен через {PLAN_DAYS} дней после приказа"),
    Flag(
        "no_meeting", "Нет встреч 30 дней", f"ни одной состоявшейся встречи за последние {SILENCE_DAYS} дней"
    ),
    Flag("overdue", "Просрочены строки плана", "в плане есть невыполненные строки с истёкшим сроком"),
    Flag("no_acquaintance", "Нет встречи-знакомства", "встреча-знакомство ещё не состоялась"),
)
FLAG_BY_CODE = {flag.code: flag for flag in FLAGS}


def _count(queryset: QuerySet, path: str) -> Coalesce:
    """A correlated COUNT(*) of ``queryset``'s rows whose ``path`` is the outer pair."""
    counted = (
        queryset.filter(**{path: OuterRef("pk")}).order_by().values(path).annotate(n=Count("pk")).values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _accepted_rows() -> QuerySet:
    """Rows in the plans of mentees still in the pair: a mentee who left takes their plan along."""
    return PlanRow.objects.filter(status=PlanRow.Status.ACCEPTED, plan__member__is_open=True)


def start_of_day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def with_work(pairs: QuerySet, *, day: date | None = None) -> QuerySet:
    """Annotate each pair with what the overview shows and the four flags as booleans."""
    day = day or today()
    held = Meeting.objects.filter(status=Meeting.Status.HELD)
    ordered = (
        OrderItem.objects.filter(
            pair=OuterRef("pk"), action=OrderItem.Action.FIX, order__status=Order.Status.REGISTERED
        )
        .order_by("order__date")
        .values("order__date")[:1]
    )
    last_meeting = (
        held.filter(pair=OuterRef("pk"), starts_at__lt=start_of_day(day + timedelta(days=1)))
        .order_by("-starts_at")
        .values("starts_at")[:1]
    )
    # Open members without a plan that has at least one row in it.
    planless = PairMember.objects.filter(is_open=True).exclude(
        Exists(_accepted_rows().filter(plan__member=OuterRef("pk")))
    )
    pairs = pairs.annotate(
        rows_total=_count(_accepted_rows(), "plan__member__pair"),
        rows_done=_count(_accepted_rows().filter(done=True), "plan__member__pair"),
        rows_overdue=_count(_accepted_rows().filter(done=False, deadline__lt=day), "plan__member__pair"),
        rows_proposed=_count(PlanRow.objects.filter(status=PlanRow.Status.PROPOSED), "plan__member__pair"),
        members_without_plan=_count(planless, "pair"),
        meetings_held=_count(held, "pair"),
        last_meeting_at=Subquery(last_meeting),
        has_acquaintance=Exists(held.filter(pair=OuterRef("pk"), kind=Meeting.Kind.ACQUAINTANCE)),
        ordered_on=Subquery(ordered, output_field=DateField()),
    )
    active = Q(status=Pair.Status.ACTIVE)
    silence_since = start_of_day(day - timedelta(days=SILENCE_DAYS))
    return pairs.annotate(
        flag_no_plan=_bool(
            active
            & Q(members_without_plan__gt=0)
            & Q(ordered_on__isnull=False, ordered_on__lt=day - timedelta(days=PLAN_DAYS))
        ),
        flag_no_meeting=_bool(
            active
            & Q(start_date__lt=day - timedelta(days=SILENCE_DAYS))
            & (Q(last_meeting_at__isnull=True) | Q(last_meeting_at__lt=silence_since))
        ),
        flag_overdue=_bool(active & Q(rows_overdue__gt=0)),
        flag_no_acquaintance=_bool(active & Q(has_acquaintance=False) & Q(start_date__lte=day)),
    )


def _bool(condition: Q) -> Case:
    return Case(When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())


def overview_pairs(
    programme: Programme | None, *, form=None, flag: str = "", day: date | None = None
) -> QuerySet:
    """The active pairs and groups of the programme with their work, filtered by form and flag."""
    if programme is None:
        return Pair.objects.none()
    pairs = with_work(Pair.objects.filter(programme=programme, status=Pair.Status.ACTIVE), day=day)
    if form is not None:
        pairs = pairs.filter(form=form)
    if flag in FLAG_BY_CODE:
        pairs = pairs.filter(**{f"flag_{flag}": True})
    return pairs


def flag_counts(programme: Programme | None, *, form=None, day: date | None = None) -> list[tuple[Flag, int]]:
    """How many active pairs carry each flag (with the form filter), in one query."""
    if programme is None:
        return [(flag, 0) for flag in FLAGS]
    pairs = overview_pairs(programme, form=form, day=day)
    totals = pairs.aggregate(
        **{flag.code: Count("pk", filter=Q(**{f"flag_{flag.code}": True})) for flag in FLAGS}
    )
    return [(flag, totals[flag.code]) for flag in FLAGS]


def with_people(pairs: QuerySet) -> QuerySet:
    members = (
        PairMember.objects.filter(is_open=True)
        .select_related("mentee__person")
        .annotate(plan_pk=F("plan__pk"))
        .order_by("pk")
    )
    return pairs.select_related("mentor__person", "form", "variant").prefetch_related(
        Prefetch("members", queryset=members, to_attr="open_members")
    )


def flags_of(pair: Pair) -> list[Flag]:
    """The flags an annotated pair (``with_work``) carries, in the overview's order."""
    return [flag for flag in FLAGS if getattr(pair, f"flag_{flag.code}", False)]


def share_done(pair: Pair) -> int | None:
    """Plan progress of an annotated pair (``with_work``) in per cent."""
    return percent_done(pair.rows_done, pair.rows_total)


def mark_work(pairs) -> list[Pair]:
    """Set ``flags`` and ``percent`` on annotated pairs, as the overview and the mentor's home show them."""
    pairs = list(pairs)
    for pair in pairs:
        pair.flags = flags_of(pair)
        pair.percent = share_done(pair)
    return pairs


# --- one pair ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Milestone:
    kind: str
    label: str
    held_at: datetime | None
    planned_at: datetime | None


def milestones(pair: Pair) -> list[Milestone]:
    """The required meeting types and whether (and when) each took place; one query."""
    rows = (
        Meeting.objects.filter(pair=pair, kind__in=Meeting.REQUIRED_KINDS)
        .exclude(status=Meeting.Status.CANCELLED)
        .values("kind")
        .annotate(
            held=Min("starts_at", filter=Q(status=Meeting.Status.HELD)),
            planned=Min("starts_at", filter=Q(status=Meeting.Status.PLANNED)),
        )
    )
    found = {row["kind"]: row for row in rows}
    labels = dict(Meeting.Kind.choices)
    return [
        Milestone(
            kind=kind,
            label=labels[kind],
            held_at=found.get(kind, {}).get("held"),
            planned_at=found.get(kind, {}).get("planned"),
        )
        for kind in Meeting.REQUIRED_KINDS
    ]


def meetings_of(pair: Pair) -> QuerySet:
    return (
        Meeting.objects.filter(pair=pair)
        .prefetch_related("attendees__mentee__person", "plan_rows")
        .order_by("-starts_at", "-pk")
    )


def access_meeting(access, meeting_id: int) -> Meeting:
    return access.get(
        Meeting.objects.filter(pair__in=visible_pairs(access)).select_related(
            "pair__programme", "pair__mentor__person"
        ),
        pk=meeting_id,
    )


def plans_by_member(pair: Pair) -> dict[int, IndividualPlan]:
    plans = IndividualPlan.objects.filter(member__pair=pair).annotate(
        rows_total=Count("rows", filter=Q(rows__status=PlanRow.Status.ACCEPTED)),
        rows_done=Count("rows", filter=Q(rows__status=PlanRow.Status.ACCEPTED, rows__done=True)),
        rows_proposed=Count("rows", filter=Q(rows__status=PlanRow.Status.PROPOSED)),
    )
    return {plan.member_id: plan for plan in plans}
