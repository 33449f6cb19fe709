"""Reads of the director's orders: which pairs await an order, the list, an order's rows and people."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from mentoring.models import Membership, Organisation, Programme
from mentoring.roles import Role
from pairs.models import Order, OrderItem, Pair, PairMember
from pairs.selectors.pairs import with_people
from participants.models import Person
from participants.selectors.consents import with_consent_flag

ENDED_STATUSES = (Pair.Status.COMPLETED, Pair.Status.TERMINATED)
FIRST_TITLE = "О закреплении наставнических пар и групп"


@dataclass
class Candidates:
    """Pairs an order may list: drafts to fix, ended pairs to record, active pairs it may end."""

    fix: list[Pair] = field(default_factory=list)
    ended: list[Pair] = field(default_factory=list)
    active: list[Pair] = field(default_factory=list)

    @property
    def end(self) -> list[Pair]:
        return self.ended + self.active

    def __bool__(self) -> bool:
        return bool(self.fix or self.ended or self.active)


def _in_other_draft_order(order: Order | None) -> Exists:
    items = OrderItem.objects.filter(pair=OuterRef("pk"), order__status=Order.Status.DRAFT)
    if order is not None and order.pk:
        items = items.exclude(order=order)
    return Exists(items)


def _registered_item(action: str) -> Exists:
    return Exists(
        OrderItem.objects.filter(pair=OuterRef("pk"), action=action, order__status=Order.Status.REGISTERED)
    )


def fix_candidates(programme: Programme, *, order: Order | None = None) -> QuerySet:
    """Draft pairs of the programme that no other draft order lists."""
    return (
        with_people(Pair.objects.filter(programme=programme, status=Pair.Status.DRAFT))
        .exclude(_in_other_draft_order(order))
        .order_by("mentor__person__last_name", "mentor__person__first_name", "pk")
    )


def ended_candidates(programme: Programme, *, order: Order | None = None) -> QuerySet:
    """Pairs that ended after a registered order fixed them and no registered order recorded the end."""
    return (
        with_people(Pair.objects.filter(programme=programme, status__in=ENDED_STATUSES))
        .filter(_registered_item(OrderItem.Action.FIX))
        .exclude(_registered_item(OrderItem.Action.END))
        .exclude(_in_other_draft_order(order))
        .order_by("end_date", "pk")
    )


def active_candidates(programme: Programme, *, order: Order | None = None) -> QuerySet:
    """Active pairs an amending order may end (the curator ticks them; none is ticked by default)."""
    return (
        with_people(Pair.objects.filter(programme=programme, status=Pair.Status.ACTIVE))
        .exclude(_in_other_draft_order(order))
        .order_by("mentor__person__last_name", "mentor__person__first_name", "pk")
    )


def order_candidates(programme: Programme, *, order: Order | None = None) -> Candidates:
    """The pairs awaiting an order; ``order`` — the draft being edited, whose own pairs stay candidates."""
    if programme is None:
        return Candidates()
    return Candidates(
        fix=list(fix_candidates(programme, order=order)),
        ended=list(ended_candidates(programme, order=order)),
        active=list(active_candidates(programme, order=order)),
    )


def orders_of(programme: Programme | None) -> QuerySet:
    """The programme's orders with the counts of fixed and ended pairs, in one query."""
    if programme is None:
        return Order.objects.none()
    return (
        Order.objects.filter(programme=programme)
        .select_related("amends")
        .annotate(
            fixed_count=Count("items", filter=Q(items__action=OrderItem.Action.FIX)),
            ended_count=Count("items", filter=Q(items__action=OrderItem.Action.END)),
        )
        .order_by("-date", "-pk")
    )


def latest_registered(programme: Programme, *, excluding: Order | None = None) -> Order | None:
    orders = Order.objects.filter(programme=programme, status=Order.Status.REGISTERED)
    if excluding is not None and excluding.pk:
        orders = orders.exclude(pk=excluding.pk)
    return orders.order_by("-date", "-registered_at", "-pk").first()


def registered_orders(programme: Programme) -> QuerySet:
    return Order.objects.filter(programme=programme, status=Order.Status.REGISTERED).order_by("-date", "-pk")


_NUMBER = re.compile(r"^(\D*)(\d+)(.*)$")


def suggest_number(programme: Programme) -> str:
    """The next number after the programme's latest order: «15-од» → «16-од»; «1» for the first."""
    taken = set(Order.objects.filter(programme=programme).values_list("number", flat=True))
    latest = Order.objects.filter(programme=programme).order_by("-date", "-pk").first()
    match = _NUMBER.match(latest.number.strip()) if latest else None
    prefix, value, suffix = (match.group(1), int(match.group(2)), match.group(3)) if match else ("", 0, "")
    while True:
        value += 1
        number = f"{prefix}{value}{suffix}"
        if number not in taken:
            return number


def fixing_order(pair: Pair) -> Order | None:
    """The registered order that fixed the pair (the earliest, if a later one fixed it again)."""
    item = (
        OrderItem.objects.filter(
            pair=pair, action=OrderItem.Action.FIX, order__status=Order.Status.REGISTERED
        )
        .select_related("order")
        .order_by("order__date", "order__pk")
        .first()
    )
    return item.order if item else None


def curator_name(organisation: Organisation, *, user=None) -> str:
    """The organisation's curator for point 2 of the order: the one curator, or the user if a curator."""
    users = [
        m.user
        for m in Membership.objects.filter(organisation=organisation, role=Role.CURATOR).select_related(
            "user"
        )
    ]
    if len(users) == 1:
        return users[0].get_full_name()
    if user is not None and any(u.pk == user.pk for u in users):
        return user.get_full_name()
    return ""


def order_items(order: Order) -> QuerySet:
    """The order's rows with everything the page and the documents show, in a fixed number of queries."""
    members = PairMember.objects.select_related("mentee__person").order_by("pk")
    return (
        order.items.select_related("pair__mentor__person", "pair__form", "pair__variant")
        .prefetch_related(Prefetch("pair__members", queryset=members))
        .order_by("action", "position", "pk")
    )


def fix_people(order: Order) -> QuerySet:
    """Everybody an order's FIX rows name: the mentors and the mentees still in those pairs."""
    fixed = {"order_items__order": order, "order_items__action": OrderItem.Action.FIX}
    mentors = Pair.objects.filter(**fixed).values("mentor__person_id")
    mentees = PairMember.objects.filter(is_open=True, **{f"pair__{k}": v for k, v in fixed.items()}).values(
        "mentee__person_id"
    )
    return Person.objects.filter(Q(pk__in=mentors) | Q(pk__in=mentees))


def people_without_consent(order: Order) -> list[Person]:
    """Who in the order's FIX pairs has no valid consent today: no such order is registered or printed."""
    people = with_consent_flag(fix_people(order)).filter(has_consent=False)
    return list(people.order_by("last_name", "first_name", "middle_name", "pk"))


__all__ = [
    "FIRST_TITLE",
    "Candidates",
    "active_candidates",
    "curator_name",
    "ended_candidates",
    "fix_candidates",
    "fix_people",
    "latest_registered",
    "order_candidates",
    "order_items",
    "orders_of",
    "people_without_consent",
    "registered_orders",
    "suggest_number",
]
