import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q

from participants.models.people import Person
from participants.storage import private_storage


def scan_path(instance: "Consent", filename: str) -> str:
    # The person's name never goes into a file name: the path would leak it in logs and backups.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"consents/{instance.person.organisation_id}/{uuid.uuid4().hex}.{extension}"


class ConsentQuerySet(models.QuerySet):
    def valid_on(self, day: date):
        return self.filter(valid_consent_q(day))


def valid_consent_q(day: date, prefix: str = "") -> Q:
    """Signed on or before ``day``, allows processing, not expired, not withdrawn."""
    return Q(
        **{
            f"{prefix}signed_on__lte": day,
            f"{prefix}withdrawn_on__isnull": True,
            f"{prefix}allows_processing": True,
        },
    ) & (Q(**{f"{prefix}expires_on__isnull": True}) | Q(**{f"{prefix}expires_on__gte": day}))


class Consent(models.Model):
    """Согласие на обработку персональных данных, signed by the person or a legal representative."""

    class Signer(models.TextChoices):
        SELF = "self", "Сам участник"
        REPRESENTATIVE = "representative", "Законный представитель"

    organisation_path = "person__organisation"

    person = models.ForeignKey(
        Person, verbose_name="участник", on_delete=models.CASCADE, related_name="consents"
    )
    signer = models.CharField("кто подписал", max_length=20, choices=Signer.choices, default=Signer.SELF)
    representative_name = models.CharField("ФИО законного представителя", max_length=300, blank=True)
    representative_relation = models.CharField("кем приходится", max_length=100, blank=True)
    representative_document = models.CharField(
        "документ представителя",
        max_length=300,
        blank=True,
        help_text="Паспорт: серия, номер, кем и когда выдан.",
    )
    signed_on = models.DateField("дата подписания")
    allows_processing = models.BooleanField("обработка персональных данных", default=True)
    allows_publication = models.BooleanField(
        "публикация фотографий и кейсов на сайте организации", default=False
    )
    scan = models.FileField(
        "скан подписанного согласия", storage=private_storage, upload_to=scan_path, blank=True
    )
    scan_name = models.CharField("имя файла скана", max_length=200, blank=True)
    expires_on = models.DateField("действует до", null=True, blank=True)
    withdrawn_on = models.DateField("дата отзыва", null=True, blank=True)
    withdrawal_reason = models.TextField("причина отзыва", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кто внёс",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = "согласие на обработку персональных данных"
        verbose_name_plural = "согласия на обработку персональных данных"
        ordering = ["-signed_on", "-pk"]
        indexes = [models.Index(fields=["person", "withdrawn_on"])]
        constraints = [
            models.CheckConstraint(
                name="consent_representative_named",
                condition=~Q(signer="representative") | ~Q(representative_name=""),
            ),
            models.CheckConstraint(
                name="consent_expires_after_signing",
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=models.F("signed_on")),
            ),
        ]

    def __str__(self) -> str:
        return f"Согласие от {self.signed_on:%d.%m.%Y}"

    def is_valid_on(self, day: date) -> bool:
        return (
            self.allows_processing
            and self.signed_on <= day
            and self.withdrawn_on is None
            and (self.expires_on is None or self.expires_on >= day)
        )
