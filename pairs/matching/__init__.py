"""Match suggestions and «подобрать пары» (the optimal assignment of a programme's waiting mentees).

- ``candidates``: what the matching needs, in a fixed number of queries, and the hard rules per pair;
- ``scoring``: the points and reasons of a pair (and of all pairs at once);
- ``assignment``: the optimal assignment and the draft a curator accepts.
"""

from __future__ import annotations

from mentoring.models import Programme
from pairs.matching.assignment import MatchPlan, plan_matches
from pairs.matching.candidates import load_pool


def match_programme(programme: Programme) -> MatchPlan:
    """«Подобрать пары» end to end: load, score, assign."""
    return plan_matches(load_pool(programme))


__all__ = ["match_programme"]
