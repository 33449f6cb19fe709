"""Reads of pairs and groups that views and other apps share."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Prefetch, QuerySet

from mentoring.roles import Role
from pairs.models import Pair, PairMember


def open_loads(mentor_ids: Iterable[int]) -> dict[int, int]:
    """Mentees in open pairs and groups per mentor, in one query."""
    rows = (
        PairMember.objects.filter(is_open=True, pair__mentor_id__in=list(mentor_ids))
        .values("pair__mentor_id")
        .annotate(n=Count("pk"))
    )
    return {row["pair__mentor_id"]: row["n"] for row in rows}


def with_people(pairs: QuerySet) -> QuerySet:
    """Everything a list row shows, in a fixed number of queries whatever the size."""
    members = PairMember.objects.select_related("mentee__person").order_by("pk")
    return pairs.select_related("mentor__person", "form", "variant", "programme").prefetch_related(
        Prefetch("members", queryset=members)
    )


def visible_pairs(access) -> QuerySet:
    """Pairs the user may see in the active organisation: all for the curator and the director,
    their own fixed by an order for a mentor, the pair they are in for a mentee."""
    pairs = access.scope(Pair)
    if access.role in (Role.CURATOR, Role.DIRECTOR):
        return pairs
    # A draft may still change until the director's order fixes it: the people in it see it then.
    fixed = pairs.exclude(status=Pair.Status.DRAFT)
    if access.role == Role.MENTOR:
        return fixed.filter(mentor__person__user=access.user)
    if access.role == Role.MENTEE:
        return fixed.filter(members__mentee__person__user=access.user).distinct()
    return pairs.none()


def access_pair(access, pair_id: int) -> Pair:
    """The one way a view gets a pair: another organisation's, or one the user has no part in, is a 404."""
    return access.get(
        visible_pairs(access).select_related("programme", "mentor__person", "form", "variant"), pk=pair_id
    )
