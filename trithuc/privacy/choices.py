from django.db import models


class AccessAction(models.TextChoices):
    VIEW = "view", "Xem hồ sơ"
    EXPORT = "export", "Xuất dữ liệu"
    API_READ = "api_read", "Đọc qua API"
    REVEAL_CCCD = "reveal_cccd", "Xem số CCCD đầy đủ"


class RequestKind(models.TextChoices):
    SEE = "see", "Xem, nhận bản sao dữ liệu"
    CORRECT = "correct", "Chỉnh sửa dữ liệu"
    DELETE = "delete", "Xóa dữ liệu"


class RequestStatus(models.TextChoices):
    RECEIVED = "received", "Mới tiếp nhận"
    IN_PROGRESS = "in_progress", "Đang xử lý"
    DONE = "done", "Đã giải quyết"
    REFUSED = "refused", "Từ chối (có lý do)"


OPEN_REQUEST_STATUSES = (RequestStatus.RECEIVED, RequestStatus.IN_PROGRESS)


class IncidentStatus(models.TextChoices):
    OPEN = "open", "Mới phát hiện"
    CONTAINED = "contained", "Đã khoanh vùng, khắc phục"
    NOTIFIED = "notified", "Đã thông báo cơ quan chức năng"
    CLOSED = "closed", "Đã đóng"
