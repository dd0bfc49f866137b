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
