"""Meetings of a pair or group: the five kinds the methodology names, planned ahead or recorded
after the fact, with who attended and which plan rows they advanced."""

from django.conf import settings
from django.db import models

from pairs.models.pairs import Pair, PairMember
from pairs.models.plans import PlanRow


class Meeting(models.Model):
    class Kind(models.TextChoices):
        ACQUAINTANCE = "acquaintance", "Встреча-знакомство"
        TRIAL = "trial", "Пробная рабочая встреча"
        PLANNING = "planning", "Встреча-планирование"
        REGULAR = "regular", "Рабочая встреча"
        FINAL = "final", "Итоговая встреча"

    class Format(models.TextChoices):
        IN_PERSON = "in_person", "Очно"
        ONLINE = "online", "Онлайн"

    class Status(models.TextChoices):
        PLANNED = "planned", "Запланирована"
        HELD = "held", "Состоялась"
        CANCELLED = "cancelled", "Отменена"

    # Every pair goes through these; regular meetings repeat and are not a milestone.
    REQUIRED_KINDS = (Kind.ACQUAINTANCE, Kind.TRIAL, Kind.PLANNING, Kind.FINAL)
    organisation_path = "pair__programme__organisation"

    pair = models.ForeignKey(
        Pair, verbose_name="пара или группа", on_delete=models.CASCADE, related_name="meetings"
    )
    kind = models.CharField("вид встречи", max_length=20, choices=Kind.choices, default=Kind.REGULAR)
    starts_at = models.DateTimeField("дата и время")
    format = models.CharField("формат", max_length=12, choices=Format.choices, default=Format.IN_PERSON)
    status = models.CharField("статус", max_length=12, choices=Status.choices, default=Status.PLANNED)
    topic = models.CharField("тема", max_length=300)
    notes = models.TextField("заметки и итоги", blank=True)
    mentor_attended = models.BooleanField("наставник присутствовал", default=True)
    attendees = models.ManyToManyField(
        PairMember, verbose_name="присутствовали наставляемые", blank=True, related_name="meetings"
    )
    plan_rows = models.ManyToManyField(
        PlanRow, verbose_name="продвинутые строки плана", blank=True, related_name="meetings"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "встреча"
        verbose_name_plural = "встречи"
        ordering = ["pair", "starts_at", "pk"]
        indexes = [
            models.Index(fields=["pair", "status", "starts_at"]),
            models.Index(fields=["status", "starts_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_at:%d.%m.%Y}"


class SentReminder(models.Model):
    """A letter ``send_reminders`` has sent: the same key is never sent to the same person twice
    (a day's overdue rows, a meeting's eve, a week's digest)."""

    class Kind(models.TextChoices):
        OVERDUE = "overdue", "Просроченные строки плана"
        MEETING = "meeting", "Встреча завтра"
        DIGEST = "digest", "Еженедельная сводка куратору"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    key = models.CharField(max_length=60)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "отправленное напоминание"
        verbose_name_plural = "отправленные напоминания"
        constraints = [models.UniqueConstraint(fields=["user", "kind", "key"], name="reminder_sent_once")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.key})"
