"""The one guard of «the pair is active», shared by every write to a pair's work.

A pair (or a group) is worked on — its plans, meetings, results, replacement requests, completion,
termination, a mentee leaving — only while it is active: a draft waits for the director's order, a
completed or terminated pair is a record. Each service asks ``ensure_pair_active`` (or
``ensure_member_in_pair`` for what is written about one mentee), so the rule and its wording live here
once; ``pair_problem`` and ``member_problem`` give the same words to a page that hides its buttons.

A pair's programme comes first: in a completed programme the refusal is the core's
(``mentoring.guards``), whatever the pair's status. The pure rules of forming a pair are in
``pairs.rules``; these read the pair's state, so they sit beside the models.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from mentoring.guards import PROGRAMME_COMPLETED, programme_completed_message
from pairs.models import Pair, PairMember

PAIR_NOT_ACTIVE = "pair_not_active"
MEMBER_LEFT = "member_left"


def pair_not_active_message(pair: Pair) -> str:
    return (
        f"{pair.get_kind_display()} № {pair.pk} в статусе «{pair.get_status_display()}»: "
        "это доступно только действующей паре или группе."
    )


MEMBER_LEFT_MESSAGE = "Наставляемый уже вышел из этой пары или группы."


def _pair_error(pair: Pair) -> ValidationError | None:
    if pair.programme.is_completed:
        return ValidationError(programme_completed_message(pair.programme), code=PROGRAMME_COMPLETED)
    if pair.status != Pair.Status.ACTIVE:
        return ValidationError(pair_not_active_message(pair), code=PAIR_NOT_ACTIVE)
    return None


def _member_error(member: PairMember) -> ValidationError | None:
    error = _pair_error(member.pair)
    if error is None and not member.is_open:
        error = ValidationError(MEMBER_LEFT_MESSAGE, code=MEMBER_LEFT)
    return error


def pair_problem(pair: Pair) -> str | None:
    """Why the pair's work cannot be changed now, in Russian; ``None`` when it can."""
    error = _pair_error(pair)
    return error.message if error else None


def member_problem(member: PairMember) -> str | None:
    """Why the work of this mentee in their pair cannot be changed now; ``None`` when it can."""
    error = _member_error(member)
    return error.message if error else None


def ensure_pair_active(pair: Pair) -> None:
    """Refuse a write to the work of a pair that is not active, or whose programme is completed."""
    error = _pair_error(pair)
    if error is not None:
        raise error


def ensure_member_in_pair(member: PairMember) -> None:
    """``ensure_pair_active``, and the mentee is still in the pair: what is written about one mentee
    (their plan, their results) changes only while they work in it."""
    error = _member_error(member)
    if error is not None:
        raise error


__all__ = [
    "MEMBER_LEFT",
    "MEMBER_LEFT_MESSAGE",
    "PAIR_NOT_ACTIVE",
    "ensure_member_in_pair",
    "ensure_pair_active",
    "member_problem",
    "pair_not_active_message",
    "pair_problem",
]
