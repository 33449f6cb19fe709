"""A mentee's request to replace the mentor, and the director's decision on it.

The mentee (or the curator on their behalf, from a paper application) files the request with a
reason; only a mentee still in an active pair can (``pairs.guards``; a draft's curator just edits
it). The director approves — the mentee leaves the pair (a pair is terminated, a group goes on
without them) and waits for a new mentor — or declines with an explanation, and the pair goes on.
Both steps stay in the pair's history.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from pairs.guards import ensure_member_in_pair, member_problem
from pairs.models import Pair, PairEvent, PairMember, ReplacementRequest
from pairs.services.history import record_event
from pairs.services.lifecycle import release_member
from participants.selectors.consents import today

ALREADY_PENDING = (
    "Заявление о замене наставника уже подано и ждёт решения директора: второе подавать не нужно."
)


DRAFT_ADVICE = (
    "Пара ещё не закреплена приказом: пока она в проекте, куратор может просто "
    "изменить её состав — заявление о замене не нужно."
)


def _is_draft(member: PairMember) -> bool:
    # Not active, but a simpler way than the rule's refusal: a draft's composition is still the curator's.
    return member.is_open and member.pair.status == Pair.Status.DRAFT


def filing_problem(member: PairMember) -> str | None:
    """Why no request can be filed for this membership now, in Russian; ``None`` when it can."""
    return DRAFT_ADVICE if _is_draft(member) else member_problem(member)


def _replacement_reason(request: ReplacementRequest) -> str:
    return f"Замена наставника по заявлению от {request.filed_on:%d.%m.%Y}: {request.reason}"


@transaction.atomic
def file_replacement(*, member: PairMember, reason: str, user, day: date | None = None) -> ReplacementRequest:
    """File the request; one request per membership may wait for a decision at a time."""
    day = day or today()
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Укажите причину, по которой нужна замена наставника."})
    current = PairMember.objects.select_for_update().select_related("pair").get(pk=member.pk)
    if _is_draft(current):
        raise ValidationError(DRAFT_ADVICE, code="pair_draft")
    ensure_member_in_pair(current)
    if day < current.joined_on:
        raise ValidationError({"day": "Дата заявления раньше начала работы в паре."})
    if current.replacement_requests.filter(status=ReplacementRequest.Status.PENDING).exists():
        raise ValidationError(ALREADY_PENDING)
    try:
        with transaction.atomic():
            request = ReplacementRequest.objects.create(
                member=current, reason=reason, filed_by=user, filed_on=day
            )
    except IntegrityError as error:
        # Two submissions at the same moment: the database keeps one pending request.
        raise ValidationError(ALREADY_PENDING) from error
    record_event(
        pair=current.pair,
        kind=PairEvent.Kind.REPLACEMENT_FILED,
        day=day,
        text=f"Причина: {reason}",
        user=user,
        member=current,
    )
    return request


def closed_message(request: ReplacementRequest) -> str:
    """Why a request that is no longer pending cannot be decided."""
    when = f" {request.decided_on:%d.%m.%Y}" if request.decided_on else ""
    if request.status == ReplacementRequest.Status.CLOSED:
        return (
            f"Пара завершилась{when}, раньше решения по заявлению: наставляемый уже не в ней, "
            "решение больше не нужно."
        )
    return (
        f"По этому заявлению уже принято решение{when}: «{request.get_status_display()}». "
        "Повторно его не рассматривают."
    )


@transaction.atomic
def decide_replacement(
    *, request: ReplacementRequest, approve: bool, comment: str, user, day: date | None = None
) -> ReplacementRequest:
    """The director's decision. An approval releases the mentee from the pair (it ends as
    «прекращена», or the group goes on without them) and the mentee waits for a new mentor."""
    day = day or today()
    comment = (comment or "").strip()
    # Locks in the order every way of ending a pair takes — the pair, its member, then the request —
    # so that a decision and an order ending the same pair wait for each other instead of deadlocking.
    pair_id, member_id = ReplacementRequest.objects.values_list("member__pair_id", "member_id").get(
        pk=request.pk
    )
    Pair.objects.select_for_update().only("pk").get(pk=pair_id)
    PairMember.objects.select_for_update().only("pk").get(pk=member_id)
    current = (
        ReplacementRequest.objects.select_for_update()
        .select_related("member__pair", "member__mentee")
        .get(pk=request.pk)
    )
    if current.status != ReplacementRequest.Status.PENDING:
        raise ValidationError(closed_message(current))
    if not approve and not comment:
        raise ValidationError({"comment": "Объясните, почему заявление отклонено: это увидит наставляемый."})
    if day < current.filed_on:
        raise ValidationError({"day": "Дата решения раньше даты заявления."})
    member = current.member
    current.status = ReplacementRequest.Status.APPROVED if approve else ReplacementRequest.Status.DECLINED
    current.decided_by = user
    current.decided_on = day
    current.decision_comment = comment
    current.save(update_fields=["status", "decided_by", "decided_on", "decision_comment"])
    verdict = "удовлетворено" if approve else "отклонено"
    text = f"Заявление от {current.filed_on:%d.%m.%Y} {verdict}."
    if comment:
        text = f"{text} {comment}"
    record_event(
        pair=member.pair,
        kind=PairEvent.Kind.REPLACEMENT_DECIDED,
        day=day,
        text=text,
        user=user,
        member=member,
    )
    if approve:
        # Ends a pair as «прекращена» (a group goes on without this mentee); the mentee is back to
        # «ожидает наставника», so the curator can form a new pair.
        release_member(member=member, day=day, reason=_replacement_reason(current), user=user)
    return current


__all__ = ["closed_message", "decide_replacement", "file_replacement", "filing_problem"]
