from django.conf import settings
from django.db import models

from pairs.models.pairs import PairMember


class MemberResult(models.Model):
    """What a mentee achieved in a pair: the mentor's record at the final meeting against the
    mentee's requests and plan, and the mentee's own word."""

    class Outcome(models.TextChoices):
        MET = "met", "Запрос выполнен"
        PARTLY = "partly", "Выполнен частично"
        NOT_MET = "not_met", "Не выполнен"

    organisation_path = "member__pair__programme__organisation"

    member = models.OneToOneField(
        PairMember, verbose_name="наставляемый в паре", on_delete=models.CASCADE, related_name="result"
    )
    outcome = models.CharField("итог по запросу", max_length=10, choices=Outcome.choices)
    achieved = models.TextField("что достигнуто")
    mentor_account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    mentor_written_on = models.DateField("записано наставником")
    mentee_word = models.TextField("слово наставляемого", blank=True)
    mentee_written_on = models.DateField("наставляемый написал", null=True, blank=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "результат наставляемого"
        verbose_name_plural = "результаты наставляемых"

    def __str__(self) -> str:
        return f"{self.member}: {self.get_outcome_display()}"
