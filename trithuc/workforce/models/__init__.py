"""Workforce records: training, ratings and careers, honours, talent attraction."""

from .attraction import AttractionBudget, AttractionCase, AttractionPolicy, Disbursement
from .careers import AnnualRating, CareerEvent, PositionStandard, SuccessionPlan
from .honours import Award, AwardCriterion, AwardNomination, AwardType, NominationScore
from .training import TrainingCourse, TrainingEnrollment, TrainingPlan

__all__ = [
    "AnnualRating",
    "AttractionBudget",
    "AttractionCase",
    "AttractionPolicy",
    "Award",
    "AwardCriterion",
    "AwardNomination",
    "AwardType",
    "CareerEvent",
    "Disbursement",
    "NominationScore",
    "PositionStandard",
    "SuccessionPlan",
    "TrainingCourse",
    "TrainingEnrollment",
    "TrainingPlan",
]
