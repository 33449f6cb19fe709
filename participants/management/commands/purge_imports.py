"""python manage.py purge_imports — run once a day: unconfirmed uploads of lists are not kept."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from participants.services.imports import delete_old_files, purge_unconfirmed_uploads


class Command(BaseCommand):
    help = (
        "Удаляет загрузки списков из Excel, не подтверждённые за сутки, вместе с их строками, "
        "и файлы загрузок, оставшиеся от прежних версий. Запускайте раз в день."
    )

    def handle(self, *args, **options):
        purged = purge_unconfirmed_uploads()
        for upload in purged:
            organisation = upload.organisation.short_name or upload.organisation.name
            self.stdout.write(
                f"Удалена неподтверждённая {upload.label[0].lower()}{upload.label[1:]}, {organisation}."
            )
        if purged:
            self.stdout.write(f"Удалено неподтверждённых загрузок старше суток: {len(purged)}.")
        else:
            self.stdout.write("Неподтверждённых загрузок старше суток нет.")
        files = delete_old_files()
        if files:
            self.stdout.write(f"Удалено файлов загрузок, сохранённых прежними версиями: {files}.")
