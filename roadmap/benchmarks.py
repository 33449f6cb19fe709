"""The roadmap under load, for `manage.py benchmark`.

On top of the work-of-pairs school (pairs/benchmarks_work.py: 1,500 active pairs and groups, their
plans and meetings) the organisation is filled up to the run's number of people (5,000 by default) with
students — a third of them in clubs and sections — so that the KPIs count over a whole school. Then
it measures the director's dashboard, the passport with its live KPI table and the roadmap page
(server time, queries), and prints the passport and the roadmap as PDFs. The KPIs are aggregate
queries: the counts stay the same at any size (tests/test_roadmap_benchmark.py)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from mentoring.benchmarking import CLIENT_HOST, Bench, BenchmarkError
from pairs.benchmarks import BATCH
from pairs.benchmarks_work import WorkSchool, work_sizes
from participants.models import Person

FULL_PEOPLE = 5000


def people_for(bench: Bench) -> int:
    return max(50, int(bench.options.get("people", FULL_PEOPLE)))


def _fill_up(school: WorkSchool, people: int) -> None:
    have = Person.objects.filter(organisation=school.organisation).count()
    missing = max(0, people - have)
    Person.objects.bulk_create(
        (
            Person(
                organisation=school.organisation,
                kind=Person.Kind.STUDENT,
                last_name=f"Учащийся{n}",
                first_name="Пётр",
                birth_date=date(school.school_year - 7 - n % 10, 1 + n % 12, 1 + n % 28),
                grade=1 + n % 11,
                class_letter="АБВГ"[n % 4],
                in_additional_education=n % 3 == 0,
            )
            for n in range(missing)
        ),
        batch_size=BATCH,
    )


def run(bench: Bench) -> None:
    pairs, rows, meetings = work_sizes(bench)
    with bench.timer("build_roadmap_school"):
        school = WorkSchool(pairs=pairs, plan_rows=rows, meetings=meetings).build()
        _fill_up(school, people_for(bench))
    bench.record("roadmap_people", Person.objects.filter(organisation=school.organisation).count(), "people")
    bench.record("roadmap_pairs", school.programme.pairs.count(), "pairs")
    bench.page("roadmap_dashboard", "director_dashboard", user=school.director)
    bench.page("roadmap_passport", "passport", user=school.curator)
    bench.page("roadmap_page", "roadmap", user=school.curator)
    for name, url_name in (("roadmap_passport_pdf", "passport_pdf"), ("roadmap_pdf", "roadmap_pdf")):
        client = Client()
        client.force_login(school.curator)
        with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, CLIENT_HOST]):
            with bench.timer(f"{name}_time"):
                response = client.get(reverse(url_name), secure=True)
        if response.status_code != 200:
            raise BenchmarkError(f"GET {url_name} ответил {response.status_code}, а не 200")
        bench.record(f"{name}_size", len(response.content) / 1024, "KB")
