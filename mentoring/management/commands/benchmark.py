"""`manage.py benchmark`: build a large synthetic school in a throw-away database and measure.

The database named in the settings is never touched: the command creates a test database next to it
(as the test runner does: «test_<name>» on PostgreSQL, in memory on SQLite), runs every app's
`benchmarks.run(bench)` there (see mentoring/benchmarking.py) and drops it at the end.
Figures are printed one a line, `name: value unit`.
"""

from __future__ import annotations

import os
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from mentoring.benchmarking import Bench, run_benchmarks

DEFAULT_PEOPLE = 5000
DEFAULT_MENTEES = 3000


class Command(BaseCommand):
    help = (
        "Строит во временной базе данных большую школу (по умолчанию 5000 человек и 3000 наставляемых), "
        "измеряет время ответа и число запросов к базе на страницах баз, импорт и экспорт; "
        "рабочая база не затрагивается. Печатает строки вида «имя: значение единица»."
    )

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=DEFAULT_PEOPLE, help="сколько людей в школе")
        parser.add_argument(
            "--mentees", type=int, default=DEFAULT_MENTEES, help="сколько из них наставляемых"
        )
        parser.add_argument(
            "--runs", type=int, default=5, help="сколько раз открыть каждую страницу (берётся медиана)"
        )
        parser.add_argument(
            "--in-test-database",
            action="store_true",
            help="для тестов проекта: работать в уже созданной тестовой базе и откатить всё в конце",
        )

    def handle(self, *args, people: int, mentees: int, runs: int, in_test_database: bool, **options):
        if people < 100 or not 10 <= mentees <= people:
            raise CommandError("Нужно не меньше 100 человек и от 10 наставляемых, но не больше, чем людей.")
        if runs < 1:
            raise CommandError("Число повторов должно быть не меньше 1.")
        started = time.perf_counter()
        bench = Bench(stdout=self.stdout, options={"people": people, "mentees": mentees}, runs=runs)
        self.stdout.write(f"cpu_count: {os.cpu_count()} cpus")
        if in_test_database:
            self._run_in_test_database(bench)
        else:
            self._run_in_throwaway_database(bench)
        self.record_total(bench, time.perf_counter() - started)

    def _run_in_throwaway_database(self, bench: Bench) -> None:
        creation = connection.creation
        # No serialisation: nothing will be restored from it, and it costs time.
        old_name = connection.settings_dict["NAME"]
        test_name = creation.create_test_db(verbosity=0, autoclobber=True, serialize=False, keepdb=False)
        try:
            self._describe_database(f"временная база {test_name}, удаляется в конце")
            run_benchmarks(bench)
        finally:
            creation.destroy_test_db(old_name, verbosity=0, keepdb=False)

    def _run_in_test_database(self, bench: Bench) -> None:
        name = str(connection.settings_dict["NAME"])
        in_memory = connection.vendor == "sqlite" and connection.creation.is_in_memory_db(name)
        if not (in_memory or os.path.basename(name).startswith("test_")):
            raise CommandError(
                f"База «{name}» не похожа на тестовую: --in-test-database только для тестов проекта."
            )
        self._describe_database("тестовая база, всё откатывается в конце")
        with transaction.atomic():
            run_benchmarks(bench)
            transaction.set_rollback(True)

    def _describe_database(self, where: str) -> None:
        connection.ensure_connection()
        version = ".".join(str(part) for part in connection.get_database_version())
        self.stdout.write(f"database: {connection.vendor} {version} ({where})")
        if settings.DEBUG:
            self.stdout.write("# DEBUG включён: страницы отвечают немного медленнее, чем в рабочем режиме")

    def record_total(self, bench: Bench, seconds: float) -> None:
        bench.record("benchmark_total", seconds, "s")
        if bench.skipped:
            self.stdout.write(
                self.style.WARNING(f"Не измерено (страниц ещё нет): {', '.join(bench.skipped)}")
            )
