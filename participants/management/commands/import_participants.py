"""python manage.py import_participants FILE.xlsx --organisation ID [--kind …] [--dry-run] [--programme ID]"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mentoring.models import Organisation, Programme
from mentoring.plural import plural_ru
from participants.importing import ImportRejected, preview_import
from participants.models import ImportUpload
from participants.services.imports import do_import


class Command(BaseCommand):
    help = (
        "Загружает из Excel (.xlsx) список обучающихся, сотрудников, базу наставляемых или наставников. "
        "Если в файле есть ошибки, печатает их и ничего не записывает."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="путь к файлу .xlsx")
        parser.add_argument("--organisation", type=int, required=True, help="id образовательной организации")
        parser.add_argument(
            "--kind",
            choices=ImportUpload.Kind.values,
            help="что в файле; если не указано, определяется по столбцам",
        )
        parser.add_argument(
            "--programme", type=int, help="id программы (по умолчанию текущая программа организации)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="только проверить файл, ничего не записывая"
        )

    def handle(
        self, *args, file: str, organisation: int, kind=None, programme=None, dry_run=False, **options
    ):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Файл не найден: {file}")
        org = Organisation.objects.filter(pk=organisation).first()
        if org is None:
            raise CommandError(f"Организации с id {organisation} нет.")
        if programme is not None:
            prog = Programme.objects.filter(pk=programme, organisation=org).first()
            if prog is None:
                raise CommandError(f"У организации «{org.short_name}» нет программы с id {programme}.")
        else:
            prog = Programme.objects.filter(organisation=org, is_current=True).first()
        if dry_run:
            preview = preview_import(organisation=org, programme=prog, file=path, kind=kind)
        else:
            try:
                preview = do_import(organisation=org, programme=prog, file=path, kind=kind, user=None)
            except ImportRejected as rejected:
                preview = rejected.preview
        if preview.kind:
            detected = " (определено по столбцам)" if preview.kind_detected else ""
            self.stdout.write(f"Что в файле: {preview.kind_label}{detected}.")
        if preview.unknown_columns:
            names = ", ".join(f"«{h}»" for h in preview.unknown_columns)
            self.stdout.write(f"Пропущены незнакомые столбцы: {names}.")
        if not preview.ok:
            for error in preview.errors:
                self.stderr.write(str(error))
            count = len(preview.errors)
            raise CommandError(
                f"Файл не загружен: {count} {plural_ru(count, 'ошибка,ошибки,ошибок')}. Ничего не записано."
            )
        if dry_run:
            self.stdout.write(f"Проверка пройдена: будет {preview.summary}. Ничего не записано (--dry-run).")
        else:
            self.stdout.write(self.style.SUCCESS(f"Загружено: {preview.summary}."))
