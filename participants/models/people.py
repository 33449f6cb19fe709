from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q

from mentoring.models import Organisation


class Person(models.Model):
    """Somebody of the organisation's circle: a student, a teacher, a parent, a graduate, a partner."""

    class Kind(models.TextChoices):
        STUDENT = "student", "Обучающийся"
        TEACHER = "teacher", "Педагог"
        STAFF = "staff", "Сотрудник"
        PARENT = "parent", "Родитель"
        GRADUATE = "graduate", "Выпускник"
        EXTERNAL = "external", "Представитель партнёра"

    class Gender(models.TextChoices):
        MALE = "m", "Мужской"
        FEMALE = "f", "Женский"

    class Category(models.TextChoices):
        NONE = "", "Без категории"
        CONFORMITY = "conformity", "Соответствие занимаемой должности"
        FIRST = "first", "Первая"
        HIGHEST = "highest", "Высшая"

    organisation_path = "organisation"

    organisation = models.ForeignKey(
        Organisation, verbose_name="организация", on_delete=models.CASCADE, related_name="people"
    )
    kind = models.CharField("кто это", max_length=20, choices=Kind.choices)
    last_name = models.CharField("фамилия", max_length=100)
    first_name = models.CharField("имя", max_length=100)
    middle_name = models.CharField("отчество", max_length=100, blank=True)
    gender = models.CharField("пол", max_length=1, choices=Gender.choices, blank=True)
    birth_date = models.DateField("дата рождения", null=True, blank=True)
    grade = models.PositiveSmallIntegerField("класс (параллель)", null=True, blank=True)
    class_letter = models.CharField("литера класса", max_length=3, blank=True)
    in_additional_education = models.BooleanField(
        "занимается в дополнительном образовании",
        default=False,
        help_text="Кружки, секции, объединения дополнительного образования: для показателя паспорта программы.",
    )
    position = models.CharField("должность", max_length=150, blank=True)
    subjects = models.CharField("предметы", max_length=300, blank=True)
    experience_years = models.PositiveSmallIntegerField("педагогический стаж, лет", null=True, blank=True)
    qualification_category = models.CharField(
        "квалификационная категория", max_length=20, choices=Category.choices, blank=True
    )
    employer = models.CharField("место работы или учёбы", max_length=300, blank=True)
    email = models.EmailField("электронная почта", blank=True)
    phone = models.CharField("телефон", max_length=30, blank=True)
    # For a minor: who signs for them and how to reach them.
    representative_name = models.CharField("законный представитель (ФИО)", max_length=300, blank=True)
    representative_relation = models.CharField("кем приходится", max_length=100, blank=True)
    representative_phone = models.CharField("телефон представителя", max_length=30, blank=True)
    representative_email = models.EmailField("почта представителя", blank=True)
    # An id from the school's own list (electronic journal); re-imports match on it.
    external_id = models.CharField("идентификатор во внешнем списке", max_length=64, blank=True)
    # Set when the consent was withdrawn and the identifying data erased.
    pseudonymised_at = models.DateTimeField("данные обезличены", null=True, blank=True)
    version = models.PositiveIntegerField(default=0)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="учётная запись",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "человек"
        verbose_name_plural = "люди"
        ordering = ["last_name", "first_name", "middle_name"]
        indexes = [
            models.Index(fields=["organisation", "kind"]),
            models.Index(fields=["organisation", "grade", "class_letter"]),
            models.Index(fields=["organisation", "external_id"]),
            models.Index(fields=["organisation", "last_name", "first_name"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="person_grade_in_range", condition=Q(grade__isnull=True) | Q(grade__gte=1, grade__lte=11)
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)

    @property
    def class_label(self) -> str:
        return f"{self.grade}{self.class_letter}" if self.grade else ""

    @property
    def age(self) -> int | None:
        return self.age_on(date.today())

    @property
    def is_minor(self) -> bool:
        if self.birth_date is None:
            return self.kind == self.Kind.STUDENT
        return self.age_on(date.today()) < 18

    @property
    def is_pseudonymised(self) -> bool:
        return self.pseudonymised_at is not None

    def age_on(self, day: date) -> int | None:
        if not self.birth_date:
            return None
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))
