from django.conf import settings
from django.db import models

from mentoring.models import Organisation, Programme
from participants.storage import private_storage


class ImportUpload(models.Model):
    """An uploaded list waiting for the curator to look at the preview and confirm it."""

    class Kind(models.TextChoices):
        STUDENTS = "students", "Список обучающихся"
        STAFF = "staff", "Список сотрудников"
        MENTEES = "mentees", "База наставляемых"
        MENTORS = "mentors", "База наставников"

    organisation = models.ForeignKey(Organisation, verbose_name="организация", on_delete=models.CASCADE)
    programme = models.ForeignKey(Programme, verbose_name="программа", on_delete=models.CASCADE, null=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="кто загрузил", on_delete=models.CASCADE)
    file = models.FileField("файл", storage=private_storage, upload_to="imports/")
    original_name = models.CharField("имя файла", max_length=255)
    kind = models.CharField("что загружается", max_length=10, choices=Kind.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    imported_at = models.DateTimeField("загружено в базу", null=True, blank=True)

    class Meta:
        verbose_name = "загрузка из Excel"
        verbose_name_plural = "загрузки из Excel"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name
