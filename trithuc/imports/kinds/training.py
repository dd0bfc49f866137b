"""Kind "training": people the unit sent to training courses (cử đi đào tạo, bồi dưỡng)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from trithuc.core.text import fold
from trithuc.people.models import Person
from trithuc.workforce import services as workforce
from trithuc.workforce.choices import CourseKind, EnrollmentStatus
from trithuc.workforce.models import TrainingCourse, TrainingEnrollment

from ..engine import Column, Context, Row
from ..values import choice_lookup, parse_choice, parse_date, parse_positive_int
from .common import BIRTH_DATE, CCCD, FULL_NAME, GENDER, visible
from .people import STT
from .records import RecordKind

_KIND_LABELS = [label for _v, label in CourseKind.choices]
_KINDS = choice_lookup(
    {label: value for value, label in CourseKind.choices} | {v: v for v, _l in CourseKind.choices},
    {
        "Cao cấp LLCT": "Cao cấp lý luận chính trị",
        "Cao cấp chính trị": "Cao cấp lý luận chính trị",
        "Trung cấp LLCT": "Trung cấp lý luận chính trị",
        "Trung cấp chính trị": "Trung cấp lý luận chính trị",
        "Sơ cấp LLCT": "Sơ cấp lý luận chính trị",
        "Sơ cấp chính trị": "Sơ cấp lý luận chính trị",
        "Sau đại học": "Sau đại học trong nước",
        "Quản lý nhà nước": "Bồi dưỡng quản lý nhà nước",
        "QLNN": "Bồi dưỡng quản lý nhà nước",
        "Bồi dưỡng": "Bồi dưỡng, cập nhật kiến thức",
    },
)
_STATUS_LABELS = [label for _v, label in EnrollmentStatus.choices]
_STATUSES = choice_lookup(
    {label: value for value, label in EnrollmentStatus.choices},
    {"Dự kiến": "Dự kiến cử đi", "Tốt nghiệp": "Đã tốt nghiệp", "Hoàn thành": "Đã tốt nghiệp"},
)

COURSE_KIND = Column(
    "course_kind",
    "Loại hình đào tạo",
    lambda v: parse_choice(v, _KINDS, _KIND_LABELS),
    required=True,
    synonyms=("Loại hình", "Hình thức đào tạo", "Loại khóa học"),
    choices=lambda: _KIND_LABELS,
    width=28,
)
COURSE_NAME = Column(
    "course_name",
    "Tên khóa, lớp",
    required=True,
    synonyms=("Tên lớp", "Tên khóa học", "Khóa học", "Lớp", "Chuyên ngành"),
    help="Tên lớp như trên quyết định cử đi học, ví dụ «Cao cấp LLCT hệ tập trung K75».",
    width=30,
)
INSTITUTION = Column(
    "institution",
    "Cơ sở đào tạo",
    synonyms=("Nơi đào tạo", "Trường", "Cơ sở đào tạo, bồi dưỡng"),
    width=26,
)
START = Column(
    "start_date",
    "Ngày khai giảng",
    parse_date,
    required=True,
    synonyms=("Khai giảng", "Ngày nhập học", "Thời gian bắt đầu", "Từ ngày"),
    width=14,
    is_date=True,
)
END = Column(
    "end_date",
    "Ngày bế giảng",
    parse_date,
    synonyms=("Bế giảng", "Thời gian kết thúc", "Đến ngày"),
    width=14,
    is_date=True,
)
STATUS = Column(
    "status",
    "Tình trạng",
    lambda v: parse_choice(v, _STATUSES, _STATUS_LABELS),
    required=True,
    synonyms=("Tình trạng học tập", "Trạng thái", "Kết quả"),
    choices=lambda: _STATUS_LABELS,
    width=16,
)
SERVE = Column(
    "commits_to_serve_years",
    "Cam kết phục vụ (năm)",
    parse_positive_int,
    synonyms=("Số năm cam kết phục vụ", "Cam kết phục vụ"),
    width=12,
)
_OPTIONAL_GENDER = Column(
    GENDER.key,
    GENDER.header,
    GENDER.parse,
    synonyms=GENDER.synonyms,
    help="Không bắt buộc.",
    choices=GENDER.choices,
    width=GENDER.width,
)


class TrainingKind(RecordKind):
    code = "training"
    label = "Cử đi đào tạo, bồi dưỡng"
    sheet_title = "Cử đi đào tạo"
    columns = (
        STT,
        FULL_NAME,
        BIRTH_DATE,
        _OPTIONAL_GENDER,
        CCCD,
        COURSE_KIND,
        COURSE_NAME,
        INSTITUTION,
        START,
        END,
        STATUS,
        SERVE,
    )
    instructions = (
        "Mỗi dòng là một người được đơn vị cử đi một khóa đào tạo, bồi dưỡng. Người đó phải đã có "
        "hồ sơ trong danh sách nhân sự bạn quản lý (nhập bằng mẫu «Nhân sự» trước).",
        "Cùng người, cùng khóa (cùng loại hình, tên lớp và ngày khai giảng) gửi lại thì cập nhật "
        "tình trạng, không tạo bản ghi thứ hai. Tình trạng chỉ đi tiếp: Dự kiến → Đang học → "
        "Đã tốt nghiệp hoặc Thôi học.",
    )

    def check_row(self, row: Row, ctx: Context) -> None:
        start, end = row.values.get("start_date"), row.values.get("end_date")
        if start and end and end[0] < start[0]:
            row.error(END, "ngày bế giảng trước ngày khai giảng; hãy kiểm tra lại.")
        if row.values.get("course_name") and len(row.values["course_name"]) > 300:
            row.error(COURSE_NAME, "dài quá 300 ký tự; hãy viết gọn lại.")

    def key(self, row: Row, person_id: int) -> tuple:
        return (
            person_id,
            row.values["course_kind"],
            fold(row.values["course_name"]),
            row.values["start_date"][0],
        )

    def existing(self, keys: set[tuple], ctx: Context) -> dict[tuple, Any]:
        people = {k[0] for k in keys}
        found = {}
        for enrollment in TrainingEnrollment.objects.filter(person_id__in=people).select_related(
            "course"
        ):
            course = enrollment.course
            found[(enrollment.person_id, course.kind, fold(course.name), course.start_date)] = (
                enrollment
            )
        return found

    def compare(self, record: TrainingEnrollment, row: Row) -> str | None:
        status = row.values["status"]
        serve = row.values.get("commits_to_serve_years")
        if record.sending_unit_id != ctx_unit_id(row):
            return "người này đã được một đơn vị khác cử đi khóa này; hãy bỏ dòng này hoặc liên hệ đơn vị đó."
        if status == record.status and (serve is None or serve == record.commits_to_serve_years):
            return "unchanged"
        if (
            status != record.status
            and status not in workforce.ENROLLMENT_TRANSITIONS[record.status]
        ):
            old = EnrollmentStatus(record.status).label
            return (
                f"không thể chuyển tình trạng từ «{old}» sang «{EnrollmentStatus(status).label}»; "
                "hãy kiểm tra lại cột «Tình trạng»."
            )
        return "update"

    def plan(self, rows: list[Row], ctx: Context) -> list[dict[str, Any]]:
        for row in rows:
            row.values["_unit"] = ctx.unit.pk
        return super().plan(rows, ctx)

    def write(self, row: Row, person: Person, record: Any, ctx: Context) -> None:
        values = row.values
        if record is None:
            course = _course(values, ctx)
            workforce.enrollment_create(
                actor=ctx.actor,
                person=person,
                course=course,
                sending_unit=ctx.unit,
                status=values["status"],
                commits_to_serve_years=values.get("commits_to_serve_years"),
            )
            return
        if (
            values.get("commits_to_serve_years") is not None
            and values["commits_to_serve_years"] != record.commits_to_serve_years
        ):
            record.commits_to_serve_years = values["commits_to_serve_years"]
            record._history_user = ctx.actor  # type: ignore[attr-defined]
            record.save(update_fields=["commits_to_serve_years"])
        _walk_to(record, values["status"], ctx)

    def export_records(self, *, user: Any, unit: Any) -> Any:
        enrollments = visible(TrainingEnrollment.objects.all(), user)
        if unit is not None:
            from trithuc.orgunits.selectors import orgunit_reach_ids

            enrollments = enrollments.filter(sending_unit_id__in=orgunit_reach_ids({unit.pk}))
        return enrollments

    def export_rows(self, *, user: Any, unit: Any) -> Iterable[list[Any]]:
        enrollments = self.export_records(user=user, unit=unit)
        enrollments = enrollments.select_related("person", "course").order_by(
            "-year", "person__sort_key", "pk"
        )
        for number, e in enumerate(enrollments.iterator(chunk_size=2000), start=1):
            person: Person = e.person
            yield [
                number,
                person.full_name,
                person.birth_date_display,
                "Nam" if person.gender == "male" else "Nữ",
                person.cccd_masked,
                CourseKind(e.course.kind).label,
                e.course.name,
                e.course.institution,
                e.course.start_date.strftime("%d/%m/%Y"),
                e.course.end_date.strftime("%d/%m/%Y") if e.course.end_date else "",
                EnrollmentStatus(e.status).label,
                e.commits_to_serve_years or "",
            ]


def ctx_unit_id(row: Row) -> int:
    return row.values["_unit"]


def _course(values: dict[str, Any], ctx: Context) -> TrainingCourse:
    courses = ctx.cache.setdefault("courses", {})
    key = (values["course_kind"], fold(values["course_name"]), values["start_date"][0])
    if key not in courses:
        found = [
            c
            for c in TrainingCourse.objects.filter(kind=key[0], start_date=key[2])
            if fold(c.name) == key[1]
        ]
        courses[key] = (
            found[0]
            if found
            else workforce.training_course_create(
                actor=ctx.actor,
                kind=key[0],
                name=values["course_name"],
                start_date=key[2],
                end_date=values["end_date"][0] if values.get("end_date") else None,
                institution=values.get("institution") or "",
            )
        )
    return courses[key]


# The way from one status to another through the allowed transitions (planned → studying → …).
_PATHS = {
    EnrollmentStatus.STUDYING: [EnrollmentStatus.STUDYING],
    EnrollmentStatus.GRADUATED: [EnrollmentStatus.STUDYING, EnrollmentStatus.GRADUATED],
    EnrollmentStatus.WITHDRAWN: [EnrollmentStatus.WITHDRAWN],
    EnrollmentStatus.PLANNED: [],
}


def _walk_to(record: TrainingEnrollment, status: str, ctx: Context) -> None:
    for step in _PATHS[status]:
        if record.status != status and step in workforce.ENROLLMENT_TRANSITIONS[record.status]:
            record = workforce.enrollment_set_status(
                actor=ctx.actor, enrollment=record, status=step
            )
