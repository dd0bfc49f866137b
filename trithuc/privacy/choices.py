from django.db import models


class AccessAction(models.TextChoices):
    VIEW = "view", "Xem hồ sơ"
    EXPORT = "export", "Xuất dữ liệu"
    API_READ = "api_read", "Đọc qua API"
    REVEAL_CCCD = "reveal_cccd", "Xem số CCCD đầy đủ"
