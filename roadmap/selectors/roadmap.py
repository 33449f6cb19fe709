"""Reads of the roadmap: one access helper per object, the stages with their items, progress."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet

from mentoring.models import Programme, User
from roadmap.models import Evidence, RoadmapItem, RoadmapStage


def access_item(access, item_id: int) -> RoadmapItem:
    return access.get(RoadmapItem.objects.select_related("stage__programme", "responsible"), pk=item_id)


def access_evidence(access, evidence_id: int) -> Evidence:
    return access.get(Evidence.objects.select_related("item__stage__programme"), pk=evidence_id)


def access_stage(access, programme: Programme, number: int) -> RoadmapStage:
    return access.get(RoadmapStage.objects.select_related("programme"), programme=programme, number=number)


@dataclass
class StageView:
    stage: RoadmapStage
    items: list[RoadmapItem]
    day: date

    @property
    def done(self) -> int:
        return sum(1 for item in self.items if item.status == RoadmapItem.Status.DONE)

    @property
    def overdue(self) -> int:
        return sum(1 for item in self.items if item.is_overdue(self.day))

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def state(self) -> str:
        """done / in_progress / not_started, for the stage's badge."""
        if self.total and self.done == self.total:
            return RoadmapItem.Status.DONE
        if self.done or any(i.status == RoadmapItem.Status.IN_PROGRESS for i in self.items):
            return RoadmapItem.Status.IN_PROGRESS
        return RoadmapItem.Status.NOT_STARTED


def roadmap_of(programme: Programme, *, day: date) -> list[StageView]:
    """The seven stages with their items (responsible, papers) in three queries."""
    items = (
        RoadmapItem.objects.select_related("responsible")
        .prefetch_related("evidence")
        .order_by("position", "pk")
    )
    stages = (
        RoadmapStage.objects.filter(programme=programme)
        .prefetch_related(Prefetch("items", queryset=items))
        .order_by("number")
    )
    return [StageView(stage, list(stage.items.all()), day) for stage in stages]


def overdue_items(programme: Programme, *, day: date) -> QuerySet:
    return (
        RoadmapItem.objects.filter(stage__programme=programme, due_on__lt=day)
        .exclude(status=RoadmapItem.Status.DONE)
        .select_related("stage", "responsible")
        .order_by("due_on", "stage__number", "position")
    )


def items_of(user: User, programme: Programme | None) -> QuerySet:
    """The items a person answers for (a mentor sees only these)."""
    if programme is None:
        return RoadmapItem.objects.none()
    return (
        RoadmapItem.objects.filter(stage__programme=programme, responsible=user)
        .select_related("stage")
        .prefetch_related("evidence")
        .order_by("due_on", "stage__number", "position")
    )


def responsible_choices(programme: Programme) -> QuerySet:
    """Who may answer for an item: the organisation's staff with an account."""
    return (
        User.objects.filter(memberships__organisation=programme.organisation_id, is_active=True)
        .distinct()
        .order_by("last_name", "first_name")
    )
