from django.conf import settings
from django.db import models
from django.db.models import Q

from mentoring.models import MentoringForm, Programme


class Stage(models.IntegerChoices):
    PROCESS = 1, "Этап 1: качество процесса"
    IMPACT = 2, "Этап 2: влияние на участников"


class Respondent(models.TextChoices):
    MENTOR = "mentor", "Наставник"
    MENTEE = "mentee", "Наставляемый"
    CURATOR = "curator", "Куратор"


class Audience(models.TextChoices):
    """Whom a stage 2 questionnaire measures: students and teachers have different characteristics."""

    ANY = "", "Все участники"
    STUDENT = "student", "Обучающиеся"
    TEACHER = "teacher", "Педагоги"


class Characteristic(models.Model):
    """What stage 2 measures twice (at entry and at exit) for a programme: engagement, anxiety, marks…"""

    class Kind(models.TextChoices):
        SCALE = "scale", "Самооценка по шкале от 1 до 10"
        NUMBER = "number", "Объективный показатель (число)"

    organisation_path = "programme__organisation"

    programme = models.ForeignKey(
        Programme, verbose_name="программа", on_delete=models.CASCADE, related_name="characteristics"
    )
    code = models.SlugField("код", max_length=40)
    name = models.CharField("характеристика", max_length=200)
    audience = models.CharField("у кого измеряется", max_length=10, choices=Audience.choices[1:])
    kind = models.CharField("как измеряется", max_length=10, choices=Kind.choices, default=Kind.SCALE)
    question_text = models.CharField("вопрос в анкете", max_length=400)
    unit = models.CharField("единица", max_length=40, blank=True)
    # Anxiety, absences, difficulties: the change is good when the figure goes down.
    higher_is_better = models.BooleanField("рост — улучшение", default=True)
    is_measured = models.BooleanField("измеряется в программе", default=True)
    position = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "измеряемая характеристика"
        verbose_name_plural = "измеряемые характеристики"
        ordering = ["programme", "audience", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="characteristic_code_once"),
        ]

    def __str__(self) -> str:
        return self.name


class Questionnaire(models.Model):
    """One revision of a questionnaire of a programme. Once it has answers it is frozen: an edit makes
    the next revision (``previous`` points back), and old answers stay with the questions they answered."""

    organisation_path = "programme__organisation"

    programme = models.ForeignKey(
        Programme, verbose_name="программа", on_delete=models.CASCADE, related_name="questionnaires"
    )
    # The default set's questionnaires keep the code they were installed with, across revisions.
    code = models.SlugField("код", max_length=60, blank=True)
    title = models.CharField("название", max_length=300)
    description = models.TextField("вступление для отвечающего", blank=True)
    stage = models.PositiveSmallIntegerField("этап мониторинга", choices=Stage.choices)
    respondent = models.CharField("кто отвечает", max_length=10, choices=Respondent.choices)
    audience = models.CharField(
        "кого измеряет", max_length=10, choices=Audience.choices, blank=True, default=Audience.ANY
    )
    forms = models.ManyToManyField(
        MentoringForm, verbose_name="формы наставничества", related_name="+", blank=True
    )
    is_anonymous = models.BooleanField(
        "анонимная", default=False, help_text="Никто, включая куратора, не увидит, кто как ответил."
    )
    revision = models.PositiveIntegerField("редакция", default=1)
    previous = models.OneToOneField(
        "self",
        verbose_name="предыдущая редакция",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="next",
    )
    # A revision replaced by a newer one stays for its answers and reports, but is not launched again.
    is_current = models.BooleanField("действующая редакция", default=True)
    version = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "анкета"
        verbose_name_plural = "анкеты"
        ordering = ["programme", "stage", "respondent", "title", "-revision"]
        indexes = [models.Index(fields=["programme", "stage", "is_current"])]
        constraints = [
            models.CheckConstraint(
                name="questionnaire_impact_not_anonymous",
                condition=~Q(stage=2, is_anonymous=True),
                violation_error_message=(
                    "Анкета второго этапа сравнивает ответы одного человека на входе и на выходе, "
                    "поэтому не может быть анонимной."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (ред. {self.revision})" if self.revision > 1 else self.title


class Section(models.Model):
    organisation_path = "questionnaire__programme__organisation"

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name="анкета", on_delete=models.CASCADE, related_name="sections"
    )
    title = models.CharField("название раздела", max_length=300)
    position = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "раздел анкеты"
        verbose_name_plural = "разделы анкеты"
        ordering = ["questionnaire", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        RATING = "rating", "Оценка от 1 до 10"
        SINGLE = "single", "Один вариант из списка"
        MULTIPLE = "multiple", "Несколько вариантов из списка"
        YES_NO = "yes_no", "Да или нет"
        NUMBER = "number", "Число"
        TEXT = "text", "Свободный ответ"

    class Role(models.TextChoices):
        """What the stage 1 report does with the answers besides counting them."""

        PLAIN = "", "—"
        EXPECTATION = "expectation", "Ожидания (сравниваются с реальностью)"
        REALITY = "reality", "Реальность (сравнивается с ожиданиями)"

    CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE)
    NUMERIC_KINDS = (Kind.RATING, Kind.YES_NO, Kind.NUMBER)
    organisation_path = "questionnaire__programme__organisation"

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name="анкета", on_delete=models.CASCADE, related_name="questions"
    )
    section = models.ForeignKey(
        Section,
        verbose_name="раздел",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
    )
    position = models.PositiveSmallIntegerField("порядок", default=0)
    kind = models.CharField("тип вопроса", max_length=10, choices=Kind.choices)
    text = models.CharField("вопрос", max_length=500)
    help_text = models.CharField("пояснение", max_length=500, blank=True)
    required = models.BooleanField("обязательный", default=True)
    choices = models.JSONField("варианты ответа", default=list, blank=True)
    min_value = models.IntegerField("наименьшее число", null=True, blank=True)
    max_value = models.IntegerField("наибольшее число", null=True, blank=True)
    report_role = models.CharField(
        "в отчёте", max_length=12, choices=Role.choices, blank=True, default=Role.PLAIN
    )
    characteristic = models.ForeignKey(
        Characteristic,
        verbose_name="измеряемая характеристика",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="questions",
    )

    class Meta:
        verbose_name = "вопрос анкеты"
        verbose_name_plural = "вопросы анкеты"
        ordering = ["questionnaire", "position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def is_numeric(self) -> bool:
        return self.kind in self.NUMERIC_KINDS
