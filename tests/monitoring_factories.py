"""Builders for monitoring: campaigns of the world's programme and answers, made through the services."""

from __future__ import annotations

from datetime import date, timedelta

from monitoring.models import Campaign, Invitation, Questionnaire, Respondent
from monitoring.services.answering import NO, YES, field_name, save_answers
from monitoring.services.campaigns import launch_campaign
from participants.selectors.consents import today
from tests.pair_factories import world_pair


def questionnaire_of(programme, code: str) -> Questionnaire:
    """The current revision of a default-set questionnaire, e.g. «process-mentee-teacher-student»."""
    return Questionnaire.objects.get(programme=programme, code=code, is_current=True)


def launch(
    programme,
    code: str,
    *,
    phase: str = "",
    opens_on: date | None = None,
    closes_on: date | None = None,
    forms=None,
    pairs=(),
    user=None,
    title: str = "",
) -> Campaign:
    questionnaire = questionnaire_of(programme, code)
    opens_on = opens_on or today()
    return launch_campaign(
        programme=programme,
        questionnaire=questionnaire,
        title=title or questionnaire.title,
        opens_on=opens_on,
        closes_on=closes_on or opens_on + timedelta(days=14),
        forms=forms if forms is not None else questionnaire.forms.all(),
        pairs=pairs,
        phase=phase,
        user=user,
    )


def world_campaign(world, code: str = "process-mentee-teacher-student", **kwargs) -> Campaign:
    """A running campaign of the world's programme that includes the world's pair."""
    world_pair(world)
    existing = Campaign.objects.filter(programme=world.programme, questionnaire__code=code).first()
    return existing or launch(world.programme, code, user=world.users["curator"], **kwargs)


def world_invitation(world, code: str = "process-mentee-teacher-student") -> Invitation:
    """The world's mentee's invitation (for a mentee questionnaire) or mentor's (for a mentor one)."""
    campaign = world_campaign(world, code)
    person = (
        world.mentee_person if campaign.questionnaire.respondent == Respondent.MENTEE else world.mentor_person
    )
    return campaign.invitations.get(person=person)


def answers_for(
    questionnaire: Questionnaire, *, rating: int = 8, text: str = "Нормально", number: float = 3
) -> dict:
    """A complete, valid posted form for every question of the questionnaire."""
    posted: dict = {}
    for question in questionnaire.questions.all():
        name = field_name(question)
        if question.kind == "rating":
            posted[name] = str(rating)
        elif question.kind == "yes_no":
            posted[name] = YES if rating >= 5 else NO
        elif question.kind == "number":
            posted[name] = str(number)
        elif question.kind == "single":
            posted[name] = question.choices[0]
        elif question.kind == "multiple":
            posted[name] = question.choices[:2]
        else:
            posted[name] = text
    return posted


def answer(invitation: Invitation, **values):
    questionnaire = invitation.campaign.questionnaire
    return save_answers(invitation=invitation, posted=answers_for(questionnaire, **values), submit=True)


def own_invitation(world, persona: str) -> Invitation:
    """The persona's own invitation: the mentor's and the curator's to their questionnaires, and for
    everyone else the world's mentee's one."""
    if persona == "mentor":
        return world_invitation(world, "process-mentor-teacher-student")
    if persona == "curator":
        return world_campaign(world, "process-curator").invitations.get(user=world.users["curator"])
    return world_invitation(world)
