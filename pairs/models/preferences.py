from django.conf import settings
from django.db import models
from django.db.models import Q

from mentoring.models import Programme
from participants.models import Mentee, Mentor


class Preference(models.Model):
    """After the common meeting: whom a participant would like to work with, up to three in order.

    ``side`` says who chose: the mentee chose ``mentor``, or the mentor chose ``mentee``."""

    class Side(models.TextChoices):
        MENTEE = "mentee", "Выбор наставляемого"
        MENTOR = "mentor", "Выбор наставника"

    MAX_RANK = 3
    organisation_path = "programme__organisation"

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="preferences")
    side = models.CharField("кто выбирал", max_length=6, choices=Side.choices)
    mentee = models.ForeignKey(
        Mentee, verbose_name="наставляемый", on_delete=models.CASCADE, related_name="preferences"
    )
    mentor = models.ForeignKey(
        Mentor, verbose_name="наставник", on_delete=models.CASCADE, related_name="preferences"
    )
    rank = models.PositiveSmallIntegerField("место в списке")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "предпочтение после общей встречи"
        verbose_name_plural = "предпочтения после общей встречи"
        ordering = ["programme", "side", "rank"]
        constraints = [
            models.CheckConstraint(name="preference_rank_1_to_3", condition=Q(rank__gte=1, rank__lte=3)),
            models.UniqueConstraint(fields=["side", "mentee", "mentor"], name="preference_once"),
            models.UniqueConstraint(
                fields=["mentee", "rank"], condition=Q(side="mentee"), name="preference_mentee_rank_once"
            ),
            models.UniqueConstraint(
                fields=["programme", "mentor", "rank"],
                condition=Q(side="mentor"),
                name="preference_mentor_rank_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_side_display()} №{self.rank}"
