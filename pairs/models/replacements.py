from django.conf import settings
from django.db import models
from django.db.models import Q

from pairs.models.pairs import PairMember


class ReplacementRequest(models.Model):
    """A mentee's request to replace the mentor (filed by the mentee or by the curator on their behalf);
    the director decides."""

    class Status(models.TextChoices):
        PENDING = "pending", "Ждёт решения"
        APPROVED = "approved", "Удовлетворено"
        DECLINED = "declined", "Отклонено"
        # The pair ended another way before the director decided.
        CLOSED = "closed", "Закрыто: пара завершилась раньше решения"

    organisation_path = "member__pair__programme__organisation"

    member = models.ForeignKey(
        PairMember,
        verbose_name="наставляемый в паре",
        on_delete=models.CASCADE,
        related_name="replacement_requests",
    )
    reason = models.TextField("причина")
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    filed_on = models.DateField("дата заявления")
    status = models.CharField("решение", max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField("дата решения", null=True, blank=True)
    decision_comment = models.TextField("комментарий к решению", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "заявление о замене наставника"
        verbose_name_plural = "заявления о замене наставника"
        ordering = ["-filed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=Q(status="pending"), name="one_pending_replacement_per_member"
            ),
        ]

    def __str__(self) -> str:
        return f"Заявление о замене наставника от {self.filed_on:%d.%m.%Y}"
