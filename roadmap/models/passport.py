from django.conf import settings
from django.db import models

from mentoring.models import Programme


class Passport(models.Model):
    """The programme's one-page summary (паспорт программы): what the Programme itself does not hold."""

    organisation_path = "programme__organisation"

    programme = models.OneToOneField(
        Programme, verbose_name="программа", on_delete=models.CASCADE, related_name="passport"
    )
    curators = models.CharField("куратор(ы) программы", max_length=500, blank=True)
    legal_basis = models.TextField("нормативная основа", blank=True)
    target_audience = models.TextField("целевая аудитория", blank=True)
    tasks = models.TextField("задачи", blank=True)
    monitoring = models.TextField("система мониторинга и оценки", blank=True)
    expected_results = models.TextField("ожидаемые результаты", blank=True)
    partners = models.TextField("партнёры", blank=True)
    actual_results = models.TextField("фактические результаты", blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="утвердил",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_on = models.DateField("утверждён", null=True, blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "паспорт программы"
        verbose_name_plural = "паспорта программ"

    def __str__(self) -> str:
        return f"Паспорт программы «{self.programme}»"


class Indicator(models.Model):
    """A line of the KPI table: computed live from the bases, or entered by hand."""

    class Measure(models.TextChoices):
        MANUAL = "", "Вносится вручную"
        STUDENTS_INVOLVED = "students_involved", "Доля обучающихся, вовлечённых в наставничество"
        YOUNG_TEACHERS_INVOLVED = (
            "young_teachers_involved",
            "Доля педагогов до 35 лет в первые три года работы, вовлечённых в наставничество",
        )
        ADDITIONAL_EDUCATION_INVOLVED = (
            "additional_education_involved",
            "Доля обучающихся, занятых в дополнительном образовании, вовлечённых в наставничество",
        )
        TEACHERS_MENTORS = "teachers_mentors", "Доля педагогов — наставников"
        PAIRS_COMPLETED = "pairs_completed", "Доля пар и групп, завершивших работу с результатом"

    organisation_path = "programme__organisation"

    programme = models.ForeignKey(
        Programme, verbose_name="программа", on_delete=models.CASCADE, related_name="indicators"
    )
    position = models.PositiveSmallIntegerField("№", default=1)
    project = models.CharField("проект", max_length=200, blank=True)
    title = models.CharField("показатель", max_length=500)
    measure = models.CharField("как считается", max_length=40, choices=Measure.choices, blank=True)
    unit = models.CharField("единица", max_length=20, default="%")
    manual_value = models.DecimalField(
        "факт (вручную)", max_digits=8, decimal_places=1, null=True, blank=True
    )
    manual_note = models.CharField("откуда взято значение", max_length=300, blank=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "показатель эффективности"
        verbose_name_plural = "показатели эффективности"
        ordering = ["programme", "position", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_computed(self) -> bool:
        return bool(self.measure)


class IndicatorTarget(models.Model):
    organisation_path = "indicator__programme__organisation"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField("год")
    value = models.DecimalField("целевое значение", max_digits=8, decimal_places=1)

    class Meta:
        verbose_name = "целевое значение показателя"
        verbose_name_plural = "целевые значения показателей"
        ordering = ["indicator", "year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="indicator_target_once")]

    def __str__(self) -> str:
        return f"{self.year}: {self.value}"
