from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q

from mentoring.models import MentoringForm, Programme, RoleVariant
from monitoring.models.questionnaires import Question, Questionnaire, Respondent
from pairs.models import Pair
from participants.models import Person


class Campaign(models.Model):
    """A questionnaire launched for an audience over a window of dates (for stage 2: entry or exit)."""

    class Phase(models.TextChoices):
        NONE = "", "—"
        ENTRY = "entry", "Вход в программу"
        EXIT = "exit", "Выход из программы"

    organisation_path = "programme__organisation"

    programme = models.ForeignKey(
        Programme, verbose_name="программа", on_delete=models.CASCADE, related_name="campaigns"
    )
    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name="анкета", on_delete=models.RESTRICT, related_name="campaigns"
    )
    title = models.CharField("название опроса", max_length=300)
    phase = models.CharField("замер", max_length=10, choices=Phase.choices, blank=True, default=Phase.NONE)
    opens_on = models.DateField("начало приёма ответов")
    closes_on = models.DateField("окончание приёма ответов")
    forms = models.ManyToManyField(MentoringForm, verbose_name="формы наставничества", related_name="+")
    pairs = models.ManyToManyField(
        Pair,
        verbose_name="только эти пары и группы",
        related_name="+",
        blank=True,
        help_text="Пусто — все пары выбранных форм.",
    )
    closed_at = models.DateTimeField("закрыт досрочно", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "опрос"
        verbose_name_plural = "опросы"
        ordering = ["programme", "-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="campaign_window_ordered", condition=Q(closes_on__gte=models.F("opens_on"))
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def is_open_on(self, day: date) -> bool:
        return self.closed_at is None and self.opens_on <= day <= self.closes_on


class Invitation(models.Model):
    """One respondent of a campaign: who may answer, through the account or a personal one-time link.

    For an anonymous questionnaire the submitted response is cut from the invitation: the invitation
    only remembers *that* the person answered, never *what*."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Не начата"
        DRAFT = "draft", "Начата, не отправлена"
        SUBMITTED = "submitted", "Ответ получен"
        CANCELLED = "cancelled", "Отменена"

    organisation_path = "campaign__programme__organisation"

    campaign = models.ForeignKey(
        Campaign, verbose_name="опрос", on_delete=models.CASCADE, related_name="invitations"
    )
    respondent = models.CharField("в роли", max_length=10, choices=Respondent.choices)
    person = models.ForeignKey(
        Person, verbose_name="участник", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # The curator answers as an account; a mentor or mentee may have one too, or answer by the link.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pair = models.ForeignKey(
        Pair,
        verbose_name="пара или группа",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    form = models.ForeignKey(
        MentoringForm, verbose_name="форма", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    variant = models.ForeignKey(
        RoleVariant,
        verbose_name="вариант ролевой модели",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    token = models.CharField("ключ ссылки", max_length=64, unique=True)
    status = models.CharField("статус", max_length=10, choices=Status.choices, default=Status.WAITING)
    submitted_at = models.DateTimeField("ответ отправлен", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "приглашение к опросу"
        verbose_name_plural = "приглашения к опросам"
        ordering = ["campaign", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "person"],
                condition=Q(person__isnull=False),
                name="invitation_once_per_person",
            ),
            models.UniqueConstraint(
                fields=["campaign", "user"],
                condition=Q(person__isnull=True, user__isnull=False),
                name="invitation_once_per_account",
            ),
            models.CheckConstraint(
                name="invitation_has_respondent", condition=Q(person__isnull=False) | Q(user__isnull=False)
            ),
        ]
        indexes = [models.Index(fields=["campaign", "status"])]

    def __str__(self) -> str:
        return f"Приглашение № {self.pk}"


class Response(models.Model):
    """The answers of one respondent to one campaign. Anonymous ones keep no link to the person: only the
    role, the form and the variant, which the reports group by."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Черновик"
        SUBMITTED = "submitted", "Отправлена"

    organisation_path = "campaign__programme__organisation"

    campaign = models.ForeignKey(
        Campaign, verbose_name="опрос", on_delete=models.CASCADE, related_name="responses"
    )
    invitation = models.OneToOneField(
        Invitation, on_delete=models.SET_NULL, null=True, blank=True, related_name="response"
    )
    person = models.ForeignKey(
        Person, verbose_name="участник", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    respondent = models.CharField("в роли", max_length=10, choices=Respondent.choices)
    pair = models.ForeignKey(Pair, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    form = models.ForeignKey(MentoringForm, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    variant = models.ForeignKey(
        RoleVariant, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField("статус", max_length=10, choices=Status.choices, default=Status.DRAFT)
    # A date, not a moment: the time of an anonymous answer would point at who gave it.
    submitted_on = models.DateField("дата ответа", null=True, blank=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "заполненная анкета"
        verbose_name_plural = "заполненные анкеты"
        ordering = ["campaign", "pk"]
        indexes = [models.Index(fields=["campaign", "status"])]

    def __str__(self) -> str:
        return f"Анкета № {self.pk}"


class Answer(models.Model):
    organisation_path = "response__campaign__programme__organisation"

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.RESTRICT, related_name="answers")
    # A rating, a number, yes (1) / no (0); the chosen options; free text.
    number = models.FloatField(null=True, blank=True)
    choices = models.JSONField(default=list, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = "ответ"
        verbose_name_plural = "ответы"
        ordering = ["response", "question__position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_once_per_question")
        ]

    def __str__(self) -> str:
        return f"Ответ на «{self.question}»"
