"""Reference rows of the workforce records, loaded by ``trithuc setup`` and editable in the admin.

Award types follow the forms of Luật Thi đua, khen thưởng 2022 (danh hiệu and hình thức khen
thưởng) plus the province's own "Trí thức tiêu biểu"; its scoring rubric is a default the council
changes in the admin. Position standards are examples to start from: the real standards come from
the regulations of the Party committee in force (their values are data, not code). A later load
adds what is missing and never overwrites what an administrator changed.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from trithuc.people.models import DegreeLevel, PoliticalTheoryLevel

from .models import AwardCriterion, AwardType, PositionStandard

AWARD_TYPES = [
    ("huan-chuong-lao-dong-3", "Huân chương Lao động hạng Ba", "Chủ tịch nước"),
    ("cstd-toan-quoc", "Chiến sĩ thi đua toàn quốc", "Thủ tướng Chính phủ"),
    ("bang-khen-thu-tuong", "Bằng khen của Thủ tướng Chính phủ", "Thủ tướng Chính phủ"),
    ("cstd-cap-tinh", "Chiến sĩ thi đua cấp tỉnh", "Chủ tịch UBND cấp tỉnh"),
    ("bang-khen-cap-tinh", "Bằng khen của Chủ tịch UBND cấp tỉnh", "Chủ tịch UBND cấp tỉnh"),
    ("cstd-co-so", "Chiến sĩ thi đua cơ sở", "Thủ trưởng cơ quan, đơn vị"),
    ("giay-khen", "Giấy khen", "Thủ trưởng cơ quan, đơn vị"),
    ("tri-thuc-tieu-bieu", "Trí thức tiêu biểu", "Ban Thường vụ Thành ủy"),
]
# Output-based rubric for "Trí thức tiêu biểu" (program 45, II.2: đánh giá theo kết quả đầu ra).
TYPICAL_INTELLECTUAL_RUBRIC = [
    ("Nhiệm vụ khoa học và công nghệ được nghiệm thu", Decimal(30)),
    ("Sáng kiến, giải pháp được công nhận", Decimal(25)),
    ("Công trình được công bố", Decimal(20)),
    ("Kết quả được ứng dụng vào thực tiễn của địa phương", Decimal(25)),
]
TYPICAL_PASS_SCORE = Decimal(70)

# (code, name, minimum degree, minimum political theory, max age, years rated good, planned)
POSITION_STANDARDS = [
    ("chu-tich-ubnd-xa", "Chủ tịch UBND xã, phường", "dai-hoc", "trung-cap", 55, 2, True),
    ("pho-chu-tich-ubnd-xa", "Phó Chủ tịch UBND xã, phường", "dai-hoc", "trung-cap", 55, 2, True),
    ("truong-phong-so", "Trưởng phòng thuộc sở", "dai-hoc", "trung-cap", 55, 2, True),
    ("giam-doc-so", "Giám đốc sở", "dai-hoc", "cao-cap", 55, 2, True),
]


@transaction.atomic
def workforce_reference_load() -> int:
    for order, (code, name, body) in enumerate(AWARD_TYPES, start=1):
        AwardType.objects.get_or_create(
            code=code, defaults={"name": name, "order": order, "granting_body": body}
        )
    typical = AwardType.objects.get(code="tri-thuc-tieu-bieu")
    if not typical.criteria.exists():
        typical.pass_score = typical.pass_score or TYPICAL_PASS_SCORE
        typical.save(update_fields=["pass_score"])
        for order, (name, points) in enumerate(TYPICAL_INTELLECTUAL_RUBRIC, start=1):
            AwardCriterion.objects.create(
                award_type=typical, name=name, max_points=points, order=order
            )
    degrees = {d.code: d for d in DegreeLevel.objects.all()}
    theory = {t.code: t for t in PoliticalTheoryLevel.objects.all()}
    for code, name, degree, level, age, rated, planned in POSITION_STANDARDS:
        PositionStandard.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "min_degree": degrees.get(degree),
                "min_political_theory": theory.get(level),
                "max_age": age,
                "good_rating_years": rated,
                "requires_succession_plan": planned,
            },
        )
    return len(AWARD_TYPES) + len(POSITION_STANDARDS)
