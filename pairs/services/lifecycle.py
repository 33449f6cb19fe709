"""How a pair lives after it is formed: fixed by an order, a mentee leaving, completion, termination.

Mentee statuses follow: in a pair while the membership is open; «completed» with the results when
the pair completes; back to «waiting» when a pair ends early, so the curator can form a new one.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from mentoring.guards import ensure_programme_open
from pairs.guards import ensure_member_in_pair, ensure_pair_active
from pairs.models import MemberResult, Pair, PairEvent, PairMember, ReplacementRequest
from pairs.services.formation import back_to_waiting
from pairs.services.history import record_event
from pairs.services.results import result_text
from participants.models import Mentee
from participants.services.guards import require_consent, require_ready_mentor


def _locked(pair: Pair) -> Pair:
    return Pair.objects.select_for_update().select_related("programme", "mentor__person").get(pk=pair.pk)


def _check_end_date(pair: Pair, end_date: date) -> None:
    if end_date < pair.start_date:
        raise ValidationError({"end_date": "Дата окончания раньше начала работы пары."})
    if end_date > pair.programme.end_date:
        raise ValidationError({"end_date": "Дата окончания позже окончания программы."})


def _close_requests(member_ids, day: date) -> None:
    """A request to replace the mentor of a pair that has ended has nothing left to decide."""
    ReplacementRequest.objects.filter(
        member_id__in=list(member_ids), status=ReplacementRequest.Status.PENDING
    ).update(status=ReplacementRequest.Status.CLOSED, decided_on=day)


@transaction.atomic
def activate_pair(*, pair: Pair, day: date, text: str, user) -> None:
    """The order's registration fixes a draft pair; consents are checked again on that day, since
    they may have been withdrawn or expired after the pair was formed."""
    current = _locked(pair)
    if current.status != Pair.Status.DRAFT:
        raise ValidationError(f"{current}: пара уже не проект, закрепить её этим приказом нельзя.")
    ensure_programme_open(current.programme)
    require_ready_mentor(mentor=current.mentor)
    require_consent(person=current.mentor.person, day=day)
    for member in current.members.filter(is_open=True).select_related("mentee__person"):
        require_consent(person=member.mentee.person, day=day)
    current.status = Pair.Status.ACTIVE
    current.version += 1
    current.save(update_fields=["status", "version", "updated_at"])
    record_event(pair=current, kind=PairEvent.Kind.ORDERED, day=day, text=text, user=user)


def _end(pair: Pair, *, status: str, end_date: date, leave_reason: str = "") -> list[PairMember]:
    """Close the pair and everyone still in it; returns those members."""
    open_members = list(pair.members.filter(is_open=True).select_related("mentee"))
    pair.status = status
    pair.end_date = end_date
    pair.version += 1
    pair.save()
    PairMember.objects.filter(pk__in=[m.pk for m in open_members]).update(
        is_open=False, left_on=end_date, leave_reason=leave_reason
    )
    _close_requests((m.pk for m in open_members), end_date)
    return open_members


@transaction.atomic
def complete_pair(*, pair: Pair, end_date: date, results: str, user) -> Pair:
    current = _locked(pair)
    ensure_pair_active(current)
    _check_end_date(current, end_date)
    if not results.strip():
        raise ValidationError({"results": "Опишите результаты работы пары."})
    current.results = results.strip()
    open_members = _end(current, status=Pair.Status.COMPLETED, end_date=end_date)
    results = {r.member_id: r for r in MemberResult.objects.filter(member__in=open_members)}
    for member in open_members:
        mentee = member.mentee
        mentee.status = Mentee.Status.COMPLETED
        mentee.completion_date = end_date
        own = result_text(results.get(member.pk), current.results)
        mentee.results = "\n".join(filter(None, [mentee.results, own]))
        mentee.version += 1
        mentee.save(update_fields=["status", "completion_date", "results", "version", "updated_at"])
    record_event(pair=current, kind=PairEvent.Kind.COMPLETED, day=end_date, text=current.results, user=user)
    return current


@transaction.atomic
def terminate_pair(*, pair: Pair, end_date: date, reason: str, user) -> Pair:
    current = _locked(pair)
    ensure_pair_active(current)
    _check_end_date(current, end_date)
    if not reason.strip():
        raise ValidationError({"reason": "Укажите причину прекращения."})
    current.end_reason = reason.strip()
    open_members = _end(
        current, status=Pair.Status.TERMINATED, end_date=end_date, leave_reason=current.end_reason
    )
    back_to_waiting(m.mentee_id for m in open_members)
    record_event(
        pair=current, kind=PairEvent.Kind.TERMINATED, day=end_date, text=current.end_reason, user=user
    )
    return current


@transaction.atomic
def release_member(*, member: PairMember, day: date, reason: str, user) -> Pair:
    """A mentee leaves an active pair or group (e.g. an approved replacement). A pair — or a group left
    without mentees — is terminated; a group with others in it goes on."""
    current = _locked(member.pair)
    member = PairMember.objects.select_for_update().get(pk=member.pk)
    member.pair = current
    ensure_member_in_pair(member)
    others = current.members.filter(is_open=True).exclude(pk=member.pk).exists()
    if not others:
        return terminate_pair(pair=current, end_date=day, reason=reason, user=user)
    _check_end_date(current, day)
    if not reason.strip():
        raise ValidationError({"reason": "Укажите причину выхода."})
    member.is_open = False
    member.left_on = day
    member.leave_reason = reason.strip()
    member.save(update_fields=["is_open", "left_on", "leave_reason"])
    _close_requests([member.pk], day)
    back_to_waiting([member.mentee_id])
    record_event(
        pair=current,
        kind=PairEvent.Kind.MEMBER_LEFT,
        day=day,
        text=member.leave_reason,
        user=user,
        member=member,
    )
    return current


WITHDRAWAL_REASON = "Отзыв согласия на обработку персональных данных"


@transaction.atomic
def end_for_withdrawal(*, person, day: date, user) -> None:
    """A withdrawn consent stops the person's work: the active pairs they mentor end, and they leave
    the active pairs they are mentored in. Drafts stay as drafts: no order fixes them without consent."""
    for pair in Pair.objects.filter(mentor__person=person, status=Pair.Status.ACTIVE):
        terminate_pair(pair=pair, end_date=_ending_day(pair, day), reason=WITHDRAWAL_REASON, user=user)
    members = PairMember.objects.filter(mentee__person=person, is_open=True, pair__status=Pair.Status.ACTIVE)
    for member in members.select_related("pair__programme"):
        release_member(member=member, day=_ending_day(member.pair, day), reason=WITHDRAWAL_REASON, user=user)


def _ending_day(pair: Pair, day: date) -> date:
    # A withdrawal recorded late may predate the pair; the pair cannot end before it began.
    return min(max(day, pair.start_date), pair.programme.end_date)
