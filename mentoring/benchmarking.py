"""The benchmark framework behind `manage.py benchmark`.

Each of our apps may have a module `benchmarks` with a function `run(bench)`; they are called in
INSTALLED_APPS order (the core never names a feature app: it finds them the way load_demo finds
their `demo` modules). A module builds the data it needs and measures with `bench`:

    with bench.timer("export_mentee_base"):       # → «export_mentee_base: 1.23 s»
        ...
    bench.record("export_mentee_base_rows", 3000, "rows")
    bench.page("mentee_list", "mentee_list", user=curator)
        # → «mentee_list_server_time: 85 ms» and «mentee_list_queries: 9 queries»

Every figure is printed as one line `name: value unit`, so that a script can read it.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TextIO

from django.conf import settings
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import NoReverseMatch, reverse

from mentoring.discovery import app_functions

# The test client's host name: a benchmark run is not a test run, so ALLOWED_HOSTS lacks it.
CLIENT_HOST = "testserver"
WARM_RUNS = 5

Runner = Callable[["Bench"], None]


class BenchmarkError(Exception):
    """A measured page did not answer as it should (not 200): its figures would mean nothing."""


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str

    def line(self) -> str:
        return f"{self.name}: {format_value(self.value)} {self.unit}"


@dataclass
class Bench:
    stdout: TextIO
    # The command's options that sizes the data: {"people": 5000, "mentees": 3000, …}.
    options: dict[str, Any] = field(default_factory=dict)
    runs: int = WARM_RUNS
    figures: list[Figure] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def record(self, name: str, value: float, unit: str) -> Figure:
        figure = Figure(name, value, unit)
        self.figures.append(figure)
        self.stdout.write(figure.line())
        return figure

    def note(self, text: str) -> None:
        """A line for the reader that is not a figure."""
        self.stdout.write(f"# {text}")

    def skip(self, name: str, reason: str) -> None:
        self.skipped.append(name)
        self.stdout.write(f"{name}: skipped ({reason})")

    @contextmanager
    def timer(self, name: str, unit: str = "s") -> Iterator[None]:
        """Time the block: seconds (unit "s") or milliseconds ("ms")."""
        started = time.perf_counter()
        yield
        elapsed = time.perf_counter() - started
        self.record(name, elapsed * 1000 if unit == "ms" else elapsed, unit)

    def page(
        self,
        name: str,
        url_name: str,
        *,
        user,
        args: tuple = (),
        kwargs: dict | None = None,
        query: str = "",
    ) -> tuple[Figure, Figure] | None:
        """GET the page as `user`: the median server time of warm runs and the number of queries.

        A URL name that does not resolve (the page is not built yet) is skipped with a printed line."""
        try:
            url = reverse(url_name, args=args, kwargs=kwargs)
        except NoReverseMatch:
            self.skip(name, f"адрес «{url_name}» не найден")
            return None
        if query:
            url = f"{url}?{query}"
        client = Client()
        client.force_login(user)
        with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, CLIENT_HOST]):
            self._get(client, url)  # the first run fills caches and compiles templates
            # The log keeps at most 9,000 queries: once the build has filled it, a count would read 0.
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                self._get(client, url)
            # Now: the captured list is read from the log, which the next request clears.
            query_count = len(queries)
            times = []
            for _ in range(self.runs):
                started = time.perf_counter()
                self._get(client, url)
                times.append(time.perf_counter() - started)
        return (
            self.record(f"{name}_server_time", statistics.median(times) * 1000, "ms"),
            self.record(f"{name}_queries", query_count, "queries"),
        )

    @staticmethod
    def _get(client: Client, url: str):
        response = client.get(url, secure=True)
        if response.status_code != 200:
            raise BenchmarkError(f"GET {url} ответил {response.status_code}, а не 200")
        return response


def format_value(value: float) -> str:
    """A dot as the decimal sign (the lines are read by scripts); as many digits as make sense."""
    if isinstance(value, int) or float(value).is_integer() and abs(value) >= 100:
        return str(int(value))
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def benchmark_modules() -> Iterator[tuple[str, Runner]]:
    """(module name, its `run`) of every app of ours that has a `benchmarks` module, in INSTALLED_APPS order."""
    return app_functions("benchmarks", "run", BenchmarkError)


def run_benchmarks(bench: Bench) -> Bench:
    for _, run in benchmark_modules():
        run(bench)
    return bench


def create_bench_school(
    *, name: str, short_name: str, programme_name: str, school_year: int, head_name: str = ""
):
    """A synthetic school of the benchmark district with a running programme of the three school forms,
    the current one; each app's benchmark builds its own on top of it."""
    from mentoring import services
    from mentoring.models import MentoringForm, Municipality, Organisation, Programme

    district, _ = Municipality.objects.get_or_create(name="Нагрузочный район")
    organisation = Organisation.objects.create(
        municipality=district, name=name, short_name=short_name, head_name=head_name
    )
    programme = services.create_programme(
        organisation=organisation,
        name=programme_name,
        start_date=date(school_year, 9, 1),
        end_date=date(school_year + 1, 5, 31),
        forms=MentoringForm.objects.filter(
            code__in=["student-student", "teacher-teacher", "teacher-student"]
        ),
        status=Programme.Status.RUNNING,
        make_current=True,
    )
    return organisation, programme
