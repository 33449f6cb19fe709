from django.conf import settings
from django.db import models
from django.utils import timezone

from mentoring.models import Organisation, Programme


class ImportUpload(models.Model):
    """An uploaded list waiting for the curator to look at the preview and confirm it.

    The file itself is not kept, nor its name: the book is read once on upload and its rows are kept
    packed in ``rows`` with the checked result in ``result`` (see ``participants.importing``). Both are
    emptied when the import is confirmed; an upload that is cancelled, left unconfirmed for a day or
    names someone who withdraws consent is deleted."""

    class Kind(models.TextChoices):
        STUDENTS = "students", "Список обучающихся"
        STAFF = "staff", "Список сотрудников"
        MENTEES = "mentees", "База наставляемых"
        MENTORS = "mentors", "База наставников"

    organisation = models.ForeignKey(Organisation, verbose_name="организация", on_delete=models.CASCADE)
    programme = models.ForeignKey(Programme, verbose_name="программа", on_delete=models.CASCADE, null=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="кто загрузил", on_delete=models.CASCADE)
    kind = models.CharField("что загружается", max_length=10, choices=Kind.choices, blank=True)
    # The rows of the sheet (``participants.importing.Sheet.pack``) until the import is confirmed.
    rows = models.BinaryField("строки списка", null=True, editable=False)
    # The last check of the rows (``participants.importing.ImportPreview.pack``).
    result = models.BinaryField("результат проверки", null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    imported_at = models.DateTimeField("загружено в базу", null=True, blank=True)

    class Meta:
        verbose_name = "загрузка из Excel"
        verbose_name_plural = "загрузки из Excel"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """«Загрузка от 05.03.2026 14:30 (список обучающихся)»: how pages and messages name an upload."""
        when = timezone.localtime(self.created_at) if self.created_at else timezone.localtime()
        kind = self.get_kind_display()
        return f"Загрузка от {when:%d.%m.%Y %H:%M}" + (f" ({kind[0].lower()}{kind[1:]})" if kind else "")
