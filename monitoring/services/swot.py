"""The curator's SWOT analysis of a programme."""

from __future__ import annotations

from django.db import transaction

from mentoring.editing import check_version
from mentoring.guards import ensure_programme_open
from mentoring.models import Programme
from monitoring.models import Swot

SWOT_FIELDS = ("strengths", "weaknesses", "opportunities", "threats", "conclusion")


@transaction.atomic
def save_swot(*, programme: Programme, version: int, user=None, **fields) -> Swot:
    unknown = set(fields) - set(SWOT_FIELDS)
    if unknown:
        raise TypeError(f"unknown SWOT fields: {sorted(unknown)}")
    ensure_programme_open(programme)
    Swot.objects.get_or_create(programme=programme)
    current = Swot.objects.select_for_update().get(programme=programme)
    check_version(current=current, version=version, fields=fields)
    for name, value in fields.items():
        setattr(current, name, value.strip())
    current.version += 1
    current.updated_by = user
    current.save()
    return current
