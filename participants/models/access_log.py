from django.conf import settings
from django.db import models

from mentoring.models import Organisation
from participants.models.people import Person


class AccessLogEntry(models.Model):
    """Who looked at or changed a person's record, and when. Never edited, never deleted by the UI."""

    class Action(models.TextChoices):
        VIEW = "view", "Просмотр"
        CREATE = "create", "Создание"
        UPDATE = "update", "Изменение"
        CONSENT = "consent", "Согласие внесено"
        SCAN = "scan", "Просмотр скана согласия"
        WITHDRAW = "withdraw", "Отзыв согласия"
        EXPORT = "export", "Выгрузка"
        IMPORT = "import", "Загрузка из файла"

    organisation_path = "organisation"

    organisation = models.ForeignKey(Organisation, verbose_name="организация", on_delete=models.CASCADE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="кто", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    person = models.ForeignKey(
        Person, verbose_name="чья запись", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField("действие", max_length=10, choices=Action.choices)
    detail = models.CharField("что именно", max_length=500, blank=True)
    at = models.DateTimeField("когда", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "запись журнала доступа"
        verbose_name_plural = "журнал доступа к персональным данным"
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["organisation", "-at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.detail}"
