"""Science tasks over the API: the tasks the province orders (read by every signed-in user, as the
calls are public), and the records the scoping rule guards: needs, applications, initiatives."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from trithuc.api.errors import AUTH_ERRORS, NOT_FOUND
from trithuc.api.logging import log_people_read
from trithuc.api.pagination import PageQuery, page_of, page_response, paginate
from trithuc.api.schemas import RefItem, UnitRef, choice, path_id, ref

from . import selectors
from .choices import ApplicationStatus, InitiativeKind, InitiativeStatus, NeedStatus, TaskKind
from .choices import TaskStatus as ScienceTaskStatus

ScienceTaskId = path_id("nhiệm vụ khoa học")
router = Router(tags=["Nhiệm vụ khoa học và công nghệ"])


class ScienceTaskOut(Schema):
    id: int = Field(description="Mã số (id) của nhiệm vụ.")
    code: str = Field(description="Mã nhiệm vụ.")
    kind: choice(TaskKind) = Field(description="Loại: đề tài, đề án, dự án, ...")  # type: ignore[valid-type]
    title: str = Field(description="Tên nhiệm vụ.")
    field: RefItem | None = Field(description="Lĩnh vực.")
    keywords: str = Field(description="Từ khóa.")
    expected_result: str = Field(description="Kết quả, sản phẩm.")
    year: int = Field(description="Năm đặt hàng.")
    managing_unit: UnitRef = Field(description="Cơ quan quản lý.")
    status: choice(ScienceTaskStatus) = Field(description="Tình trạng trong vòng đời nhiệm vụ.")  # type: ignore[valid-type]
    selection_decision: str = Field(description="Quyết định phê duyệt tổ chức, cá nhân chủ trì.")
    selection_date: dt.date | None = Field(description="Ngày quyết định.")


class NeedOut(Schema):
    id: int = Field(description="Mã số (id) của đề xuất.")
    kind: choice(TaskKind) = Field(description="Loại nhiệm vụ đề xuất.")  # type: ignore[valid-type]
    title: str = Field(description="Tên nhiệm vụ đề xuất.")
    proposing_unit: UnitRef = Field(description="Đơn vị đề xuất.")
    managing_unit: UnitRef = Field(description="Cơ quan tiếp nhận, quản lý.")
    year: int = Field(description="Năm đặt hàng.")
    proposed_on: dt.date = Field(description="Ngày đề xuất.")
    status: choice(NeedStatus) = Field(description="Tình trạng đề xuất.")  # type: ignore[valid-type]


class ApplicationOut(Schema):
    id: int = Field(description="Mã số (id) của hồ sơ đăng ký.")
    task_id: int = Field(description="Nhiệm vụ (id).")
    lead_id: int = Field(description="Chủ nhiệm (id hồ sơ người).")
    lead_name: str = Field(description="Họ và tên chủ nhiệm.")
    submitting_unit: UnitRef = Field(description="Đơn vị nộp hồ sơ.")
    host_name: str = Field(description="Tổ chức chủ trì.")
    budget: float = Field(description="Kinh phí đề nghị (triệu đồng).")
    submitted_on: dt.date = Field(description="Ngày nộp.")
    status: choice(ApplicationStatus) = Field(description="Tình trạng hồ sơ.")  # type: ignore[valid-type]


class InitiativeOut(Schema):
    id: int = Field(description="Mã số (id) của sáng kiến.")
    kind: choice(InitiativeKind) = Field(description="Loại: sáng kiến hay giải pháp hữu ích.")  # type: ignore[valid-type]
    title: str = Field(description="Tên.")
    unit: UnitRef = Field(description="Đơn vị áp dụng.")
    submitted_on: dt.date = Field(description="Ngày nộp đơn.")
    status: choice(InitiativeStatus) = Field(description="Tình trạng.")  # type: ignore[valid-type]
    decision_number: str = Field(description="Quyết định công nhận số.")
    decided_on: dt.date | None = Field(description="Ngày quyết định.")


class ScienceTaskQuery(PageQuery):
    status: choice(ScienceTaskStatus) | None = Field(None, description="Tình trạng.")  # type: ignore[valid-type]
    year: int | None = Field(None, ge=1900, le=2200, description="Năm đặt hàng.")
    q: str = Field("", max_length=200, description="Tìm trong tên và mã nhiệm vụ.")


class ApplicationQuery(PageQuery):
    task: int | None = Field(None, ge=1, description="Chỉ hồ sơ của nhiệm vụ (id) này.")


ScienceTaskPage = page_of(ScienceTaskOut, "ScienceTaskPage")
NeedPage = page_of(NeedOut, "NeedPage")
ApplicationPage = page_of(ApplicationOut, "ApplicationPage")
InitiativePage = page_of(InitiativeOut, "InitiativePage")


def _task(t: Any) -> dict[str, Any]:
    return {
        "id": t.pk,
        "code": t.code,
        "kind": t.kind,
        "title": t.title,
        "field": ref(t.field),
        "keywords": t.keywords,
        "expected_result": t.expected_result,
        "year": t.year,
        "managing_unit": ref(t.managing_unit),
        "status": t.status,
        "selection_decision": t.selection_decision,
        "selection_date": t.selection_date,
    }


@router.get(
    "/science/tasks",
    response={200: ScienceTaskPage, **AUTH_ERRORS},
    summary="Nhiệm vụ khoa học và công nghệ",
    description="Các nhiệm vụ tỉnh đặt hàng (công khai với mọi người dùng đã đăng nhập).",
)
def science_task_list(request: HttpRequest, filters: Query[ScienceTaskQuery]) -> Any:
    tasks = selectors.task_list(status=filters.status or "", year=filters.year, q=filters.q)
    rows, next_cursor = paginate(tasks, filters)
    return page_response([_task(t) for t in rows], next_cursor)


@router.get(
    "/science/tasks/{task_id}",
    response={200: ScienceTaskOut, **AUTH_ERRORS, **NOT_FOUND},
    summary="Một nhiệm vụ khoa học",
    description="Nhiệm vụ với cơ quan quản lý, tình trạng và quyết định chọn chủ trì.",
)
def science_task_detail(request: HttpRequest, task_id: ScienceTaskId) -> Any:
    return _task(selectors.task_get(task_id))


@router.get(
    "/science/needs",
    response={200: NeedPage, **AUTH_ERRORS},
    summary="Đề xuất đặt hàng",
    description="Các đề xuất nhiệm vụ của đơn vị trong phạm vi người dùng.",
)
def need_list(request: HttpRequest, filters: Query[PageQuery]) -> Any:
    rows, next_cursor = paginate(selectors.need_list(user=request.user), filters)
    return page_response(
        [
            {
                "id": n.pk,
                "kind": n.kind,
                "title": n.title,
                "proposing_unit": ref(n.proposing_unit),
                "managing_unit": ref(n.managing_unit),
                "year": n.year,
                "proposed_on": n.proposed_on,
                "status": n.status,
            }
            for n in rows
        ],
        next_cursor,
    )


@router.get(
    "/science/applications",
    response={200: ApplicationPage, **AUTH_ERRORS},
    summary="Hồ sơ đăng ký chủ trì",
    description="Hồ sơ trong phạm vi: của đơn vị nộp, cơ quan quản lý, thành viên nhóm, hội đồng.",
)
def application_list(request: HttpRequest, filters: Query[ApplicationQuery]) -> Any:
    rows = selectors.application_list(user=request.user)
    if filters.task:
        rows = rows.filter(task_id=filters.task)
    page, next_cursor = paginate(rows, filters)
    log_people_read(request, (a.lead_id for a in page))
    return page_response(
        [
            {
                "id": a.pk,
                "task_id": a.task_id,
                "lead_id": a.lead_id,
                "lead_name": a.lead.full_name,
                "submitting_unit": ref(a.submitting_unit),
                "host_name": a.host_name,
                "budget": float(a.budget),
                "submitted_on": a.submitted_on,
                "status": a.status,
            }
            for a in page
        ],
        next_cursor,
    )


@router.get(
    "/science/initiatives",
    response={200: InitiativePage, **AUTH_ERRORS},
    summary="Sáng kiến, giải pháp hữu ích",
    description="Các sáng kiến trong phạm vi người dùng (và của chính tác giả).",
)
def initiative_list(request: HttpRequest, filters: Query[PageQuery]) -> Any:
    rows, next_cursor = paginate(selectors.initiative_list(user=request.user), filters)
    return page_response(
        [
            {
                "id": i.pk,
                "kind": i.kind,
                "title": i.title,
                "unit": ref(i.unit),
                "submitted_on": i.submitted_on,
                "status": i.status,
                "decision_number": i.decision_number,
                "decided_on": i.decided_on,
            }
            for i in rows
        ],
        next_cursor,
    )
