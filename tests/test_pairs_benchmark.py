"""`manage.py benchmark`: the pairs' figures — «подобрать пары» timed, its optimum against the greedy pick."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command

from mentoring.benchmarking import Bench
from pairs import benchmarks
from pairs.models import Pair
from participants.models import Mentee

LINE = re.compile(r"^(?P<name>[a-z0-9_]+): (?P<value>-?\d+(?:\.\d+)?) (?P<unit>\S+)$")


def figures_of(text: str) -> dict[str, tuple[float, str]]:
    figures = {}
    for line in text.splitlines():
        match = LINE.match(line)
        if match:
            figures[match["name"]] = (float(match["value"]), match["unit"])
    return figures


@pytest.mark.django_db
def test_it_prints_the_matching_figures_of_a_smaller_school():
    out = StringIO()
    # --mentees sizes the pairs' school too: 60 mentees → 18 mentors, 18 pairs accepted.
    call_command(
        "benchmark", "--people", "100", "--mentees", "60", "--runs", "1", "--in-test-database", stdout=out
    )
    figures = figures_of(out.getvalue())

    expected = {
        "build_matching_school": "s",
        "match_60x18": "s",
        "match_mentees": "mentees",
        "match_paired": "pairs",
        "match_total_score": "points",
        "match_greedy_paired": "pairs",
        "match_greedy_total_score": "points",
        "match_draft_server_time": "ms",
        "match_draft_queries": "queries",
        "accept_18_pairs": "s",
        "pairs_formed": "pairs",
        "pair_list_server_time": "ms",
    }
    for name, unit in expected.items():
        assert name in figures, name
        assert figures[name][1] == unit, name
    assert figures["match_mentees"][0] == 60
    assert figures["pairs_formed"][0] == 18
    assert 0 < figures["match_paired"][0] <= 60
    # The optimum never pairs fewer mentees than the greedy pick, nor scores less for as many.
    paired, greedy_paired = figures["match_paired"][0], figures["match_greedy_paired"][0]
    assert paired > greedy_paired or (
        paired == greedy_paired and figures["match_total_score"][0] >= figures["match_greedy_total_score"][0]
    )
    assert "оптимальность подбора проверяется полным перебором" in out.getvalue()
    assert not Pair.objects.exists()  # everything was rolled back


@pytest.mark.django_db
def test_it_leaves_a_matched_school_with_draft_pairs_for_the_order_pdf():
    organisation, programme, curator, director, pairs = benchmarks.build_matched_school(
        mentees=40, mentors=12, accept=10
    )

    assert len(pairs) == 10
    assert all(p.status == Pair.Status.DRAFT and p.programme == programme for p in pairs)
    assert programme.organisation == organisation and programme.is_current
    assert curator.memberships.get().role == "curator" and director.memberships.get().role == "director"
    waiting = Mentee.objects.filter(programme=programme, status=Mentee.Status.WAITING).count()
    assert waiting == 30


def test_it_scales_the_school_down_with_the_mentees_option():
    assert benchmarks.sizes(Bench(stdout=StringIO(), options={"mentees": 3000})) == (1000, 300, 300)
    assert benchmarks.sizes(Bench(stdout=StringIO(), options={"mentees": 120})) == (120, 36, 36)
