from django.db import models


class PeriodKind(models.TextChoices):
    YEAR = "year", "Năm"
    MIDTERM = "midterm", "Sơ kết giữa kỳ"
    FINAL = "final", "Tổng kết"


class ReportStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ"
    RUNNING = "running", "Đang lập"
    DONE = "done", "Đã lập xong"
    FAILED = "failed", "Lỗi"
