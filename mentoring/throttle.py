"""Counting requests of an action that must not be repeated too often (password reset letters).

Keys never hold an address in clear: an e-mail is hashed before it becomes a key."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from mentoring.models import ThrottleHit

# Hits older than this are of no use to any window and are deleted as new ones come.
KEPT = timedelta(days=1)


def hashed(value: str) -> str:
    return hashlib.sha256(value.strip().casefold().encode()).hexdigest()[:40]


@transaction.atomic
def allow(*, limits: dict[str, int], window: timedelta) -> bool:
    """Count one request under each key; ``False`` (nothing counted) when any key has had its
    ``limits[key]`` requests within ``window`` already."""
    now = timezone.now()
    ThrottleHit.objects.filter(created_at__lt=now - KEPT).delete()
    for key, limit in limits.items():
        if ThrottleHit.objects.filter(key=key, created_at__gte=now - window).count() >= limit:
            return False
    ThrottleHit.objects.bulk_create(ThrottleHit(key=key, created_at=now) for key in limits)
    return True
