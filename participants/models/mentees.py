from django.db import models

from mentoring.models import Programme
from participants.models.people import Person
from participants.models.vocabulary import MenteeCategory, Topic


class Mentee(models.Model):
    """A person's place in a programme's mentee base."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Ожидает наставника"
        IN_PAIR = "in_pair", "В паре или группе"
        COMPLETED = "completed", "Завершил программу"
        LEFT = "left", "Выбыл"
        # Set by the withdrawal of consent: the pseudonymised mentee waits for nobody, and stays counted.
        WITHDRAWN = "withdrawn", "Согласие отозвано"

    organisation_path = "programme__organisation"

    programme = models.ForeignKey(
        Programme, verbose_name="программа", on_delete=models.CASCADE, related_name="mentees"
    )
    person = models.ForeignKey(
        Person, verbose_name="человек", on_delete=models.CASCADE, related_name="mentees"
    )
    categories = models.ManyToManyField(MenteeCategory, verbose_name="категории", blank=True)
    entry_date = models.DateField("дата вхождения в программу")
    status = models.CharField("статус", max_length=20, choices=Status.choices, default=Status.WAITING)
    results = models.TextField("результаты", blank=True)
    case_links = models.TextField("ссылки на кейсы", blank=True)
    completion_date = models.DateField("дата завершения", null=True, blank=True)
    wants_to_mentor = models.BooleanField("хочет стать наставником", default=False)
    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "наставляемый"
        verbose_name_plural = "база наставляемых"
        ordering = ["person__last_name", "person__first_name", "person__middle_name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "person"], name="mentee_once_per_programme"),
        ]
        indexes = [models.Index(fields=["programme", "status"])]

    def __str__(self) -> str:
        return str(self.person)


class MenteeRequest(models.Model):
    """One concrete problem the mentee wants solved; the set of them is the request map."""

    organisation_path = "mentee__programme__organisation"

    mentee = models.ForeignKey(
        Mentee, verbose_name="наставляемый", on_delete=models.CASCADE, related_name="requests"
    )
    text = models.TextField("запрос")
    topics = models.ManyToManyField(Topic, verbose_name="темы", blank=True, related_name="requests")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "запрос наставляемого"
        verbose_name_plural = "запросы наставляемых"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text[:80]
