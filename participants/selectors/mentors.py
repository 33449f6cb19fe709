"""Reads of the mentor base: the filtered list, the selection funnel, a mentor's stage history."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When

from mentoring.models import Organisation
from participants.models import AccessLogEntry, Mentor, Person, Topic
from participants.selectors.consents import with_consent_flag
from participants.selectors.names import name_words_q

PAGE_SIZE = 50
Stage = Mentor.Stage

# The selection funnel, in the order a mentor goes through it; the reserve stands apart.
FUNNEL = (Stage.CANDIDATE, Stage.INTERVIEWED, Stage.TRAINED, Stage.READY)
STAGE_ORDER = (*FUNNEL, Stage.RESERVE)
# Every stage change is a line of the access journal starting with this; the card reads its history there.
STAGE_LOG_PREFIX = "Этап отбора:"

SORTS = {
    "name": ("person__last_name", "person__first_name", "person__middle_name", "pk"),
    "-name": ("-person__last_name", "-person__first_name", "-person__middle_name", "-pk"),
    "stage": ("stage_order", "person__last_name", "person__first_name", "pk"),
    "-stage": ("-stage_order", "person__last_name", "person__first_name", "pk"),
    "capacity": ("capacity", "person__last_name", "person__first_name", "pk"),
    "-capacity": ("-capacity", "person__last_name", "person__first_name", "pk"),
}


def mentor_base(organisation: Organisation) -> QuerySet:
    return Mentor.objects.filter(organisation=organisation)


def filter_mentors(mentors: QuerySet, filters: dict) -> QuerySet:
    """Apply the list's filters; rows carry ``has_consent`` and ``stage_order``, topics are prefetched."""
    mentors = with_consent_flag(mentors, person_path="person_id").annotate(
        stage_order=Case(
            *(When(stage=stage, then=Value(i)) for i, stage in enumerate(STAGE_ORDER)),
            output_field=IntegerField(),
        )
    )
    if filters.get("q"):
        mentors = mentors.filter(name_words_q(filters["q"], "person__"))
    if filters.get("stage"):
        mentors = mentors.filter(stage=filters["stage"])
    if filters.get("contour"):
        mentors = mentors.filter(contour=filters["contour"])
    if filters.get("topic"):
        topic = filters["topic"]
        mentors = mentors.filter(
            Exists(
                Mentor.topics.through.objects.filter(
                    mentor_id=OuterRef("pk"), topic_id=getattr(topic, "pk", topic)
                )
            )
        )
    if filters.get("consent") == "yes":
        mentors = mentors.filter(has_consent=True)
    elif filters.get("consent") == "no":
        mentors = mentors.filter(has_consent=False)
    if filters.get("readiness") == "ready":
        mentors = mentors.filter(stage=Stage.READY, has_consent=True)
    elif filters.get("readiness") == "not_ready":
        mentors = mentors.exclude(stage=Stage.READY, has_consent=True)
    if filters.get("future") == "yes":
        mentors = mentors.filter(agrees_future_programmes=True)
    elif filters.get("future") == "no":
        mentors = mentors.filter(agrees_future_programmes=False)
    order = SORTS.get(filters.get("sort") or "name", SORTS["name"])
    return mentors.select_related("person").prefetch_related("topics").order_by(*order)


def paginate(queryset: QuerySet, page_number) -> Page:
    return Paginator(queryset, PAGE_SIZE).get_page(page_number)


@dataclass(frozen=True)
class FunnelStep:
    stage: str
    label: str
    count: int


def stage_counts(organisation: Organisation) -> list[FunnelStep]:
    """How many mentors stand at each stage, in funnel order, reserve last — one query."""
    counts = Mentor.objects.filter(organisation=organisation).aggregate(
        **{stage.value: Count("pk", filter=Q(stage=stage)) for stage in STAGE_ORDER}
    )
    return [FunnelStep(stage.value, stage.label, counts[stage.value]) for stage in STAGE_ORDER]


def stage_history(mentor: Mentor) -> QuerySet:
    """Entering the base and every stage change, oldest first, with who did it."""
    return (
        AccessLogEntry.objects.filter(
            organisation_id=mentor.organisation_id,
            person_id=mentor.person_id,
            detail__startswith=STAGE_LOG_PREFIX,
        )
        .select_related("user")
        .order_by("at", "pk")
    )


def stage_before_reserve(mentor: Mentor) -> str | None:
    """The stage a mentor in the reserve was moved there from, as the stage history says."""
    entry = (
        stage_history(mentor)
        .filter(detail__endswith=f"→ «{Stage.RESERVE.label}»")
        .order_by("-at", "-pk")
        .values_list("detail", flat=True)
        .first()
    )
    if not entry:
        return None
    by_label = {stage.label: stage.value for stage in Stage}
    match = re.search(r"«([^»]+)» →", entry)
    return by_label.get(match.group(1)) if match else None


def people_who_may_become_mentors(organisation: Organisation, q: str = "") -> QuerySet:
    """People of the organisation not yet in the mentor base (and not erased after a withdrawal)."""
    people = Person.objects.filter(
        organisation=organisation, pseudonymised_at__isnull=True, mentor__isnull=True
    ).order_by("last_name", "first_name", "middle_name", "pk")
    if q:
        people = people.filter(name_words_q(q))
    return people


def topics_for(organisation: Organisation) -> QuerySet:
    return Topic.objects.for_organisation(organisation)
