"""Preferences after the common meeting of mentors and mentees: whom each participant would like to
work with, up to three in order. Entered by the curator or by the participants themselves; the
matching's score reads them (``pairs.selectors.preferences.preference_ranks``)."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from mentoring.guards import ensure_programme_open
from mentoring.models import Programme
from pairs.models import Preference
from participants.models import Mentee, Mentor
from participants.services.guards import require_consent, require_ready_mentor

Side = Preference.Side


def _check_mentee_side(programme: Programme, chooser: Mentee, choices: Sequence[Mentor]) -> None:
    if not isinstance(chooser, Mentee):
        raise ValidationError("Выбор наставляемого делает наставляемый.")
    if chooser.programme_id != programme.pk:
        raise ValidationError(f"«{chooser.person.full_name}» не в базе наставляемых этой программы.")
    require_consent(person=chooser.person)
    for mentor in choices:
        if not isinstance(mentor, Mentor):
            raise ValidationError("Наставляемый выбирает наставников.")
        if mentor.organisation_id != programme.organisation_id:
            raise ValidationError(f"Наставник «{mentor.person.full_name}» не из организации программы.")
        require_ready_mentor(mentor=mentor)


def _check_mentor_side(programme: Programme, chooser: Mentor, choices: Sequence[Mentee]) -> None:
    if not isinstance(chooser, Mentor):
        raise ValidationError("Выбор наставника делает наставник.")
    if chooser.organisation_id != programme.organisation_id:
        raise ValidationError(f"Наставник «{chooser.person.full_name}» не из организации программы.")
    require_consent(person=chooser.person)
    for mentee in choices:
        if not isinstance(mentee, Mentee):
            raise ValidationError("Наставник выбирает наставляемых.")
        if mentee.programme_id != programme.pk:
            raise ValidationError(f"«{mentee.person.full_name}» не в базе наставляемых этой программы.")
        require_consent(person=mentee.person)


@transaction.atomic
def set_preferences(
    *,
    programme: Programme,
    side: str,
    chooser: Mentee | Mentor,
    choices: Sequence[Mentor | Mentee],
    user,
) -> list[Preference]:
    """Replace the chooser's list with ``choices`` (first is most wanted); an empty list clears it.
    Saving the same list twice leaves one list: a double submit is harmless."""
    choices = list(choices)
    if side not in Side.values:
        raise ValueError(f"unknown side {side!r}")
    ensure_programme_open(programme)
    if len(choices) > Preference.MAX_RANK:
        raise ValidationError(f"Можно назвать не больше {Preference.MAX_RANK} предпочтений.")
    if len({c.pk for c in choices}) != len(choices):
        raise ValidationError("Один и тот же участник выбран дважды: у каждого места — свой человек.")
    if side == Side.MENTEE:
        _check_mentee_side(programme, chooser, choices)
        # Serialises two saves of one list (the curator and the participant at the same time).
        Mentee.objects.select_for_update().filter(pk=chooser.pk).first()
        own = Preference.objects.filter(programme=programme, side=side, mentee=chooser)
        rows = [
            Preference(programme=programme, side=side, mentee=chooser, mentor=m, rank=n, entered_by=user)
            for n, m in enumerate(choices, start=1)
        ]
    else:
        _check_mentor_side(programme, chooser, choices)
        Mentor.objects.select_for_update().filter(pk=chooser.pk).first()
        own = Preference.objects.filter(programme=programme, side=side, mentor=chooser)
        rows = [
            Preference(programme=programme, side=side, mentee=m, mentor=chooser, rank=n, entered_by=user)
            for n, m in enumerate(choices, start=1)
        ]
    own.delete()
    try:
        with transaction.atomic():
            return Preference.objects.bulk_create(rows)
    except IntegrityError as error:
        raise ValidationError("Список только что изменили в другом окне: откройте его заново.") from error


__all__ = ["set_preferences"]
