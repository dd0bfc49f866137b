from django.db import models


class ObjectiveKind(models.TextChoices):
    GENERAL = "general", "Mục tiêu chung"
    SPECIFIC = "specific", "Mục tiêu cụ thể"


class IndicatorSource(models.TextChoices):
    # Counted from the records the system holds (training enrolments, cooperation programmes …).
    COMPUTED = "computed", "Tính từ dữ liệu"
    # Entered by units in their periodic reports, where no record can say it.
    REPORTED = "reported", "Đơn vị báo cáo"


class TargetKind(models.TextChoices):
    EACH_YEAR = "each_year", "Hằng năm"
    BY_YEAR = "by_year", "Đến năm"


class TargetState(models.TextChoices):
    MET = "met", "Đạt"
    ON_TRACK = "on_track", "Đúng tiến độ"
    AT_RISK = "at_risk", "Có nguy cơ không đạt"
    MISSED = "missed", "Không đạt"
    NO_DATA = "no_data", "Chưa có số liệu"
