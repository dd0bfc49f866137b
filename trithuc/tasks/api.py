"""Tasks, their progress with evidence, and unit reports over the API.

Tasks are read by everyone who holds an assignment (as on the pages); unit reports through the
scoping rule. Writes call the pages' services, so their checks apply: who may record progress for
which unit, who edits and submits a report, who approves or returns it, closed years, and the
report's optimistic lock (409 when someone saved in between)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, File, Form, Query, Router, Schema, Status, UploadedFile

from trithuc.api.errors import AUTH_ERRORS, CONFLICT, NOT_FOUND
from trithuc.api.pagination import PageQuery, page_of, page_response, paginate
from trithuc.api.schemas import UnitRef, choice, path_id, ref
from trithuc.core.dates import today
from trithuc.orgunits.models import OrgUnit
from trithuc.programs.models import Program

from . import access, selectors, services
from .choices import Recurrence, ReportStatus, TaskStatus
from .models import Task, TaskProgress, UnitReport

TaskId = path_id("nhiệm vụ")
ReportId = path_id("báo cáo định kỳ")
router = Router(tags=["Nhiệm vụ, báo cáo định kỳ"])


class EvidenceOut(Schema):
    id: int = Field(description="Mã số của tệp minh chứng.")
    description: str = Field(description="Mô tả tệp.")
    download_url: str = Field(description="Đường dẫn tải tệp (cần đăng nhập trang).")


class ProgressOut(Schema):
    id: int = Field(description="Mã số của lần ghi tiến độ.")
    unit: UnitRef = Field(description="Đơn vị ghi tiến độ.")
    date: dt.date = Field(description="Ngày thực hiện.")
    note: str = Field(description="Kết quả thực hiện.")
    report_id: int | None = Field(description="Báo cáo định kỳ chứa lần ghi này (nếu có).")
    evidence: list[EvidenceOut] = Field(description="Các tệp minh chứng.")


class TaskOut(Schema):
    id: int = Field(description="Mã số (id) của nhiệm vụ.")
    program: str = Field(description="Mã chương trình.")
    section: str = Field(description="Mục trong chương trình.")
    section_title: str = Field(description="Tên nhóm nhiệm vụ.")
    order: int = Field(description="Thứ tự trong chương trình.")
    text: str = Field(description="Nội dung nhiệm vụ.")
    assigned_by: str = Field(description="Văn bản giao nhiệm vụ.")
    lead_units: list[UnitRef] = Field(description="Cơ quan chủ trì.")
    supporting_units: list[UnitRef] = Field(description="Cơ quan phối hợp.")
    lead_text: str = Field(description="Chủ trì theo lời văn bản (khi là một nhóm cơ quan).")
    recurrence: choice(Recurrence) = Field(description="Tính chất thời hạn.")  # type: ignore[valid-type]
    deadline: dt.date | None = Field(description="Thời hạn.")
    completed_on: dt.date | None = Field(description="Ngày hoàn thành.")
    status: choice(TaskStatus) = Field(description="Tình trạng hôm nay (bốn mức theo dõi).")  # type: ignore[valid-type]


class TaskDetailOut(TaskOut):
    progress: list[ProgressOut] = Field(description="Tiến độ đã ghi, mới nhất trước.")


class TaskQuery(PageQuery):
    program: str | None = Field(
        None, max_length=40, description="Mã chương trình; mặc định chương trình đầu tiên."
    )
    status: choice(TaskStatus) | None = Field(None, description="Chỉ nhiệm vụ ở tình trạng này.")  # type: ignore[valid-type]
    section: str = Field("", max_length=20, description="Chỉ nhiệm vụ thuộc mục này.")
    unit: int | None = Field(
        None, ge=1, description="Chỉ nhiệm vụ mà đơn vị (id) này chủ trì hoặc phối hợp."
    )


class ProgressIn(Schema):
    unit: int = Field(ge=1, description="Đơn vị ghi tiến độ (id): chủ trì, phối hợp hoặc kế thừa.")
    date: dt.date = Field(description="Ngày thực hiện (không sau hôm nay), dạng YYYY-MM-DD.")
    note: str = Field(min_length=1, max_length=10000, description="Kết quả thực hiện.")
    description: str = Field(
        "", max_length=300, description="Mô tả chung cho các tệp minh chứng gửi kèm."
    )


class CompleteIn(Schema):
    completed_on: dt.date = Field(description="Ngày hoàn thành (không sau hôm nay).")


class ReportFigureOut(Schema):
    indicator_id: int = Field(description="Chỉ tiêu (id) do đơn vị báo cáo.")
    indicator: str = Field(description="Mã chỉ tiêu.")
    value: float | None = Field(description="Số liệu đã nhập; `null` khi chưa nhập.")


class ReportTaskNoteOut(Schema):
    task_id: int = Field(description="Nhiệm vụ (id) đơn vị chủ trì hoặc phối hợp.")
    text: str = Field(description="Nội dung nhiệm vụ.")
    note: str = Field(description="Kết quả thực hiện đã ghi trong báo cáo.")


class UnitReportOut(Schema):
    id: int = Field(description="Mã số (id) của báo cáo.")
    program: str = Field(description="Mã chương trình.")
    unit: UnitRef = Field(description="Đơn vị báo cáo.")
    year: int = Field(description="Năm.")
    period_start: dt.date = Field(description="Kỳ báo cáo từ ngày.")
    period_end: dt.date = Field(description="Kỳ báo cáo đến ngày.")
    due_date: dt.date = Field(description="Hạn nộp.")
    status: choice(ReportStatus) = Field(description="Trạng thái.")  # type: ignore[valid-type]
    overdue: bool = Field(description="Quá hạn mà chưa nộp.")
    summary: str = Field(description="Tóm tắt kết quả.")
    submitted_at: dt.datetime | None = Field(description="Nộp lúc.")
    reviewed_at: dt.datetime | None = Field(description="Duyệt hoặc trả lại lúc.")
    review_comment: str = Field(description="Ý kiến của cơ quan thường trực.")
    version: int = Field(description="Phiên bản, gửi lại khi lưu (khóa lạc quan).")


class UnitReportDetailOut(UnitReportOut):
    figures: list[ReportFigureOut] = Field(description="Số liệu các chỉ tiêu đơn vị báo cáo.")
    task_notes: list[ReportTaskNoteOut] = Field(description="Kết quả từng nhiệm vụ của đơn vị.")


class UnitReportQuery(PageQuery):
    program: str | None = Field(None, max_length=40, description="Mã chương trình.")
    state: choice(ReportStatus) | None = Field(  # type: ignore[valid-type]
        None, description="Trạng thái: due, submitted, returned, approved."
    )
    overdue: bool | None = Field(None, description="`true`: chỉ báo cáo quá hạn chưa nộp.")
    year: int | None = Field(None, ge=1900, le=2200, description="Năm.")
    unit: int | None = Field(None, ge=1, description="Đơn vị (id), cả cấp dưới và tiền thân.")


class FigureIn(Schema):
    indicator: int = Field(ge=1, description="Chỉ tiêu (id) do đơn vị báo cáo.")
    value: float | None = Field(
        ge=0, le=1e11, description="Số liệu (không âm); `null` để xóa số đã nhập."
    )


class TaskNoteIn(Schema):
    task: int = Field(ge=1, description="Nhiệm vụ (id) đơn vị chủ trì hoặc phối hợp.")
    note: str = Field(max_length=10000, description="Kết quả thực hiện; chuỗi rỗng để xóa.")


class UnitReportSaveIn(Schema):
    version: int = Field(ge=1, description="Phiên bản báo cáo đã đọc (trường `version`).")
    summary: str = Field(max_length=50000, description="Tóm tắt kết quả.")
    figures: list[FigureIn] = Field(
        default_factory=list, max_length=500, description="Số liệu các chỉ tiêu cần đổi."
    )
    task_notes: list[TaskNoteIn] = Field(
        default_factory=list, max_length=500, description="Kết quả các nhiệm vụ cần đổi."
    )


class ReturnIn(Schema):
    comment: str = Field(
        min_length=1, max_length=5000, description="Nội dung đơn vị cần sửa, bổ sung."
    )


TaskPage = page_of(TaskOut, "TaskPage")
UnitReportPage = page_of(UnitReportOut, "UnitReportPage")


def _program(code: str | None) -> Program | None:
    program = selectors.program_current(code)
    if code and (program is None or program.code != code):
        raise ValidationError({"program": f"Không có chương trình mã «{code}»."})
    return program


def _unit(pk: int | None, field: str = "unit") -> OrgUnit | None:
    if pk is None:
        return None
    unit = OrgUnit.objects.filter(pk=pk).first()
    if unit is None:
        raise ValidationError({field: "Không có đơn vị này."})
    return unit


def _task(task: Task) -> dict[str, Any]:
    return {
        "id": task.pk,
        "program": task.program.code,
        "section": task.section,
        "section_title": task.section_title,
        "order": task.order,
        "text": task.text,
        "assigned_by": task.assigned_by,
        "lead_units": [ref(u) for u in task.lead_units.all()],
        "supporting_units": [ref(u) for u in task.supporting_units.all()],
        "lead_text": task.lead_text,
        "recurrence": task.recurrence,
        "deadline": task.deadline,
        "completed_on": task.completed_on,
        "status": getattr(task, "status", None) or task.status_on(today()),
    }


def _progress(progress: TaskProgress) -> dict[str, Any]:
    return {
        "id": progress.pk,
        "unit": ref(progress.unit),
        "date": progress.date,
        "note": progress.note,
        "report_id": progress.report_id,
        "evidence": [
            {
                "id": e.pk,
                "description": e.description,
                "download_url": reverse("tasks:evidence_download", args=[e.pk]),
            }
            for e in progress.evidence.all()
        ],
    }


def _task_detail(request: HttpRequest, task_id: TaskId) -> dict[str, Any]:
    task = selectors.task_get(user=request.user, pk=task_id, day=today())
    return _task(task) | {"progress": [_progress(p) for p in selectors.task_progress_list(task)]}


@router.get(
    "/tasks",
    response={200: TaskPage, **AUTH_ERRORS},
    summary="Danh sách nhiệm vụ",
    description="Nhiệm vụ của một chương trình với tình trạng hôm nay; mở cho mọi người dùng được "
    "phân công (như trang).",
)
def task_list(request: HttpRequest, filters: Query[TaskQuery]) -> Any:
    program = _program(filters.program)
    if program is None:  # no program loaded yet: nothing to list, for those who may read
        if not access.may_read_tasks(request.user):
            raise PermissionDenied("Tài khoản chưa được phân công vào đơn vị nào.")
        return page_response([], None)
    tasks = selectors.task_list(
        user=request.user,
        program=program,
        filters=selectors.TaskFilters(
            status=filters.status or "", section=filters.section, unit=_unit(filters.unit)
        ),
        day=today(),
    ).select_related("program")
    rows, next_cursor = paginate(tasks, filters)
    return page_response([_task(t) for t in rows], next_cursor)


@router.get(
    "/tasks/{task_id}",
    response={200: TaskDetailOut, **AUTH_ERRORS, **NOT_FOUND},
    summary="Một nhiệm vụ và tiến độ",
    description="Nhiệm vụ với các lần ghi tiến độ và tệp minh chứng.",
)
def task_detail(request: HttpRequest, task_id: TaskId) -> Any:
    return _task_detail(request, task_id)


@router.post(
    "/tasks/{task_id}/progress",
    response={201: ProgressOut, **AUTH_ERRORS, **NOT_FOUND},
    summary="Ghi tiến độ nhiệm vụ, kèm minh chứng",
    description="Gửi dạng multipart/form-data: đơn vị, ngày, kết quả và các tệp `files` (pdf, "
    "doc(x), xls(x), odt, ods, jpg, png, zip; tối đa 20 MB mỗi tệp). Chỉ cán bộ của cơ quan chủ "
    "trì, phối hợp (hoặc kế thừa) và cơ quan thường trực được ghi (403 nếu không).",
)
def progress_add(
    request: HttpRequest,
    task_id: TaskId,
    payload: Form[ProgressIn],
    files: File[list[UploadedFile]] = None,  # type: ignore[assignment]
) -> Any:
    task = selectors.task_get(user=request.user, pk=task_id, day=today())
    progress = services.task_progress_add(
        actor=request.user,
        task=task,
        unit=_unit(payload.unit),  # type: ignore[arg-type]
        date=payload.date,
        note=payload.note,
        files=[(f, payload.description) for f in files or []],
    )
    return Status(201, _progress(selectors.task_progress_list(task).get(pk=progress.pk)))


@router.post(
    "/tasks/{task_id}/complete",
    response={200: TaskDetailOut, **AUTH_ERRORS, **NOT_FOUND},
    summary="Đánh dấu nhiệm vụ hoàn thành",
    description="Chỉ cơ quan thường trực Chương trình hoặc quản trị viên (403 nếu không).",
)
def task_complete(request: HttpRequest, task_id: TaskId, payload: CompleteIn) -> Any:
    task = selectors.task_get(user=request.user, pk=task_id, day=today())
    services.task_mark_done(actor=request.user, task=task, completed_on=payload.completed_on)
    return _task_detail(request, task_id)


def _report(report: UnitReport) -> dict[str, Any]:
    return {
        "id": report.pk,
        "program": report.program.code,
        "unit": ref(report.unit),
        "year": report.year,
        "period_start": report.period_start,
        "period_end": report.period_end,
        "due_date": report.due_date,
        "status": report.status,
        "overdue": report.is_overdue_on(today()),
        "summary": report.summary,
        "submitted_at": report.submitted_at,
        "reviewed_at": report.reviewed_at,
        "review_comment": report.review_comment,
        "version": report.version,
    }


def _report_detail(request: HttpRequest, report_id: ReportId) -> dict[str, Any]:
    report = selectors.unit_report_get_for_user(user=request.user, pk=report_id)
    values = selectors.unit_report_figures(report)
    notes = selectors.unit_report_task_notes(report)
    return _report(report) | {
        "figures": [
            {
                "indicator_id": i.pk,
                "indicator": i.code,
                "value": None if values.get(i.pk) is None else float(values[i.pk]),  # type: ignore[arg-type]
            }
            for i in selectors.unit_report_indicators(report)
        ],
        "task_notes": [
            {"task_id": t.pk, "text": t.text, "note": notes.get(t.pk, "")}
            for t in selectors.unit_report_tasks(report)
        ],
    }


@router.get(
    "/unit-reports",
    response={200: UnitReportPage, **AUTH_ERRORS},
    summary="Danh sách báo cáo định kỳ",
    description="Các báo cáo của các đơn vị trong phạm vi người dùng.",
)
def unit_report_list(request: HttpRequest, filters: Query[UnitReportQuery]) -> Any:
    reports = selectors.unit_report_list(
        user=request.user,
        filters=selectors.ReportFilters(
            program=_program(filters.program) if filters.program else None,
            state=selectors.OVERDUE if filters.overdue else (filters.state or ""),
            year=filters.year,
            unit=_unit(filters.unit),
        ),
        day=today(),
    )
    if filters.overdue and filters.state:
        reports = reports.filter(status=filters.state)
    rows, next_cursor = paginate(reports, filters)
    return page_response([_report(r) for r in rows], next_cursor)


@router.get(
    "/unit-reports/{report_id}",
    response={200: UnitReportDetailOut, **AUTH_ERRORS, **NOT_FOUND},
    summary="Một báo cáo định kỳ",
    description="Báo cáo với số liệu các chỉ tiêu và kết quả từng nhiệm vụ của đơn vị.",
)
def unit_report_detail(request: HttpRequest, report_id: ReportId) -> Any:
    return _report_detail(request, report_id)


@router.put(
    "/unit-reports/{report_id}",
    response={200: UnitReportDetailOut, **AUTH_ERRORS, **NOT_FOUND, **CONFLICT},
    summary="Lưu bản nháp báo cáo",
    description="Lưu tóm tắt, số liệu và kết quả nhiệm vụ trên phiên bản đã đọc (`version`); "
    "409 nếu người khác đã lưu sau đó. Chỉ cán bộ của đơn vị (hoặc kế thừa), khi báo cáo chưa "
    "nộp hay bị trả lại và năm chưa khóa sổ.",
)
def unit_report_save(request: HttpRequest, report_id: ReportId, payload: UnitReportSaveIn) -> Any:
    report = selectors.unit_report_get_for_user(user=request.user, pk=report_id)
    services.unit_report_save(
        actor=request.user,
        report=report,
        version=payload.version,
        summary=payload.summary,
        figures={
            f.indicator: None if f.value is None else Decimal(str(round(f.value, 2)))
            for f in payload.figures
        },
        task_notes={n.task: n.note for n in payload.task_notes},
    )
    return _report_detail(request, report_id)


@router.post(
    "/unit-reports/{report_id}/submit",
    response={200: UnitReportDetailOut, **AUTH_ERRORS, **NOT_FOUND},
    summary="Nộp báo cáo",
    description="Nộp báo cáo đã lưu (cần có tóm tắt) để cơ quan thường trực duyệt.",
)
def unit_report_submit(request: HttpRequest, report_id: ReportId) -> Any:
    report = selectors.unit_report_get_for_user(user=request.user, pk=report_id)
    services.unit_report_submit(actor=request.user, report=report)
    return _report_detail(request, report_id)


@router.post(
    "/unit-reports/{report_id}/approve",
    response={200: UnitReportDetailOut, **AUTH_ERRORS, **NOT_FOUND},
    summary="Duyệt báo cáo",
    description="Cơ quan thường trực duyệt báo cáo đã nộp (không tự duyệt báo cáo mình nộp).",
)
def unit_report_approve(request: HttpRequest, report_id: ReportId) -> Any:
    report = selectors.unit_report_get_for_user(user=request.user, pk=report_id)
    services.unit_report_approve(actor=request.user, report=report)
    return _report_detail(request, report_id)


@router.post(
    "/unit-reports/{report_id}/return",
    response={200: UnitReportDetailOut, **AUTH_ERRORS, **NOT_FOUND},
    summary="Trả lại báo cáo để sửa",
    description="Cơ quan thường trực trả lại báo cáo đã nộp, ghi rõ nội dung cần sửa.",
)
def unit_report_return(request: HttpRequest, report_id: ReportId, payload: ReturnIn) -> Any:
    report = selectors.unit_report_get_for_user(user=request.user, pk=report_id)
    services.unit_report_return(actor=request.user, report=report, comment=payload.comment)
    return _report_detail(request, report_id)
