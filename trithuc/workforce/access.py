"""Which buttons a user sees on the workforce pages.

Seeing a record is the project's one scoping rule (``Model.objects.visible_to``). Acting on it is
decided by the services, which enforce their own checks; these helpers ask the same questions so
that a page shows only the actions the service would accept. Views call them; templates never
decide, and a refused action still answers the service's message.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from trithuc.accounts.models import User
from trithuc.accounts.scoping import Action, may_act_in_role, role_reach_ids, unit_ids_in_scope

from .choices import ATTRACTION_TRANSITIONS, NOMINATION_TRANSITIONS, AttractionStatus
from .choices import NominationStatus as NS
from .services import DECIDING_ROLES, ENROLLMENT_TRANSITIONS

AnyUser = User | AnonymousUser


def may_change_unit(user: AnyUser, unit_id: int | None) -> bool:
    """May ``user`` write records kept by the unit? (``services.check_may_change_unit``)"""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or unit_id in unit_ids_in_scope(user, Action.CHANGE)


def may_write_any(user: AnyUser) -> bool:
    """Does the user reach any unit whose records they may write (the "add" buttons)?"""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or bool(unit_ids_in_scope(user, Action.CHANGE))


def may_decide(user: AnyUser, unit_id: int | None) -> bool:
    """Appraisals, decisions, scores and payments (``services.check_may_decide``)."""
    return may_act_in_role(user, DECIDING_ROLES, unit_id)


def may_decide_any(user: AnyUser) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or bool(role_reach_ids(user, DECIDING_ROLES))


def may_manage_courses(user: AnyUser) -> bool:
    """Opening a course: the bodies that organise training (agency officers such as the political
    school or the organisation board), the program office and administrators."""
    return may_decide_any(user)


def enrollment_moves(user: AnyUser, enrollment) -> list:
    """The statuses this user may move an enrolment to, in the order of the choices."""
    if not may_change_unit(user, enrollment.sending_unit_id):
        return []
    return sorted(ENROLLMENT_TRANSITIONS[enrollment.status], key=_choice_order)


def nomination_actions(user: AnyUser, nomination) -> set[str]:
    """Of "submit", "score", "decide", "award": those the nomination's state and the user allow."""
    actions: set[str] = set()
    unit_id = nomination.unit_id
    if NS.SUBMITTED in NOMINATION_TRANSITIONS[nomination.status] and may_change_unit(user, unit_id):
        actions.add("submit")
    if nomination.status == NS.SUBMITTED and may_decide(user, unit_id):
        actions |= {"score", "decide"}
    has_award = getattr(nomination, "award", None) is not None if nomination.pk else False
    if nomination.status == NS.APPROVED and not has_award and may_change_unit(user, unit_id):
        actions.add("award")
    return actions


def attraction_actions(user: AnyUser, case) -> set[str]:
    """Of "appraise", "decide", "start", "pay", "end": those the case's state and the user allow."""
    status = AttractionStatus(case.status)
    moves = ATTRACTION_TRANSITIONS[status]
    actions: set[str] = set()
    deciding = may_decide(user, case.unit_id)
    if deciding and AttractionStatus.APPRAISED in moves:
        actions.add("appraise")
    if deciding and AttractionStatus.APPROVED in moves:
        actions.add("decide")
    if AttractionStatus.SERVING in moves and may_change_unit(user, case.unit_id):
        actions.add("start")
    if deciding and status in (AttractionStatus.APPROVED, AttractionStatus.SERVING):
        actions.add("pay")
    if deciding and status == AttractionStatus.SERVING:
        actions.add("end")
    return actions


def _choice_order(status: str) -> int:
    from .choices import EnrollmentStatus

    return list(EnrollmentStatus.values).index(status)
