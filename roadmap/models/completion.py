from django.conf import settings
from django.db import models

from mentoring.models import MentoringForm, Programme
from pairs.models import Pair
from participants.models import Mentor
from participants.storage import private_storage


class Case(models.Model):
    """A pair's or a group's work written up as a case of best practice (кейс)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Черновик"
        PUBLISHED = "published", "Опубликован"

    organisation_path = "programme__organisation"

    programme = models.ForeignKey(
        Programme, verbose_name="программа", on_delete=models.CASCADE, related_name="cases"
    )
    pair = models.ForeignKey(
        Pair,
        verbose_name="пара или группа",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
    )
    form = models.ForeignKey(
        MentoringForm, verbose_name="форма наставничества", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("название кейса", max_length=300)
    problem = models.TextField("с чем пришли: проблема, запрос")
    actions = models.TextField("что делали")
    result = models.TextField("что получилось")
    quotes = models.TextField("слова участников", blank=True)
    status = models.CharField("статус", max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_on = models.DateField("опубликован", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "кейс лучшей практики"
        verbose_name_plural = "кейсы лучших практик"
        ordering = ["programme", "-created_at", "pk"]

    def __str__(self) -> str:
        return self.title


def photo_path(instance, filename: str) -> str:
    return f"cases/{instance.case.programme_id}/{filename}"


class CasePhoto(models.Model):
    organisation_path = "case__programme__organisation"

    case = models.ForeignKey(Case, verbose_name="кейс", on_delete=models.CASCADE, related_name="photos")
    image = models.FileField("фотография", storage=private_storage, upload_to=photo_path)
    caption = models.CharField("подпись", max_length=300, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "фотография кейса"
        verbose_name_plural = "фотографии кейсов"
        ordering = ["case", "pk"]

    def __str__(self) -> str:
        return self.caption or f"Фото № {self.pk}"


class Award(models.Model):
    """The curator nominates a mentor, the director decides; an approved award prints as a document."""

    class Kind(models.TextChoices):
        CERTIFICATE = "certificate", "Грамота"
        LETTER_PARENTS = "letter_parents", "Благодарственное письмо родителям"
        LETTER_EMPLOYER = "letter_employer", "Благодарственное письмо работодателю"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Ждёт решения директора"
        APPROVED = "approved", "Утверждено"
        DECLINED = "declined", "Отклонено"

    organisation_path = "programme__organisation"

    programme = models.ForeignKey(
        Programme, verbose_name="программа", on_delete=models.CASCADE, related_name="awards"
    )
    mentor = models.ForeignKey(
        Mentor, verbose_name="наставник", on_delete=models.CASCADE, related_name="awards"
    )
    kind = models.CharField("документ", max_length=20, choices=Kind.choices, default=Kind.CERTIFICATE)
    nomination = models.CharField("номинация", max_length=200, default="Лучший наставник")
    reason = models.TextField("за что", blank=True)
    addressee = models.CharField(
        "кому адресовано письмо",
        max_length=300,
        blank=True,
        help_text="Родителям — их имена; работодателю — название организации и руководитель.",
    )
    status = models.CharField("решение", max_length=10, choices=Status.choices, default=Status.PROPOSED)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    nominated_on = models.DateField("выдвинут")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField("дата решения", null=True, blank=True)
    decision_comment = models.CharField("комментарий директора", max_length=300, blank=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "награждение наставника"
        verbose_name_plural = "награждения наставников"
        ordering = ["programme", "-nominated_on", "pk"]
        indexes = [models.Index(fields=["programme", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.mentor}"
