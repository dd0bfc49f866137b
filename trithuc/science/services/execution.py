"""After selection: contract, milestones, acceptance, and the application of the results (which
the indicator «tasks applied, led or co-led by provincial intellectuals» counts)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from trithuc.accounts.models import User
from trithuc.orgunits.models import OrgUnit
from trithuc.orgunits.selectors import orgunit_reach_ids, succession_edges
from trithuc.people.models import Employment
from trithuc.programs.services import computed_figures_refresh

from ..access import check_may_run, may_report_progress
from ..choices import LEADING_ROLES, AcceptanceRating, TaskStatus, TeamRole
from ..models import (
    AppliedTask,
    Contract,
    Milestone,
    ResultAcceptance,
    ResultApplication,
    ScienceTask,
)
from ._common import move, require_status, save

SCIENCE_APPLIED = "science.ResultApplication"


@transaction.atomic
def contract_sign(
    *,
    actor: User | None,
    task: ScienceTask,
    number: str,
    signed_on: dt.date,
    start_date: dt.date,
    end_date: dt.date,
    amount: Decimal,
) -> Contract:
    check_may_run(actor, task.managing_unit_id, "ký hợp đồng thực hiện nhiệm vụ")
    require_status(task, TaskStatus.SELECTED, what="ký hợp đồng")
    if end_date <= start_date:
        raise ValidationError({"end_date": "Thời gian kết thúc phải sau thời gian bắt đầu."})
    contract = Contract(
        task=task,
        number=number,
        signed_on=signed_on,
        start_date=start_date,
        end_date=end_date,
        amount=amount,
    )
    save(contract, actor)
    move(task, TaskStatus.CONTRACTED, actor)
    return contract


@transaction.atomic
def milestone_add(
    *, actor: User | None, task: ScienceTask, title: str, due_date: dt.date
) -> Milestone:
    check_may_run(actor, task.managing_unit_id, "đặt mốc tiến độ")
    require_status(task, TaskStatus.CONTRACTED, what="đặt mốc tiến độ")
    milestone = Milestone(task=task, title=title, due_date=due_date)
    save(milestone, actor)
    return milestone


@transaction.atomic
def milestone_report(
    *,
    actor: User | None,
    milestone: Milestone,
    reported_on: dt.date,
    report: str,
    evidence: str = "",
) -> Milestone:
    """The progress report closing a milestone: by the lead, or by the managing agency."""
    task = milestone.task
    if actor is not None and not may_report_progress(actor, task):
        raise PermissionDenied(
            "Chỉ chủ nhiệm nhiệm vụ hoặc cơ quan quản lý mới được báo cáo tiến độ."
        )
    require_status(task, TaskStatus.CONTRACTED, what="báo cáo tiến độ")
    if not report.strip():
        raise ValidationError({"report": "Cần nêu nội dung báo cáo tiến độ."})
    milestone.reported_on = reported_on
    milestone.report = report
    milestone.evidence = evidence
    save(milestone, actor)
    return milestone


@transaction.atomic
def acceptance_record(
    *,
    actor: User | None,
    task: ScienceTask,
    decision_number: str,
    accepted_on: dt.date,
    rating: str,
    notes: str = "",
) -> ResultAcceptance:
    """Nghiệm thu: a rating of «không đạt» ends the task as failed; otherwise it is accepted."""
    check_may_run(actor, task.managing_unit_id, "nghiệm thu nhiệm vụ")
    require_status(task, TaskStatus.CONTRACTED, what="nghiệm thu")
    open_milestones = task.milestones.filter(reported_on__isnull=True)
    if rating != AcceptanceRating.FAILED and open_milestones.exists():
        names = ", ".join(f"«{m.title}»" for m in open_milestones)
        raise ValidationError(f"Còn mốc tiến độ chưa báo cáo: {names}.")
    acceptance = ResultAcceptance(
        task=task,
        decision_number=decision_number,
        accepted_on=accepted_on,
        rating=rating,
        notes=notes,
    )
    save(acceptance, actor)
    failed = rating == AcceptanceRating.FAILED
    move(task, TaskStatus.FAILED if failed else TaskStatus.ACCEPTED, actor)
    return acceptance


@transaction.atomic
def result_application_record(
    *,
    actor: User | None,
    task: ScienceTask,
    place: str,
    applied_by: str,
    since: dt.date,
    change: str,
    evidence: str,
    applying_unit: OrgUnit | None = None,
) -> ResultApplication:
    """One application of the task's results, with its evidence: where, by whom, since when, what
    changed. Only results that passed acceptance are applied."""
    check_may_run(actor, task.managing_unit_id, "ghi nhận kết quả được áp dụng")
    require_status(task, TaskStatus.ACCEPTED, what="ghi nhận áp dụng kết quả")
    if since < task.acceptance.accepted_on:
        raise ValidationError({"since": "Ngày áp dụng không thể trước ngày nghiệm thu."})
    if not evidence.strip():
        raise ValidationError({"evidence": "Cần văn bản xác nhận việc áp dụng làm minh chứng."})
    use = ResultApplication(
        task=task,
        place=place,
        applying_unit=applying_unit,
        applied_by=applied_by,
        since=since,
        change=change,
        evidence=evidence,
    )
    save(use, actor)
    applied_task_refresh(task)
    return use


@transaction.atomic
def result_application_remove(*, actor: User | None, use: ResultApplication) -> None:
    """Remove a record entered in error (kept in history); the count moves with it."""
    task = use.task
    check_may_run(actor, task.managing_unit_id, "xóa ghi nhận áp dụng kết quả")
    use._history_user = actor  # type: ignore[attr-defined]
    use.delete()
    applied_task_refresh(task)


def province_unit_ids(unit_id: int) -> set[int]:
    """The units of the province ``unit_id`` belongs to: the top of its tree, every province that
    top was merged into, and everything whose history leads into them."""
    unit = OrgUnit.objects.get(pk=unit_id)
    top = int(unit.path.strip("/").split("/")[0]) if unit.path else unit.pk
    forward: dict[int, set[int]] = {}
    for before, after in succession_edges():
        forward.setdefault(before, set()).add(after)
    roots, stack = {top}, [top]
    while stack:
        for nxt in forward.get(stack.pop(), ()):
            if nxt not in roots:
                roots.add(nxt)
                stack.append(nxt)
    return orgunit_reach_ids(roots)


def _counted_leader(task: ScienceTask, day: dt.date) -> tuple[Employment, str] | None:
    """The provincial intellectual who led (or else co-led) the selected application on ``day``,
    with their job there."""
    selected = task.selected_application
    if selected is None:
        return None
    province = province_unit_ids(task.managing_unit_id)
    team = [m for m in selected.team.select_related("person") if m.role in LEADING_ROLES]
    team.sort(key=lambda m: (m.role != TeamRole.LEAD, m.pk))
    for member in team:
        job = (
            Employment.objects.filter(person=member.person, unit_id__in=province)
            .exclude(start_date__gt=day)
            .exclude(end_date__lte=day)
            .order_by("-start_date", "pk")
            .first()
        )
        if job is not None:
            return job, member.get_role_display()
    return None


def applied_task_refresh(task: ScienceTask) -> AppliedTask | None:
    """Keep the task's counted row in step with its first recorded application, and recount the
    figures of the units and years it left and entered."""
    before = AppliedTask.objects.filter(task=task).first()
    touched: set[tuple[int, int]] = {(before.unit_id, before.year)} if before else set()
    first = task.result_uses.order_by("since", "pk").first()
    found = _counted_leader(task, first.since) if first else None
    counted = None
    if first is None or found is None:
        AppliedTask.objects.filter(task=task).delete()
    else:
        job, role = found
        counted, _ = AppliedTask.objects.update_or_create(
            task=task,
            defaults={
                "person": job.person,
                "unit": job.unit,
                "year": first.since.year,
                "first_applied_on": first.since,
                "position": f"{role} nhiệm vụ {task.code} «{task.title}»"[:500],
            },
        )
        touched.add((counted.unit_id, counted.year))
    if touched:
        computed_figures_refresh(
            source=SCIENCE_APPLIED,
            unit_ids={unit for unit, _ in touched},
            years={year for _, year in touched},
        )
    return counted
