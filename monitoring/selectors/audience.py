"""Who a campaign asks: the mentors or mentees of the programme's pairs in the chosen forms (or chosen
pairs), or the organisation's curators; and which of them must stay out for want of a valid consent."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import F, Q

from mentoring.models import MentoringForm, Programme, RoleVariant, User
from mentoring.roles import Role
from monitoring.models import Campaign, Respondent
from pairs.models import Pair, PairMember
from participants.models import Person
from participants.selectors.consents import with_consent_flag


@dataclass(frozen=True)
class Candidate:
    respondent: str
    person: Person | None
    user: User | None
    pair: Pair | None
    form: MentoringForm | None
    variant: RoleVariant | None
    has_consent: bool

    @property
    def name(self) -> str:
        return self.person.full_name if self.person else self.user.get_full_name()


def pair_statuses(phase: str) -> tuple[str, ...]:
    """Working pairs; at the exit a pair that has just completed is still asked."""
    if phase == Campaign.Phase.EXIT:
        return (Pair.Status.ACTIVE, Pair.Status.COMPLETED)
    return (Pair.Status.ACTIVE,)


def candidates(
    *,
    programme: Programme,
    respondent: str,
    forms: Iterable[MentoringForm],
    pairs: Iterable[Pair] = (),
    phase: str = "",
    day: date,
) -> list[Candidate]:
    if respondent == Respondent.CURATOR:
        return _curators(programme)
    chosen = Pair.objects.filter(
        programme=programme, status__in=pair_statuses(phase), form__in=[f.pk for f in forms]
    )
    pair_ids = [p.pk for p in pairs]
    if pair_ids:
        chosen = chosen.filter(pk__in=pair_ids)
    if respondent == Respondent.MENTOR:
        return _mentors(chosen, day)
    return _mentees(chosen, day)


def _mentors(pairs, day: date) -> list[Candidate]:
    rows = with_consent_flag(
        pairs.select_related("mentor__person__user", "form", "variant"),
        day=day,
        person_path="mentor__person_id",
    ).order_by("form__order", "start_date", "pk")
    found: dict[int, Candidate] = {}
    for pair in rows:
        person = pair.mentor.person
        found.setdefault(
            person.pk,
            Candidate(
                Respondent.MENTOR, person, person.user, pair, pair.form, pair.variant, pair.has_consent
            ),
        )
    return sorted(found.values(), key=lambda c: c.name)


def _mentees(pairs, day: date) -> list[Candidate]:
    members = with_consent_flag(
        # Members still in a working pair, or in a completed one up to its end.
        PairMember.objects.filter(pair__in=pairs)
        .filter(
            Q(pair__status=Pair.Status.ACTIVE, is_open=True)
            | Q(pair__status=Pair.Status.COMPLETED, left_on=F("pair__end_date"))
        )
        .select_related("mentee__person__user", "pair__form", "pair__variant"),
        day=day,
        person_path="mentee__person_id",
    ).order_by("joined_on", "pk")
    found: dict[int, Candidate] = {}
    for member in members:  # the latest membership wins
        person = member.mentee.person
        pair = member.pair
        found[person.pk] = Candidate(
            Respondent.MENTEE, person, person.user, pair, pair.form, pair.variant, member.has_consent
        )
    return sorted(found.values(), key=lambda c: c.name)


def _curators(programme: Programme) -> list[Candidate]:
    # The curator answers about the programme's conditions, not about themselves: no consent asked.
    users = User.objects.filter(
        memberships__organisation=programme.organisation_id, memberships__role=Role.CURATOR
    ).distinct()
    return [Candidate(Respondent.CURATOR, None, user, None, None, None, True) for user in users]
