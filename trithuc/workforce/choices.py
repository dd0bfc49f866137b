from django.db import models


class CourseKind(models.TextChoices):
    ADVANCED_THEORY = "llct_cao_cap", "Cao cấp lý luận chính trị"
    INTERMEDIATE_THEORY = "llct_trung_cap", "Trung cấp lý luận chính trị"
    ELEMENTARY_THEORY = "llct_so_cap", "Sơ cấp lý luận chính trị"
    POSTGRADUATE_HOME = "sau_dai_hoc_trong_nuoc", "Sau đại học trong nước"
    POSTGRADUATE_ABROAD = "sau_dai_hoc_nuoc_ngoai", "Sau đại học ở nước ngoài"
    STATE_MANAGEMENT = "quan_ly_nha_nuoc", "Bồi dưỡng quản lý nhà nước"
    FOSTERING = "boi_duong", "Bồi dưỡng, cập nhật kiến thức"


class EnrollmentStatus(models.TextChoices):
    PLANNED = "planned", "Dự kiến cử đi"
    STUDYING = "studying", "Đang học"
    GRADUATED = "graduated", "Đã tốt nghiệp"
    WITHDRAWN = "withdrawn", "Thôi học"


# A person counts as "sent" to training in a year once they have started: planned ones do not.
SENT_STATUSES = (EnrollmentStatus.STUDYING, EnrollmentStatus.GRADUATED, EnrollmentStatus.WITHDRAWN)


class RatingLevel(models.TextChoices):
    """The four quality levels of QĐ 124-QĐ/TW (and Nghị định 90/2020/NĐ-CP for civil servants)."""

    EXCELLENT = "excellent", "Hoàn thành xuất sắc nhiệm vụ"
    GOOD = "good", "Hoàn thành tốt nhiệm vụ"
    COMPLETED = "completed", "Hoàn thành nhiệm vụ"
    NOT_COMPLETED = "not_completed", "Không hoàn thành nhiệm vụ"


# Best first: a rating "at least good" is one of the first two.
RATING_ORDER = [
    RatingLevel.EXCELLENT,
    RatingLevel.GOOD,
    RatingLevel.COMPLETED,
    RatingLevel.NOT_COMPLETED,
]


class CareerEventKind(models.TextChoices):
    APPOINTMENT = "appointment", "Bổ nhiệm"
    REAPPOINTMENT = "reappointment", "Bổ nhiệm lại"
    ROTATION = "rotation", "Luân chuyển"
    TRANSFER = "transfer", "Điều động"


class SuccessionStatus(models.TextChoices):
    ACTIVE = "active", "Đang trong quy hoạch"
    APPOINTED = "appointed", "Đã được bổ nhiệm"
    REMOVED = "removed", "Đưa ra khỏi quy hoạch"


class NominationStatus(models.TextChoices):
    DRAFT = "draft", "Đang lập hồ sơ"
    SUBMITTED = "submitted", "Đã trình hội đồng"
    APPROVED = "approved", "Hội đồng đề nghị khen thưởng"
    REJECTED = "rejected", "Không đề nghị"


class AttractionStatus(models.TextChoices):
    APPLIED = "applied", "Đã nộp hồ sơ"
    APPRAISED = "appraised", "Đã thẩm định"
    APPROVED = "approved", "Có quyết định thu hút"
    REJECTED = "rejected", "Không thu hút"
    SERVING = "serving", "Đang thực hiện cam kết"
    COMPLETED = "completed", "Hoàn thành cam kết"
    BROKEN = "broken", "Vi phạm cam kết, phải bồi hoàn"


# Allowed moves of an attraction case; anything else is refused with a message.
ATTRACTION_TRANSITIONS = {
    AttractionStatus.APPLIED: {AttractionStatus.APPRAISED, AttractionStatus.REJECTED},
    AttractionStatus.APPRAISED: {AttractionStatus.APPROVED, AttractionStatus.REJECTED},
    AttractionStatus.APPROVED: {AttractionStatus.SERVING},
    AttractionStatus.SERVING: {AttractionStatus.COMPLETED, AttractionStatus.BROKEN},
    AttractionStatus.REJECTED: set(),
    AttractionStatus.COMPLETED: set(),
    AttractionStatus.BROKEN: set(),
}
NOMINATION_TRANSITIONS = {
    NominationStatus.DRAFT: {NominationStatus.SUBMITTED},
    NominationStatus.SUBMITTED: {
        NominationStatus.APPROVED,
        NominationStatus.REJECTED,
        NominationStatus.DRAFT,
    },
    NominationStatus.APPROVED: set(),
    NominationStatus.REJECTED: set(),
}
