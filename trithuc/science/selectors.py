"""Reads of the science records. Personal records (needs, applications, initiatives) start from
the scoping rule; reviews are narrowed further: the runners of the task see every score, a council
member sees their own and, once the council has closed, the others'; applicants see none."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet

from trithuc.accounts.models import User
from trithuc.accounts.scoping import Action, get_in_scope_or_404, role_reach_ids, units_in_scope
from trithuc.core.text import search_tokens
from trithuc.orgunits.models import OrgUnit

from . import access
from .choices import NeedStatus
from .models import (
    Application,
    ConflictDeclaration,
    CooperationProgram,
    Council,
    CouncilMember,
    Initiative,
    Need,
    ScienceTask,
    Score,
)


def task_list(*, status: str = "", year: int | None = None, q: str = "") -> QuerySet[ScienceTask]:
    tasks = ScienceTask.objects.select_related("managing_unit", "field")
    if status:
        tasks = tasks.filter(status=status)
    if year:
        tasks = tasks.filter(year=year)
    for token in search_tokens(q):
        tasks = tasks.filter(title__icontains=token) | tasks.filter(code__icontains=token)
    return tasks


def task_get(pk: int) -> ScienceTask:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(ScienceTask.objects.select_related("managing_unit", "field"), pk=pk)


def need_list(*, user: User) -> QuerySet[Need]:
    return Need.objects.visible_to(user).select_related(
        "proposing_unit", "managing_unit", "field", "task"
    )


def application_list(*, user: User, task: ScienceTask | None = None) -> QuerySet[Application]:
    rows = Application.objects.visible_to(user).select_related("task", "lead", "submitting_unit")
    return rows.filter(task=task) if task is not None else rows


def application_get(*, user: User, pk: int) -> Application:
    return get_in_scope_or_404(
        Application.objects.select_related("task__managing_unit", "lead", "submitting_unit"),
        user,
        Action.VIEW,
        pk=pk,
    )


def assigned_applications(*, user: User) -> QuerySet[Application]:
    """What a reviewer is assigned: the applications of the tasks whose council they sit on."""
    tasks = CouncilMember.objects.filter(user=user).values("council__task")
    return Application.objects.filter(task__in=tasks).select_related("task", "task__council")


def scores_visible(*, user: User, application: Application) -> QuerySet[Score]:
    scores = Score.objects.filter(application=application).select_related(
        "member__person", "criterion"
    )
    if access.may_run(user, application.task.managing_unit_id):
        return scores
    council = access.council_of(application)
    seat = access.membership(user, council)
    if seat is None:
        return scores.none()
    return scores if council.is_closed else scores.filter(member=seat)


def declarations_visible(*, user: User, application: Application) -> QuerySet[ConflictDeclaration]:
    rows = ConflictDeclaration.objects.filter(application=application).select_related(
        "member__person"
    )
    if access.may_run(user, application.task.managing_unit_id):
        return rows
    seat = access.membership(user, access.council_of(application))
    return rows.filter(member=seat) if seat is not None else rows.none()


def initiative_list(*, user: User) -> QuerySet[Initiative]:
    return Initiative.objects.visible_to(user).select_related("unit", "field").distinct()


def cooperation_list(*, year: int | None = None) -> QuerySet[CooperationProgram]:
    rows = CooperationProgram.objects.select_related("organising_unit", "field")
    return rows.filter(year=year) if year else rows


@dataclass
class SummaryRow:
    application: Application
    by_criterion: list[Decimal | None]
    by_member: list[tuple[CouncilMember, Decimal | None, bool]]  # (member, total, conflicted)
    mean: Decimal | None
    rank: int = 0


@dataclass
class Summary:
    council: Council
    criteria: list
    members: list[CouncilMember]
    rows: list[SummaryRow] = field(default_factory=list)


def council_summary(council: Council) -> Summary:
    """The chair's summary sheet: for each application the mean score per criterion and the total
    of each member who scored it (members who declared a conflict are shown as such), ranked by
    the mean of the members' totals."""
    criteria = list(council.criteria.all())
    members = list(council.members.select_related("person"))
    applications = list(council.task.applications.exclude(status="withdrawn").order_by("pk"))
    conflicted = set(
        ConflictDeclaration.objects.filter(member__council=council, has_conflict=True).values_list(
            "member", "application"
        )
    )
    cells: dict[tuple[int, int, int], Decimal] = {
        (s.application_id, s.member_id, s.criterion_id): s.value
        for s in Score.objects.filter(member__council=council)
    }
    summary = Summary(council, criteria, members)
    for application in applications:
        by_member = []
        for member in members:
            values = [cells.get((application.pk, member.pk, c.pk)) for c in criteria]
            total = sum(values) if values and all(v is not None for v in values) else None
            by_member.append((member, total, (member.pk, application.pk) in conflicted))
        by_criterion = []
        for c in criteria:
            values = [cells[k] for k in cells if k[0] == application.pk and k[2] == c.pk]
            by_criterion.append(_mean(values))
        mean = _mean([t for _, t, _ in by_member if t is not None])
        summary.rows.append(SummaryRow(application, by_criterion, by_member, mean))
    ranked = sorted(summary.rows, key=lambda r: r.mean if r.mean is not None else -1, reverse=True)
    for position, row in enumerate(ranked, start=1):
        row.rank = position
    summary.rows = ranked
    return summary


def _mean(values: list) -> Decimal | None:
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01"))


def _run_reach(user: User) -> set[int] | None:
    """The units whose records the user runs; None for a superuser (every unit)."""
    if user.is_superuser:
        return None
    return role_reach_ids(user, access.RUNNING_ROLES)


def needs_to_order(*, user: User) -> QuerySet[Need]:
    """Needs still waiting for a decision, addressed to an agency the user runs."""
    needs = need_list(user=user).filter(status=NeedStatus.PROPOSED)
    reach = _run_reach(user)
    return needs if reach is None else needs.filter(managing_unit_id__in=reach)


def run_units(*, user: User) -> list[OrgUnit]:
    """The units (active today) the user may run records for, in tree order."""
    units = units_in_scope(user, Action.VIEW)
    reach = _run_reach(user)
    return units if reach is None else [u for u in units if u.pk in reach]


def application_units(*, user: User) -> list[OrgUnit]:
    """Units an application may be filed for: those the user proposes for, and the units where
    the user's own profile is employed now (an intellectual filing the application they lead)."""
    units = units_in_scope(user, Action.CHANGE)
    own = OrgUnit.objects.filter(
        employments__person__user=user, employments__end_date__isnull=True
    ).exclude(pk__in=[u.pk for u in units])
    return units + list(own.distinct().order_by("path"))


def runnable_unit_ids(*, user: User, unit_ids: set[int]) -> set[int]:
    """Which of ``unit_ids`` the user runs (one reach lookup for a whole list page)."""
    return {pk for pk in unit_ids if access.may_run(user, pk)}


def managing_units() -> list[OrgUnit]:
    """The agencies a need may be addressed to: the departments (sở, ban, ngành) of today."""
    from trithuc.core.dates import today
    from trithuc.orgunits.choices import OrgUnitKind

    units = OrgUnit.objects.active_on(today()).filter(kind=OrgUnitKind.DEPARTMENT)
    return list(units.order_by("path"))
