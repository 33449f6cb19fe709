from django.conf import settings
from django.db import models

from mentoring.models import Programme


class Swot(models.Model):
    """The curator's SWOT analysis of the programme after stage 1, written from the report."""

    organisation_path = "programme__organisation"

    programme = models.OneToOneField(
        Programme, verbose_name="программа", on_delete=models.CASCADE, related_name="swot"
    )
    strengths = models.TextField("сильные стороны", blank=True)
    weaknesses = models.TextField("слабые стороны", blank=True)
    opportunities = models.TextField("возможности", blank=True)
    threats = models.TextField("угрозы", blank=True)
    conclusion = models.TextField("выводы куратора", blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "SWOT-анализ программы"
        verbose_name_plural = "SWOT-анализы программ"

    def __str__(self) -> str:
        return f"SWOT-анализ: {self.programme}"
