from django.db import models


class BatchStatus(models.TextChoices):
    UPLOADED = "uploaded", "Đã tải lên"
    VALIDATING = "validating", "Đang kiểm tra"
    VALIDATED = "validated", "Đã kiểm tra, chờ lưu"
    UNREADABLE = "unreadable", "Không đọc được tệp"
    COMMITTING = "committing", "Đang lưu"
    COMMITTED = "committed", "Đã lưu"
    FAILED = "failed", "Lưu không thành công, dữ liệu giữ nguyên"


# Decisions on a row that may be the same person as a stored one (or an earlier row).
DECISION_NEW = "new"
