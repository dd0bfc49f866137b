"""Official reference lists loaded by ``trithuc setup``. Administrators can correct them in the admin;
a later load updates names by code and never deletes a row that records point to."""

from __future__ import annotations

from django.db import models, transaction

from .models import (
    AcademicTitle,
    DegreeLevel,
    Ethnicity,
    Field,
    GroupTag,
    Pillar,
    PoliticalTheoryLevel,
    StateManagementLevel,
)

# The 54 ethnic groups with the codes of QĐ 121-TCTK/PPCĐ (1979).
ETHNICITIES = [
    ("01", "Kinh"),
    ("02", "Tày"),
    ("03", "Thái"),
    ("04", "Hoa"),
    ("05", "Khơ-me"),
    ("06", "Mường"),
    ("07", "Nùng"),
    ("08", "HMông"),
    ("09", "Dao"),
    ("10", "Gia-rai"),
    ("11", "Ngái"),
    ("12", "Ê-đê"),
    ("13", "Ba na"),
    ("14", "Xơ-Đăng"),
    ("15", "Sán Chay"),
    ("16", "Cơ-ho"),
    ("17", "Chăm"),
    ("18", "Sán Dìu"),
    ("19", "Hrê"),
    ("20", "Mnông"),
    ("21", "Ra-glai"),
    ("22", "Xtiêng"),
    ("23", "Bru-Vân Kiều"),
    ("24", "Thổ"),
    ("25", "Giáy"),
    ("26", "Cơ-tu"),
    ("27", "Gié Triêng"),
    ("28", "Mạ"),
    ("29", "Khơ-mú"),
    ("30", "Co"),
    ("31", "Tà-ôi"),
    ("32", "Chơ-ro"),
    ("33", "Kháng"),
    ("34", "Xinh-mun"),
    ("35", "Hà Nhì"),
    ("36", "Chu ru"),
    ("37", "Lào"),
    ("38", "La Chí"),
    ("39", "La Ha"),
    ("40", "Phù Lá"),
    ("41", "La Hủ"),
    ("42", "Lự"),
    ("43", "Lô Lô"),
    ("44", "Chứt"),
    ("45", "Mảng"),
    ("46", "Pà Thẻn"),
    ("47", "Co Lao"),
    ("48", "Cống"),
    ("49", "Bố Y"),
    ("50", "Si La"),
    ("51", "Pu Péo"),
    ("52", "Brâu"),
    ("53", "Ơ Đu"),
    ("54", "Rơ măm"),
]

DEGREE_LEVELS = [
    ("trung-cap", "Trung cấp"),
    ("cao-dang", "Cao đẳng"),
    ("dai-hoc", "Đại học"),
    ("thac-si", "Thạc sĩ"),
    ("ck1", "Chuyên khoa cấp I"),
    ("ck2", "Chuyên khoa cấp II"),
    ("tien-si", "Tiến sĩ"),
    ("tskh", "Tiến sĩ khoa học"),
]
ACADEMIC_TITLES = [("pgs", "Phó Giáo sư"), ("gs", "Giáo sư")]
POLITICAL_THEORY_LEVELS = [
    ("so-cap", "Sơ cấp"),
    ("trung-cap", "Trung cấp"),
    ("cao-cap", "Cao cấp"),
    ("cu-nhan", "Cử nhân"),
]
STATE_MANAGEMENT_LEVELS = [
    ("cv", "Chuyên viên và tương đương"),
    ("cvc", "Chuyên viên chính và tương đương"),
    ("cvcc", "Chuyên viên cao cấp và tương đương"),
]
PILLARS = [
    ("cong-nghiep", "Công nghiệp"),
    ("nong-nghiep", "Nông nghiệp"),
    ("do-thi", "Đô thị"),
    ("du-lich", "Du lịch"),
]
GROUP_TAGS = [
    ("chuyen-gia", "Chuyên gia"),
    ("nha-khoa-hoc-dau-nganh", "Nhà khoa học đầu ngành"),
    ("nhan-tai-thu-hut", "Nhân tài được thu hút"),
    ("tri-thuc-tieu-bieu", "Trí thức tiêu biểu"),
    ("chu-chot-co-so", "Cán bộ chủ chốt cấp cơ sở"),
]

