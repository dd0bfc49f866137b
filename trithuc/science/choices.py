"""Choices of the science records: kinds and states of a science task and of what hangs on it."""

from __future__ import annotations

from django.db import models


class TaskKind(models.TextChoices):
    TOPIC = "de_tai", "Đề tài khoa học"
    SCHEME = "de_an", "Đề án khoa học"
    PROJECT = "du_an", "Dự án khoa học và công nghệ"


class NeedStatus(models.TextChoices):
    PROPOSED = "proposed", "Đã đề xuất"
    ORDERED = "ordered", "Được đưa vào danh mục đặt hàng"
    REJECTED = "rejected", "Không đưa vào danh mục"


class TaskStatus(models.TextChoices):
    ORDERED = "ordered", "Đã đặt hàng"
    CALLED = "called", "Đang thông báo tuyển chọn"
    REVIEWING = "reviewing", "Hội đồng đang đánh giá"
    SELECTED = "selected", "Đã chọn tổ chức, cá nhân chủ trì"
    CONTRACTED = "contracted", "Đang thực hiện (đã ký hợp đồng)"
    ACCEPTED = "accepted", "Đã nghiệm thu"
    FAILED = "failed", "Nghiệm thu không đạt"
    CANCELLED = "cancelled", "Đã hủy"


TASK_TRANSITIONS: dict[str, set[str]] = {
    TaskStatus.ORDERED: {TaskStatus.CALLED, TaskStatus.CANCELLED},
    TaskStatus.CALLED: {TaskStatus.REVIEWING, TaskStatus.CANCELLED},
    TaskStatus.REVIEWING: {TaskStatus.SELECTED, TaskStatus.CANCELLED},
    TaskStatus.SELECTED: {TaskStatus.CONTRACTED, TaskStatus.CANCELLED},
    TaskStatus.CONTRACTED: {TaskStatus.ACCEPTED, TaskStatus.FAILED, TaskStatus.CANCELLED},
    TaskStatus.ACCEPTED: set(),
    TaskStatus.FAILED: set(),
    TaskStatus.CANCELLED: set(),
}


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", "Đã nộp hồ sơ"
    SELECTED = "selected", "Được chọn"
    NOT_SELECTED = "not_selected", "Không được chọn"
    WITHDRAWN = "withdrawn", "Đã rút hồ sơ"


class TeamRole(models.TextChoices):
    LEAD = "lead", "Chủ nhiệm"
    CO_LEAD = "co_lead", "Đồng chủ nhiệm"
    MEMBER = "member", "Thành viên"


LEADING_ROLES = (TeamRole.LEAD, TeamRole.CO_LEAD)


class CouncilRole(models.TextChoices):
    CHAIR = "chair", "Chủ tịch hội đồng"
    SECRETARY = "secretary", "Thư ký khoa học"
    REVIEWER = "reviewer", "Ủy viên phản biện"
    MEMBER = "member", "Ủy viên"


class AcceptanceRating(models.TextChoices):
    EXCELLENT = "excellent", "Xuất sắc"
    PASSED = "passed", "Đạt"
    FAILED = "failed", "Không đạt"


class InitiativeKind(models.TextChoices):
    INITIATIVE = "sang_kien", "Sáng kiến"
    IMPROVEMENT = "cai_tien", "Cải tiến kỹ thuật"
    USEFUL_SOLUTION = "giai_phap", "Giải pháp hữu ích"


class InitiativeStatus(models.TextChoices):
    SUBMITTED = "submitted", "Đã nộp đơn"
    RECOGNISED = "recognised", "Được công nhận"
    REJECTED = "rejected", "Không được công nhận"


class EffectScope(models.TextChoices):
    UNIT = "unit", "Phạm vi cơ sở, đơn vị"
    PROVINCE = "province", "Phạm vi toàn tỉnh, thành phố"


# The criteria a council scores by default (Thông tư 03/2017/TT-BKHCN style); editable per council.
DEFAULT_CRITERIA = [
    ("Tính cấp thiết, mục tiêu và nội dung nghiên cứu", 20),
    ("Phương pháp, cách tiếp cận và tính khả thi", 25),
    ("Năng lực của tổ chức chủ trì và nhóm thực hiện", 25),
    ("Khả năng ứng dụng kết quả tại địa phương", 20),
    ("Tính hợp lý của dự toán kinh phí", 10),
]
