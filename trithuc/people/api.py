"""The person registry over the API: list, read, create and update, with the pages' scope.

Every read of a person's record is logged (``AccessAction.API_READ``; a list logs the people of
the page in one insert). CCCD comes masked; ``reveal_cccd=true`` returns it whole only to the roles
of ``TRITHUC_CCCD_REVEAL_ROLES`` within their reach (or to the person themself), and each reveal is
logged (``AccessAction.REVEAL_CCCD``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from trithuc.accounts.scoping import Action, role_reach_ids, units_in_scope
from trithuc.api.errors import AUTH_ERRORS, CONFLICT, NOT_FOUND
from trithuc.api.pagination import PageQuery, page_of, page_response, paginate
from trithuc.api.schemas import RefItem, UnitRef, choice, path_id, ref
from trithuc.core.dates import DatePrecision
from trithuc.orgunits.models import OrgUnit
from trithuc.privacy.choices import AccessAction
from trithuc.privacy.services import access_record

from . import selectors, services
from .cccd import decrypt_cccd
from .choices import DerivedGroup, Gender
from .models import (
    AcademicTitle,
    Ethnicity,
    Person,
    PoliticalTheoryLevel,
    StateManagementLevel,
)
from .models import (
    Field as FieldOfWork,
)

PersonId = path_id("hồ sơ người")
router = Router(tags=["Nhân sự, trí thức"])


class EmploymentOut(Schema):
    id: int = Field(description="Mã số của quá trình công tác.")
    unit: UnitRef = Field(description="Cơ quan, đơn vị.")
    position: str = Field(description="Chức vụ, vị trí việc làm.")
    sector: str = Field(description="Khu vực: `public` (công) hoặc `private` (tư).")
    start_date: dt.date | None = Field(description="Từ ngày.")
    end_date: dt.date | None = Field(description="Đến ngày; `null` khi đang công tác.")


class QualificationOut(Schema):
    id: int = Field(description="Mã số của văn bằng.")
    level: RefItem = Field(description="Trình độ (danh mục trình độ chuyên môn).")
    major: str = Field(description="Chuyên ngành.")
    institution: str = Field(description="Cơ sở đào tạo.")
    country: str = Field(description="Quốc gia.")
    year: int | None = Field(description="Năm tốt nghiệp.")


class PersonListOut(Schema):
    id: int = Field(description="Mã số (id) của hồ sơ.")
    full_name: str = Field(description="Họ và tên (NFC).")
    family_name: str = Field(description="Họ.")
    middle_name: str = Field(description="Tên đệm.")
    given_name: str = Field(description="Tên.")
    birth_date: dt.date | None = Field(description="Ngày sinh (xem độ chính xác).")
    birth_date_precision: str = Field(description="Độ chính xác của ngày sinh: day, month, year.")
    gender: str = Field(description="Giới tính: `male` (nam) hoặc `female` (nữ).")
    cccd: str = Field(description="Số CCCD đã che, chỉ hiện 3 số cuối.")
    current_units: list[UnitRef] = Field(description="Các đơn vị đang công tác.")
    version: int = Field(description="Phiên bản hồ sơ, gửi lại khi sửa (khóa lạc quan).")


class PersonOut(PersonListOut):
    cccd: str = Field(
        description="Số CCCD: đã che, trừ khi hỏi `reveal_cccd=true` với vai trò được phép."
    )
    cccd_revealed: bool = Field(description="`true` khi `cccd` là số đầy đủ.")
    ethnicity: RefItem | None = Field(description="Dân tộc (danh mục QĐ 121-TCTK/PPCĐ).")
    hometown: str = Field(description="Quê quán.")
    academic_title: RefItem | None = Field(description="Học hàm.")
    political_theory: RefItem | None = Field(description="Trình độ lý luận chính trị.")
    state_management: RefItem | None = Field(description="Trình độ quản lý nhà nước.")
    fields: list[RefItem] = Field(description="Lĩnh vực chuyên môn.")
    expertise: str = Field(description="Chuyên môn sâu, từ khóa.")
    is_party_member: bool = Field(description="Là đảng viên.")
    party_joined_on: dt.date | None = Field(description="Ngày vào Đảng.")
    employments: list[EmploymentOut] = Field(description="Quá trình công tác, hiện tại trước.")
    qualifications: list[QualificationOut] = Field(description="Văn bằng, cao nhất trước.")
    updated_at: dt.datetime = Field(description="Thời điểm cập nhật gần nhất.")


class PersonQuery(PageQuery):
    q: str = Field(
        "", max_length=200, description="Tìm theo tên (không phân biệt dấu, hoa thường)."
    )
    unit: int | None = Field(
        None, ge=1, description="Chỉ người thuộc đơn vị này (cả đơn vị cấp dưới và tiền thân)."
    )
    field: int | None = Field(None, ge=1, description="Chỉ người có lĩnh vực (id) này.")
    degree: int | None = Field(None, ge=1, description="Chỉ người có trình độ (id) này.")
    group: choice(DerivedGroup) | None = Field(  # type: ignore[valid-type]
        None, description="Nhóm: cán bộ trẻ, nữ, dân tộc thiểu số, đảng viên."
    )


class RevealQuery(Schema):
    reveal_cccd: bool = Field(
        False,
        description="Trả số CCCD đầy đủ (chỉ cho vai trò được phép; mỗi lần xem được ghi nhật ký).",
    )


class PersonWrite(Schema):
    birth_date: dt.date | None = Field(None, description="Ngày sinh, dạng YYYY-MM-DD.")
    birth_date_precision: choice(DatePrecision) = Field(  # type: ignore[valid-type]
        DatePrecision.DAY.value, description="Độ chính xác ngày sinh: day, month hoặc year."
    )
    ethnicity: str | None = Field(None, max_length=40, description="Mã dân tộc.")
    hometown: str = Field("", max_length=255, description="Quê quán.")
    academic_title: str | None = Field(None, max_length=40, description="Mã học hàm.")
    political_theory: str | None = Field(
        None, max_length=40, description="Mã trình độ lý luận chính trị."
    )
    state_management: str | None = Field(
        None, max_length=40, description="Mã trình độ quản lý nhà nước."
    )
    fields: list[str] = Field(
        default_factory=list, max_length=50, description="Mã các lĩnh vực chuyên môn."
    )
    expertise: str = Field("", max_length=5000, description="Chuyên môn sâu, từ khóa.")
    is_party_member: bool = Field(False, description="Là đảng viên.")
    party_joined_on: dt.date | None = Field(None, description="Ngày vào Đảng.")
    cccd: str = Field("", max_length=20, description="Số CCCD 12 chữ số (để trống nếu chưa có).")


class PersonCreateIn(PersonWrite):
    full_name: str = Field(min_length=1, max_length=150, description="Họ và tên.")
    gender: choice(Gender) = Field(description="Giới tính: male hoặc female.")  # type: ignore[valid-type]
    unit: int = Field(ge=1, description="Đơn vị quản lý hồ sơ (id), trong phạm vi được sửa.")
    position: str = Field("", max_length=255, description="Chức vụ, vị trí việc làm hiện tại.")


class PersonUpdateIn(PersonWrite):
    version: int = Field(ge=1, description="Phiên bản hồ sơ đã đọc (trường `version`).")
    full_name: str | None = Field(None, min_length=1, max_length=150, description="Họ và tên.")
    gender: choice(Gender) | None = Field(None, description="Giới tính.")  # type: ignore[valid-type]
    cccd: str | None = Field(
        None, max_length=20, description="Số CCCD mới; bỏ qua để giữ nguyên, chuỗi rỗng để xóa."
    )


PersonPage = page_of(PersonListOut, "PersonPage")
REFERENCE_FIELDS = {
    "ethnicity": Ethnicity,
    "academic_title": AcademicTitle,
    "political_theory": PoliticalTheoryLevel,
    "state_management": StateManagementLevel,
}


def _list_row(person: Person) -> dict[str, Any]:
    jobs = getattr(person, "current_employments", None)
    if jobs is None:
        jobs = [e for e in person.employments.all() if e.end_date is None]
    return {
        "id": person.pk,
        "full_name": person.full_name,
        "family_name": person.family_name,
        "middle_name": person.middle_name,
        "given_name": person.given_name,
        "birth_date": person.birth_date,
        "birth_date_precision": person.birth_date_precision,
        "gender": person.gender,
        "cccd": person.cccd_masked,
        "current_units": [ref(e.unit) for e in jobs],
        "version": person.version,
    }


def _detail(person: Person, *, revealed: bool) -> dict[str, Any]:
    employments = list(selectors.person_employments(person))
    row = _list_row(person) | {
        "current_units": [ref(e.unit) for e in employments if e.end_date is None],
        "cccd": decrypt_cccd(person.cccd_ciphertext) if revealed else person.cccd_masked,
        "cccd_revealed": revealed and bool(person.cccd_ciphertext),
        "hometown": person.hometown,
        "fields": [ref(f) for f in person.fields.all()],
        "expertise": person.expertise,
        "is_party_member": person.is_party_member,
        "party_joined_on": person.party_joined_on,
        "updated_at": person.updated_at,
        "employments": [
            {
                "id": e.pk,
                "unit": ref(e.unit),
                "position": e.position,
                "sector": e.sector,
                "start_date": e.start_date,
                "end_date": e.end_date,
            }
            for e in employments
        ],
        "qualifications": [
            {
                "id": q.pk,
                "level": ref(q.level),
                "major": q.major,
                "institution": q.institution,
                "country": q.country,
                "year": q.year,
            }
            for q in selectors.person_qualifications(person)
        ],
    }
    for name in REFERENCE_FIELDS:
        row[name] = ref(getattr(person, name))
    return row


def may_reveal_cccd(user: Any, person: Person) -> bool:
    """The roles of ``TRITHUC_CCCD_REVEAL_ROLES`` within their reach, and the person themself."""
    if person.user_id is not None and person.user_id == user.pk:
        return True
    reach = role_reach_ids(user, settings.TRITHUC_CCCD_REVEAL_ROLES)
    if not reach:
        return False
    return Person.objects.filter(
        Person.scope_q_for_units(reach, few_rows=True), pk=person.pk
    ).exists()


def _references(data: dict[str, Any]) -> dict[str, Any]:
    """Codes of reference items in ``data`` replaced by the items; an unknown code is a 422."""
    problems: dict[str, list[str]] = {}
    for name, model in REFERENCE_FIELDS.items():
        code = data.get(name)
        if code:
            data[name] = model.objects.filter(code=code).first()
            if data[name] is None:
                problems[name] = [
                    f"Không có mã «{code}» trong danh mục {model._meta.verbose_name}."
                ]
        elif name in data:
            data[name] = None
    if "fields" in data:
        codes = set(data["fields"])
        found = list(FieldOfWork.objects.filter(code__in=codes))
        if missing := codes - {f.code for f in found}:
            problems["fields"] = [f"Không có mã lĩnh vực: {', '.join(sorted(missing))}."]
        data["fields"] = found
    if problems:
        raise ValidationError(problems)
    return data


@router.get(
    "/people",
    response={200: PersonPage, **AUTH_ERRORS, **NOT_FOUND},
    summary="Danh sách hồ sơ trong phạm vi",
    description="Các hồ sơ người dùng được xem (cùng phạm vi với trang), theo id tăng dần. "
    "Mỗi người trong trang được ghi vào nhật ký truy cập.",
)
def person_list(request: HttpRequest, filters: Query[PersonQuery]) -> Any:
    unit = None
    if filters.unit is not None:
        unit = OrgUnit.objects.filter(pk=filters.unit).first()
        if unit is None:
            raise ValidationError({"unit": "Không có đơn vị này."})
    people = selectors.person_list(
        user=request.user,
        filters=selectors.PersonFilters(
            q=filters.q,
            unit=unit,
            field_id=filters.field,
            degree_id=filters.degree,
            group=filters.group or "",
        ),
    )
    rows, next_cursor = paginate(people, filters)
    access_record(request.user, rows, AccessAction.API_READ, path=request.path)
    return page_response([_list_row(p) for p in rows], next_cursor)


@router.get(
    "/people/{person_id}",
    response={200: PersonOut, **AUTH_ERRORS, **NOT_FOUND},
    summary="Đọc một hồ sơ",
    description="Hồ sơ đầy đủ với quá trình công tác và văn bằng. Ngoài phạm vi hay không có đều "
    "trả 404. `reveal_cccd=true` trả số CCCD đầy đủ cho vai trò được phép (403 nếu không), "
    "và lần xem được ghi nhật ký.",
)
def person_detail(request: HttpRequest, person_id: PersonId, options: Query[RevealQuery]) -> Any:
    person = selectors.person_get(user=request.user, pk=person_id)
    if options.reveal_cccd:
        if not may_reveal_cccd(request.user, person):
            raise PermissionDenied(
                "Vai trò của bạn không được xem số CCCD đầy đủ của hồ sơ này; số đã che vẫn "
                "có trong hồ sơ."
            )
        access_record(request.user, [person], AccessAction.REVEAL_CCCD, path=request.path)
    access_record(request.user, [person], AccessAction.API_READ, path=request.path)
    return _detail(person, revealed=options.reveal_cccd)


@router.post(
    "/people",
    response={201: PersonOut, **AUTH_ERRORS, **NOT_FOUND},
    summary="Thêm một hồ sơ",
    description="Thêm hồ sơ vào một đơn vị trong phạm vi được sửa, qua cùng dịch vụ với trang "
    "(chuẩn hóa tên, kiểm tra và mã hóa CCCD, phát hiện trùng CCCD).",
)
def person_create(request: HttpRequest, payload: PersonCreateIn) -> Any:
    units = {u.pk: u for u in units_in_scope(request.user, Action.CHANGE)}
    if not units:
        raise PermissionDenied("Tài khoản của bạn không được thêm hồ sơ ở đơn vị nào.")
    data = _references(payload.dict())
    unit = units.get(data.pop("unit"))
    if unit is None:
        raise ValidationError(
            {"unit": "Đơn vị không có hoặc nằm ngoài phạm vi bạn được cập nhật hồ sơ."}
        )
    person = services.person_create(actor=request.user, unit=unit, **data)
    return Status(
        201, _detail(selectors.person_get(user=request.user, pk=person.pk), revealed=False)
    )


@router.patch(
    "/people/{person_id}",
    response={200: PersonOut, **AUTH_ERRORS, **NOT_FOUND, **CONFLICT},
    summary="Sửa một hồ sơ",
    description="Chỉ các trường gửi lên được thay đổi. Phải gửi `version` đã đọc: nếu hồ sơ đã "
    "được người khác sửa sau đó, trả 409 và không lưu gì (khóa lạc quan như trên trang).",
)
def person_update(request: HttpRequest, person_id: PersonId, payload: PersonUpdateIn) -> Any:
    person = selectors.person_get(user=request.user, pk=person_id, action=Action.CHANGE)
    data = _references(payload.dict(exclude_unset=True))
    version = data.pop("version")
    cccd = data.pop("cccd", None)
    for name in ("full_name", "gender", "birth_date_precision"):
        if name in data and data[name] is None:
            data.pop(name)
    services.person_update(
        actor=request.user, person_id=person.pk, expected_version=version, data=data, cccd=cccd
    )
    return _detail(selectors.person_get(user=request.user, pk=person.pk), revealed=False)
