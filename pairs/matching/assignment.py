"""«Подобрать пары»: the optimal assignment of the waiting mentees to the ready mentors.

The objective, lexicographic:

1. pair as many mentees as the hard rules and the mentors' free places allow;
2. among the assignments that pair that many, take one with the largest total score.

A curator wants every child paired first: a plan that leaves a child without a mentor so that two other
pairs score a little higher is worse for the programme, whatever its total. The order is folded into one
weight per feasible pair, ``score + M`` with ``M = n · max_score + 1`` (n mentees): the total scores of
any two assignments differ by at most ``n · max_score < M``, so one more pair always outweighs any
difference in score, and among equal numbers of pairs the weights compare as the scores do.

The assignment itself is ``scipy.optimize.linear_sum_assignment`` (maximising) over a matrix of mentees ×
mentor slots, each mentor repeated once per free place (never more often than there are mentees who may go
to them). A forbidden pair weighs 0 and is dropped from the result; a feasible one weighs at least ``M > 0``.
This is exact — unlike taking the best pair first (``greedy_assignment``, kept only for comparison in the
tests and the benchmark), which can both pair fewer mentees and score less.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from mentoring.models import MentoringForm
from mentoring.plural import plural_ru
from pairs.matching.candidates import Feasibility, MenteeFacts, MentorFacts, Pool, feasibility
from pairs.matching.scoring import score, score_matrix


@dataclass(frozen=True)
class Assignment:
    """(row, column) pairs of a points matrix, the total of their points and how many there are."""

    pairs: list[tuple[int, int]]
    total: int

    @property
    def paired(self) -> int:
        return len(self.pairs)

    @classmethod
    def of(cls, points: np.ndarray, pairs: list[tuple[int, int]]) -> Assignment:
        return cls(pairs=pairs, total=int(sum(points[i, j] for i, j in pairs)))


def _check(points: np.ndarray, feasible: np.ndarray, free: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    points = np.asarray(points, dtype=np.int64)
    feasible = np.asarray(feasible, dtype=bool)
    free_places = np.clip(np.asarray(free, dtype=np.int64).reshape(-1), 0, None)
    if points.shape != feasible.shape or points.ndim != 2 or free_places.shape[0] != points.shape[1]:
        raise ValueError("points and feasible must be mentees × mentors, free one number a mentor")
    if (points[feasible] < 0).any():
        raise ValueError("the points of a feasible pair must not be negative")
    return points, free_places


def optimal_assignment(points: np.ndarray, feasible: np.ndarray, free: Sequence[int]) -> Assignment:
    """The most mentees paired, then the largest total of ``points`` (see the module's docstring).

    ``points`` and ``feasible`` are mentees × mentors; ``free`` is each mentor's number of free places."""
    points, free_places = _check(points, feasible, free)
    n = points.shape[0]
    # A mentor needs no more slots than the mentees who may go to them.
    slots = np.minimum(free_places, feasible.sum(axis=0))
    columns = np.repeat(np.arange(points.shape[1]), slots)
    if n == 0 or columns.size == 0:
        return Assignment(pairs=[], total=0)
    best = int(points[feasible].max()) if feasible.any() else 0
    big = n * best + 1
    weights = np.where(feasible, points + big, 0)[:, columns].astype(np.float64)
    rows, chosen = linear_sum_assignment(weights, maximize=True)
    kept = weights[rows, chosen] > 0
    pairs = sorted((int(i), int(columns[k])) for i, k in zip(rows[kept], chosen[kept], strict=True))
    return Assignment.of(points, pairs)


def greedy_assignment(points: np.ndarray, feasible: np.ndarray, free: Sequence[int]) -> Assignment:
    """The best remaining pair first, until none is left — for comparison only: it is not optimal."""
    points, free_places = _check(points, feasible, free)
    left = free_places.copy()
    taken = np.zeros(points.shape[0], dtype=bool)
    rows, columns = np.nonzero(feasible)
    order = np.lexsort((columns, rows, -points[rows, columns]))
    pairs = []
    for k in order:
        i, j = int(rows[k]), int(columns[k])
        if not taken[i] and left[j] > 0:
            taken[i] = True
            left[j] -= 1
            pairs.append((i, j))
    pairs.sort()
    return Assignment.of(points, pairs)


# --- the programme's draft -----------------------------------------------------------------------------


@dataclass(eq=False)
class DraftRow:
    mentee: MenteeFacts
    mentor: MentorFacts
    form: MentoringForm
    points: int
    reasons: list[str]

    @property
    def value(self) -> str:
        """What the page posts back for this row: «mentee_id:mentor_id:form_id»."""
        return f"{self.mentee.pk}:{self.mentor.pk}:{self.form.pk}"


@dataclass(eq=False)
class Unpaired:
    mentee: MenteeFacts
    why: str


@dataclass(eq=False)
class MatchProblem:
    """The matrices of one programme: waiting mentees with a consent × available mentors."""

    pool: Pool
    mentees: list[MenteeFacts]
    mentors: list[MentorFacts]
    points: np.ndarray
    rules: Feasibility

    @property
    def free(self) -> list[int]:
        return [m.free for m in self.mentors]

    def optimal(self) -> Assignment:
        return optimal_assignment(self.points, self.rules.feasible, self.free)

    def greedy(self) -> Assignment:
        return greedy_assignment(self.points, self.rules.feasible, self.free)


@dataclass(eq=False)
class MatchPlan:
    rows: list[DraftRow]
    unpaired: list[Unpaired]
    total_score: int
    mentee_count: int
    mentors_with_room: int
    free_places: int

    @property
    def paired(self) -> int:
        return len(self.rows)


def build_problem(pool: Pool) -> MatchProblem:
    """Mentees with a valid consent × ready mentors with a valid consent (full ones included, so that a
    mentee can be told «подходящие наставники заняты»)."""
    mentees = [] if pool.programme_problem else [m for m in pool.mentees if pool.mentee_problem(m) is None]
    mentors = [m for m in pool.mentors if m.ready and m.has_consent]
    return MatchProblem(
        pool=pool,
        mentees=mentees,
        mentors=mentors,
        points=score_matrix(mentees, mentors, pool.ranks),
        rules=feasibility(pool, mentees, mentors),
    )


def _why_unpaired(problem: MatchProblem, row: int) -> str:
    fitting = int(problem.rules.fits[row].sum())
    with_room = int(problem.rules.feasible[row].sum())
    if fitting == 0:
        if not problem.mentors:
            return "нет готовых к работе наставников с действующим согласием"
        return (
            "нет подходящего наставника: ни одна форма программы не подходит ни к одному готовому наставнику"
        )
    if with_room == 0:
        mentors = plural_ru(fitting, "подходящего наставника,подходящих наставников,подходящих наставников")
        return f"нет подходящего наставника со свободным местом: у {fitting} {mentors} мест нет"
    mentors = plural_ru(with_room, "подходящего наставника,подходящих наставников,подходящих наставников")
    return f"мест не хватило: все места у {with_room} {mentors} достались другим наставляемым"


def plan_matches(pool: Pool, problem: MatchProblem | None = None) -> MatchPlan:
    """The optimal draft for the pool's programme, with the points and reasons of every row."""
    problem = problem or build_problem(pool)
    assignment = problem.optimal()
    rows = []
    for i, j in assignment.pairs:
        mentee, mentor = problem.mentees[i], problem.mentors[j]
        match = score(mentee, mentor, pool.ranks)
        rows.append(
            DraftRow(
                mentee=mentee,
                mentor=mentor,
                form=pool.forms[int(problem.rules.form_index[i, j])],
                points=match.points,
                reasons=match.reasons,
            )
        )
    paired_rows = {i for i, _ in assignment.pairs}
    programme_problem = pool.programme_problem
    unpaired = [
        Unpaired(mentee=m, why=why)
        for m in pool.mentees
        if (why := programme_problem or pool.mentee_problem(m))
    ]
    unpaired += [
        Unpaired(mentee=m, why=_why_unpaired(problem, i))
        for i, m in enumerate(problem.mentees)
        if i not in paired_rows
    ]
    order = {m.pk: k for k, m in enumerate(pool.mentees)}
    unpaired.sort(key=lambda u: order[u.mentee.pk])
    rows.sort(key=lambda r: order[r.mentee.pk])
    available = [m for m in problem.mentors if m.free > 0]
    return MatchPlan(
        rows=rows,
        unpaired=unpaired,
        total_score=sum(r.points for r in rows),
        mentee_count=len(pool.mentees),
        mentors_with_room=len(available),
        free_places=sum(m.free for m in available),
    )
