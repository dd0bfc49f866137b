"""The lifecycle forms: one page per step, each calling one service. A GET is refused (403, with
the reason) to whoever the service would refuse, so nobody fills a form in vain; the service checks
again on POST. Its ValidationError messages go back on the form with the input kept."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from trithuc.accounts.scoping import (
    Action,
    get_in_scope_or_404,
    unit_ids_in_scope,
    units_in_scope,
)
from trithuc.core.forms import add_service_errors
from trithuc.orgunits.models import OrgUnit
from trithuc.people.models import Person

from .. import access, selectors, services
from ..choices import ApplicationStatus, TaskStatus
from ..forms import (
    AcceptanceForm,
    ApplicationForm,
    CallForm,
    ConfirmRemoveForm,
    ContractForm,
    CooperationForm,
    CooperationOutputsForm,
    CouncilCloseForm,
    CouncilForm,
    InitiativeForm,
    InitiativeRecogniseForm,
    InitiativeRejectForm,
    MilestoneForm,
    MilestoneReportForm,
    NeedRejectForm,
    OrderingListForm,
    RelativeForm,
    ResultApplicationForm,
    SelectionForm,
    TaskCancelForm,
)
from ..models import (
    CooperationProgram,
    Council,
    Initiative,
    Milestone,
    Need,
    OrderingList,
    ResultApplication,
)

GET_POST = require_http_methods(["GET", "POST"])


def step(
    request: HttpRequest,
    form: Form,
    act: Callable[[dict[str, Any]], object],
    *,
    done: str,
    then: str,
    title: str,
    back: str,
    submit: str = "Lưu",
    aside: str = "",
) -> HttpResponse:
    """Validate the form's shape, call the service, and go on; else show the form again."""
    if request.method == "POST" and form.is_valid():
        try:
            act(dict(form.cleaned_data))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect(then)
    context = {
        "form": form,
        "title": title,
        "back": resolve_url(back),
        "submit": submit,
        "aside": aside,
    }
    return render(request, "science/step_form.html", context)


def _posted(request: HttpRequest):
    """The POST data, even when empty (an empty POST is still a submission to check)."""
    return request.POST if request.method == "POST" else None


def _unit(pk: int) -> OrgUnit:
    return get_object_or_404(OrgUnit, pk=pk)


def _people(request: HttpRequest):
    return Person.objects.visible_to(request.user).order_by("sort_key", "pk")


def _task_url(task) -> str:
    return reverse("science:task_detail", args=[task.pk])


def _run_task(request: HttpRequest, pk: int, what: str):
    task = selectors.task_get(pk)
    access.check_may_run(request.user, task.managing_unit_id, what)  # type: ignore[arg-type]
    return task


# --- Ordering: the list, rejected needs, the call ---


@login_required
@GET_POST
def ordering_add(request: HttpRequest) -> HttpResponse:
    if not access.may_run_any(request.user):
        raise PermissionDenied("Chỉ cơ quan quản lý nhiệm vụ mới phê duyệt danh mục đặt hàng.")
    needs = selectors.needs_to_order(user=request.user)
    managers = {n.managing_unit for n in needs}
    form = OrderingListForm(_posted(request), units=sorted(managers, key=str), needs=needs)

    def act(data):
        data["managing_unit"] = _unit(data["managing_unit"])
        services.ordering_list_approve(actor=request.user, **data)

    return step(
        request,
        form,
        act,
        done="Đã phê duyệt danh mục đặt hàng; mỗi đề xuất được chọn thành một nhiệm vụ.",
        then="science:task_list",
        title="Phê duyệt danh mục nhiệm vụ đặt hàng",
        back="science:need_list",
        submit="Phê duyệt danh mục",
    )


@login_required
@GET_POST
def need_reject(request: HttpRequest, pk: int) -> HttpResponse:
    need = get_in_scope_or_404(Need.objects.all(), request.user, Action.VIEW, pk=pk)
    access.check_may_run(request.user, need.managing_unit_id, "xét đề xuất nhiệm vụ")  # type: ignore[arg-type]
    return step(
        request,
        NeedRejectForm(_posted(request)),
        lambda data: services.need_reject(actor=request.user, need=need, reason=data["reason"]),
        done="Đã ghi nhận đề xuất không đưa vào danh mục.",
        then="science:need_list",
        title=f"Không đưa vào danh mục: {need.title}",
        back="science:need_list",
    )


