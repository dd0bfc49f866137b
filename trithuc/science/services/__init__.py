"""State changes of the science records. Each function is one verb, keyword-only and atomic; who
may do it is checked by ``science.access``; figures the program computes from these records are
recounted in the same transaction."""

from .cooperation import COOPERATION, cooperation_program_create, cooperation_program_record_outputs
from .execution import (
    SCIENCE_APPLIED,
    acceptance_record,
    applied_task_refresh,
    contract_sign,
    milestone_add,
    milestone_report,
    province_unit_ids,
    result_application_record,
    result_application_remove,
)
from .initiatives import initiative_recognise, initiative_reject, initiative_submit
from .ordering import call_publish, need_propose, need_reject, ordering_list_approve, task_cancel
from .review import (
    application_submit,
    conflict_declare,
    council_close,
    council_form,
    council_missing,
    relative_declare,
    score_record,
    selection_decide,
)

__all__ = [
    "COOPERATION",
    "SCIENCE_APPLIED",
    "acceptance_record",
    "application_submit",
    "applied_task_refresh",
    "call_publish",
    "conflict_declare",
    "contract_sign",
    "cooperation_program_create",
    "cooperation_program_record_outputs",
    "council_close",
    "council_form",
    "council_missing",
    "initiative_recognise",
    "initiative_reject",
    "initiative_submit",
    "milestone_add",
    "milestone_report",
    "need_propose",
    "need_reject",
    "ordering_list_approve",
    "province_unit_ids",
    "relative_declare",
    "result_application_record",
    "result_application_remove",
    "score_record",
    "selection_decide",
    "task_cancel",
]
