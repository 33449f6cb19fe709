from django.db import models
from django.db.models import Q

from mentoring.models import Organisation
from participants.models.people import Person
from participants.models.vocabulary import Topic


class Mentor(models.Model):
    """A person in the organisation's mentor base, from candidate to ready mentor.

    The base outlives a programme: a mentor who agrees is offered to the next ones.
    """

    class Contour(models.TextChoices):
        INTERNAL = "internal", "Внутренний контур"
        EXTERNAL = "external", "Внешний контур"

    class Stage(models.TextChoices):
        CANDIDATE = "candidate", "Кандидат"
        INTERVIEWED = "interviewed", "Прошёл собеседование"
        TRAINED = "trained", "Прошёл обучение"
        READY = "ready", "Готов к работе"
        RESERVE = "reserve", "В резерве"

    organisation = models.ForeignKey(
        Organisation, verbose_name="организация", on_delete=models.CASCADE, related_name="mentors"
    )
    person = models.OneToOneField(
        Person, verbose_name="человек", on_delete=models.CASCADE, related_name="mentor"
    )
    contour = models.CharField("контур", max_length=10, choices=Contour.choices)
    stage = models.CharField("этап отбора", max_length=15, choices=Stage.choices, default=Stage.CANDIDATE)
    topics = models.ManyToManyField(Topic, verbose_name="темы, с которыми может помочь", blank=True)
    competences = models.TextField("компетенции", blank=True)
    achievements = models.TextField("достижения", blank=True)
    interests = models.TextField("интересы", blank=True)
    preferred_age_from = models.PositiveSmallIntegerField("возраст наставляемых: от", null=True, blank=True)
    preferred_age_to = models.PositiveSmallIntegerField("возраст наставляемых: до", null=True, blank=True)
    capacity = models.PositiveSmallIntegerField("сколько наставляемых может взять", default=1)
    agrees_future_programmes = models.BooleanField(
        "согласен участвовать в следующих программах", default=False
    )
    agrees_district = models.BooleanField("согласен работать с другими организациями района", default=False)
    # The candidate's questionnaire (free form in the methodology).
    motivation = models.TextField("почему хочет стать наставником", blank=True)
    experience = models.TextField("опыт наставничества и работы с детьми или коллегами", blank=True)
    expectations = models.TextField("ожидания от программы", blank=True)
    # The interview.
    interview_date = models.DateField("дата собеседования", null=True, blank=True)
    interviewer = models.CharField("кто проводил собеседование", max_length=300, blank=True)
    interview_conclusion = models.TextField("заключение по собеседованию", blank=True)
    stage_changed_on = models.DateField("этап изменён", null=True, blank=True)
    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "наставник"
        verbose_name_plural = "база наставников"
        ordering = ["person__last_name", "person__first_name", "person__middle_name"]
        indexes = [models.Index(fields=["organisation", "stage"])]
        constraints = [
            models.CheckConstraint(
                name="mentor_capacity_positive", condition=Q(capacity__gte=1, capacity__lte=30)
            ),
            models.CheckConstraint(
                name="mentor_age_range_ordered",
                condition=Q(preferred_age_from__isnull=True)
                | Q(preferred_age_to__isnull=True)
                | Q(preferred_age_from__lte=models.F("preferred_age_to")),
            ),
        ]

    def __str__(self) -> str:
        return str(self.person)

    @property
    def is_ready(self) -> bool:
        return self.stage == self.Stage.READY
