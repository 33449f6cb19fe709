"""Monitoring in two stages: questionnaires and their revisions, the characteristics stage 2 measures,
campaigns with their invitations and responses, and the curator's SWOT analysis."""

from monitoring.models.analysis import Swot
from monitoring.models.campaigns import Answer, Campaign, Invitation, Response
from monitoring.models.questionnaires import (
    Audience,
    Characteristic,
    Question,
    Questionnaire,
    Respondent,
    Section,
    Stage,
)

__all__ = [
    "Answer",
    "Audience",
    "Campaign",
    "Characteristic",
    "Invitation",
    "Question",
    "Questionnaire",
    "Respondent",
    "Response",
    "Section",
    "Stage",
    "Swot",
]
