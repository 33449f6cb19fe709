"""Reads of the questionnaire builder: one object of the user's organisation (else 404), the list of
current questionnaires by stage, one questionnaire as its respondent sees it, and the characteristics."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from mentoring.models import Programme
from monitoring.models import Audience, Characteristic, Question, Questionnaire, Section, Stage


def access_questionnaire(access, questionnaire_id: int) -> Questionnaire:
    return access.get(Questionnaire.objects.select_related("programme"), pk=questionnaire_id)


def access_section(access, section_id: int) -> Section:
    return access.get(Section.objects.select_related("questionnaire__programme"), pk=section_id)


def access_question(access, question_id: int) -> Question:
    return access.get(
        Question.objects.select_related("questionnaire__programme", "section", "characteristic"),
        pk=question_id,
    )


def access_characteristic(access, characteristic_id: int) -> Characteristic:
    return access.get(Characteristic.objects.select_related("programme"), pk=characteristic_id)


def current_questionnaires(programme: Programme | None) -> QuerySet:
    """The programme's current revisions with their forms and number of questions (two queries)."""
    if programme is None:
        return Questionnaire.objects.none()
    return (
        Questionnaire.objects.filter(programme=programme, is_current=True)
        .annotate(question_count=Count("questions"))
        .prefetch_related("forms")
        .order_by("stage", "respondent", "title", "pk")
    )


@dataclass
class StageGroup:
    stage: int
    label: str
    questionnaires: list[Questionnaire] = field(default_factory=list)


def by_stage(questionnaires) -> list[StageGroup]:
    """Both stages, each with its questionnaires (an empty stage too: the curator should see it)."""
    groups = {value: StageGroup(value, label) for value, label in Stage.choices}
    for questionnaire in questionnaires:
        groups[questionnaire.stage].questionnaires.append(questionnaire)
    return list(groups.values())


@dataclass
class Block:
    """A run of consecutive questions of one section, as the respondent sees them."""

    section: Section | None
    questions: list[Question] = field(default_factory=list)

    @property
    def section_id(self) -> int | None:
        return self.section.pk if self.section else None


def sheet(questionnaire: Questionnaire) -> tuple[list[Block], list[Section], list[Question]]:
    """(blocks in the respondent's order, all sections in order, all questions in order)."""
    questions = list(
        questionnaire.questions.select_related("section", "characteristic").order_by("position", "pk")
    )
    sections = list(questionnaire.sections.order_by("position", "pk"))
    blocks: list[Block] = []
    for number, question in enumerate(questions, start=1):
        question.number = number
        if not blocks or blocks[-1].section_id != question.section_id:
            blocks.append(Block(question.section))
        blocks[-1].questions.append(question)
    return blocks, sections, questions


def revisions_before(questionnaire: Questionnaire) -> list[Questionnaire]:
    """Earlier revisions, newest first."""
    earlier = []
    current = questionnaire.previous
    while current is not None:
        earlier.append(current)
        current = current.previous
    return earlier


def current_revision(questionnaire: Questionnaire) -> Questionnaire:
    """The revision that replaced this one (itself when it is current)."""
    current = questionnaire
    while not current.is_current:
        following = Questionnaire.objects.filter(previous=current).first()
        if following is None:
            break
        current = following
    return current


@dataclass
class AudienceGroup:
    audience: str
    label: str
    characteristics: list[Characteristic] = field(default_factory=list)


def characteristics_by_audience(programme: Programme | None) -> list[AudienceGroup]:
    groups = {value: AudienceGroup(value, label) for value, label in Audience.choices if value}
    if programme is None:
        return list(groups.values())
    for characteristic in programme.characteristics.order_by("audience", "position", "pk"):
        groups.setdefault(
            characteristic.audience, AudienceGroup(characteristic.audience, characteristic.audience)
        ).characteristics.append(characteristic)
    return list(groups.values())
