"""Individual plans (индивидуальный план, also «индивидуальный образовательный маршрут») and the
templates a new plan may start from.

A plan belongs to one mentee of a pair or group (``PairMember``): a group's mentees each have their
own. The mentor writes the rows; a mentee's proposal is a row that waits for the mentor's decision.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from mentoring.models import MentoringForm, Organisation
from pairs.models.pairs import PairMember


class PlanTemplate(models.Model):
    """A set of typical rows for a form. Common templates (no organisation) come with the product
    and are read-only; a curator edits the school's own copy, which then replaces the common one."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name="организация",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="plan_templates",
    )
    form = models.ForeignKey(
        MentoringForm, verbose_name="форма наставничества", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("название", max_length=200)
    goal = models.TextField("цель по умолчанию", blank=True)
    based_on = models.ForeignKey(
        "self",
        verbose_name="создан на основе",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
    )
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "шаблон индивидуального плана"
        verbose_name_plural = "шаблоны индивидуальных планов"
        ordering = ["form__order", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "based_on"],
                condition=Q(based_on__isnull=False),
                name="plan_template_one_copy_per_school",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_common(self) -> bool:
        return self.organisation_id is None


class PlanTemplateRow(models.Model):
    template = models.ForeignKey(PlanTemplate, on_delete=models.CASCADE, related_name="rows")
    position = models.PositiveSmallIntegerField("№", default=0)
    task = models.CharField("задача или мероприятие", max_length=500)
    mentor_action = models.TextField("что делает наставник", blank=True)
    work_form = models.CharField("форма работы", max_length=200, blank=True)
    week = models.PositiveSmallIntegerField(
        "срок: неделя от начала работы",
        default=1,
        help_text="Срок строки в плане — начало работы пары плюс столько недель.",
    )
    expected_result = models.TextField("ожидаемый результат", blank=True)

    class Meta:
        verbose_name = "строка шаблона"
        verbose_name_plural = "строки шаблона"
        ordering = ["template", "position", "pk"]

    def __str__(self) -> str:
        return self.task


class IndividualPlan(models.Model):
    organisation_path = "member__pair__programme__organisation"

    member = models.OneToOneField(
        PairMember, verbose_name="наставляемый в паре", on_delete=models.CASCADE, related_name="plan"
    )
    goal = models.TextField("цель", blank=True)
    template = models.ForeignKey(
        PlanTemplate,
        verbose_name="шаблон",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "индивидуальный план"
        verbose_name_plural = "индивидуальные планы"

    def __str__(self) -> str:
        return f"Индивидуальный план № {self.pk}"


class PlanRow(models.Model):
    class Status(models.TextChoices):
        ACCEPTED = "accepted", "В плане"
        PROPOSED = "proposed", "Предложено наставляемым"
        DECLINED = "declined", "Отклонено"

    organisation_path = "plan__member__pair__programme__organisation"

    plan = models.ForeignKey(IndividualPlan, on_delete=models.CASCADE, related_name="rows")
    position = models.PositiveSmallIntegerField("№", default=0)
    task = models.CharField("задача или мероприятие", max_length=500)
    mentor_action = models.TextField("что делает наставник", blank=True)
    work_form = models.CharField("форма работы", max_length=200, blank=True)
    deadline = models.DateField("срок", null=True, blank=True)
    expected_result = models.TextField("ожидаемый результат", blank=True)
    actual_result = models.TextField("фактический результат", blank=True)
    done = models.BooleanField("выполнено", default=False)
    done_on = models.DateField("дата выполнения", null=True, blank=True)
    status = models.CharField("статус", max_length=10, choices=Status.choices, default=Status.ACCEPTED)
    decline_reason = models.TextField("почему отклонено", blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "строка индивидуального плана"
        verbose_name_plural = "строки индивидуальных планов"
        ordering = ["plan", "position", "pk"]
        indexes = [models.Index(fields=["plan", "status", "done", "deadline"])]
        constraints = [
            models.CheckConstraint(
                name="plan_row_done_has_day", condition=Q(done=False) | Q(done_on__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return self.task

    def is_overdue(self, day) -> bool:
        return (
            self.status == self.Status.ACCEPTED
            and not self.done
            and self.deadline is not None
            and self.deadline < day
        )


class PlanComment(models.Model):
    """The curator's remarks on a plan (and the mentor's answers), in order."""

    organisation_path = "plan__member__pair__programme__organisation"

    plan = models.ForeignKey(IndividualPlan, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField("комментарий")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "комментарий к плану"
        verbose_name_plural = "комментарии к планам"
        ordering = ["plan", "created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:50]
