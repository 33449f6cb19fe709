"""The programme's roadmap (seven stages and their items with evidence), its passport with the KPI
table, the year's work plan, and the completion: cases of best practice and awards."""

from roadmap.models.completion import Award, Case, CasePhoto
from roadmap.models.passport import Indicator, IndicatorTarget, Passport
from roadmap.models.roadmap import Evidence, RoadmapItem, RoadmapStage
from roadmap.models.workplan import WorkEvent

__all__ = [
    "Award",
    "Case",
    "CasePhoto",
    "Evidence",
    "Indicator",
    "IndicatorTarget",
    "Passport",
    "RoadmapItem",
    "RoadmapStage",
    "WorkEvent",
]
