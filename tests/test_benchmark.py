"""`manage.py benchmark`: the figures it prints, and that the base lists stay bounded in queries."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection

from mentoring.benchmarking import benchmark_modules
from mentoring.discovery import is_our_app
from participants.models import Person

LINE = re.compile(r"^(?P<name>[a-z0-9_]+): (?P<value>-?\d+(?:\.\d+)?) (?P<unit>\S+)$")
PAGES = ("person_list", "mentee_list", "request_map", "mentor_list")


def benchmark(people: int, mentees: int) -> dict[str, tuple[float, str]]:
    out = StringIO()
    call_command(
        "benchmark",
        "--people",
        str(people),
        "--mentees",
        str(mentees),
        "--runs",
        "1",
        "--in-test-database",
        stdout=out,
    )
    text = out.getvalue()
    assert "skipped" not in text, text
    figures = {}
    for line in text.splitlines():
        match = LINE.match(line)
        if match:
            figures[match["name"]] = (float(match["value"]), match["unit"])
    return figures


@pytest.mark.django_db
def test_it_prints_every_figure_and_the_lists_take_as_many_queries_at_any_size():
    small = benchmark(300, 120)

    expected = {
        "cpu_count": "cpus",
        "build_school": "s",
        "people": "people",
        "mentees": "mentees",
        "mentors": "mentors",
        **{f"{page}_server_time": "ms" for page in PAGES},
        **{f"{page}_queries": "queries" for page in PAGES},
        "import_300_rows_preview": "s",
        "import_300_rows_confirm": "s",
        "import_300_rows_total": "s",
        "export_mentee_base": "s",
        "export_mentee_base_rows": "rows",
        "benchmark_total": "s",
    }
    for name, unit in expected.items():
        assert name in small, name
        assert small[name][1] == unit, name
    assert small["people"][0] == 300 and small["mentees"][0] == 120
    assert small["export_mentee_base_rows"][0] == 120
    assert all(small[f"{page}_server_time"][0] > 0 for page in PAGES)

    # Twice the school: the same number of queries on every list page.
    larger = benchmark(600, 240)
    assert larger["mentees"][0] == 240
    for page in PAGES:
        assert 0 < small[f"{page}_queries"][0] == larger[f"{page}_queries"][0], page
    # Everything was rolled back: the benchmark leaves no school behind.
    assert not Person.objects.exists()


def test_it_finds_the_benchmarks_of_our_apps_only():
    assert "participants.benchmarks" in [name for name, _ in benchmark_modules()]
    # Installed packages are not ours, even with the virtualenv inside the project's folder.
    assert is_our_app(apps.get_app_config("participants")) and is_our_app(apps.get_app_config("mentoring"))
    assert not is_our_app(apps.get_app_config("admin")) and not is_our_app(apps.get_app_config("axes"))


@pytest.mark.django_db
def test_it_refuses_to_run_in_a_database_that_is_not_a_test_one(monkeypatch):
    monkeypatch.setitem(connection.settings_dict, "NAME", "/srv/mentoring/db.sqlite3")
    with pytest.raises(CommandError, match="не похожа на тестовую"):
        call_command(
            "benchmark", "--people", "300", "--mentees", "120", "--in-test-database", stdout=StringIO()
        )
