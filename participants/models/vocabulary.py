from django.db import models
from django.db.models import Q

from mentoring.models import Organisation


class VocabularyQuerySet(models.QuerySet):
    def for_organisation(self, organisation: Organisation):
        """The common entries and the organisation's own ones, active only."""
        return self.filter(Q(organisation=None) | Q(organisation=organisation), is_active=True)


class VocabularyEntry(models.Model):
    """An entry of an editable list: common ones (organisation empty) come with the product,
    a curator adds the organisation's own."""

    class Audience(models.TextChoices):
        ANY = "any", "Все"
        STUDENTS = "students", "Обучающиеся"
        TEACHERS = "teachers", "Педагоги"

    organisation = models.ForeignKey(
        Organisation, verbose_name="организация", on_delete=models.CASCADE, null=True, blank=True
    )
    name = models.CharField("название", max_length=200)
    audience = models.CharField("для кого", max_length=10, choices=Audience.choices, default=Audience.ANY)
    order = models.PositiveSmallIntegerField("порядок", default=100)
    is_active = models.BooleanField("используется", default=True)

    objects = VocabularyQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class MenteeCategory(VocabularyEntry):
    """Why a mentee came into the programme: gifted, low results, ОВЗ, young specialist…"""

    class Meta(VocabularyEntry.Meta):
        verbose_name = "категория наставляемых"
        verbose_name_plural = "категории наставляемых"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="mentee_category_unique_name"),
        ]


class Topic(VocabularyEntry):
    """A topic of requests; mentors declare the topics they can help with."""

    class Meta(VocabularyEntry.Meta):
        verbose_name = "тема запроса"
        verbose_name_plural = "темы запросов"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="topic_unique_name"),
        ]
