"""`manage.py load_demo`: fill an empty database with a demo district, its schools and people.

Each installed app may have a module `demo` with a function `load(ctx)`; they are called in
INSTALLED_APPS order inside one transaction, so a failure anywhere leaves the database as it was.
The context they share is described in mentoring/demo_context.py.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone

from mentoring.demo_context import DEFAULT_SEED, DEMO_PASSWORD, DEMO_URL, DEMO_USERNAMES, DemoContext
from mentoring.discovery import app_functions
from mentoring.models import Municipality, Organisation, User
from mentoring.plural import plural_ru

Loader = Callable[[DemoContext], None]


class Command(BaseCommand):
    help = (
        "Заполняет пустую базу демонстрационными данными: школы района, программы наставничества, "
        f"обучающиеся и педагоги, учётные записи для входа с паролем «{DEMO_PASSWORD}»."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="сначала удалить все организации, муниципалитеты и учётные записи со всем, что к ним относится",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="если база уже заполнена, ничего не менять и только напомнить логины (для повторного запуска)",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"начальное значение генератора случайных чисел (по умолчанию {DEFAULT_SEED})",
        )

    def handle(self, *args, force: bool, if_empty: bool, seed: int, **options):
        if if_empty and not force and (Organisation.objects.exists() or User.objects.exists()):
            self.stdout.write(
                "База уже заполнена, демонстрационные данные не загружаются повторно. "
                f"Откройте {DEMO_URL}; демо-логины: {', '.join(DEMO_USERNAMES)}, пароль «{DEMO_PASSWORD}»."
            )
            return
        started = time.monotonic()
        ctx = DemoContext(rng=random.Random(seed), today=timezone.localdate(), stdout=self.stdout)
        loaders = list(demo_loaders())
        with transaction.atomic():
            if force:
                self._wipe()
            else:
                self._refuse_unless_empty()
            for load in loaders:
                load(ctx)
        self._report(ctx, seed, time.monotonic() - started)

    def _refuse_unless_empty(self) -> None:
        organisations, users = Organisation.objects.count(), User.objects.count()
        if organisations or users:
            found = [
                f"{n} {plural_ru(n, forms)}"
                for n, forms in (
                    (organisations, ("организация", "организации", "организаций")),
                    (users, ("учётная запись", "учётные записи", "учётных записей")),
                )
                if n
            ]
            raise CommandError(
                f"В базе уже есть данные: {', '.join(found)}. Демонстрационные данные загружаются только "
                "в пустую базу. Чтобы удалить всё, что в ней есть, и загрузить их заново, "
                "запустите: manage.py load_demo --force"
            )

    def _wipe(self) -> None:
        try:
            # Organisations first: a municipality cannot be deleted while it has organisations.
            deleted = sum(model.objects.all().delete()[0] for model in (Organisation, Municipality, User))
        except (ProtectedError, RestrictedError) as error:
            raise CommandError(
                f"Не удалось удалить прежние данные: на них ссылаются другие записи ({error})."
            ) from error
        if deleted:
            self.stdout.write(
                f"Удалены прежние данные: {deleted} {plural_ru(deleted, ('запись', 'записи', 'записей'))}."
            )

    def _report(self, ctx: DemoContext, seed: int, seconds: float) -> None:
        out = self.stdout
        duration = f"{seconds:.1f}".replace(".", ",")  # a Russian decimal comma
        out.write(self.style.SUCCESS(f"Демонстрационные данные загружены за {duration} с (seed {seed})."))
        for line in ctx.summary:
            out.write(f"  {line}")
        out.write("")
        out.write(f"Откройте {DEMO_URL} и войдите под любым из логинов, пароль у всех «{DEMO_PASSWORD}»:")
        out.write("")
        rows = [("Логин", "Роль", "Кто это"), *ctx.logins]
        widths = [max(len(row[column]) for row in rows) for column in range(2)]
        for username, role, description in rows:
            out.write(f"  {username:<{widths[0]}}  {role:<{widths[1]}}  {description}")
        if ctx.more_logins:
            out.write("")
            out.write("Ещё: " + "; ".join(ctx.more_logins) + ".")


def demo_loaders() -> Iterator[Loader]:
    """`load` of every app's `demo` module, in INSTALLED_APPS order."""
    for _, load in app_functions("demo", "load", CommandError):
        yield load
