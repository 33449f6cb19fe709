from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.urls import reverse

from mentoring.roles import Role


class User(AbstractUser):
    """An account. Names are Russian: фамилия (last_name), имя (first_name), отчество."""

    middle_name = models.CharField("отчество", max_length=150, blank=True)

    class Meta:
        verbose_name = "пользователь"
        verbose_name_plural = "пользователи"
        ordering = ["last_name", "first_name", "middle_name"]

    def get_full_name(self) -> str:
        parts = [self.last_name, self.first_name, self.middle_name]
        return " ".join(p for p in parts if p).strip() or self.username

    def get_short_name(self) -> str:
        """«Иванова А. П.» — the way a Russian document names a person."""
        if not self.last_name:
            return self.username
        initials = "".join(f"{p[0]}. " for p in (self.first_name, self.middle_name) if p).strip()
        return f"{self.last_name} {initials}".strip()

    def __str__(self) -> str:
        return self.get_full_name()


class Municipality(models.Model):
    name = models.CharField("название", max_length=200, unique=True)

    class Meta:
        verbose_name = "муниципалитет (район)"
        verbose_name_plural = "муниципалитеты (районы)"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    class Kind(models.TextChoices):
        SCHOOL = "school", "Общеобразовательная школа"
        GYMNASIUM = "gymnasium", "Гимназия / лицей"
        CREATIVITY = "creativity", "Дом детского творчества"
        ADDITIONAL = "additional", "Организация дополнительного образования"
        COLLEGE = "college", "Колледж / техникум"
        KINDERGARTEN = "kindergarten", "Детский сад"
        OTHER = "other", "Другая организация"

    municipality = models.ForeignKey(
        Municipality, verbose_name="муниципалитет", on_delete=models.PROTECT, related_name="organisations"
    )
    name = models.CharField("полное наименование", max_length=400)
    short_name = models.CharField("краткое наименование", max_length=150)
    kind = models.CharField("тип организации", max_length=20, choices=Kind.choices, default=Kind.SCHOOL)
    address = models.CharField("адрес", max_length=300, blank=True)
    head_name = models.CharField(
        "ФИО руководителя", max_length=200, blank=True, help_text="Для подписи в документах."
    )
    head_position = models.CharField("должность руководителя", max_length=150, default="Директор")
    is_active = models.BooleanField("работает в системе", default=True)

    class Meta:
        verbose_name = "образовательная организация"
        verbose_name_plural = "образовательные организации"
        ordering = ["short_name"]

    def __str__(self) -> str:
        return self.short_name


