from collections.abc import Iterable

from mentoring.models import Organisation
from participants.models import AccessLogEntry, Person

Action = AccessLogEntry.Action


def log_access(
    *, user, organisation: Organisation, action: str, person: Person | None = None, detail: str = ""
) -> AccessLogEntry:
    """Write one line of the access journal (152-ФЗ asks who saw and changed personal data)."""
    return AccessLogEntry.objects.create(
        organisation=organisation,
        user=user if getattr(user, "is_authenticated", False) else None,
        person=person,
        action=action,
        detail=detail[:500],
    )


def log_access_many(
    *, user, organisation: Organisation, action: str, people: Iterable[Person], detail: str = ""
) -> None:
    """One journal line per person in a single insert — a group's page shows several children at once."""
    who = user if getattr(user, "is_authenticated", False) else None
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(organisation=organisation, user=who, person=person, action=action, detail=detail[:500])
        for person in people
    )
