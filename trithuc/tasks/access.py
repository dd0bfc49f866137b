"""Who may act on tasks and unit reports, beyond seeing them.

Seeing a unit report is the project's one scoping rule (``UnitReport.objects.visible_to``). Acting
on it depends on the role that reaches its unit: a unit's own officers (unit or agency officer)
write and submit, the program office returns and approves, leaders and administrators only read.
These checks are used by the services, which enforce them, and by the views, which only decide
whether to show a button; templates never decide.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from trithuc.accounts.choices import Role
from trithuc.accounts.models import User
from trithuc.accounts.scoping import role_reach_ids
from trithuc.programs.models import Program

from .models import Task, UnitReport

# Roles whose holders write and submit the reports of the units they reach.
REPORTING_ROLES = frozenset({Role.UNIT_OFFICER, Role.AGENCY_OFFICER})


def has_any_assignment(user: User | AnonymousUser) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.assignments.exists()


def may_read_tasks(user: User | AnonymousUser) -> bool:
    """Tasks are not personal data: everyone who works in the system (holds an assignment) reads
    them, evidence included."""
    return has_any_assignment(user)


def is_program_office_for_program(user: User | AnonymousUser, program: Program) -> bool:
    return user.is_superuser or program.issuing_body_id in role_reach_ids(
        user, {Role.PROGRAM_OFFICE}
    )


def may_manage_tasks(user: User | AnonymousUser, program: Program) -> bool:
    """Marking a task done or reopening it: the program office, or an administrator."""
    if not user.is_authenticated:
        return False
    return is_program_office_for_program(user, program) or bool(
        role_reach_ids(user, {Role.ADMINISTRATOR})
    )


def may_edit_report(user: User | AnonymousUser, report: UnitReport) -> bool:
    return user.is_superuser or report.unit_id in role_reach_ids(user, REPORTING_ROLES)


def may_review_report(user: User | AnonymousUser, report: UnitReport) -> bool:
    return user.is_superuser or report.unit_id in role_reach_ids(user, {Role.PROGRAM_OFFICE})


def task_unit_ids(task: Task) -> set[int]:
    """The lead and supporting units of a task (uses the prefetch cache when there is one)."""
    return {u.pk for u in task.lead_units.all()} | {u.pk for u in task.supporting_units.all()}


def units_carrying_on(unit_ids: set[int]) -> set[int]:
    """The units whose reach contains any of ``unit_ids``: the units themselves, the units above
    them, and the units their history leads into (with the units above those), repeated. The
    inverse of ``orgunit_reach_ids``, worked out in one pass instead of one reach per unit."""
    from trithuc.orgunits.models import OrgUnit
    from trithuc.orgunits.selectors import succession_edges

    parent_of = dict(OrgUnit.objects.values_list("pk", "parent_id"))
    successors_of: dict[int, list[int]] = {}
    for pred, succ in succession_edges():
        successors_of.setdefault(pred, []).append(succ)
    found, stack = set(unit_ids), list(unit_ids)
    while stack:
        current = stack.pop()
        for nxt in (parent_of.get(current), *successors_of.get(current, ())):
            if nxt is not None and nxt not in found:
                found.add(nxt)
                stack.append(nxt)
    return found


def unit_works_on_task(unit_id: int, task: Task) -> bool:
    """The unit leads or supports the task, or is the successor of one that does (a commune
    formed in 2025 carries on the tasks given to the 2023 communes merged into it), or is above
    one that does. Worked out once per task object."""
    carriers = task.__dict__.get("_trithuc_carriers")
    if carriers is None:
        carriers = task.__dict__["_trithuc_carriers"] = units_carrying_on(task_unit_ids(task))
    return unit_id in carriers


def may_add_progress(user: User | AnonymousUser, task: Task, unit_id: int) -> bool:
    from trithuc.accounts.scoping import Action, unit_ids_in_scope

    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if unit_id not in unit_ids_in_scope(user, Action.CHANGE):
        return False
    if unit_id in role_reach_ids(user, {Role.PROGRAM_OFFICE}):
        return True
    return unit_works_on_task(unit_id, task)
