from django.conf import settings
from django.db import models
from django.db.models import Q

from mentoring.models import Programme


class WorkEvent(models.Model):
    """An event of the year's work plan: a competition, a class hour, a volunteer action, a meeting."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Запланировано"
        DONE = "done", "Проведено"
        CANCELLED = "cancelled", "Отменено"

    organisation_path = "programme__organisation"

    programme = models.ForeignKey(
        Programme, verbose_name="программа", on_delete=models.CASCADE, related_name="work_events"
    )
    title = models.CharField("мероприятие", max_length=500)
    starts_on = models.DateField("дата или начало")
    ends_on = models.DateField("окончание", null=True, blank=True)
    by_month = models.BooleanField("в течение месяца", default=False)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ответственный (пользователь)",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="work_events",
    )
    responsible_name = models.CharField("ответственный", max_length=200, blank=True)
    participants = models.CharField("участники", max_length=300, blank=True)
    status = models.CharField("статус", max_length=10, choices=Status.choices, default=Status.PLANNED)
    note = models.TextField("примечание, итог", blank=True)
    version = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "мероприятие плана работы"
        verbose_name_plural = "план работы"
        ordering = ["programme", "starts_on", "pk"]
        indexes = [models.Index(fields=["programme", "starts_on"])]
        constraints = [
            models.CheckConstraint(
                name="work_event_period_ordered",
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def who(self) -> str:
        if self.responsible_id:
            return self.responsible.get_full_name()
        return self.responsible_name
