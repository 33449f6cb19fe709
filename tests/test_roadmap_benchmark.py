"""`manage.py benchmark`: the roadmap's figures over a whole school."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management.base import OutputWrapper

from mentoring.benchmarking import Bench
from roadmap.benchmarks import run
from tests.test_pairs_benchmark import figures_of


def _figures(people: int, mentees: int) -> dict:
    out = StringIO()
    run(Bench(stdout=OutputWrapper(out), options={"people": people, "mentees": mentees}, runs=1))
    return figures_of(out.getvalue())


@pytest.mark.django_db
def test_it_prints_the_roadmap_figures_and_counts_kpis_in_the_same_queries_at_any_size():
    small, large = _figures(300, 20), _figures(1200, 80)
    assert small["roadmap_people"][0] >= 300 and large["roadmap_people"][0] >= 1200
    assert large["roadmap_pairs"][0] > small["roadmap_pairs"][0]
    for page in ("roadmap_dashboard", "roadmap_passport", "roadmap_page"):
        assert small[f"{page}_server_time"][1] == "ms"
        # The KPIs are aggregate queries: four times the school, the same number of queries.
        assert small[f"{page}_queries"][0] == large[f"{page}_queries"][0], page
    assert large["roadmap_passport_pdf_size"][1] == "KB" and large["roadmap_pdf_time"][1] == "s"
