"""The one guard of «a completed programme is read-only», shared by every app that writes a programme's data.

Once the director closes a programme (``roadmap.services.completion``), nothing of it changes: its
mentee base, pairs, plans, meetings, results, orders, preferences, monitoring, roadmap, passport, work
plan, cases and awards. Each write service calls ``ensure_programme_open`` on the programme it writes
to, so the rule is stated here once and the user reads it in one wording wherever they meet it — in a
refused save, in a page's notice (the ``read_only_notice`` filter), in the matching's reasons.
``Programme.is_completed`` is the predicate the views and templates read.

The guard lives in the core because the programme does: every app above may import it.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from mentoring.models import Programme

PROGRAMME_COMPLETED = "programme_completed"


def programme_completed_message(programme: Programme) -> str:
    return f"Программа «{programme.name}» завершена: она только для чтения."


def ensure_programme_open(programme: Programme) -> None:
    """Refuse a write to the data of a completed programme."""
    if programme.is_completed:
        raise ValidationError(programme_completed_message(programme), code=PROGRAMME_COMPLETED)


__all__ = ["PROGRAMME_COMPLETED", "ensure_programme_open", "programme_completed_message"]
