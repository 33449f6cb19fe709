from django.conf import settings
from django.db import models
from django.db.models import Q

from mentoring.models import MentoringForm, Programme, RoleVariant
from participants.models import Mentee, Mentor


class Pair(models.Model):
    """One mentor with one mentee (a pair) or with several mentees (a group), in one form and variant."""

    class Kind(models.TextChoices):
        PAIR = "pair", "Пара"
        GROUP = "group", "Группа"

    class Status(models.TextChoices):
        DRAFT = "draft", "Проект (ждёт приказа)"
        ACTIVE = "active", "Действует"
        COMPLETED = "completed", "Завершена"
        TERMINATED = "terminated", "Прекращена"

    OPEN_STATUSES = (Status.DRAFT, Status.ACTIVE)
    organisation_path = "programme__organisation"

    programme = models.ForeignKey(
        Programme, verbose_name="программа", on_delete=models.CASCADE, related_name="pairs"
    )
    mentor = models.ForeignKey(
        Mentor, verbose_name="наставник", on_delete=models.RESTRICT, related_name="pairs"
    )
    kind = models.CharField("вид", max_length=10, choices=Kind.choices, default=Kind.PAIR)
    name = models.CharField("название группы", max_length=200, blank=True)
    form = models.ForeignKey(
        MentoringForm, verbose_name="форма наставничества", on_delete=models.PROTECT, related_name="+"
    )
    variant = models.ForeignKey(
        RoleVariant,
        verbose_name="вариант ролевой модели",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    start_date = models.DateField("начало работы")
    planned_end_date = models.DateField("плановое окончание")
    end_date = models.DateField("фактическое окончание", null=True, blank=True)
    status = models.CharField("статус", max_length=12, choices=Status.choices, default=Status.DRAFT)
    results = models.TextField("результаты", blank=True)
    end_reason = models.TextField("причина прекращения", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "наставническая пара или группа"
        verbose_name_plural = "наставнические пары и группы"
        ordering = ["programme", "-start_date", "pk"]
        indexes = [models.Index(fields=["programme", "status"]), models.Index(fields=["mentor", "status"])]
        constraints = [
            models.CheckConstraint(
                name="pair_period_ordered", condition=Q(planned_end_date__gt=models.F("start_date"))
            ),
        ]

    def __str__(self) -> str:
        label = self.name or self.get_kind_display()
        return f"{label} № {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_group(self) -> bool:
        return self.kind == self.Kind.GROUP


class PairMember(models.Model):
    """A mentee in a pair or group. ``is_open`` mirrors «the pair is draft or active and the mentee
    has not left», so that the database itself refuses a second open pair for one mentee."""

    organisation_path = "pair__programme__organisation"

    pair = models.ForeignKey(
        Pair, verbose_name="пара или группа", on_delete=models.CASCADE, related_name="members"
    )
    mentee = models.ForeignKey(
        Mentee, verbose_name="наставляемый", on_delete=models.RESTRICT, related_name="pair_memberships"
    )
    joined_on = models.DateField("в паре с")
    left_on = models.DateField("вышел из пары", null=True, blank=True)
    leave_reason = models.TextField("причина выхода", blank=True)
    is_open = models.BooleanField(default=True, editable=False)

    class Meta:
        verbose_name = "наставляемый в паре"
        verbose_name_plural = "наставляемые в парах"
        ordering = ["pair", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentee"], condition=Q(is_open=True), name="one_open_pair_per_mentee"
            ),
            models.UniqueConstraint(fields=["pair", "mentee"], name="pair_member_once"),
        ]

    def __str__(self) -> str:
        return f"{self.mentee} в {self.pair}"


class PairEvent(models.Model):
    """The pair's history as its page shows it: formed, fixed by an order, member left, ended…"""

    class Kind(models.TextChoices):
        FORMED = "formed", "Сформирована"
        CHANGED = "changed", "Изменена"
        ORDERED = "ordered", "Закреплена приказом"
        MEMBER_LEFT = "member_left", "Наставляемый вышел"
        REPLACEMENT_FILED = "replacement_filed", "Подано заявление о замене наставника"
        REPLACEMENT_DECIDED = "replacement_decided", "Решение по заявлению о замене"
        COMPLETED = "completed", "Завершена"
        TERMINATED = "terminated", "Прекращена"

    organisation_path = "pair__programme__organisation"

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("событие", max_length=30, choices=Kind.choices)
    member = models.ForeignKey(
        PairMember, verbose_name="о ком", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    day = models.DateField("дата")
    text = models.TextField("подробности", blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "событие пары"
        verbose_name_plural = "история пар"
        ordering = ["pair", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.day:%d.%m.%Y}"
