"""The pair list: which pairs a role sees, the filters, the counts by status, the consent gaps,
and the completed mentees who want to become mentors — each in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet

from mentoring.models import Programme
from mentoring.roles import Role
from pairs.models import Pair, PairMember
from pairs.selectors.pairs import visible_pairs
from participants.models import Consent, Mentee
from participants.models.consents import valid_consent_q
from participants.selectors.consents import today
from participants.selectors.names import name_words_q

KEEPERS = (Role.CURATOR, Role.DIRECTOR)


def listed_pairs(access, programme: Programme | None) -> QuerySet:
    """The rows of the pair list before filters: the keepers see the chosen programme's pairs,
    a mentor and a mentee their own pairs of any programme of the organisation."""
    pairs = visible_pairs(access)
    if access.role in KEEPERS:
        if programme is None:
            return pairs.none()
        pairs = pairs.filter(programme=programme)
    return pairs


def filter_pairs(pairs: QuerySet, filters: dict) -> QuerySet:
    if filters.get("status"):
        pairs = pairs.filter(status=filters["status"])
    if filters.get("kind"):
        pairs = pairs.filter(kind=filters["kind"])
    if filters.get("form"):
        pairs = pairs.filter(form=filters["form"])
    if filters.get("mentor"):
        pairs = pairs.filter(mentor=filters["mentor"])
    if filters.get("q"):
        q = filters["q"]
        by_mentee = PairMember.objects.filter(name_words_q(q, "mentee__person__")).values("pair_id")
        pairs = pairs.filter(name_words_q(q, "mentor__person__") | Q(pk__in=by_mentee))
    return pairs


def status_counts(pairs: QuerySet) -> list[tuple[str, str, int]]:
    """(status, its label, how many) for every status, in the lifecycle's order; one query."""
    rows = pairs.order_by().values("status").annotate(n=Count("pk", distinct=True))
    found = {row["status"]: row["n"] for row in rows}
    return [(value, label, found.get(value, 0)) for value, label in Pair.Status.choices]


def shown_members(pair: Pair) -> list[PairMember]:
    """The mentees a list row names: those still in an open pair, everyone in an ended one.
    Reads the prefetched members (``with_people``)."""
    members = list(pair.members.all())
    if pair.is_open:
        return [m for m in members if m.is_open]
    return members


def mark_consent_gaps(pairs: Iterable[Pair]) -> list[Pair]:
    """Set ``consent_missing`` on open pairs where the mentor or a mentee still in the pair has no
    valid consent today (withdrawn, expired). One query for the whole page."""
    pairs = list(pairs)
    people_of = {
        pair.pk: {pair.mentor.person_id, *(m.mentee.person_id for m in pair.members.all() if m.is_open)}
        for pair in pairs
        if pair.is_open
    }
    with_consent = people_with_consent(set().union(*people_of.values()))
    for pair in pairs:
        pair.consent_missing = not people_of.get(pair.pk, set()) <= with_consent
    return pairs


def people_with_consent(person_ids: Iterable[int]) -> set[int]:
    """Of these people, those with a valid consent today; one query."""
    return set(
        Consent.objects.filter(valid_consent_q(today()), person_id__in=list(person_ids)).values_list(
            "person_id", flat=True
        )
    )


def completed_wanting_to_mentor(programme: Programme | None) -> QuerySet:
    """Memberships of mentees who completed the programme in a completed pair, said they want to
    mentor, and are not in the mentor base yet — the curator may offer them to it."""
    if programme is None:
        return PairMember.objects.none()
    return (
        PairMember.objects.filter(
            pair__programme=programme,
            pair__status=Pair.Status.COMPLETED,
            mentee__status=Mentee.Status.COMPLETED,
            mentee__wants_to_mentor=True,
            mentee__person__mentor__isnull=True,
            mentee__person__pseudonymised_at__isnull=True,
        )
        .select_related("mentee__person", "pair")
        .order_by("mentee__person__last_name", "mentee__person__first_name", "pk")
    )
