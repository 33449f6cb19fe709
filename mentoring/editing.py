"""Optimistic locking shared by every edit service: a form carries the version it was opened with."""

from django.db.models import Model

from mentoring.exceptions import StaleEditError


def check_version(*, current: Model, version: int, fields: dict, also_changed: dict | None = None) -> None:
    """Refuse the write when someone saved ``current`` after the form was opened.

    The error lists, per field, what is saved now and what this form wanted; ``also_changed`` adds
    what plain fields cannot show (many-to-many lists)."""
    if current.version == version:
        return
    changed = {}
    for name, value in fields.items():
        field = current._meta.get_field(name)
        saved = getattr(current, name)
        if isinstance(value, list | tuple | set) or saved == value:
            continue
        labels = dict(field.choices) if field.choices else {}
        changed[field.verbose_name] = (labels.get(saved, saved), labels.get(value, value))
    changed.update(also_changed or {})
    raise StaleEditError(changed)
