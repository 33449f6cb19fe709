"""«Подобрать пары»: the assignment is the optimum — most mentees paired, then the highest total score."""

from __future__ import annotations

import random

import numpy as np
import pytest

from pairs.matching.assignment import greedy_assignment, optimal_assignment


def exhaustive(points: np.ndarray, feasible: np.ndarray, free: list[int]) -> tuple[int, int]:
    """(paired, total) of the best assignment, by trying every one that respects the capacities."""
    n, m = points.shape
    best = (0, 0)
    left = list(free)

    def walk(i: int, paired: int, total: int) -> None:
        nonlocal best
        if i == n:
            best = max(best, (paired, total))
            return
        walk(i + 1, paired, total)  # this mentee stays without a mentor
        for j in range(m):
            if feasible[i, j] and left[j] > 0:
                left[j] -= 1
                walk(i + 1, paired + 1, total + int(points[i, j]))
                left[j] += 1

    walk(0, 0, 0)
    return best


def random_instance(rng: random.Random):
    n, m = rng.randint(2, 6), rng.randint(1, 4)
    points = np.array([[rng.randint(0, 20) for _ in range(m)] for _ in range(n)])
    share = rng.choice((0.3, 0.6, 0.9))
    feasible = np.array([[rng.random() < share for _ in range(m)] for _ in range(n)])
    free = [rng.randint(1, 3) for _ in range(m)]
    return points, feasible, free


def check_respected(points, feasible, free, result) -> None:
    mentees = [i for i, _ in result.pairs]
    assert len(mentees) == len(set(mentees)), "a mentee got two mentors"
    for j, places in enumerate(free):
        assert sum(1 for _, col in result.pairs if col == j) <= places, "a mentor got more than their places"
    assert all(feasible[i, j] for i, j in result.pairs), "a forbidden pair was returned"
    assert result.total == sum(int(points[i, j]) for i, j in result.pairs)


@pytest.mark.parametrize("seed", range(60))
def test_it_finds_the_same_optimum_as_trying_every_assignment(seed):
    points, feasible, free = random_instance(random.Random(seed))

    result = optimal_assignment(points, feasible, free)

    check_respected(points, feasible, free, result)
    assert (result.paired, result.total) == exhaustive(points, feasible, free)


def test_it_pairs_a_child_the_greedy_pick_leaves_without_a_mentor():
    # Аня suits both mentors, Борис only the first. The best single pair (Аня with the first, 10 points)
    # leaves Борис alone; the optimum gives Аня the second mentor.
    points = np.array([[10, 9], [8, 0]])
    feasible = np.array([[True, True], [True, False]])

    greedy = greedy_assignment(points, feasible, [1, 1])
    best = optimal_assignment(points, feasible, [1, 1])

    assert (greedy.paired, greedy.total) == (1, 10)
    assert (best.paired, best.total) == (2, 17)
    assert best.pairs == [(0, 1), (1, 0)]


def test_it_beats_the_greedy_total_when_everybody_is_paired_either_way():
    points = np.array([[10, 8], [9, 1]])
    feasible = np.ones((2, 2), dtype=bool)

    greedy = greedy_assignment(points, feasible, [1, 1])
    best = optimal_assignment(points, feasible, [1, 1])

    assert (greedy.paired, greedy.total) == (2, 11)
    assert (best.paired, best.total) == (2, 17)


def test_it_prefers_one_more_pair_to_a_higher_score():
    # A mutual choice worth 40 points would take the only mentor the second child may have.
    points = np.array([[40, 0], [1, 0]])
    feasible = np.array([[True, True], [True, False]])

    best = optimal_assignment(points, feasible, [1, 1])

    assert (best.paired, best.total) == (2, 1)
    assert best.pairs == [(0, 1), (1, 0)]


def test_it_fills_a_mentor_up_to_the_free_places_and_not_beyond():
    points = np.full((5, 2), 5)
    feasible = np.ones((5, 2), dtype=bool)

    best = optimal_assignment(points, feasible, [3, 1])

    assert best.paired == 4
    assert sorted(j for _, j in best.pairs) == [0, 0, 0, 1]


def test_it_pairs_nobody_when_no_pair_is_allowed_or_nobody_has_a_place():
    points = np.array([[5, 7], [3, 2]])

    assert optimal_assignment(points, np.zeros((2, 2), dtype=bool), [2, 2]).pairs == []
    assert optimal_assignment(points, np.ones((2, 2), dtype=bool), [0, 0]).pairs == []
    assert optimal_assignment(np.zeros((0, 2)), np.zeros((0, 2), dtype=bool), [1, 1]).paired == 0


def test_it_refuses_matrices_that_do_not_match():
    with pytest.raises(ValueError):
        optimal_assignment(np.zeros((2, 3)), np.ones((2, 2), dtype=bool), [1, 1])
    with pytest.raises(ValueError):
        optimal_assignment(np.array([[-1]]), np.array([[True]]), [1])
