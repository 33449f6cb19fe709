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
