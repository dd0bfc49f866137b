"""Workforce records over the API: training courses and enrolments, annual ratings, appointments,
honours and attraction cases.

Records about a person are read through the scoping rule (404 outside it), and each list logs the
people it shows. Writes (enrolments, their status, ratings) call the pages' services, which check
that the user may change the records of the unit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from trithuc.accounts.scoping import Action, restrict
from trithuc.api.errors import AUTH_ERRORS, NOT_FOUND
from trithuc.api.logging import log_people_read
from trithuc.api.pagination import PageQuery, page_of, page_response, paginate
from trithuc.api.schemas import RefItem, UnitRef, choice, path_id, ref
from trithuc.orgunits.models import OrgUnit
from trithuc.orgunits.selectors import orgunit_reach_ids
from trithuc.people.models import Person

from . import selectors, services
from .choices import (
    AttractionStatus,
    CareerEventKind,
    CourseKind,
    EnrollmentStatus,
    NominationStatus,
    RatingLevel,
)
from .models import TrainingCourse, TrainingEnrollment

EnrollmentId = path_id("lượt cử đi học")
router = Router(tags=["Đội ngũ: đào tạo, đánh giá, bổ nhiệm, khen thưởng, thu hút"])


class PersonRef(Schema):
    id: int = Field(description="Mã số (id) của hồ sơ người.")
    full_name: str = Field(description="Họ và tên.")


class CourseOut(Schema):
    id: int = Field(description="Mã số (id) của khóa học.")
    kind: choice(CourseKind) = Field(description="Loại hình đào tạo, bồi dưỡng.")  # type: ignore[valid-type]
    name: str = Field(description="Tên khóa, lớp.")
    institution: str = Field(description="Cơ sở đào tạo.")
    start_date: dt.date = Field(description="Ngày khai giảng.")
    end_date: dt.date | None = Field(description="Ngày bế giảng.")
    visible_enrollments: int = Field(description="Số học viên trong phạm vi người dùng.")


class EnrollmentOut(Schema):
    id: int = Field(description="Mã số (id) của lượt cử đi học.")
    person: PersonRef = Field(description="Người học.")
    course_id: int = Field(description="Khóa học (id).")
    kind: choice(CourseKind) = Field(description="Loại hình của khóa.")  # type: ignore[valid-type]
    year: int = Field(description="Năm cử đi.")
    sending_unit: UnitRef = Field(description="Đơn vị cử đi.")
    status: choice(EnrollmentStatus) = Field(description="Tình trạng học.")  # type: ignore[valid-type]
    commits_to_serve_years: int | None = Field(description="Số năm cam kết phục vụ.")


class RatingOut(Schema):
    id: int = Field(description="Mã số (id) của kết quả đánh giá.")
    person: PersonRef = Field(description="Người được đánh giá.")
    year: int = Field(description="Năm.")
    level: choice(RatingLevel) = Field(description="Mức xếp loại (QĐ 124-QĐ/TW).")  # type: ignore[valid-type]
    unit: UnitRef = Field(description="Đơn vị đánh giá.")
    note: str = Field(description="Ghi chú.")


class CareerEventOut(Schema):
    id: int = Field(description="Mã số (id) của quyết định.")
    person: PersonRef = Field(description="Người được bổ nhiệm, luân chuyển, điều động.")
    kind: choice(CareerEventKind) = Field(
        description="Loại: bổ nhiệm, bổ nhiệm lại, luân chuyển, điều động."
    )  # type: ignore[valid-type]
    from_unit: UnitRef | None = Field(description="Từ đơn vị.")
    unit: UnitRef = Field(description="Đến đơn vị.")
    position: str = Field(description="Chức vụ.")
    decision_number: str = Field(description="Số quyết định.")
    decision_date: dt.date = Field(description="Ngày quyết định.")
    effective_date: dt.date = Field(description="Ngày hiệu lực.")


class AwardOut(Schema):
    id: int = Field(description="Mã số (id) của khen thưởng.")
    person: PersonRef = Field(description="Người được khen thưởng.")
    award_type: RefItem = Field(description="Hình thức khen thưởng.")
    year: int = Field(description="Năm.")
    decision_number: str = Field(description="Số quyết định.")
    decision_date: dt.date = Field(description="Ngày quyết định.")
    granting_body: str = Field(description="Cơ quan quyết định.")
    unit: UnitRef = Field(description="Đơn vị đề nghị.")


class NominationOut(Schema):
    id: int = Field(description="Mã số (id) của hồ sơ đề nghị.")
    person: PersonRef = Field(description="Người được đề nghị.")
    award_type: RefItem = Field(description="Hình thức đề nghị.")
    year: int = Field(description="Năm.")
    unit: UnitRef = Field(description="Đơn vị đề nghị.")
    status: choice(NominationStatus) = Field(description="Tình trạng hồ sơ.")  # type: ignore[valid-type]
    total_score: float | None = Field(description="Tổng điểm hội đồng chấm.")


class AttractionCaseOut(Schema):
    id: int = Field(description="Mã số (id) của hồ sơ thu hút.")
    person: PersonRef = Field(description="Người được thu hút.")
    policy: RefItem = Field(description="Chính sách thu hút.")
    unit: UnitRef = Field(description="Đơn vị tiếp nhận.")
    status: choice(AttractionStatus) = Field(description="Tình trạng hồ sơ.")  # type: ignore[valid-type]
    applied_on: dt.date = Field(description="Ngày nộp hồ sơ.")
    decision_number: str = Field(description="Số quyết định thu hút.")
    decision_date: dt.date | None = Field(description="Ngày quyết định.")
    service_start: dt.date | None = Field(description="Ngày bắt đầu công tác.")
    commitment_years: int | None = Field(description="Số năm cam kết.")
    disbursed: float = Field(description="Tổng kinh phí hỗ trợ đã chi (đồng).")


class CourseQuery(PageQuery):
    kind: choice(CourseKind) | None = Field(None, description="Loại hình đào tạo.")  # type: ignore[valid-type]
    year: int | None = Field(None, ge=1900, le=2200, description="Năm khai giảng.")


class RecordQuery(PageQuery):
    unit: int | None = Field(None, ge=1, description="Đơn vị (id), cả cấp dưới và tiền thân.")
    year: int | None = Field(None, ge=1900, le=2200, description="Năm.")


class EnrollmentQuery(RecordQuery):
    course: int | None = Field(None, ge=1, description="Khóa học (id).")
    status: choice(EnrollmentStatus) | None = Field(None, description="Tình trạng học.")  # type: ignore[valid-type]


class RatingQuery(RecordQuery):
    level: choice(RatingLevel) | None = Field(None, description="Mức xếp loại.")  # type: ignore[valid-type]


class EnrollmentIn(Schema):
    person: int = Field(ge=1, description="Người được cử đi (id), trong phạm vi được sửa.")
    course: int = Field(ge=1, description="Khóa học (id).")
    sending_unit: int = Field(ge=1, description="Đơn vị cử đi (id), trong phạm vi được sửa.")
    status: choice(EnrollmentStatus) = Field(  # type: ignore[valid-type]
        EnrollmentStatus.PLANNED.value, description="Tình trạng ban đầu."
    )
    commits_to_serve_years: int | None = Field(
        None, ge=0, le=50, description="Số năm cam kết phục vụ sau khóa học."
    )


class EnrollmentStatusIn(Schema):
    status: choice(EnrollmentStatus) = Field(description="Tình trạng mới (theo các bước cho phép).")  # type: ignore[valid-type]


class RatingIn(Schema):
    person: int = Field(ge=1, description="Người được đánh giá (id), trong phạm vi được sửa.")
    year: int = Field(ge=1990, le=2100, description="Năm đánh giá.")
    level: choice(RatingLevel) = Field(description="Mức xếp loại.")  # type: ignore[valid-type]
    unit: int = Field(ge=1, description="Đơn vị đánh giá (id), trong phạm vi được sửa.")
    note: str = Field("", max_length=500, description="Ghi chú.")


CoursePage = page_of(CourseOut, "CoursePage")
EnrollmentPage = page_of(EnrollmentOut, "EnrollmentPage")
RatingPage = page_of(RatingOut, "RatingPage")
CareerEventPage = page_of(CareerEventOut, "CareerEventPage")
AwardPage = page_of(AwardOut, "AwardPage")
NominationPage = page_of(NominationOut, "NominationPage")
AttractionCasePage = page_of(AttractionCaseOut, "AttractionCasePage")


def _person(person: Person) -> dict[str, Any]:
    return {"id": person.pk, "full_name": person.full_name}


def _filters(query: Any, **extra: Any) -> selectors.RecordFilters:
    unit = None
    if getattr(query, "unit", None) is not None:
        unit = OrgUnit.objects.filter(pk=query.unit).first()
        if unit is None:
            raise ValidationError({"unit": "Không có đơn vị này."})
    return selectors.RecordFilters(unit=unit, year=getattr(query, "year", None), **extra)


def _page(request: HttpRequest, records: Any, query: PageQuery, show: Any) -> dict[str, Any]:
    rows, next_cursor = paginate(records, query)
    log_people_read(request, (r.person_id for r in rows))
    return page_response([show(r) for r in rows], next_cursor)


def _person_to_change(request: HttpRequest, pk: int) -> Person:
    person = restrict(Person.objects.all(), request.user, Action.CHANGE).filter(pk=pk).first()
    if person is None:
        raise ValidationError({"person": "Không có hồ sơ này trong phạm vi bạn được cập nhật."})
    return person


def _unit_field(pk: int, field: str) -> OrgUnit:
    unit = OrgUnit.objects.filter(pk=pk).first()
    if unit is None:
        raise ValidationError({field: "Không có đơn vị này."})
    return unit


def _enrollment(e: Any) -> dict[str, Any]:
    return {
        "id": e.pk,
        "person": _person(e.person),
        "course_id": e.course_id,
        "kind": e.kind,
        "year": e.year,
        "sending_unit": ref(e.sending_unit),
        "status": e.status,
        "commits_to_serve_years": e.commits_to_serve_years,
    }


def _rating(r: Any) -> dict[str, Any]:
    return {
        "id": r.pk,
        "person": _person(r.person),
        "year": r.year,
        "level": r.level,
        "unit": ref(r.unit),
        "note": r.note,
    }


@router.get(
    "/workforce/courses",
    response={200: CoursePage, **AUTH_ERRORS},
    summary="Khóa đào tạo, bồi dưỡng",
    description="Các khóa học (không phải dữ liệu cá nhân), với số học viên trong phạm vi.",
)
def course_list(request: HttpRequest, filters: Query[CourseQuery]) -> Any:
    courses = selectors.course_list(
        user=request.user,
        filters=selectors.RecordFilters(kind=filters.kind or "", year=filters.year),
    )
    rows, next_cursor = paginate(courses, filters)
    return page_response(
        [
            {
                "id": c.pk,
                "kind": c.kind,
                "name": c.name,
                "institution": c.institution,
                "start_date": c.start_date,
                "end_date": c.end_date,
                "visible_enrollments": c.visible_enrollments,
            }
            for c in rows
        ],
        next_cursor,
    )


@router.get(
    "/workforce/enrollments",
    response={200: EnrollmentPage, **AUTH_ERRORS},
    summary="Cử đi đào tạo",
    description="Các lượt cử đi học trong phạm vi người dùng.",
)
def enrollment_list(request: HttpRequest, filters: Query[EnrollmentQuery]) -> Any:
    records = TrainingEnrollment.objects.visible_to(request.user).select_related(
        "person", "sending_unit"
    )
    if (unit := _filters(filters).unit) is not None:
        records = records.filter(sending_unit_id__in=orgunit_reach_ids({unit.pk}))
    if filters.year:
        records = records.filter(year=filters.year)
    if filters.course:
        records = records.filter(course_id=filters.course)
    if filters.status:
        records = records.filter(status=filters.status)
    return _page(request, records, filters, _enrollment)


@router.post(
    "/workforce/enrollments",
    response={201: EnrollmentOut, **AUTH_ERRORS, **NOT_FOUND},
    summary="Cử một người đi học",
    description="Ghi một lượt cử đi đào tạo, bồi dưỡng cho người trong phạm vi được sửa; người "
    "tốt nghiệp được cập nhật trình độ vào hồ sơ, và chỉ tiêu đào tạo được tính lại.",
)
def enrollment_create(request: HttpRequest, payload: EnrollmentIn) -> Any:
    person = _person_to_change(request, payload.person)
    course = TrainingCourse.objects.filter(pk=payload.course).first()
    if course is None:
        raise ValidationError({"course": "Không có khóa học này."})
    enrollment = services.enrollment_create(
        actor=request.user,
        person=person,
        course=course,
        sending_unit=_unit_field(payload.sending_unit, "sending_unit"),
        status=payload.status,
        commits_to_serve_years=payload.commits_to_serve_years,
    )
    return Status(201, _enrollment(enrollment))


@router.patch(
    "/workforce/enrollments/{enrollment_id}",
    response={200: EnrollmentOut, **AUTH_ERRORS, **NOT_FOUND},
    summary="Đổi tình trạng học",
    description="Chuyển tình trạng theo các bước cho phép: dự kiến → đang học → tốt nghiệp hoặc "
    "thôi học.",
)
def enrollment_status(
    request: HttpRequest, enrollment_id: EnrollmentId, payload: EnrollmentStatusIn
) -> Any:
    enrollment = selectors.enrollment_get_for_user(
        user=request.user, pk=enrollment_id, action=Action.CHANGE
    )
    enrollment = services.enrollment_set_status(
        actor=request.user, enrollment=enrollment, status=payload.status
    )
    return _enrollment(enrollment)


@router.get(
    "/workforce/ratings",
    response={200: RatingPage, **AUTH_ERRORS},
    summary="Đánh giá, xếp loại hằng năm",
    description="Kết quả đánh giá, xếp loại chất lượng trong phạm vi người dùng.",
)
def rating_list(request: HttpRequest, filters: Query[RatingQuery]) -> Any:
    records = selectors.rating_list(
        user=request.user, filters=_filters(filters, status=filters.level or "")
    )
    return _page(request, records, filters, _rating)


@router.post(
    "/workforce/ratings",
    response={200: RatingOut, **AUTH_ERRORS},
    summary="Ghi (hoặc sửa) xếp loại của một năm",
    description="Mỗi người một kết quả cho mỗi năm: gửi lại cùng người và năm để sửa.",
)
def rating_set(request: HttpRequest, payload: RatingIn) -> Any:
    rating = services.rating_set(
        actor=request.user,
        person=_person_to_change(request, payload.person),
        year=payload.year,
        level=payload.level,
        unit=_unit_field(payload.unit, "unit"),
        note=payload.note,
    )
    return _rating(selectors.rating_get_for_user(user=request.user, pk=rating.pk))


@router.get(
    "/workforce/career-events",
    response={200: CareerEventPage, **AUTH_ERRORS},
    summary="Bổ nhiệm, luân chuyển, điều động",
    description="Các quyết định về cán bộ trong phạm vi người dùng.",
)
def career_event_list(request: HttpRequest, filters: Query[RecordQuery]) -> Any:
    records = selectors.career_event_list(user=request.user, filters=_filters(filters))
    return _page(
        request,
        records,
        filters,
        lambda e: {
            "id": e.pk,
            "person": _person(e.person),
            "kind": e.kind,
            "from_unit": ref(e.from_unit),
            "unit": ref(e.unit),
            "position": e.position,
            "decision_number": e.decision_number,
            "decision_date": e.decision_date,
            "effective_date": e.effective_date,
        },
    )


@router.get(
    "/workforce/awards",
    response={200: AwardPage, **AUTH_ERRORS},
    summary="Khen thưởng, tôn vinh",
    description="Các khen thưởng đã quyết định, trong phạm vi người dùng.",
)
def award_list(request: HttpRequest, filters: Query[RecordQuery]) -> Any:
    records = selectors.award_list(user=request.user, filters=_filters(filters))
    return _page(
        request,
        records,
        filters,
        lambda a: {
            "id": a.pk,
            "person": _person(a.person),
            "award_type": ref(a.award_type),
            "year": a.year,
            "decision_number": a.decision_number,
            "decision_date": a.decision_date,
            "granting_body": a.granting_body,
            "unit": ref(a.unit),
        },
    )


@router.get(
    "/workforce/nominations",
    response={200: NominationPage, **AUTH_ERRORS},
    summary="Hồ sơ đề nghị khen thưởng",
    description="Các hồ sơ đề nghị tôn vinh, khen thưởng trong phạm vi người dùng.",
)
def nomination_list(request: HttpRequest, filters: Query[RecordQuery]) -> Any:
    records = selectors.nomination_list(user=request.user, filters=_filters(filters))
    return _page(
        request,
        records,
        filters,
        lambda n: {
            "id": n.pk,
            "person": _person(n.person),
            "award_type": ref(n.award_type),
            "year": n.year,
            "unit": ref(n.unit),
            "status": n.status,
            "total_score": None if n.total_score is None else float(n.total_score),
        },
    )


@router.get(
    "/workforce/attraction-cases",
    response={200: AttractionCasePage, **AUTH_ERRORS},
    summary="Hồ sơ thu hút, đãi ngộ nhân tài",
    description="Các hồ sơ thu hút trong phạm vi người dùng, với kinh phí đã chi.",
)
def attraction_case_list(request: HttpRequest, filters: Query[RecordQuery]) -> Any:
    records = selectors.attraction_case_list(user=request.user, filters=_filters(filters))
    if filters.year:
        records = records.filter(applied_on__year=filters.year)
    return _page(
        request,
        records,
        filters,
        lambda c: {
            "id": c.pk,
            "person": _person(c.person),
            "policy": {"id": c.policy.pk, "code": c.policy.code, "name": c.policy.name},
            "unit": ref(c.unit),
            "status": c.status,
            "applied_on": c.applied_on,
            "decision_number": c.decision_number,
            "decision_date": c.decision_date,
            "service_start": c.service_start,
            "commitment_years": c.commitment_years,
            "disbursed": float(c.disbursed),
        },
    )