# The national classification of S&T fields (Bảng phân loại lĩnh vực nghiên cứu KH&CN): the six
# groups and their fields.
FIELD_GROUPS = [
    (
        "1",
        "Khoa học tự nhiên",
        [
            ("101", "Toán học và thống kê"),
            ("102", "Khoa học máy tính và thông tin"),
            ("103", "Vật lý"),
            ("104", "Hóa học"),
            ("105", "Các khoa học trái đất và môi trường liên quan"),
            ("106", "Sinh học"),
            ("199", "Khoa học tự nhiên khác"),
        ],
    ),
    (
        "2",
        "Khoa học kỹ thuật và công nghệ",
        [
            ("201", "Kỹ thuật dân dụng"),
            ("202", "Kỹ thuật điện, điện tử, thông tin"),
            ("203", "Kỹ thuật cơ khí"),
            ("204", "Kỹ thuật hóa học"),
            ("205", "Kỹ thuật vật liệu và luyện kim"),
            ("206", "Kỹ thuật y học"),
            ("207", "Kỹ thuật môi trường"),
            ("208", "Công nghệ sinh học môi trường"),
            ("209", "Công nghệ sinh học công nghiệp"),
            ("210", "Công nghệ nano"),
            ("211", "Kỹ thuật thực phẩm và đồ uống"),
            ("299", "Khoa học kỹ thuật và công nghệ khác"),
        ],
    ),
    (
        "3",
        "Khoa học y, dược",
        [
            ("301", "Y học cơ sở"),
            ("302", "Y học lâm sàng"),
            ("303", "Dược học"),
            ("304", "Công nghệ sinh học trong y học"),
            ("305", "Khoa học sức khỏe"),
            ("399", "Khoa học y, dược khác"),
        ],
    ),
    (
        "4",
        "Khoa học nông nghiệp",
        [
            ("401", "Trồng trọt"),
            ("402", "Chăn nuôi"),
            ("403", "Thú y"),
            ("404", "Lâm nghiệp"),
            ("405", "Thủy sản"),
            ("406", "Công nghệ sinh học trong nông nghiệp"),
            ("499", "Khoa học nông nghiệp khác"),
        ],
    ),
    (
        "5",
        "Khoa học xã hội",
        [
            ("501", "Tâm lý học"),
            ("502", "Kinh tế và kinh doanh"),
            ("503", "Khoa học giáo dục"),
            ("504", "Xã hội học"),
            ("505", "Pháp luật"),
            ("506", "Khoa học chính trị"),
            ("507", "Địa lý kinh tế và xã hội"),
            ("508", "Thông tin đại chúng và truyền thông"),
            ("599", "Khoa học xã hội khác"),
        ],
    ),
    (
        "6",
        "Khoa học nhân văn",
        [
            ("601", "Lịch sử và khảo cổ học"),
            ("602", "Ngôn ngữ học và văn học"),
            ("603", "Triết học, đạo đức học và tôn giáo"),
            ("604", "Nghệ thuật"),
            ("699", "Khoa học nhân văn khác"),
        ],
    ),
]


def _upsert(model: type[models.Model], rows: list[tuple[str, str]], **extra: object) -> int:
    for order, (code, name) in enumerate(rows, start=1):
        model.objects.update_or_create(code=code, defaults={"name": name, "order": order, **extra})
    return len(rows)


@transaction.atomic
def reference_data_load() -> int:
    """Load or refresh every list; returns the number of rows it holds."""
    count = sum(
        _upsert(model, rows)
        for model, rows in [
            (Ethnicity, ETHNICITIES),
            (DegreeLevel, DEGREE_LEVELS),
            (AcademicTitle, ACADEMIC_TITLES),
            (PoliticalTheoryLevel, POLITICAL_THEORY_LEVELS),
            (StateManagementLevel, STATE_MANAGEMENT_LEVELS),
            (Pillar, PILLARS),
            (GroupTag, GROUP_TAGS),
        ]
    )
    for group_code, group_name, fields in FIELD_GROUPS:
        group, _ = Field.objects.update_or_create(
            code=group_code, defaults={"name": group_name, "order": int(group_code) * 1000}
        )
        for code, name in fields:
            Field.objects.update_or_create(
                code=code, defaults={"name": name, "parent": group, "order": int(code)}
            )
        count += 1 + len(fields)
    return count
