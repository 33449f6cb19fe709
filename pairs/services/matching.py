"""Accepting the rows of «подобрать пары» as draft pairs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from mentoring.models import MentoringForm, Programme, RoleVariant
from pairs.models import Pair
from pairs.services.formation import form_pair
from participants.models import Mentee, Mentor

MatchRow = tuple[Mentee, Mentor, MentoringForm]


@transaction.atomic
def accept_matches(
    *,
    programme: Programme,
    rows: Sequence[MatchRow],
    start_date: date,
    planned_end_date: date,
    variants: Mapping[int, RoleVariant] | None = None,
    user,
) -> list[Pair]:
    """Form a draft pair for every (mentee, mentor, form) row, all or nothing.

    Every row goes through ``form_pair``, which checks every hard rule again (the draft may be stale: a
    consent withdrawn, a place taken since the page was opened). The first broken rule stops everything:
    it is reported with the two names, and no pair of the batch is saved. ``variants`` gives the role
    variant per form id; a pair without one waits for it on its page before an order can fix it."""
    rows = list(rows)
    if not rows:
        raise ValidationError("Не выбрано ни одной пары.")
    seen: set[int] = set()
    for mentee, _, _ in rows:
        if mentee.pk in seen:
            raise ValidationError(
                f"Наставляемый «{mentee.person.full_name}» есть в двух строках: оставьте одну."
            )
        seen.add(mentee.pk)
    pairs = []
    for mentee, mentor, form in rows:
        try:
            pairs.append(
                form_pair(
                    programme=programme,
                    mentor=mentor,
                    mentees=[mentee],
                    form=form,
                    variant=(variants or {}).get(form.pk),
                    start_date=start_date,
                    planned_end_date=planned_end_date,
                    user=user,
                )
            )
        except ValidationError as error:
            problem = " ".join(error.messages)
            raise ValidationError(
                f"Пара «{mentee.person.full_name}» — наставник «{mentor.person.full_name}»: {problem} "
                "Ни одна пара не сохранена."
            ) from error
    return pairs


__all__ = ["MatchRow", "accept_matches"]
