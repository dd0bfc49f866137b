"""Training enrolments, yearly ratings and awards: rows about people already in the registry,
found by name and birth date (or CCCD) among the people the uploader may see."""

from __future__ import annotations

import datetime as dt

import pytest

from trithuc.imports import services
from trithuc.imports.choices import BatchStatus
from trithuc.people.tests.factories import PersonFactory
from trithuc.workforce.models import AnnualRating, Award, AwardType, CareerEvent, TrainingEnrollment

from .helpers import xlsx

TRAINING = [
    "Họ và tên",
    "Ngày sinh",
    "Loại hình đào tạo",
    "Tên khóa, lớp",
    "Cơ sở đào tạo",
    "Ngày khai giảng",
    "Tình trạng",
]
RATINGS = ["Họ và tên", "Ngày sinh", "Năm đánh giá", "Xếp loại"]
AWARDS = [
    "Họ và tên",
    "Ngày sinh",
    "Hình thức khen thưởng",
    "Năm",
    "Số quyết định",
    "Ngày quyết định",
    "Cơ quan quyết định",
]


@pytest.fixture
def an(units, reference):
    return PersonFactory(
        full_name="Nguyễn Văn An", birth_date=dt.date(1985, 3, 5), unit=units.commune_one
    )


def _import(kind, headers, rows, unit, actor=None):
    content = xlsx([headers, *rows], text_columns=tuple(range(len(headers))))
    batch = services.batch_create(
        actor=actor, kind=kind, unit=unit, filename="a.xlsx", content=content
    )
    batch, _ = services.batch_commit(actor=actor, batch_id=batch.pk)
    return batch


def _course(status="Đang học", name="Cao cấp LLCT K75"):
    return [
        "Nguyễn Văn An",
        "05/03/1985",
        "Cao cấp LLCT",
        name,
        "Học viện Chính trị khu vực IV",
        "01/03/2025",
        status,
    ]


def test_an_enrolment_is_created_for_a_person_of_the_unit_and_counts(units, an):
    batch = _import("training", TRAINING, [_course()], units.commune_one)
    assert batch.status == BatchStatus.COMMITTED
    enrollment = TrainingEnrollment.objects.get()
    assert (enrollment.person, enrollment.sending_unit, enrollment.year) == (
        an,
        units.commune_one,
        2025,
    )
    assert enrollment.kind == "llct_cao_cap"
    assert enrollment.history.count() == 1


def test_an_enrolment_sent_again_with_a_later_status_moves_it_forward(units, an):
    _import("training", TRAINING, [_course()], units.commune_one)
    batch = _import("training", TRAINING, [_course("Đã tốt nghiệp")], units.commune_one)
    assert batch.summary["updated"] == 1
    assert TrainingEnrollment.objects.get().status == "graduated"
    an.refresh_from_db()
    assert an.political_theory.code == "cao-cap"  # what graduating gives, as the service does


def test_an_enrolment_cannot_go_back_to_an_earlier_status(units, an):
    _import("training", TRAINING, [_course("Đã tốt nghiệp")], units.commune_one)
    batch = _import("training", TRAINING, [_course("Dự kiến cử đi")], units.commune_one)
    assert "không thể chuyển tình trạng" in batch.errors[0]["message"]
    assert TrainingEnrollment.objects.get().status == "graduated"


def test_a_person_outside_the_uploaders_scope_is_not_found(units, users, reference):
    PersonFactory(
        full_name="Nguyễn Văn An", birth_date=dt.date(1985, 3, 5), unit=units.other_commune
    )
    batch = _import(
        "training", TRAINING, [_course()], units.new_commune, users["officer_new_commune"]
    )
    assert "không tìm thấy «Nguyễn Văn An»" in batch.errors[0]["message"]
    assert not TrainingEnrollment.objects.exists()


def test_an_end_date_before_the_start_is_refused(units, an):
    headers = [*TRAINING, "Ngày bế giảng"]
    batch = _import("training", headers, [[*_course(), "01/01/2025"]], units.commune_one)
    assert "cột «Ngày bế giảng»: ngày bế giảng trước ngày khai giảng" in batch.errors[0]["message"]


def test_ratings_are_set_once_per_person_and_year(units, an):
    _import(
        "ratings", RATINGS, [["Nguyễn Văn An", "05/03/1985", "2024", "HTTNV"]], units.commune_one
    )
    batch = _import(
        "ratings", RATINGS, [["Nguyễn Văn An", "05/03/1985", "2024", "Xuất sắc"]], units.commune_one
    )
    assert batch.summary["updated"] == 1
    rating = AnnualRating.objects.get()
    assert (rating.year, rating.level) == (2024, "excellent")


def test_an_unknown_rating_level_lists_the_four_levels(units, an):
    batch = _import(
        "ratings", RATINGS, [["Nguyễn Văn An", "05/03/1985", "2024", "Khá"]], units.commune_one
    )
    message = batch.errors[0]["message"]
    assert "cột «Mức xếp loại»" in message
    assert "«Hoàn thành xuất sắc nhiệm vụ»" in message


def test_two_rows_for_the_same_year_that_disagree_are_refused(units, an):
    batch = _import(
        "ratings",
        RATINGS,
        [
            ["Nguyễn Văn An", "05/03/1985", "2024", "HTTNV"],
            ["Nguyễn Văn An", "05/03/1985", "2024", "HTNV"],
        ],
        units.commune_one,
    )
    assert "trùng với dòng 2" in batch.errors[0]["message"]
    assert AnnualRating.objects.get().level == "good"


