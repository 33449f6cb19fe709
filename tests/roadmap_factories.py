"""Builders for the roadmap app: objects of the world's programme (its roadmap and KPI table are
installed with the programme)."""

from __future__ import annotations

from datetime import date

from django.core.files.base import ContentFile

from roadmap.models import Evidence, Indicator, RoadmapItem, WorkEvent


def world_item(world) -> RoadmapItem:
    """Item 1.1 of the world programme's roadmap."""
    return RoadmapItem.objects.get(stage__programme=world.programme, stage__number=1, position=1)


def world_evidence(world) -> Evidence:
    item = world_item(world)
    existing = item.evidence.first()
    if existing:
        return existing
    evidence = Evidence(item=item, title="Приказ о внедрении целевой модели", file_name="prikaz.pdf")
    evidence.file.save("prikaz.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    evidence.save()
    return evidence


def world_indicator(world) -> Indicator:
    return world.programme.indicators.order_by("position").first()


def world_event(world) -> WorkEvent:
    existing = WorkEvent.objects.filter(programme=world.programme).first()
    return existing or WorkEvent.objects.create(
        programme=world.programme,
        title="Конкурс «Лучший наставник»",
        starts_on=date(2027, 3, 15),
        responsible_name="Куратор программы",
        participants="Наставники и наставляемые",
    )
