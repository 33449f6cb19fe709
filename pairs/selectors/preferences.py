"""Reads of the preferences recorded after the common meeting of mentors and mentees."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from mentoring.models import Programme
from pairs.models import Preference
from participants.models import Mentee, Mentor
from participants.selectors.consents import with_consent_flag


def preference_ranks(programme: Programme) -> dict[tuple[int, int], tuple[int | None, int | None]]:
    """(mentee_id, mentor_id) → (the place the mentee gave the mentor, the place the mentor gave the
    mentee); ``None`` where that side did not choose. One query; the matching's score reads it."""
    ranks: dict[tuple[int, int], tuple[int | None, int | None]] = {}
    rows = Preference.objects.filter(programme=programme).values_list(
        "mentee_id", "mentor_id", "side", "rank"
    )
    for mentee_id, mentor_id, side, rank in rows:
        by_mentee, by_mentor = ranks.get((mentee_id, mentor_id), (None, None))
        if side == Preference.Side.MENTEE:
            by_mentee = rank
        else:
            by_mentor = rank
        ranks[(mentee_id, mentor_id)] = (by_mentee, by_mentor)
    return ranks


@dataclass
class Choice:
    """One place in a participant's list; ``mutual`` when the counterpart named them too."""

    rank: int
    counterpart: Mentor | Mentee
    mutual: bool


@dataclass
class ChooserRow:
    chooser: Mentee | Mentor
    has_consent: bool
    choices: list[Choice] = field(default_factory=list)


@dataclass
class PreferenceTable:
    mentees: list[ChooserRow]
    mentors: list[ChooserRow]
    mutual_count: int


def preference_table(programme: Programme) -> PreferenceTable:
    """The curator's table: every mentee waiting for a pair and every ready mentor (and anyone who
    chose or was chosen), with their choices in order and the mutual ones marked. Three queries."""
    preferences = list(
        Preference.objects.filter(programme=programme)
        .select_related("mentee__person", "mentor__person")
        .order_by("rank", "pk")
    )
    by_mentee = {(p.mentee_id, p.mentor_id) for p in preferences if p.side == Preference.Side.MENTEE}
    by_mentor = {(p.mentee_id, p.mentor_id) for p in preferences if p.side == Preference.Side.MENTOR}
    mutual = by_mentee & by_mentor
    mentees = with_consent_flag(
        Mentee.objects.filter(programme=programme)
        .filter(Q(status=Mentee.Status.WAITING) | Q(pk__in={p.mentee_id for p in preferences}))
        .select_related("person"),
        person_path="person",
    )
    mentors = with_consent_flag(
        Mentor.objects.filter(organisation_id=programme.organisation_id)
        .filter(Q(stage=Mentor.Stage.READY) | Q(pk__in={p.mentor_id for p in preferences}))
        .select_related("person"),
        person_path="person",
    )
    mentee_rows = {m.pk: ChooserRow(chooser=m, has_consent=m.has_consent) for m in mentees}
    mentor_rows = {m.pk: ChooserRow(chooser=m, has_consent=m.has_consent) for m in mentors}
    for p in preferences:
        key = (p.mentee_id, p.mentor_id)
        if p.side == Preference.Side.MENTEE and p.mentee_id in mentee_rows:
            mentee_rows[p.mentee_id].choices.append(Choice(p.rank, p.mentor, key in mutual))
        elif p.side == Preference.Side.MENTOR and p.mentor_id in mentor_rows:
            mentor_rows[p.mentor_id].choices.append(Choice(p.rank, p.mentee, key in mutual))
    return PreferenceTable(
        mentees=list(mentee_rows.values()), mentors=list(mentor_rows.values()), mutual_count=len(mutual)
    )


def chosen_ids(programme: Programme, *, side: str, chooser: Mentee | Mentor) -> list[int]:
    """The ids of the counterparts the chooser named, in their order."""
    own = Preference.objects.filter(programme=programme, side=side).order_by("rank")
    if side == Preference.Side.MENTEE:
        return list(own.filter(mentee=chooser).values_list("mentor_id", flat=True))
    return list(own.filter(mentor=chooser).values_list("mentee_id", flat=True))


def mentor_options(programme: Programme) -> QuerySet:
    """Whom a mentee may name: ready mentors of the organisation with a valid consent."""
    mentors = Mentor.objects.filter(organisation_id=programme.organisation_id, stage=Mentor.Stage.READY)
    return with_consent_flag(mentors.select_related("person"), person_path="person").filter(has_consent=True)


def mentee_options(programme: Programme) -> QuerySet:
    """Whom a mentor may name: mentees of the programme waiting for a pair, with a valid consent."""
    mentees = Mentee.objects.filter(programme=programme, status=Mentee.Status.WAITING)
    return with_consent_flag(mentees.select_related("person"), person_path="person").filter(has_consent=True)
