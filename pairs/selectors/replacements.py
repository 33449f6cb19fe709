"""Reads of replacement requests for the curator's and director's list, the director's decision
page and the mentee's own page — each in a fixed number of queries whatever the size."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from mentoring.models import Organisation
from pairs.models import PairMember, ReplacementRequest

Status = ReplacementRequest.Status


def with_people(requests: QuerySet) -> QuerySet:
    """Everything a row shows: the mentee, the pair with its mentor and form, who decided."""
    return requests.select_related(
        "member__mentee__person",
        "member__pair__mentor__person",
        "member__pair__form",
        "member__pair__programme",
        "filed_by",
        "decided_by",
    )


def pending_first(requests: QuerySet) -> QuerySet:
    """Requests waiting for a decision on top, then the decided ones; newest first within each."""
    return requests.annotate(
        decided=Case(
            When(status=Status.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
    ).order_by("decided", "-filed_on", "-pk")


def organisation_replacements(organisation: Organisation) -> QuerySet:
    requests = ReplacementRequest.objects.filter(member__pair__programme__organisation=organisation)
    return pending_first(with_people(requests))


def mentee_replacements(access) -> QuerySet:
    """The logged-in mentee's own requests in the active organisation."""
    requests = access.scope(ReplacementRequest).filter(member__mentee__person__user=access.user)
    return with_people(requests).order_by("-filed_on", "-pk")


def access_replacement(access, replacement_id: int) -> ReplacementRequest:
    """A request of the active organisation, with its people; another organisation's is a 404."""
    return get_object_or_404(with_people(access.scope(ReplacementRequest)), pk=replacement_id)


def pending_request(member: PairMember) -> ReplacementRequest | None:
    return member.replacement_requests.filter(status=Status.PENDING).first()


def mentee_history(member: PairMember) -> list[PairMember]:
    """The mentee's pairs in the programme (a Mentee belongs to one programme), oldest first:
    who mentored them, in which form, from when to when, and why it ended."""
    return list(
        PairMember.objects.filter(mentee_id=member.mentee_id)
        .select_related("pair__mentor__person", "pair__form")
        .order_by("joined_on", "pk")
    )


__all__ = [
    "access_replacement",
    "mentee_history",
    "mentee_replacements",
    "organisation_replacements",
    "pending_first",
    "pending_request",
    "with_people",
]
