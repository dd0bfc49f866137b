"""Deterministic demo people: realistic Vietnamese names, spread over the units of 2023 and 2025.

The same seed always gives the same people, so screenshots, tests and demos agree.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from trithuc.orgunits.choices import OrgUnitKind
from trithuc.orgunits.models import OrgUnit

from .cccd import cccd_digest, encrypt_cccd, mask_cccd
from .choices import Gender
from .models import (
    AcademicTitle,
    DegreeLevel,
    Employment,
    Ethnicity,
    Field,
    GroupTag,
    Person,
    Pillar,
    PoliticalTheoryLevel,
    Qualification,
    StateManagementLevel,
)
from .services import person_apply_expertise, person_apply_name

FAMILY_NAMES = [
    ("Nguyễn", 30),
    ("Trần", 12),
    ("Lê", 10),
    ("Phạm", 6),
    ("Huỳnh", 6),
    ("Võ", 5),
    ("Phan", 4),
    ("Trương", 3),
    ("Đặng", 3),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Hồ", 2),
    ("Ngô", 2),
    ("Dương", 2),
    ("Lâm", 2),
    ("Lý", 1),
    ("Châu", 1),
    ("Tô", 1),
    ("Đoàn", 1),
    ("Mai", 1),
]
KHMER_FAMILY_NAMES = ["Thạch", "Danh", "Sơn", "Kim", "Lâm"]
MIDDLE_MALE = ["Văn", "Hữu", "Minh", "Quốc", "Thanh", "Công", "Đức", "Hoàng", "Tấn", "Trung"]
MIDDLE_FEMALE = ["Thị", "Ngọc", "Thu", "Kim", "Mỹ", "Thanh", "Bích", "Thị Ngọc", "Hồng", "Diễm"]
# Both tone placements occur in real records ("Hoà"/"Hòa", "Thuỷ"/"Thủy"): the demo keeps both.
GIVEN_MALE = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Hùng",
    "Khang",
    "Khoa",
    "Long",
    "Lộc",
    "Nam",
    "Nghĩa",
    "Phúc",
    "Quang",
    "Sơn",
    "Tài",
    "Thắng",
    "Thịnh",
    "Trí",
    "Tuấn",
    "Việt",
    "Vinh",
    "Hòa",
    "Hoà",
    "Huy",
    "Kiên",
    "Toàn",
    "Đông",
]
GIVEN_FEMALE = [
    "Anh",
    "Châu",
    "Chi",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hoa",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phương",
    "Thảo",
    "Trang",
    "Tuyết",
    "Vy",
    "Yến",
    "Thủy",
    "Thuỷ",
    "Loan",
    "Quyên",
    "Diệp",
    "Đào",
]
POSITIONS = [
    "Chuyên viên",
    "Chuyên viên chính",
    "Phó Trưởng phòng",
    "Trưởng phòng",
    "Giáo viên",
    "Bác sĩ",
    "Kỹ sư",
    "Nghiên cứu viên",
    "Giảng viên",
    "Công chức văn hóa - xã hội",
    "Công chức địa chính - nông nghiệp",
    "Phó Chủ tịch UBND",
    "Bí thư Đảng ủy",
]
MAJORS = [
    "Quản lý nhà nước",
    "Luật",
    "Kinh tế nông nghiệp",
    "Nuôi trồng thủy sản",
    "Công nghệ thông tin",
    "Y đa khoa",
    "Sư phạm Toán",
    "Kỹ thuật xây dựng",
    "Quản trị du lịch",
    "Công nghệ thực phẩm",
    "Khoa học cây trồng",
    "Tài chính - Ngân hàng",
    "Xã hội học",
    "Văn học",
]
INSTITUTIONS = [
    "Trường Đại học Cần Thơ",
    "Học viện Hành chính Quốc gia",
    "Trường Đại học Kinh tế TP.HCM",
    "Trường Đại học Y Dược Cần Thơ",
    "Trường Đại học Nam Cần Thơ",
    "Trường Đại học Võ Trường Toản",
]
EXPERTISE = [
    "lúa chất lượng cao, canh tác thông minh",
    "chuyển đổi số, dữ liệu",
    "khóm Cầu Đúc, chế biến",
    "nuôi cá thát lát",
    "quy hoạch đô thị",
    "du lịch sinh thái miệt vườn",
    "y tế cơ sở",
    "giáo dục STEM",
    "năng lượng tái tạo",
    "logistics nông sản",
]
# Kinds of unit that employ people: agencies and communes, not provinces or districts as such.
EMPLOYING_KINDS = [
    OrgUnitKind.COMMUNE,
    OrgUnitKind.DEPARTMENT,
    OrgUnitKind.PARTY_COMMISSION,
    OrgUnitKind.PUBLIC_SERVICE,
    OrgUnitKind.MASS_ORGANISATION,
    OrgUnitKind.ASSOCIATION,
    OrgUnitKind.PEOPLES_COMMITTEE,
    OrgUnitKind.FRONT,
    OrgUnitKind.PARTY_COMMITTEE,
]


def _weighted(rng: random.Random, items: list[tuple[str, int]]) -> str:
    return rng.choices([i for i, _ in items], weights=[w for _, w in items])[0]


class _Refs:
    def __init__(self) -> None:
        self.ethnicity = {e.code: e for e in Ethnicity.objects.filter(code__in=["01", "04", "05"])}
        self.degrees = {d.code: d for d in DegreeLevel.objects.all()}
        self.titles = list(AcademicTitle.objects.all())
        self.theory = {t.code: t for t in PoliticalTheoryLevel.objects.all()}
        self.state = list(StateManagementLevel.objects.all())
        self.fields = list(Field.objects.filter(parent__isnull=False))
        self.pillars = list(Pillar.objects.all())
        self.tags = {t.code: t for t in GroupTag.objects.all()}


def _demo_units(prefix: str) -> list[OrgUnit]:
    return list(
        OrgUnit.objects.filter(code__startswith=prefix, kind__in=EMPLOYING_KINDS).order_by("code")
    )


def _cccd(rng: random.Random, gender: str, birth: dt.date, used: set[str]) -> str:
    while True:
        century_digit = (birth.year - 1900) // 100 * 2 + (1 if gender == Gender.FEMALE else 0)
        number = f"093{century_digit}{birth.year % 100:02d}{rng.randrange(10**6):06d}"
        if number not in used:
            used.add(number)
            return number


def _make_person(rng: random.Random, refs: _Refs, used_cccd: set[str]) -> Person:
    gender = Gender.FEMALE if rng.random() < 0.45 else Gender.MALE
    ethnic = rng.choices(["01", "05", "04"], weights=[88, 9, 3])[0]
    family = rng.choice(KHMER_FAMILY_NAMES) if ethnic == "05" else _weighted(rng, FAMILY_NAMES)
    middle = rng.choice(MIDDLE_FEMALE if gender == Gender.FEMALE else MIDDLE_MALE)
    given = rng.choice(GIVEN_FEMALE if gender == Gender.FEMALE else GIVEN_MALE)
    birth = dt.date(rng.randint(1966, 2001), rng.randint(1, 12), rng.randint(1, 28))
    precision = rng.choices(["day", "month", "year"], weights=[90, 4, 6])[0]
    if precision != "day":
        birth = birth.replace(day=1, month=1 if precision == "year" else birth.month)
    person = Person(
        gender=gender,
        birth_date=birth,
        birth_date_precision=precision,
        ethnicity=refs.ethnicity.get(ethnic),
        hometown=rng.choice(["Hậu Giang", "Cần Thơ", "Sóc Trăng", "Vĩnh Long", "Kiên Giang"]),
        political_theory=refs.theory.get(
            rng.choices(
                ["", "so-cap", "trung-cap", "cao-cap", "cu-nhan"], weights=[30, 25, 30, 13, 2]
            )[0]
        ),
        state_management=rng.choice([None, None, *refs.state]),
        academic_title=rng.choice(refs.titles) if rng.random() < 0.01 else None,
        is_party_member=rng.random() < 0.55,
        expertise=rng.choice(EXPERTISE) if rng.random() < 0.3 else "",
    )
    person_apply_name(person, f"{family} {middle} {given}", family, middle, given)
    person_apply_expertise(person)
    if rng.random() < 0.9:
        number = _cccd(rng, gender, birth, used_cccd)
        person.cccd_ciphertext, person.cccd_digest = encrypt_cccd(number), cccd_digest(number)
        person.cccd_masked = mask_cccd(number)
    return person


@transaction.atomic
def demo_people_create(
    count: int = 3000, *, seed: int = 45, progress: Callable[[int], None] | None = None
) -> int:
    """Create ``count`` people with employment and degrees. About 60 % still carry their 2023 Hậu
    Giang unit (as real records do after the 2025 merger), the rest a Cần Thơ unit of today."""
    rng, refs, used = random.Random(seed), _Refs(), set()
    old_units, new_units = _demo_units("HG."), _demo_units("CT.")
    people = [_make_person(rng, refs, used) for _ in range(count)]
    people = bulk_create_with_history(people, Person, batch_size=500)
    jobs, degrees, field_links, pillar_links, tag_links = [], [], [], [], []
    for index, person in enumerate(people):
        units = old_units if (rng.random() < 0.6 or not new_units) else new_units
        start = dt.date(
            rng.randint(max(person.birth_date.year + 22, 1990), 2023), rng.randint(1, 12), 1
        )
        retired = rng.random() < 0.04
        jobs.append(
            Employment(
                person=person,
                unit=rng.choice(units),
                position=rng.choice(POSITIONS),
                start_date=start,
                end_date=dt.date(2024, 12, 31) if retired else None,
            )
        )
        level = rng.choices(
            ["cao-dang", "dai-hoc", "thac-si", "ck1", "tien-si"], weights=[8, 62, 22, 3, 5]
        )[0]
        degrees.append(
            Qualification(
                person=person,
                level=refs.degrees[level],
                major=rng.choice(MAJORS),
                institution=rng.choice(INSTITUTIONS),
                year=start.year - rng.randint(0, 3),
            )
        )
        field_links.append(
            Person.fields.through(person_id=person.pk, field_id=rng.choice(refs.fields).pk)
        )
        pillar_links.append(
            Person.pillars.through(person_id=person.pk, pillar_id=rng.choice(refs.pillars).pk)
        )
        if level == "tien-si" and rng.random() < 0.5:
            tag_links.append(
                Person.tags.through(person_id=person.pk, grouptag_id=refs.tags["chuyen-gia"].pk)
            )
        if progress and index % 500 == 0:
            progress(index)
    bulk_create_with_history(jobs, Employment, batch_size=1000)
    bulk_create_with_history(degrees, Qualification, batch_size=1000)
    for links in (field_links, pillar_links, tag_links):
        if links:
            type(links[0]).objects.bulk_create(links, batch_size=1000)
    return len(people)
