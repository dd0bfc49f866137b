"""Who may act on the science records. The services call these checks (raising PermissionDenied
with the reason); views call the same functions to show only the buttons a service would accept.

- Agencies (agency officers, e.g. Sở KH&CN) and the program office *run* the lifecycle of tasks
  managed by a unit their assignment reaches: ordering lists, calls, councils, selection,
  contracts, progress, acceptance, application of results, initiative recognition.
- Unit officers (and the runners) *propose* needs and file applications for units they reach; an
  intellectual may file an application they lead themselves.
- Reviewers act only through a council membership: they see the applications of that council's
  task, declare conflicts, and score an application only after declaring no conflict on it, while
  the council is open. Other reviewers' scores stay hidden until the council closes.
- Applicants (the team of an application) see their application, never its reviews.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from trithuc.accounts.choices import Role
from trithuc.accounts.models import User
from trithuc.accounts.scoping import may_act_in_role, role_reach_ids

AnyUser = User | AnonymousUser

RUNNING_ROLES = frozenset({Role.AGENCY_OFFICER, Role.PROGRAM_OFFICE})
PROPOSING_ROLES = frozenset({Role.UNIT_OFFICER, Role.AGENCY_OFFICER, Role.PROGRAM_OFFICE})


def _active(user: AnyUser | None) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def may_run(user: AnyUser | None, unit_id: int | None) -> bool:
    """May ``user`` run the lifecycle of records managed by ``unit_id``?"""
    return _active(user) and may_act_in_role(user, RUNNING_ROLES, unit_id)  # type: ignore[arg-type]


def may_run_any(user: AnyUser) -> bool:
    return _active(user) and (user.is_superuser or bool(role_reach_ids(user, RUNNING_ROLES)))


def may_propose(user: AnyUser | None, unit_id: int | None) -> bool:
    """May ``user`` propose needs, initiatives or file applications for ``unit_id``?"""
    return _active(user) and may_act_in_role(user, PROPOSING_ROLES, unit_id)  # type: ignore[arg-type]


def may_propose_any(user: AnyUser) -> bool:
    return _active(user) and (user.is_superuser or bool(role_reach_ids(user, PROPOSING_ROLES)))


def check_may_run(actor: User | None, unit_id: int | None, what: str) -> None:
    """``actor=None`` is the system itself (setup, demo data)."""
    if actor is None or may_run(actor, unit_id):
        return
    raise PermissionDenied(
        f"Chỉ cơ quan quản lý nhiệm vụ (sở, ngành được giao) hoặc cơ quan thường trực Chương trình "
        f"mới được {what}."
    )


def check_may_propose(actor: User | None, unit_id: int | None, what: str) -> None:
    if actor is None or may_propose(actor, unit_id):
        return
    raise PermissionDenied(f"Bạn không được {what} cho đơn vị này.")


def may_file_application(user: AnyUser | None, unit_id: int | None, lead) -> bool:
    if may_propose(user, unit_id):
        return True
    return _active(user) and lead is not None and lead.user_id == user.pk  # type: ignore[union-attr]


def membership(user: AnyUser | None, council):
    """The user's seat on ``council``, or None."""
    if not _active(user) or council is None:
        return None
    return council.members.filter(user=user).first()


def is_on_team(user: AnyUser | None, application) -> bool:
    if not _active(user):
        return False
    return application.team.filter(person__user=user).exists()


def council_of(application):
    """The council of the application's task, read fresh (a cached one may predate its closing)."""
    from .models import Council

    return Council.objects.filter(task_id=application.task_id).first()


def score_refusal(user: AnyUser | None, application) -> str:
    """Why ``user`` may not score ``application`` now ("" when they may)."""
    from .models import ConflictDeclaration

    council = council_of(application)
    seat = membership(user, council)
    if seat is None:
        return "Bạn không phải thành viên hội đồng đánh giá hồ sơ này."
    if council.is_closed:
        return "Hội đồng đã kết thúc phiên đánh giá; không chấm điểm được nữa."
    declaration = ConflictDeclaration.objects.filter(member=seat, application=application).first()
    if declaration is None:
        return "Cần ký cam kết, khai báo xung đột lợi ích với hồ sơ này trước khi chấm điểm."
    if declaration.has_conflict:
        return "Bạn đã khai báo có xung đột lợi ích với hồ sơ này nên không được chấm điểm."
    return ""


def may_see_reviews(user: AnyUser | None, application) -> bool:
    """Reviews (declarations and scores) are read by the runners of the task and the council's
    members (narrowed further by ``selectors.scores_visible``), never by the applicants as such."""
    if not _active(user):
        return False
    if may_run(user, application.task.managing_unit_id):
        return True
    return membership(user, council_of(application)) is not None


def may_see_summary(user: AnyUser | None, council) -> bool:
    """The chair's summary sheet: the runners at any time (marked provisional while open); the
    chair once the council has closed (before that it would show the other reviewers' scores)."""
    if may_run(user, council.task.managing_unit_id):
        return True
    seat = membership(user, council)
    from .choices import CouncilRole

    return seat is not None and seat.role == CouncilRole.CHAIR and council.is_closed


def may_report_progress(user: AnyUser | None, task) -> bool:
    """Progress is reported by the runners or by the lead of the selected application."""
    if may_run(user, task.managing_unit_id):
        return True
    selected = task.selected_application
    return _active(user) and selected is not None and selected.lead.user_id == user.pk  # type: ignore[union-attr]
