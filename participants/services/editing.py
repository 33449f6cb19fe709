"""Optimistic locking shared by the bases' edit services."""

from django.db.models import Model

from mentoring.exceptions import StaleEditError


def check_version(*, current: Model, version: int, fields: dict) -> None:
    """Refuse the write when someone saved the object after the form was opened."""
    if current.version == version:
        return
    changed = {
        current._meta.get_field(name).verbose_name: (getattr(current, name), value)
        for name, value in fields.items()
        if not isinstance(value, list | tuple | set) and getattr(current, name) != value
    }
    raise StaleEditError(changed)
