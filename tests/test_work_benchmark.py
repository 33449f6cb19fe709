"""`manage.py benchmark`: the work of pairs — the curator's overview and the mentor's home under load."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from mentoring.benchmarking import Bench
from pairs.benchmarks_work import WorkSchool, work_sizes
from pairs.models import IndividualPlan, Meeting, Order, Pair, PlanRow
from pairs.selectors.work import FLAGS, flag_counts
from tests.test_pairs_benchmark import figures_of

# The overview's queries whatever the size of the school: a page of 50, the counts of every flag, the
# session and access lookups: 15, the same for 20 pairs as for 1,500 (`manage.py benchmark`).
OVERVIEW_QUERIES = 15


@pytest.mark.django_db
def test_it_prints_the_work_figures_of_a_smaller_school():
    out = StringIO()
    # --mentees 60 sizes the work school to 6 % of the full one: 90 pairs, 1,200 rows, 900 meetings.
    call_command(
        "benchmark", "--people", "100", "--mentees", "60", "--runs", "1", "--in-test-database", stdout=out
    )
    figures = figures_of(out.getvalue())

    expected = {
        "build_work_school": "s",
        "work_pairs": "pairs",
        "work_plan_rows": "rows",
        "work_meetings": "meetings",
        "work_overview_server_time": "ms",
        "work_overview_queries": "queries",
        "work_overview_overdue_server_time": "ms",
        "work_overview_overdue_queries": "queries",
        "mentor_desk_server_time": "ms",
        "mentor_desk_queries": "queries",
        **{f"work_flag_{flag.code}": "pairs" for flag in FLAGS},
    }
    for name, unit in expected.items():
        assert name in figures, name
        assert figures[name][1] == unit, name
    assert figures["work_pairs"][0] == 90
    assert figures["work_plan_rows"][0] == 1200
    assert figures["work_meetings"][0] == 900
    for flag in FLAGS:
        assert 0 < figures[f"work_flag_{flag.code}"][0] < 90, flag.code
    assert figures["work_overview_queries"][0] <= OVERVIEW_QUERIES
    assert not Pair.objects.exists()  # everything was rolled back


def test_it_scales_the_work_school_with_the_mentees_option():
    assert work_sizes(Bench(stdout=StringIO(), options={"mentees": 3000})) == (1500, 20000, 15000)
    assert work_sizes(Bench(stdout=StringIO(), options={"mentees": 200})) == (300, 4000, 3000)


@pytest.mark.django_db
def test_the_work_school_has_active_pairs_fixed_by_a_registered_order_and_every_flag():
    school = WorkSchool(pairs=40, plan_rows=400, meetings=300).build()

    pairs = Pair.objects.filter(programme=school.programme)
    assert pairs.count() == 40 and not pairs.exclude(status=Pair.Status.ACTIVE).exists()
    assert pairs.filter(kind=Pair.Kind.GROUP).exists()
    order = Order.objects.get(programme=school.programme)
    assert order.status == Order.Status.REGISTERED and order.items.count() == 40
    assert PlanRow.objects.filter(plan__member__pair__in=pairs).count() == 400
    assert Meeting.objects.filter(pair__in=pairs).count() == 300
    assert IndividualPlan.objects.filter(member__pair__in=pairs).exists()
    assert school.programme.is_current
    assert all(count > 0 for _, count in flag_counts(school.programme))
    held = Meeting.objects.filter(pair__in=pairs, status=Meeting.Status.HELD)
    assert held.filter(attendees__isnull=False).distinct().count() == held.count()
    assert held.filter(plan_rows__isnull=False).exists()


@pytest.mark.django_db
def test_the_overview_takes_the_same_queries_for_a_small_and_a_five_times_larger_school(
    client, django_assert_max_num_queries
):
    for pairs in (20, 100):
        school = WorkSchool(pairs=pairs, plan_rows=pairs * 12, meetings=pairs * 10).build()
        client.force_login(school.curator)
        with django_assert_max_num_queries(OVERVIEW_QUERIES):
            response = client.get(reverse("work_overview"))
        assert response.status_code == 200
        with django_assert_max_num_queries(OVERVIEW_QUERIES):
            response = client.get(reverse("work_overview"), {"flag": "no_meeting"})
        assert response.status_code == 200
        client.force_login(school.mentor_user)
        response = client.get(reverse("mentor_desk"))
        assert response.status_code == 200
