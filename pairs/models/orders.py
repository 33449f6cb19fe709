from django.conf import settings
from django.db import models
from django.db.models import Q

from mentoring.models import Programme
from pairs.models.pairs import Pair


class Order(models.Model):
    """The director's order fixing pairs and groups; once registered it never changes —
    a later order amends it (ends pairs, fixes new ones)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Проект"
        REGISTERED = "registered", "Зарегистрирован"

    organisation_path = "programme__organisation"

    programme = models.ForeignKey(
        Programme, verbose_name="программа", on_delete=models.CASCADE, related_name="orders"
    )
    number = models.CharField("номер", max_length=30)
    date = models.DateField("дата")
    title = models.CharField("заголовок", max_length=300)
    preamble = models.TextField("преамбула", blank=True)
    amends = models.ForeignKey(
        "self",
        verbose_name="вносит изменения в приказ",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="amendments",
    )
    period_start = models.DateField("период наставничества: с")
    period_end = models.DateField("по")
    plan_deadline = models.DateField("индивидуальные планы составить до")
    curator_name = models.CharField("ответственный за организацию (куратор)", max_length=300)
    control_name = models.CharField(
        "контроль за исполнением", max_length=300, blank=True, help_text="Пусто — оставляю за собой."
    )
    status = models.CharField("статус", max_length=12, choices=Status.choices, default=Status.DRAFT)
    # Who signed, as it was on the day of registration: a later change of director or of the school's
    # name does not rewrite a signed paper. Empty for a draft, which prints today's details.
    signed_organisation_name = models.CharField("организация (при регистрации)", max_length=400, blank=True)
    signed_head_position = models.CharField(
        "должность руководителя (при регистрации)", max_length=150, blank=True
    )
    signed_head_name = models.CharField("руководитель (при регистрации)", max_length=300, blank=True)
    registered_at = models.DateTimeField("зарегистрирован", null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "приказ"
        verbose_name_plural = "приказы"
        ordering = ["programme", "-date", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="order_number_unique_in_programme"),
            models.CheckConstraint(
                name="order_period_ordered", condition=Q(period_end__gt=models.F("period_start"))
            ),
        ]

    def __str__(self) -> str:
        return f"Приказ № {self.number} от {self.date:%d.%m.%Y}"

    @property
    def is_registered(self) -> bool:
        return self.status == self.Status.REGISTERED


class OrderItem(models.Model):
    """A pair the order fixes, or one it ends."""

    class Action(models.TextChoices):
        FIX = "fix", "Закрепить"
        END = "end", "Прекратить"

    organisation_path = "order__programme__organisation"

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="items")
    pair = models.ForeignKey(
        Pair, verbose_name="пара или группа", on_delete=models.RESTRICT, related_name="order_items"
    )
    action = models.CharField("действие", max_length=5, choices=Action.choices, default=Action.FIX)
    position = models.PositiveIntegerField("№ п/п", default=0)

    class Meta:
        verbose_name = "строка приказа"
        verbose_name_plural = "строки приказов"
        ordering = ["order", "action", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["order", "pair"], name="order_item_pair_once")]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.pair}"
