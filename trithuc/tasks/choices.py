from django.db import models


class TaskStatus(models.TextChoices):
    """The four statuses of government task tracking."""

    DONE_ON_TIME = "done_on_time", "Hoàn thành đúng hạn"
    DONE_LATE = "done_late", "Hoàn thành quá hạn"
    OPEN_ON_TIME = "open_on_time", "Đang thực hiện, trong hạn"
    OPEN_OVERDUE = "open_overdue", "Chưa hoàn thành, quá hạn"


class Recurrence(models.TextChoices):
    ONCE = "once", "Có thời hạn"
    YEARLY = "yearly", "Hằng năm"
    PERIODIC = "periodic", "Định kỳ"
    CONTINUOUS = "continuous", "Thường xuyên"


class ReportFrequency(models.TextChoices):
    QUARTERLY = "quarterly", "Hằng quý"
    HALF_YEARLY = "half_yearly", "6 tháng"
    YEARLY = "yearly", "Hằng năm"


class ReportStatus(models.TextChoices):
    DUE = "due", "Phải nộp"
    SUBMITTED = "submitted", "Đã nộp, chờ duyệt"
    RETURNED = "returned", "Trả lại để sửa"
    APPROVED = "approved", "Đã duyệt"
