"""Pages of tasks and unit reports. Each view parses input, calls one selector or service, renders.

Answers: 404 when a record is missing or outside the user's scope (alike); 403, with the reason,
when the record is in scope but the user's role may not do the action; the form again with the
message when the user can fix the input (closed year, missing comment, conflicting edit).
"""

from __future__ import annotations

import os
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from trithuc.accounts.scoping import Action, units_in_scope
from trithuc.core.dates import today
from trithuc.core.forms import add_service_errors, service_error_messages

from . import access, selectors, services
from .choices import ReportStatus, TaskStatus
from .forms import (
    PeriodCloseForm,
    ProgressForm,
    ReportFilterForm,
    ReturnForm,
    TaskDoneForm,
    TaskFilterForm,
    UnitReportForm,
    figure_field,
    note_field,
)

REPORT_PAGE_SIZE = 50


# --- Tasks ---------------------------------------------------------------------------------------


@login_required
def task_list(request: HttpRequest) -> HttpResponse:
    program = selectors.program_current(request.GET.get("chuong_trinh"))
    if program is None:
        return render(request, "tasks/task_list.html", {"program": None})
    day = today()
    form = TaskFilterForm(
        request.GET or None,
        sections=selectors.task_sections(program),
        units=selectors.task_units(program),
    )
    filters = selectors.TaskFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.TaskFilters(
            status=data["trang_thai"], section=data["muc"], unit=data["don_vi"]
        )
    tasks = selectors.task_list(user=request.user, program=program, filters=filters, day=day)
    counts = selectors.task_status_counts(program=program, day=day)
    context = {
        "program": program,
        "programs": selectors.program_list(),
        "form": form,
        "tasks": tasks,
        "counts": [(s, s.label, counts.get(s, 0)) for s in TaskStatus],
        "day": day,
    }
    template = "tasks/_task_table.html" if request.htmx else "tasks/task_list.html"
    return render(request, template, context)


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(user=request.user, pk=pk, day=today())
    units = selectors.progress_units_for(request.user, task)
    return render(
        request,
        "tasks/task_detail.html",
        {
            "task": task,
            "progress": selectors.task_progress_list(task),
            "form": ProgressForm(units=units) if units else None,
            "can_manage": access.may_manage_tasks(request.user, task.program),
            "done_form": TaskDoneForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def progress_add(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(user=request.user, pk=pk, day=today())
    units = selectors.progress_units_for(request.user, task)
    if not units:
        raise PermissionDenied(
            "Bạn không thể ghi tiến độ nhiệm vụ này: chỉ cán bộ của cơ quan chủ trì, phối hợp "
            "(hoặc đơn vị kế thừa) và cơ quan thường trực Chương trình được ghi."
        )
    form = ProgressForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.task_progress_add(
                actor=request.user,
                task=task,
                unit=data["unit"],
                date=data["date"],
                note=data["note"],
                files=form.files_with_descriptions(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã ghi tiến độ thực hiện nhiệm vụ.")
            return redirect("tasks:task_detail", pk=task.pk)
    return render(request, "tasks/progress_form.html", {"task": task, "form": form})


@login_required
@require_POST
def task_mark_done(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(user=request.user, pk=pk, day=today())
    form = TaskDoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Hãy nhập ngày hoàn thành (ngày/tháng/năm).")
        return redirect("tasks:task_detail", pk=task.pk)
    try:
        services.task_mark_done(
            actor=request.user, task=task, completed_on=form.cleaned_data["completed_on"]
        )
    except ValidationError as exc:
        for message in service_error_messages(exc):
            messages.error(request, message)
    else:
        messages.success(request, "Đã ghi nhận nhiệm vụ hoàn thành.")
    return redirect("tasks:task_detail", pk=task.pk)


@login_required
@require_POST
def task_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(user=request.user, pk=pk, day=today())
    services.task_reopen(actor=request.user, task=task)
    messages.success(request, "Đã mở lại nhiệm vụ.")
    return redirect("tasks:task_detail", pk=task.pk)


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    evidence = selectors.evidence_get_for_user(user=request.user, pk=pk)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Tệp minh chứng không còn trên máy chủ.") from exc
    return FileResponse(handle, as_attachment=True, filename=os.path.basename(evidence.file.name))


# --- Unit reports --------------------------------------------------------------------------------


@login_required
def unit_report_list(request: HttpRequest) -> HttpResponse:
    day = today()
    program = selectors.program_current(request.GET.get("chuong_trinh"))
    form = ReportFilterForm(
        request.GET or None, program=program, units=units_in_scope(request.user, Action.VIEW)
    )
    filters = selectors.ReportFilters(program=program)
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.ReportFilters(
            program=program, state=data["trang_thai"], year=data["nam"], unit=data["don_vi"]
        )
    reports = selectors.unit_report_list(user=request.user, filters=filters, day=day)
    page = Paginator(reports, REPORT_PAGE_SIZE).get_page(request.GET.get("trang"))
    in_program = selectors.unit_report_list(
        user=request.user, filters=selectors.ReportFilters(program=program), day=day
    )
    counts = selectors.unit_report_state_counts(in_program, day)
    context = {
        "program": program,
        "form": form,
        "page": page,
        "rows": selectors.unit_report_rows(page.object_list, day),
        "counts": [(code, label, counts[code]) for code, label in selectors.REPORT_STATES],
        "can_close": program is not None
        and access.is_program_office_for_program(request.user, program),
    }
    template = "tasks/_report_table.html" if request.htmx else "tasks/unit_report_list.html"
    return render(request, template, context)


def _report_context(request: HttpRequest, report) -> dict:
    report.overdue = report.is_overdue_on(today())
    return {
        "report": report,
        "closed": selectors.period_is_closed(report),
        "editable": report.status in services.EDITABLE_STATUSES,
        "reviewable": report.status == ReportStatus.SUBMITTED,
        "can_edit": access.may_edit_report(request.user, report),
        "can_review": access.may_review_report(request.user, report),
    }


@login_required
def unit_report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.unit_report_get_for_user(user=request.user, pk=pk)
    figures = selectors.unit_report_figures(report)
    notes = selectors.unit_report_task_notes(report)
    return render(
        request,
        "tasks/unit_report_detail.html",
        {
            **_report_context(request, report),
            "figures": [(i, figures.get(i.pk)) for i in selectors.unit_report_indicators(report)],
            "notes": [(t, notes.get(t.pk, "")) for t in selectors.unit_report_tasks(report)],
            "history": selectors.unit_report_history(report),
            "return_form": ReturnForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.unit_report_get_for_user(user=request.user, pk=pk)
    if not access.may_edit_report(request.user, report):
        raise PermissionDenied(
            f"Chỉ cán bộ được phân công của {report.unit} được cập nhật báo cáo này."
        )
    indicators = selectors.unit_report_indicators(report)
    tasks = selectors.unit_report_tasks(report)
    figures, notes = selectors.unit_report_figures(report), selectors.unit_report_task_notes(report)
    initial = {
        "version": report.version,
        "summary": report.summary,
        **{figure_field(i): figures.get(i.pk) for i in indicators},
        **{note_field(t): notes.get(t.pk, "") for t in tasks},
    }
    form = UnitReportForm(request.POST or None, initial=initial, indicators=indicators, tasks=tasks)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_report_save(
                actor=request.user,
                report=report,
                version=form.cleaned_data["version"],
                summary=form.cleaned_data["summary"],
                figures=form.figures(),
                task_notes=form.task_notes(),
            )
        except services.ReportConflict as exc:
            conflict = exc
            # The form keeps what this user typed; the new version lets them save over it knowingly.
            form.data = form.data.copy()
            form.data["version"] = exc.report.version
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã lưu báo cáo. Khi hoàn tất, bấm «Nộp báo cáo».")
            return redirect("tasks:unit_report_detail", pk=report.pk)
    return render(
        request,
        "tasks/unit_report_form.html",
        {**_report_context(request, report), "form": form, "conflict": conflict},
        status=409 if conflict else 200,
    )


def _report_action(request: HttpRequest, pk: int, act: Callable, done: str) -> HttpResponse:
    report = selectors.unit_report_get_for_user(user=request.user, pk=pk)
    try:
        act(report)
    except ValidationError as exc:
        for message in service_error_messages(exc):
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("tasks:unit_report_detail", pk=report.pk)


@login_required
@require_POST
def unit_report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _report_action(
        request,
        pk,
        lambda report: services.unit_report_submit(actor=request.user, report=report),
        "Đã nộp báo cáo. Cơ quan thường trực Chương trình sẽ xem xét, duyệt.",
    )


@login_required
@require_POST
def unit_report_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _report_action(
        request,
        pk,
        lambda report: services.unit_report_approve(actor=request.user, report=report),
        "Đã duyệt báo cáo; số liệu của báo cáo đã được tính vào chỉ tiêu.",
    )


@login_required
@require_POST
def unit_report_return(request: HttpRequest, pk: int) -> HttpResponse:
    form = ReturnForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    return _report_action(
        request,
        pk,
        lambda report: services.unit_report_return(
            actor=request.user, report=report, comment=comment
        ),
        "Đã trả lại báo cáo để đơn vị sửa, bổ sung.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def period_close(request: HttpRequest) -> HttpResponse:
    program = selectors.program_current(request.GET.get("chuong_trinh"))
    if program is None or not access.is_program_office_for_program(request.user, program):
        raise PermissionDenied("Chỉ cơ quan thường trực Chương trình được khóa sổ kỳ báo cáo.")
    form = PeriodCloseForm(request.POST or None, program=program)
    if request.method == "POST" and form.is_valid():
        try:
            services.period_close(
                actor=request.user, program=program, year=form.cleaned_data["year"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Đã khóa sổ năm {form.cleaned_data['year']}.")
            return redirect("tasks:period_close")
    return render(
        request,
        "tasks/period_close.html",
        {
            "program": program,
            "form": form,
            "closed": selectors.closed_periods(program),
            "open_by_year": sorted(selectors.open_reports_of_year(program).items()),
        },
    )
