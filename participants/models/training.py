from django.db import models

from mentoring.models import Organisation
from participants.models.mentors import Mentor


class TrainingCourse(models.Model):
    """Mentor training: primary (4 weekly meetings or a 2-day intensive) or secondary (on questions)."""

    class Kind(models.TextChoices):
        PRIMARY = "primary", "Первичное обучение"
        SECONDARY = "secondary", "Вторичное обучение"

    class Format(models.TextChoices):
        WEEKLY = "weekly", "4 еженедельные встречи"
        INTENSIVE = "intensive", "Двухдневный интенсив"
        OTHER = "other", "Иной формат"

    organisation = models.ForeignKey(
        Organisation, verbose_name="организация", on_delete=models.CASCADE, related_name="training_courses"
    )
    name = models.CharField("название", max_length=300)
    kind = models.CharField("вид", max_length=10, choices=Kind.choices, default=Kind.PRIMARY)
    format = models.CharField("формат", max_length=10, choices=Format.choices, default=Format.WEEKLY)
    trainer = models.CharField("кто проводит", max_length=300, blank=True)
    participants = models.ManyToManyField(
        Mentor, verbose_name="слушатели", blank=True, related_name="courses"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "курс обучения наставников"
        verbose_name_plural = "обучение наставников"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class TrainingSession(models.Model):
    organisation_path = "course__organisation"

    course = models.ForeignKey(
        TrainingCourse, verbose_name="курс", on_delete=models.CASCADE, related_name="sessions"
    )
    number = models.PositiveSmallIntegerField("номер")
    date = models.DateField("дата")
    topic = models.CharField("тема", max_length=300)

    class Meta:
        verbose_name = "занятие"
        verbose_name_plural = "занятия"
        ordering = ["course", "number"]
        constraints = [
            models.UniqueConstraint(fields=["course", "number"], name="training_session_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.topic}"


class Attendance(models.Model):
    organisation_path = "session__course__organisation"

    session = models.ForeignKey(
        TrainingSession, verbose_name="занятие", on_delete=models.CASCADE, related_name="attendance"
    )
    mentor = models.ForeignKey(
        Mentor, verbose_name="наставник", on_delete=models.CASCADE, related_name="attendance"
    )
    present = models.BooleanField("присутствовал", default=False)

    class Meta:
        verbose_name = "посещение"
        verbose_name_plural = "посещаемость"
        constraints = [
            models.UniqueConstraint(fields=["session", "mentor"], name="attendance_once_per_session"),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} — {self.session}"
