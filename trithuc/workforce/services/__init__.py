"""State changes of the workforce records.

Each function is one verb, keyword-only, atomic, and keeps the history user. Who may do it is
checked here: officers who may change records of the unit (the one scoping rule) create and edit;
decisions (a nomination's outcome, an attraction case's appraisal and decision) need an agency
officer, the program office or an administrator whose assignment reaches the unit. Figures the
program computes from these records are recounted in the same transaction.
"""

from .attraction import (
    attraction_case_apply,
    attraction_case_appraise,
    attraction_case_decide,
    attraction_case_end,
    attraction_case_start_service,
    disbursement_add,
)
from .careers import career_event_record, rating_set, succession_plan_add, succession_plan_remove
from .common import DECIDING_ROLES, check_may_change_unit, check_may_decide
from .honours import (
    award_record,
    nomination_create,
    nomination_decide,
    nomination_score,
    nomination_submit,
)
from .training import (
    ENROLLMENT_TRANSITIONS,
    enrollment_create,
    enrollment_set_status,
    training_course_create,
    training_plan_set,
)

__all__ = [
    "DECIDING_ROLES",
    "ENROLLMENT_TRANSITIONS",
    "attraction_case_appraise",
    "attraction_case_apply",
    "attraction_case_decide",
    "attraction_case_end",
    "attraction_case_start_service",
    "award_record",
    "career_event_record",
    "check_may_change_unit",
    "check_may_decide",
    "disbursement_add",
    "enrollment_create",
    "enrollment_set_status",
    "nomination_create",
    "nomination_decide",
    "nomination_score",
    "nomination_submit",
    "rating_set",
    "succession_plan_add",
    "succession_plan_remove",
    "training_course_create",
    "training_plan_set",
]
