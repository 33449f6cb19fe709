"""Reads of the mentor base: the filtered list, the selection funnel, a mentor's stage history."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When

from mentoring.models import Organisation, User
from participants.models import AccessLogEntry, Mentor, Person, Topic
from participants.selectors.consents import with_consent_flag
from participants.selectors.names import name_words_q

Stage = Mentor.Stage

# The selection funnel, in the order a mentor goes through it; the reserve stands apart.
FUNNEL = (Stage.CANDIDATE, Stage.INTERVIEWED, Stage.TRAINED, Stage.READY)
STAGE_ORDER = (*FUNNEL, Stage.RESERVE)
# Every stage change is a line of the access journal that starts with the stage codes in brackets,
# «Этап отбора [ready→reserve]: «Готов к работе» → «В резерве»». The codes, not the Russian labels, are
# what is read back: a label may be reworded, a code may not. (A proper home for this would be a
# MentorStageChange model — mentor, from_stage, to_stage, on, user — or at least a
# Mentor.stage_before_reserve field; the schema of this issue is fixed, so the journal carries it.)
STAGE_LOG_PREFIX = "Этап отбора"
STAGE_LOG_LINE = re.compile(rf"^{STAGE_LOG_PREFIX} \[(?P<old>[a-z]*)→(?P<new>[a-z]+)\]: (?P<text>.*)$", re.S)

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


def stage_log_detail(old: str | None, new: str, text: str = "") -> str:
    """The journal line of a stage change; ``old`` is None when the person enters the base."""
    text = text or f"«{Stage(old).label}» → «{Stage(new).label}»"
    return f"{STAGE_LOG_PREFIX} [{old or ''}→{new}]: {text}"


@dataclass(frozen=True)
class StageChange:
    at: datetime
    user: User | None
    old: str  # "" when the person entered the base
    new: str
    text: str


def _stage_changes(mentor: Mentor) -> QuerySet:
    return AccessLogEntry.objects.filter(
        organisation_id=mentor.organisation_id,
        person_id=mentor.person_id,
        detail__startswith=f"{STAGE_LOG_PREFIX} [",
    )


def _parsed(entry: AccessLogEntry) -> StageChange | None:
    match = STAGE_LOG_LINE.match(entry.detail)
    if match is None or match["new"] not in Stage.values or match["old"] not in ("", *Stage.values):
        return None
    return StageChange(at=entry.at, user=entry.user, old=match["old"], new=match["new"], text=match["text"])


def stage_history(mentor: Mentor) -> list[StageChange]:
    """Entering the base and every stage change, oldest first, with who did it."""
    entries = _stage_changes(mentor).select_related("user").order_by("pk")
    return [change for change in map(_parsed, entries) if change is not None]


def stage_before_reserve(mentor: Mentor) -> str | None:
    """The stage a mentor in the reserve was moved there from, as the stage history says.

    Only the latest stage change counts, and only when it is the move into the reserve: an older one
    belongs to an earlier stay there, and the mentor may have reached the reserve since without this
    service (a file import sets the stage without a journal line)."""
    # By pk, not by time: the mentor row is locked while a change is written, so pk order is write order.
    latest = _stage_changes(mentor).order_by("-pk").first()
    change = _parsed(latest) if latest else None
    if mentor.stage != Stage.RESERVE or change is None or change.new != Stage.RESERVE:
        return None
    return change.old or None


def stages_offered(mentor: Mentor) -> list[tuple[str, str]]:
    """The stage buttons of the card. Back to «Кандидат» is never allowed (the reserve is the way to
    step aside); a mentor whose data was erased after a withdrawal may only go to the reserve."""
    offered = (Stage.RESERVE,) if mentor.person.is_pseudonymised else STAGE_ORDER[1:]
    return [(stage.value, stage.label) for stage in offered if stage != mentor.stage]


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
