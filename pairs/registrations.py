"""What the pairs app adds to the core's menus and home pages, and what it tells participants."""

from __future__ import annotations

from collections.abc import Iterable

from pairs.models import Pair, PairMember
from participants import hooks
from participants.hooks import MentoringFacts, PairingFacts


def _mentored_people(user):
    return PairMember.objects.filter(pair__mentor__person__user=user, is_open=True).values(
        "mentee__person_id"
    )


def _mentee_pairings(mentee_ids: Iterable[int]) -> dict[int, PairingFacts]:
    members = (
        PairMember.objects.filter(mentee_id__in=list(mentee_ids))
        .select_related("pair__mentor__person", "pair__form", "pair__programme__organisation")
        .order_by("joined_on", "pk")
    )
    facts: dict[int, PairingFacts] = {}
    for member in members:  # the latest pair wins
        pair = member.pair
        facts[member.mentee_id] = PairingFacts(
            mentor_name=pair.mentor.person.full_name,
            mentor_workplace=pair.mentor.person.employer or pair.programme.organisation.short_name,
            form=pair.form.name,
            start_date=member.joined_on,
            end_date=member.left_on or pair.planned_end_date,
        )
    return facts


def _mentor_pairings(mentor_ids: Iterable[int]) -> dict[int, MentoringFacts]:
    pairs = (
        Pair.objects.filter(mentor_id__in=list(mentor_ids), status__in=Pair.OPEN_STATUSES)
        .select_related("form")
        .prefetch_related("members__mentee__person")
        .order_by("start_date", "pk")
    )
    grouped: dict[int, list[Pair]] = {}
    for pair in pairs:
        grouped.setdefault(pair.mentor_id, []).append(pair)
    facts: dict[int, MentoringFacts] = {}
    for mentor_id, own in grouped.items():
        names = [m.mentee.person.full_name for pair in own for m in pair.members.all() if m.is_open]
        facts[mentor_id] = MentoringFacts(
            mentee_names=", ".join(names),
            form=", ".join(sorted({pair.form.name for pair in own})),
            start_date=min(pair.start_date for pair in own),
            end_date=max(pair.planned_end_date for pair in own),
        )
    return facts


hooks.register_mentor_people(_mentored_people)
hooks.register_mentee_pairings(_mentee_pairings)
hooks.register_mentor_pairings(_mentor_pairings)