@login_required
@GET_POST
def call_add(request: HttpRequest, pk: int) -> HttpResponse:
    ordering = get_object_or_404(OrderingList, pk=pk)
    access.check_may_run(request.user, ordering.managing_unit_id, "đăng thông báo tuyển chọn")  # type: ignore[arg-type]
    waiting = ordering.tasks.filter(status=TaskStatus.ORDERED)
    form = CallForm(_posted(request), tasks=waiting, initial={"tasks": list(waiting)})
    return step(
        request,
        form,
        lambda data: services.call_publish(actor=request.user, ordering_list=ordering, **data),
        done="Đã đăng thông báo tuyển chọn.",
        then="science:task_list",
        title=f"Thông báo tuyển chọn — {ordering}",
        back="science:task_list",
        submit="Đăng thông báo",
    )


# --- Applications and the council ---


@login_required
@GET_POST
def application_add(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(pk)
    own = Person.objects.filter(user=request.user).exists()
    if not (own or access.may_propose_any(request.user)):
        raise PermissionDenied(
            "Chỉ cán bộ đơn vị, cơ quan quản lý hoặc chính người chủ nhiệm mới nộp hồ sơ đăng ký."
        )
    units = selectors.application_units(user=request.user)
    form = ApplicationForm(_posted(request), units=units, people=_people(request))

    def act(data):
        data["submitting_unit"] = _unit(data["submitting_unit"])
        services.application_submit(actor=request.user, task=task, **data)

    return step(
        request,
        form,
        act,
        done="Đã nộp hồ sơ đăng ký chủ trì.",
        then=_task_url(task),
        title=f"Hồ sơ đăng ký chủ trì {task.code} — {task.title}",
        back=_task_url(task),
        submit="Nộp hồ sơ",
    )


@login_required
@GET_POST
def council_add(request: HttpRequest, pk: int) -> HttpResponse:
    task = _run_task(request, pk, "thành lập hội đồng")
    form = CouncilForm(_posted(request), people=_people(request))

    def act(data):
        services.council_form(
            actor=request.user,
            task=task,
            decision_number=data["decision_number"],
            formed_on=data["formed_on"],
            members=form.seats(),
            criteria=data["criteria"],
        )

    return step(
        request,
        form,
        act,
        done="Đã thành lập hội đồng; các thành viên khai báo xung đột lợi ích rồi chấm điểm.",
        then=_task_url(task),
        title=f"Thành lập hội đồng tư vấn tuyển chọn {task.code}",
        back=_task_url(task),
        submit="Thành lập hội đồng",
        aside=reverse("science:expert_finder", args=[task.pk]),
    )


@login_required
@GET_POST
def council_close(request: HttpRequest, pk: int) -> HttpResponse:
    council = get_object_or_404(Council.objects.select_related("task"), pk=pk)
    task = _run_task(request, council.task_id, "kết thúc phiên họp hội đồng")
    return step(
        request,
        CouncilCloseForm(_posted(request)),
        lambda data: services.council_close(actor=request.user, council=council, **data),
        done="Hội đồng đã kết thúc phiên đánh giá; điểm được công khai cho các thành viên.",
        then=_task_url(task),
        title=f"Kết thúc phiên họp — {council}",
        back=_task_url(task),
        submit="Kết thúc phiên họp",
    )


@login_required
@GET_POST
def selection_add(request: HttpRequest, pk: int) -> HttpResponse:
    task = _run_task(request, pk, "quyết định phê duyệt tổ chức, cá nhân chủ trì")
    submitted = task.applications.filter(status=ApplicationStatus.SUBMITTED)
    form = SelectionForm(_posted(request), applications=submitted.select_related("lead"))
    return step(
        request,
        form,
        lambda data: services.selection_decide(actor=request.user, task=task, **data),
        done="Đã ghi quyết định phê duyệt tổ chức, cá nhân chủ trì.",
        then=_task_url(task),
        title=f"Quyết định chọn chủ trì {task.code}",
        back=_task_url(task),
    )


# --- Execution: contract, milestones, acceptance ---


@login_required
@GET_POST
def contract_add(request: HttpRequest, pk: int) -> HttpResponse:
    task = _run_task(request, pk, "ký hợp đồng thực hiện nhiệm vụ")
    return step(
        request,
        ContractForm(_posted(request)),
        lambda data: services.contract_sign(actor=request.user, task=task, **data),
        done="Đã ghi nhận hợp đồng thực hiện nhiệm vụ.",
        then=_task_url(task),
        title=f"Hợp đồng thực hiện {task.code}",
        back=_task_url(task),
    )


@login_required
@GET_POST
def milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    task = _run_task(request, pk, "đặt mốc tiến độ")
    return step(
        request,
        MilestoneForm(_posted(request)),
        lambda data: services.milestone_add(actor=request.user, task=task, **data),
        done="Đã thêm mốc tiến độ.",
        then=_task_url(task),
        title=f"Thêm mốc tiến độ {task.code}",
        back=_task_url(task),
    )


@login_required
@GET_POST
def milestone_report(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_object_or_404(Milestone.objects.select_related("task"), pk=pk)
    task = milestone.task
    if not access.may_report_progress(request.user, task):
        raise PermissionDenied(
            "Chỉ chủ nhiệm nhiệm vụ hoặc cơ quan quản lý mới được báo cáo tiến độ."
        )
    return step(
        request,
        MilestoneReportForm(_posted(request)),
        lambda data: services.milestone_report(actor=request.user, milestone=milestone, **data),
        done="Đã báo cáo tiến độ.",
        then=_task_url(task),
        title=f"Báo cáo tiến độ: {milestone.title}",
        back=_task_url(task),
        submit="Gửi báo cáo",
    )


@login_required
@GET_POST
def acceptance_add(request: HttpRequest, pk: int) -> HttpResponse:
    task = _run_task(request, pk, "nghiệm thu nhiệm vụ")
    return step(
        request,
        AcceptanceForm(_posted(request)),
        lambda data: services.acceptance_record(actor=request.user, task=task, **data),
        done="Đã ghi nhận kết quả nghiệm thu.",
        then=_task_url(task),
        title=f"Nghiệm thu {task.code}",
        back=_task_url(task),
    )


@login_required
@GET_POST
def result_add(request: HttpRequest, pk: int) -> HttpResponse:
    task = _run_task(request, pk, "ghi nhận kết quả được áp dụng")
    return step(
        request,
        ResultApplicationForm(_posted(request)),
        lambda data: services.result_application_record(actor=request.user, task=task, **data),
        done="Đã ghi nhận kết quả được áp dụng.",
        then=_task_url(task),
        title=f"Kết quả {task.code} được áp dụng",
        back=_task_url(task),
        submit="Ghi nhận áp dụng",
    )


@login_required
@GET_POST
def result_remove(request: HttpRequest, pk: int) -> HttpResponse:
    use = get_object_or_404(ResultApplication.objects.select_related("task"), pk=pk)
    task = _run_task(request, use.task_id, "xóa ghi nhận áp dụng kết quả")
    return step(
        request,
        ConfirmRemoveForm(_posted(request)),
        lambda data: services.result_application_remove(actor=request.user, use=use),
        done="Đã xóa ghi nhận áp dụng kết quả; số liệu chỉ tiêu đã được tính lại.",
        then=_task_url(task),
        title=f"Xóa ghi nhận áp dụng: {use.place} ({use.since:%d/%m/%Y})",
        back=_task_url(task),
        submit="Xóa ghi nhận",
    )


@login_required
@GET_POST
def task_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    task = _run_task(request, pk, "hủy nhiệm vụ")
    return step(
        request,
        TaskCancelForm(_posted(request)),
        lambda data: services.task_cancel(
            actor=request.user, task=task, reason=data["cancel_reason"]
        ),
        done=f"Đã hủy nhiệm vụ {task.code}.",
        then=_task_url(task),
        title=f"Hủy nhiệm vụ {task.code} — {task.title}",
        back=_task_url(task),
        submit="Hủy nhiệm vụ",
    )


# --- Initiatives ---


@login_required
@GET_POST
def initiative_add(request: HttpRequest) -> HttpResponse:
    if not access.may_propose_any(request.user):
        raise PermissionDenied("Tài khoản của bạn không nộp đơn sáng kiến cho đơn vị nào.")
    units = units_in_scope(request.user, Action.CHANGE)
    form = InitiativeForm(_posted(request), units=units, people=_people(request))

    def act(data):
        data["unit"] = _unit(data["unit"])
        services.initiative_submit(actor=request.user, **data)

    return step(
        request,
        form,
        act,
        done="Đã nộp đơn công nhận sáng kiến.",
        then="science:initiative_list",
        title="Đơn công nhận sáng kiến, giải pháp hữu ích",
        back="science:initiative_list",
        submit="Nộp đơn",
    )


def _initiative_to_decide(request: HttpRequest, pk: int) -> Initiative:
    initiative = get_in_scope_or_404(Initiative.objects.all(), request.user, Action.VIEW, pk=pk)
    access.check_may_run(request.user, initiative.unit_id, "xét công nhận sáng kiến")  # type: ignore[arg-type]
    return initiative


@login_required
@GET_POST
def initiative_recognise(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _initiative_to_decide(request, pk)
    return step(
        request,
        InitiativeRecogniseForm(_posted(request)),
        lambda data: services.initiative_recognise(
            actor=request.user, initiative=initiative, **data
        ),
        done="Đã công nhận sáng kiến.",
        then="science:initiative_list",
        title=f"Công nhận: {initiative.title}",
        back="science:initiative_list",
        submit="Công nhận",
    )


@login_required
@GET_POST
def initiative_reject(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _initiative_to_decide(request, pk)
    return step(
        request,
        InitiativeRejectForm(_posted(request)),
        lambda data: services.initiative_reject(actor=request.user, initiative=initiative, **data),
        done="Đã ghi nhận sáng kiến không được công nhận.",
        then="science:initiative_list",
        title=f"Không công nhận: {initiative.title}",
        back="science:initiative_list",
    )


# --- Cooperation programmes ---


@login_required
@GET_POST
def cooperation_add(request: HttpRequest) -> HttpResponse:
    if not access.may_run_any(request.user):
        raise PermissionDenied("Chỉ cơ quan quản lý, cơ quan thường trực ghi nhận hợp tác.")
    units = selectors.run_units(user=request.user)
    form = CooperationForm(_posted(request), units=units, people=_people(request))

    def act(data):
        data["organising_unit"] = _unit(data["organising_unit"])
        services.cooperation_program_create(actor=request.user, **data)

    return step(
        request,
        form,
        act,
        done="Đã ghi nhận chương trình hợp tác.",
        then="science:cooperation_list",
        title="Chương trình hợp tác, chuyển giao tri thức",
        back="science:cooperation_list",
    )


@login_required
@GET_POST
def cooperation_update(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(CooperationProgram, pk=pk)
    access.check_may_run(
        request.user,  # type: ignore[arg-type]
        programme.organising_unit_id,
        "cập nhật chương trình hợp tác này",
    )
    initial = {
        "outputs": programme.outputs,
        "participants": programme.participants,
        "participant_count": programme.participant_count,
        "end_date": programme.end_date,
    }
    return step(
        request,
        CooperationOutputsForm(_posted(request), initial=initial),
        lambda data: services.cooperation_program_record_outputs(
            actor=request.user, programme=programme, **data
        ),
        done="Đã cập nhật kết quả chương trình hợp tác.",
        then="science:cooperation_list",
        title=f"Kết quả: {programme.title}",
        back="science:cooperation_list",
    )


# --- Declared relatives (conflicts of interest) ---


@login_required
@GET_POST
def relative_add(request: HttpRequest) -> HttpResponse:
    if not unit_ids_in_scope(request.user, Action.CHANGE) and not request.user.is_superuser:
        raise PermissionDenied(
            "Chỉ cán bộ quản lý hồ sơ được khai báo người thân để xét xung đột lợi ích."
        )
    form = RelativeForm(
        _posted(request),
        people=Person.objects.visible_to(request.user, "change").order_by("sort_key", "pk"),
        relatives=_people(request),
    )

    def act(data):
        services.relative_declare(actor=request.user, **data)

    return step(
        request,
        form,
        act,
        done="Đã ghi người thân; bộ tìm chuyên gia sẽ cảnh báo xung đột lợi ích.",
        then="science:relative_add",
        title="Khai báo người thân (xung đột lợi ích)",
        back="science:task_list",
    )
