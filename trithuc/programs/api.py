"""Programs, indicators, targets and the computed values over the API.

Like the dashboard page, these answer only users the program follows (officers, program office,
leaders, administrators: ``selectors.dashboard_units``), and a value is asked for a unit within
their reach. The figures are sums, not personal data; the rows behind them are (see the pages)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema

from trithuc.api.errors import AUTH_ERRORS, NOT_FOUND
from trithuc.api.schemas import UnitRef, choice, path_text, ref
from trithuc.core.dates import today

from . import selectors
from .choices import IndicatorSource, ObjectiveKind, TargetKind, TargetState
from .models import Indicator, Program

ProgramCode = path_text("Mã chương trình, ví dụ CTr-45.")
router = Router(tags=["Chương trình, chỉ tiêu"])


class ProgramOut(Schema):
    id: int = Field(description="Mã số (id) của chương trình.")
    code: str = Field(description="Mã chương trình (dùng trong đường dẫn).")
    title: str = Field(description="Tên chương trình.")
    document_number: str = Field(description="Số, ký hiệu văn bản.")
    issuing_body: UnitRef = Field(description="Cơ quan ban hành.")
    issued_on: dt.date | None = Field(description="Ngày ban hành.")
    resolution: str = Field(description="Nghị quyết được thực hiện.")
    start_year: int = Field(description="Từ năm.")
    end_year: int = Field(description="Đến năm.")
    midterm_year: int | None = Field(description="Năm sơ kết.")
    responsible_units: list[UnitRef] = Field(
        description="Cơ quan chịu trách nhiệm hôm nay: cơ quan ban hành hoặc đơn vị kế thừa."
    )


class ObjectiveOut(Schema):
    id: int = Field(description="Mã số của mục tiêu.")
    kind: choice(ObjectiveKind) = Field(description="Mục tiêu chung hay cụ thể.")  # type: ignore[valid-type]
    section: str = Field(description="Mục trong văn bản.")
    text: str = Field(description="Nội dung mục tiêu.")


class ProgramDetailOut(ProgramOut):
    objectives: list[ObjectiveOut] = Field(description="Các mục tiêu, theo thứ tự văn bản.")


class TargetOut(Schema):
    id: int = Field(description="Mã số của chỉ tiêu theo năm.")
    kind: choice(TargetKind) = Field(description="Hằng năm hay đến năm.")  # type: ignore[valid-type]
    year_from: int = Field(description="Từ năm.")
    year_to: int = Field(description="Đến năm.")
    min_value: float | None = Field(description="Mức tối thiểu.")
    max_value: float | None = Field(description="Mức tối đa.")
    text: str = Field(description="Lời văn của chỉ tiêu trong chương trình.")


class IndicatorOut(Schema):
    id: int = Field(description="Mã số (id) của chỉ tiêu.")
    code: str = Field(description="Mã chỉ tiêu.")
    name: str = Field(description="Tên chỉ tiêu.")
    unit_of_measure: str = Field(description="Đơn vị tính.")
    method: str = Field(description="Cách đo, nguồn số liệu.")
    source: choice(IndicatorSource) = Field(  # type: ignore[valid-type]
        description="`computed`: tính từ dữ liệu; `reported`: đơn vị báo cáo."
    )
    origin: str = Field(description="Văn bản gốc của chỉ tiêu (nếu kế thừa).")
    is_active: bool = Field(description="Đang theo dõi.")
    targets: list[TargetOut] = Field(description="Các mức chỉ tiêu theo năm.")


class FigureOut(Schema):
    indicator: str = Field(description="Mã chỉ tiêu.")
    name: str = Field(description="Tên chỉ tiêu.")
    value: float | None = Field(description="Giá trị của năm cho đơn vị (cả cấp dưới, tiền thân).")
    judged_value: float | None = Field(
        description="Giá trị dùng để đánh giá: của năm, hoặc lũy kế với chỉ tiêu «đến năm»."
    )
    target: TargetOut | None = Field(description="Mức chỉ tiêu áp dụng cho năm.")
    state: choice(TargetState) = Field(description="Đánh giá: đạt, đúng tiến độ, có nguy cơ, ...")  # type: ignore[valid-type]
    warning: str = Field(description="Cảnh báo (nếu có).")
    series: list[tuple[int, float | None]] = Field(
        description="Chuỗi giá trị theo năm từ đầu chương trình: [năm, giá trị]."
    )


class FiguresOut(Schema):
    program: str = Field(description="Mã chương trình.")
    unit: UnitRef = Field(description="Đơn vị được tính (cả cấp dưới và tiền thân).")
    year: int = Field(description="Năm.")
    figures: list[FigureOut] = Field(description="Giá trị tính được của từng chỉ tiêu.")
    task_counts: dict[str, int] = Field(description="Số nhiệm vụ theo tình trạng hôm nay.")


class FiguresQuery(Schema):
    unit: int | None = Field(
        None, ge=1, description="Đơn vị (id) trong phạm vi; mặc định đơn vị đầu tiên được giao."
    )
    year: int | None = Field(
        None,
        ge=1900,
        le=2200,
        description="Năm; mặc định năm nay (giới hạn trong các năm của chương trình).",
    )


def _reader_units(request: HttpRequest) -> list:
    units = selectors.dashboard_units(request.user)
    if not units:
        raise PermissionDenied("Tài khoản của bạn không được giao theo dõi chương trình.")
    return units


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _target(target: Any) -> dict[str, Any] | None:
    if target is None:
        return None
    return {
        "id": target.pk,
        "kind": target.kind,
        "year_from": target.year_from,
        "year_to": target.year_to,
        "min_value": _number(target.min_value),
        "max_value": _number(target.max_value),
        "text": target.text,
    }


def _program(program: Program) -> dict[str, Any]:
    return {
        "id": program.pk,
        "code": program.code,
        "title": program.title,
        "document_number": program.document_number,
        "issuing_body": ref(program.issuing_body),
        "issued_on": program.issued_on,
        "resolution": program.resolution,
        "start_year": program.start_year,
        "end_year": program.end_year,
        "midterm_year": program.midterm_year,
        "responsible_units": [
            ref(u) for u in selectors.program_responsible_units(program, today())
        ],
    }


@router.get(
    "/programs",
    response={200: list[ProgramOut], **AUTH_ERRORS},
    summary="Danh sách chương trình",
    description="Các chương trình hành động, theo mã.",
)
def program_list(request: HttpRequest) -> Any:
    _reader_units(request)
    return [_program(p) for p in Program.objects.select_related("issuing_body").order_by("code")]


@router.get(
    "/programs/{code}",
    response={200: ProgramDetailOut, **AUTH_ERRORS, **NOT_FOUND},
    summary="Một chương trình và các mục tiêu",
    description="Chương trình với các mục tiêu chung và cụ thể.",
)
def program_detail(request: HttpRequest, code: ProgramCode) -> Any:
    _reader_units(request)
    program = selectors.program_get(code)
    objectives = program.objectives.order_by("order")
    return _program(program) | {
        "objectives": [
            {"id": o.pk, "kind": o.kind, "section": o.section, "text": o.text} for o in objectives
        ]
    }


@router.get(
    "/programs/{code}/indicators",
    response={200: list[IndicatorOut], **AUTH_ERRORS, **NOT_FOUND},
    summary="Các chỉ tiêu và mức chỉ tiêu",
    description="Mọi chỉ tiêu của chương trình với mức chỉ tiêu theo năm.",
)
def indicator_list(request: HttpRequest, code: ProgramCode) -> Any:
    _reader_units(request)
    program = selectors.program_get(code)
    indicators = Indicator.objects.filter(program=program).prefetch_related("targets")
    return [
        {
            "id": i.pk,
            "code": i.code,
            "name": i.name,
            "unit_of_measure": i.unit_of_measure,
            "method": i.method,
            "source": i.source,
            "origin": i.origin,
            "is_active": i.is_active,
            "targets": [_target(t) for t in i.targets.all()],
        }
        for i in indicators.order_by("order", "code")
    ]


@router.get(
    "/programs/{code}/figures",
    response={200: FiguresOut, **AUTH_ERRORS, **NOT_FOUND},
    summary="Giá trị tính được của các chỉ tiêu",
    description="Các số liệu của bảng điều hành cho một đơn vị trong phạm vi và một năm: giá trị, "
    "mức chỉ tiêu, đánh giá, chuỗi theo năm. Đơn vị ngoài phạm vi trả 404.",
)
def figure_list(request: HttpRequest, code: ProgramCode, options: Query[FiguresQuery]) -> Any:
    units = _reader_units(request)
    program = selectors.program_get(code)
    unit = units[0]
    if options.unit is not None:
        unit = next((u for u in units if u.pk == options.unit), None)
        if unit is None:
            raise Http404("Không tìm thấy đơn vị.")
    year = min(max(options.year or today().year, program.start_year), program.end_year)
    board = selectors.dashboard_build(program=program, unit=unit, year=year, day=today())
    return {
        "program": program.code,
        "unit": ref(unit),
        "year": year,
        "figures": [
            {
                "indicator": row.indicator.code,
                "name": row.indicator.name,
                "value": _number(row.value),
                "judged_value": _number(row.judged_value),
                "target": _target(row.target),
                "state": row.assessment.state,
                "warning": row.assessment.warning,
                "series": [(y, _number(v)) for y, v in row.series],
            }
            for row in board.rows
        ],
        "task_counts": board.task_counts,
    }
