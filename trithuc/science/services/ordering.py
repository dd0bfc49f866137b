"""From need to call: needs proposed, the ordering list approved, the call published."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from trithuc.accounts.models import User
from trithuc.orgunits.models import OrgUnit
from trithuc.people.models import Field

from ..access import check_may_propose, check_may_run
from ..choices import NeedStatus, TaskStatus
from ..models import Call, Need, OrderingList, ScienceTask
from ._common import move, save


@transaction.atomic
def need_propose(
    *,
    actor: User | None,
    proposing_unit: OrgUnit,
    managing_unit: OrgUnit,
    kind: str,
    title: str,
    year: int,
    proposed_on: dt.date,
    field: Field | None = None,
    keywords: str = "",
    rationale: str = "",
    expected_result: str = "",
    document: str = "",
) -> Need:
    check_may_propose(actor, proposing_unit.pk, "đề xuất nhiệm vụ khoa học")
    need = Need(
        proposing_unit=proposing_unit,
        managing_unit=managing_unit,
        kind=kind,
        title=title,
        year=year,
        proposed_on=proposed_on,
        field=field,
        keywords=keywords,
        rationale=rationale,
        expected_result=expected_result,
        document=document,
    )
    save(need, actor)
    return need


@transaction.atomic
def need_reject(*, actor: User | None, need: Need, reason: str) -> Need:
    check_may_run(actor, need.managing_unit_id, "xét đề xuất nhiệm vụ")
    if need.status != NeedStatus.PROPOSED:
        raise ValidationError(
            f"Đề xuất «{need.title}» đã được xét ({need.get_status_display().lower()})."
        )
    if not reason.strip():
        raise ValidationError({"note": "Cần ghi lý do không đưa vào danh mục."})
    need.status = NeedStatus.REJECTED
    need.note = reason
    save(need, actor)
    return need


def _next_code(year: int) -> str:
    taken = ScienceTask.objects.filter(code__startswith=f"NV-{year}-").count()
    return f"NV-{year}-{taken + 1:03d}"


@transaction.atomic
def ordering_list_approve(
    *,
    actor: User | None,
    managing_unit: OrgUnit,
    year: int,
    title: str,
    decision_number: str,
    decision_date: dt.date,
    needs: Iterable[Need],
) -> OrderingList:
    """The approved ordering list: each need chosen becomes a task ordered by the province."""
    check_may_run(actor, managing_unit.pk, "phê duyệt danh mục đặt hàng")
    needs = list(needs)
    if not needs:
        raise ValidationError("Danh mục đặt hàng cần ít nhất một đề xuất.")
    for need in needs:
        if need.status != NeedStatus.PROPOSED:
            raise ValidationError(
                f"Đề xuất «{need.title}» đã được xét ({need.get_status_display().lower()})."
            )
    ordering = OrderingList(
        managing_unit=managing_unit,
        year=year,
        title=title,
        decision_number=decision_number,
        decision_date=decision_date,
    )
    save(ordering, actor)
    for need in needs:
        need.status = NeedStatus.ORDERED
        save(need, actor)
        task = ScienceTask(
            code=_next_code(year),
            kind=need.kind,
            title=need.title,
            field=need.field,
            keywords=need.keywords,
            expected_result=need.expected_result,
            year=year,
            need=need,
            ordering_list=ordering,
            managing_unit=managing_unit,
        )
        save(task, actor)
    return ordering


@transaction.atomic
def call_publish(
    *,
    actor: User | None,
    ordering_list: OrderingList,
    number: str,
    published_on: dt.date,
    deadline: dt.date,
    channel: str = "",
    tasks: Iterable[ScienceTask] | None = None,
) -> Call:
    """Publish the call for the list's ordered tasks (all of them unless ``tasks`` says)."""
    check_may_run(actor, ordering_list.managing_unit_id, "đăng thông báo tuyển chọn")
    if deadline <= published_on:
        raise ValidationError({"deadline": "Hạn nộp hồ sơ phải sau ngày đăng thông báo."})
    chosen = list(tasks) if tasks is not None else list(ordering_list.tasks.all())
    open_tasks = [t for t in chosen if t.status == TaskStatus.ORDERED]
    if not open_tasks:
        raise ValidationError("Không còn nhiệm vụ nào của danh mục chờ thông báo tuyển chọn.")
    call = Call(
        ordering_list=ordering_list,
        number=number,
        published_on=published_on,
        deadline=deadline,
        channel=channel,
    )
    save(call, actor)
    for task in open_tasks:
        task.call = call
        move(task, TaskStatus.CALLED, actor)
    return call


@transaction.atomic
def task_cancel(*, actor: User | None, task: ScienceTask, reason: str) -> ScienceTask:
    check_may_run(actor, task.managing_unit_id, "hủy nhiệm vụ")
    if not reason.strip():
        raise ValidationError({"cancel_reason": "Cần ghi lý do hủy nhiệm vụ."})
    task.cancel_reason = reason
    move(task, TaskStatus.CANCELLED, actor)
    return task
