"""Pairs and groups, the orders that fix them, replacement requests, meeting preferences, and the
work of pairs: individual plans, their templates, meetings and reminders."""

from pairs.models.meetings import Meeting, SentReminder
from pairs.models.orders import Order, OrderItem
from pairs.models.pairs import Pair, PairEvent, PairMember
from pairs.models.plans import IndividualPlan, PlanComment, PlanRow, PlanTemplate, PlanTemplateRow
from pairs.models.preferences import Preference
from pairs.models.replacements import ReplacementRequest
from pairs.models.results import MemberResult

__all__ = [
    "IndividualPlan",
    "Meeting",
    "MemberResult",
    "Order",
    "OrderItem",
    "Pair",
    "PairEvent",
    "PairMember",
    "PlanComment",
    "PlanRow",
    "PlanTemplate",
    "PlanTemplateRow",
    "Preference",
    "ReplacementRequest",
    "SentReminder",
]
