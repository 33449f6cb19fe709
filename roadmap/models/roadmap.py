from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q

from mentoring.models import Programme
from participants.storage import private_storage


class RoadmapStage(models.Model):
    """One of the seven stages of the methodology, with its task and expected result."""

    organisation_path = "programme__organisation"

    programme = models.ForeignKey(
        Programme, verbose_name="программа", on_delete=models.CASCADE, related_name="roadmap_stages"
    )
    number = models.PositiveSmallIntegerField("этап")
    title = models.CharField("название этапа", max_length=200)
    task = models.TextField("задача", blank=True)
    result = models.TextField("ожидаемый результат", blank=True)

    class Meta:
        verbose_name = "этап дорожной карты"
        verbose_name_plural = "этапы дорожной карты"
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="roadmap_stage_once"),
            models.CheckConstraint(name="roadmap_stage_1_to_7", condition=Q(number__gte=1, number__lte=7)),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class RoadmapItem(models.Model):
    """A step of a stage: what, by when, who answers for it, how it stands and what came of it."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Не начато"
        IN_PROGRESS = "in_progress", "Выполняется"
        DONE = "done", "Выполнено"

    # Shown in place of the status for an unfinished item past its deadline; never stored.
    OVERDUE = "overdue"
    OVERDUE_LABEL = "Просрочено"

    organisation_path = "stage__programme__organisation"

    stage = models.ForeignKey(
        RoadmapStage, verbose_name="этап", on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveSmallIntegerField("номер в этапе", default=1)
    title = models.CharField("мероприятие", max_length=500)
    # A month («11.2026») is kept as its first and last day; a deadline as one day.
    starts_on = models.DateField("начало", null=True, blank=True)
    due_on = models.DateField("срок")
    by_month = models.BooleanField("срок — месяц", default=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ответственный (пользователь)",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="roadmap_items",
    )
    responsible_name = models.CharField("ответственный", max_length=200, blank=True)
    status = models.CharField("статус", max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    result_note = models.TextField("что получилось", blank=True)
    done_on = models.DateField("выполнено", null=True, blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "пункт дорожной карты"
        verbose_name_plural = "пункты дорожной карты"
        ordering = ["stage__number", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                name="roadmap_item_period_ordered",
                condition=Q(starts_on__isnull=True) | Q(due_on__gte=models.F("starts_on")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def code(self) -> str:
        return f"{self.stage.number}.{self.position}"

    def is_overdue(self, day: date) -> bool:
        return self.status != self.Status.DONE and self.due_on < day

    def state(self, day: date) -> str:
        return self.OVERDUE if self.is_overdue(day) else self.status

    def state_label(self, day: date) -> str:
        return self.OVERDUE_LABEL if self.is_overdue(day) else self.get_status_display()

    @property
    def who(self) -> str:
        if self.responsible_id:
            return self.responsible.get_full_name()
        return self.responsible_name


def evidence_path(instance, filename: str) -> str:
    return f"roadmap/{instance.item.stage.programme_id}/{filename}"


class Evidence(models.Model):
    """A paper that shows an item was done: the regulation, an order, a protocol."""

    organisation_path = "item__stage__programme__organisation"

    item = models.ForeignKey(
        RoadmapItem, verbose_name="пункт", on_delete=models.CASCADE, related_name="evidence"
    )
    title = models.CharField("документ", max_length=300)
    file = models.FileField("файл", storage=private_storage, upload_to=evidence_path)
    file_name = models.CharField("имя файла", max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "подтверждающий документ"
        verbose_name_plural = "подтверждающие документы"
        ordering = ["item", "pk"]

    def __str__(self) -> str:
        return self.title
