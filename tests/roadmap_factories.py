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


def world_case(world):
    """A published case of the world's pair: every reader may open it."""
    from datetime import date

    from roadmap.models import Case
    from tests.pair_factories import world_pair

    pair = world_pair(world)
    existing = Case.objects.filter(programme=world.programme).first()
    return existing or Case.objects.create(
        programme=world.programme,
        pair=pair,
        form=pair.form,
        title="Как алгебра стала любимым предметом",
        problem="Пробелы в алгебре",
        actions="Еженедельные занятия",
        result="Четвёрка в четверти",
        status=Case.Status.PUBLISHED,
        published_on=date(2027, 5, 20),
    )


def world_photo(world):
    from roadmap.models import CasePhoto

    case = world_case(world)
    existing = case.photos.first()
    if existing:
        return existing
    photo = CasePhoto(case=case, caption="Занятие в кабинете математики")
    photo.image.save("zanyatie.png", ContentFile(PNG), save=False)
    photo.save()
    return photo


def world_award(world):
    """An approved certificate of the world's mentor: it prints."""
    from roadmap.models import Award

    existing = Award.objects.filter(programme=world.programme).first()
    return existing or Award.objects.create(
        programme=world.programme,
        mentor=world.mentor,
        nominated_on=date(2027, 5, 10),
        reason="за подготовку наставляемого к олимпиаде",
        status=Award.Status.APPROVED,
        decided_by=world.users["director"],
        decided_on=date(2027, 5, 12),
    )


# The smallest valid PNG: one white pixel.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8ffff3f0005fe02fe"
    "a7359a0a0000000049454e44ae426082"
)