class Membership(models.Model):
    """A role a person holds: in an organisation, or (municipal curator) in a district."""

    user = models.ForeignKey(
        User, verbose_name="пользователь", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        "роль", max_length=20, choices=[(r.value, r.label) for r in Role if r != Role.STAFF]
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="организация",
        on_delete=models.CASCADE,
        related_name="memberships",
        null=True,
        blank=True,
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name="муниципалитет",
        on_delete=models.CASCADE,
        related_name="memberships",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField("назначена", auto_now_add=True)

    class Meta:
        verbose_name = "роль пользователя"
        verbose_name_plural = "роли пользователей"
        constraints = [
            models.CheckConstraint(
                name="membership_scope_matches_role",
                violation_error_message=(
                    "Роль муниципального куратора задаётся муниципалитетом, остальные роли — организацией."
                ),
                condition=(
                    Q(role=Role.MUNICIPAL, municipality__isnull=False, organisation__isnull=True)
                    | (~Q(role=Role.MUNICIPAL) & Q(organisation__isnull=False, municipality__isnull=True))
                ),
            ),
            models.UniqueConstraint(
                name="membership_unique_in_organisation",
                fields=["user", "role", "organisation"],
                condition=Q(organisation__isnull=False),
                violation_error_message="У пользователя уже есть эта роль в этой организации.",
            ),
            models.UniqueConstraint(
                name="membership_unique_in_municipality",
                fields=["user", "role", "municipality"],
                condition=Q(municipality__isnull=False),
                violation_error_message="У пользователя уже есть эта роль в этом муниципалитете.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.organisation or self.municipality})"


class MentoringForm(models.Model):
    """A form of mentoring (ученик–ученик, учитель–учитель…): reference data shared by all organisations."""

    class Side(models.TextChoices):
        STUDENT = "student", "Обучающийся"
        TEACHER = "teacher", "Педагог"
        COLLEGE_STUDENT = "college_student", "Студент"
        EMPLOYER = "employer", "Представитель работодателя"

    code = models.SlugField("код", max_length=40, unique=True)
    name = models.CharField("название", max_length=100, unique=True)
    also_known_as = models.CharField("другое название", max_length=100, blank=True)
    mentor_side = models.CharField("кто наставник", max_length=20, choices=Side.choices)
    mentee_side = models.CharField("кто наставляемый", max_length=20, choices=Side.choices)
    description = models.TextField("описание", blank=True)
    order = models.PositiveSmallIntegerField("порядок", default=0)
    is_active = models.BooleanField("используется", default=True)

    class Meta:
        verbose_name = "форма наставничества"
        verbose_name_plural = "формы наставничества"
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class RoleVariant(models.Model):
    form = models.ForeignKey(
        MentoringForm, verbose_name="форма наставничества", on_delete=models.CASCADE, related_name="variants"
    )
    name = models.CharField("вариант ролевой модели", max_length=150)
    purpose = models.TextField("цель взаимодействия", blank=True)
    order = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "вариант ролевой модели"
        verbose_name_plural = "варианты ролевых моделей"
        ordering = ["form__order", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["form", "name"],
                name="role_variant_unique_in_form",
                violation_error_message="Такой вариант в этой форме уже есть.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.form.name}: {self.name}"


class Programme(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Черновик"
        RUNNING = "running", "Реализуется"
        COMPLETED = "completed", "Завершена"

    organisation = models.ForeignKey(
        Organisation, verbose_name="организация", on_delete=models.CASCADE, related_name="programmes"
    )
    name = models.CharField("название программы", max_length=300)
    start_date = models.DateField("начало")
    end_date = models.DateField("окончание")
    forms = models.ManyToManyField(
        MentoringForm, verbose_name="формы наставничества", related_name="programmes"
    )
    goal = models.TextField("цель программы", blank=True)
    status = models.CharField("статус", max_length=20, choices=Status.choices, default=Status.DRAFT)
    is_current = models.BooleanField("текущая", default=False)
    completed_on = models.DateField("завершена", null=True, blank=True)
    # The next school year's programme starts from a completed one: its bases, roadmap and plan.
    previous = models.ForeignKey(
        "self",
        verbose_name="начата на основе программы",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_programmes",
    )
    # Bumped on every save through the services: a stale form is refused instead of overwriting.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "программа наставничества"
        verbose_name_plural = "программы наставничества"
        ordering = ["-start_date", "name"]
        constraints = [
            models.UniqueConstraint(
                name="programme_one_current_per_organisation",
                fields=["organisation"],
                condition=Q(is_current=True),
                violation_error_message="Текущей может быть только одна программа организации.",
            ),
            models.CheckConstraint(
                name="programme_period_ordered", condition=Q(end_date__gt=models.F("start_date"))
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programme_detail", kwargs={"programme_id": self.pk})

    @property
    def period_label(self) -> str:
        return f"{self.start_date:%d.%m.%Y} – {self.end_date:%d.%m.%Y}"

    @property
    def is_completed(self) -> bool:
        """Closed by the director: read-only for everyone (``mentoring.guards.ensure_programme_open``)."""
        return self.status == self.Status.COMPLETED


class FormSubmission(models.Model):
    """The token of a submitted form, so that a repeated submit returns the first result."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64)
    result_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "token"], name="form_submission_unique_token")]

    def __str__(self) -> str:
        return self.token


class ThrottleHit(models.Model):
    """One counted request of a throttled action (``mentoring.throttle``): kept in the database, so
    every application process and server counts the same hits."""

    key = models.CharField(max_length=100)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["key", "created_at"], name="throttle_hit_key_time")]

    def __str__(self) -> str:
        return self.key
