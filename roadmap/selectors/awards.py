from __future__ import annotations

from django.db.models import QuerySet

from mentoring.models import Programme
from participants.models import Mentor
from roadmap.models import Award


def access_award(access, award_id: int) -> Award:
    return access.get(
        Award.objects.select_related("programme__organisation", "mentor__person", "decided_by"), pk=award_id
    )


def awards_of(programme: Programme | None) -> QuerySet:
    if programme is None:
        return Award.objects.none()
    return (
        Award.objects.filter(programme=programme)
        .select_related("mentor__person", "decided_by")
        .order_by("status", "-nominated_on", "pk")
    )


def nominees(programme: Programme) -> QuerySet:
    """Mentors of the organisation who worked in the programme's pairs."""
    return (
        Mentor.objects.filter(organisation=programme.organisation_id, pairs__programme=programme)
        .select_related("person")
        .distinct()
        .order_by("person__last_name", "person__first_name")
    )