def test_awards_are_recorded_once_per_decision(units, an):
    AwardType.objects.create(code="bang-khen-ubnd", name="Bằng khen của Chủ tịch UBND tỉnh")
    row = [
        "Nguyễn Văn An",
        "05/03/1985",
        "Bằng khen của chủ tịch UBND tỉnh",
        "2024",
        "123/QĐ-UBND",
        "15/12/2024",
        "UBND tỉnh Hậu Giang",
    ]
    _import("awards", AWARDS, [row], units.commune_one)
    batch = _import("awards", AWARDS, [row], units.commune_one)
    assert Award.objects.count() == 1
    assert Award.objects.get().decision_date == dt.date(2024, 12, 15)
    assert batch.same_as_id is not None


def test_an_unknown_award_type_is_named(units, an):
    AwardType.objects.create(code="giay-khen", name="Giấy khen")
    row = ["Nguyễn Văn An", "05/03/1985", "Huân chương", "2024", "1/QĐ", "15/12/2024", "UBND"]
    batch = _import("awards", AWARDS, [row], units.commune_one)
    assert (
        "«Huân chương» không có trong danh mục «Hình thức khen thưởng»"
        in batch.errors[0]["message"]
    )


CAREERS = [
    "Họ và tên",
    "Ngày sinh",
    "Loại",
    "Chức vụ",
    "Số quyết định",
    "Ngày quyết định",
    "Ngày hiệu lực",
]


def test_appointments_are_recorded_once_per_decision(units, an):
    row = [
        "Nguyễn Văn An",
        "05/03/1985",
        "Bổ nhiệm",
        "Phó Chủ tịch UBND xã",
        "12/QĐ-UBND",
        "01/08/2025",
        "15/08/2025",
    ]
    batch = _import("careers", CAREERS, [row], units.commune_one)
    assert batch.status == BatchStatus.COMMITTED
    _import("careers", CAREERS, [row], units.commune_one)
    [event] = CareerEvent.objects.all()
    assert (event.position, event.effective_date, event.unit) == (
        "Phó Chủ tịch UBND xã",
        dt.date(2025, 8, 15),
        units.commune_one,
    )


def test_an_appointment_effective_before_its_decision_names_the_cell(units, an):
    row = [
        "Nguyễn Văn An",
        "05/03/1985",
        "Luân chuyển",
        "Công chức",
        "9/QĐ",
        "01/08/2025",
        "01/07/2025",
    ]
    batch = _import("careers", CAREERS, [row], units.commune_one)
    [error] = batch.errors
    assert error["row"] == 2
    assert "cột «Ngày hiệu lực»: ngày hiệu lực trước ngày ký quyết định" in error["message"]
    assert not CareerEvent.objects.exists()


SUCCESSION = ["Họ và tên", "Ngày sinh", "Chức danh quy hoạch", "Nhiệm kỳ", "Số quyết định"]


@pytest.fixture
def chairman(db):
    from trithuc.workforce.models import PositionStandard

    return PositionStandard.objects.create(code="chu-tich-xa", name="Chủ tịch UBND xã")


def test_a_person_enters_the_succession_pool_once_per_position_and_term(units, an, chairman):
    from trithuc.workforce.models import SuccessionPlan

    row = ["Nguyễn Văn An", "05/03/1985", "Chủ tịch UBND xã", "2025 – 2030", "15-QĐ/ĐU"]
    batch = _import("succession", SUCCESSION, [row], units.commune_one)
    assert batch.status == BatchStatus.COMMITTED
    _import("succession", SUCCESSION, [row], units.commune_one)
    [plan] = SuccessionPlan.objects.all()
    assert (plan.position, plan.term, plan.unit) == (chairman, "2025-2030", units.commune_one)


def test_a_term_that_is_not_two_years_says_how_to_write_it(units, an, chairman):
    row = ["Nguyễn Văn An", "05/03/1985", "Chủ tịch UBND xã", "khóa mới", ""]
    batch = _import("succession", SUCCESSION, [row], units.commune_one)
    [error] = batch.errors
    assert "cột «Nhiệm kỳ»: «khóa mới» không phải nhiệm kỳ" in error["message"]
    assert "ví dụ 2025-2030" in error["message"]


def test_attraction_applications_are_filed_once_and_wait_for_the_decision(units, an):
    from trithuc.workforce.choices import AttractionStatus
    from trithuc.workforce.models import AttractionCase, AttractionPolicy

    AttractionPolicy.objects.create(
        code="thac-si",
        name="Thu hút thạc sĩ",
        legal_basis="Nghị quyết thử nghiệm",
        eligibility="Thạc sĩ",
        support="100 triệu đồng",
    )
    headers = ["Họ và tên", "Ngày sinh", "Chính sách thu hút", "Ngày nộp hồ sơ"]
    row = ["Nguyễn Văn An", "05/03/1985", "Thu hút thạc sĩ", "10/02/2025"]
    _import("attraction", headers, [row], units.commune_one)
    _import("attraction", headers, [row], units.commune_one)
    [case] = AttractionCase.objects.all()
    assert (case.status, case.applied_on) == (AttractionStatus.APPLIED, dt.date(2025, 2, 10))
