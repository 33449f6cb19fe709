"""What apps above participants (pairs) tell it, so that participants never imports them.

- which people a mentor may see: the mentees of the mentor's own pairs and groups;
- what the mentee base export shows of a mentee's pair: mentor, form, period;
- what a mentor's card shows of their work: pairs and groups with their results and end dates;
- what happens to a person's work when their consent is withdrawn (their active pairs end).

Until an app registers a provider, a mentor sees nobody and the pair columns stay empty.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet


@dataclass(frozen=True)
class PairingFacts:
    """A mentee's pair as the mentee base shows it."""

    mentor_name: str = ""
    mentor_workplace: str = ""
    form: str = ""
    start_date: date | None = None
    end_date: date | None = None


@dataclass(frozen=True)
class MentoringFacts:
    """A mentor's work as the mentor base shows it."""

    mentee_names: str = ""
    form: str = ""
    start_date: date | None = None
    end_date: date | None = None
    # Completed pairs and groups: whom, with what outcome, when.
    completed: str = ""


@dataclass(frozen=True)
class MentorWork:
    """One pair or group of a mentor, as their card in the mentor base lists it."""

    programme: str
    mentees: str
    form: str
    start_date: date
    end_date: date | None
    status: str
    results: str = ""


_mentor_people: list[Callable] = []
_mentor_histories: list[Callable] = []
_mentee_pairings: list[Callable] = []
_mentor_pairings: list[Callable] = []
_withdrawal_handlers: list[Callable] = []


def register_mentor_people(provider: Callable[[object], QuerySet]) -> None:
    """``provider(user)`` returns a queryset of Person ids the user mentors."""
    if provider not in _mentor_people:
        _mentor_people.append(provider)


def register_mentee_pairings(provider: Callable[[Iterable[int]], dict[int, PairingFacts]]) -> None:
    """``provider(mentee_ids)`` returns facts of their pairs, keyed by Mentee id."""
    if provider not in _mentee_pairings:
        _mentee_pairings.append(provider)


def register_mentor_pairings(provider: Callable[[Iterable[int]], dict[int, MentoringFacts]]) -> None:
    """``provider(mentor_ids)`` returns facts of their pairs, keyed by Mentor id."""
    if provider not in _mentor_pairings:
        _mentor_pairings.append(provider)


def register_mentor_history(provider: Callable[[object], list[MentorWork]]) -> None:
    """``provider(mentor)`` returns the mentor's pairs and groups that have worked, newest first."""
    if provider not in _mentor_histories:
        _mentor_histories.append(provider)


def mentor_history(mentor) -> list[MentorWork]:
    return [work for provider in _mentor_histories for work in provider(mentor)]


def register_withdrawal(handler: Callable[..., None]) -> None:
    """``handler(person=, day=, user=)`` runs inside the withdrawal's transaction."""
    if handler not in _withdrawal_handlers:
        _withdrawal_handlers.append(handler)


def consent_withdrawn(*, person, day: date, user) -> None:
    for handler in _withdrawal_handlers:
        handler(person=person, day=day, user=user)


def mentored_people_ids(user) -> list[QuerySet]:
    return [provider(user) for provider in _mentor_people]


def mentee_pairings(mentee_ids: Iterable[int]) -> dict[int, PairingFacts]:
    facts: dict[int, PairingFacts] = {}
    ids = list(mentee_ids)
    for provider in _mentee_pairings:
        facts.update(provider(ids))
    return facts


def mentor_pairings(mentor_ids: Iterable[int]) -> dict[int, MentoringFacts]:
    facts: dict[int, MentoringFacts] = {}
    ids = list(mentor_ids)
    for provider in _mentor_pairings:
        facts.update(provider(ids))
    return facts
