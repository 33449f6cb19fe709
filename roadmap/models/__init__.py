"""The programme's roadmap (seven stages and their items with evidence), its passport with the KPI
table, and the year's work plan."""

from roadmap.models.passport import Indicator, IndicatorTarget, Passport
from roadmap.models.roadmap import Evidence, RoadmapItem, RoadmapStage
from roadmap.models.workplan import WorkEvent

__all__ = [
    "Evidence",
    "Indicator",
    "IndicatorTarget",
    "Passport",
    "RoadmapItem",
    "RoadmapStage",
    "WorkEvent",
]
