"""Reads of the preferences recorded after the common meeting of mentors and mentees."""

from __future__ import annotations

from mentoring.models import Programme
from pairs.models import Preference


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
