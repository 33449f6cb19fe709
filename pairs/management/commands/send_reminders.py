"""python manage.py send_reminders [--date YYYY-MM-DD] — for cron, once a day (e.g. at 07:00)."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from pairs.services.reminders import send_reminders
from participants.selectors.consents import today


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Дата «{value}» не в формате ГГГГ-ММ-ДД.") from exc


class Command(BaseCommand):
    help = (
        "Рассылает напоминания: наставникам — о просроченных строках индивидуальных планов (раз в день) "
        "и о завтрашних встречах, кураторам — еженедельную сводку о работе пар. Повторный запуск "
        "ничего не отправляет дважды; письмо, которое не удалось отправить, уйдёт при следующем запуске."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            dest="day",
            metavar="ГГГГ-ММ-ДД",
            help="день рассылки, ГГГГ-ММ-ДД (по умолчанию сегодня по местному времени)",
        )

    def handle(self, *args, day: str | None = None, **options):
        report = send_reminders(day=_day(day) if day else today())
        if report.failed:
            self.stderr.write(report.summary())
            raise CommandError("Часть писем не отправлена: проверьте настройки почты (EMAIL_HOST и др.).")
        self.stdout.write(report.summary())
