"""A review report (sơ kết, tổng kết, or a year's report) drafted from the data.

The row is made when someone asks for the report; a background job fills in the files and moves the
progress along. It keeps the day its numbers were read (``data_as_of``), the words of its header as
they stood on the report date, and who made it, so a stored report says what it was drawn from.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from .choices import PeriodKind, ReportStatus


class ReviewReport(models.Model):
    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="review_reports"
    )
    # The unit subtree the numbers cover.
    unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name="phạm vi số liệu",
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The body that issues the report (its name and symbol go in the header).
    issuer = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name="cơ quan ban hành",
        on_delete=models.PROTECT,
        related_name="+",
    )
    period = models.CharField("kỳ báo cáo", max_length=10, choices=PeriodKind.choices)
    year_from = models.PositiveSmallIntegerField("từ năm")
    year_to = models.PositiveSmallIntegerField("đến năm")
    number = models.CharField("số văn bản", max_length=20, blank=True)
    report_date = models.DateField("ngày báo cáo")
    place = models.CharField("địa danh", max_length=100, blank=True)
    sign_authority = models.CharField("thẩm quyền ký (T/M, K/T)", max_length=200, blank=True)
    signer_title = models.CharField("chức vụ người ký", max_length=100, blank=True)
    signer_name = models.CharField("họ tên người ký", max_length=100, blank=True)
    recipients = models.TextField("nơi nhận (mỗi dòng một nơi)", blank=True)
    # Filled by the job: the header as it read on the report date, and the files.
    issuer_name = models.CharField(max_length=255, blank=True, editable=False)
    higher_body_name = models.CharField(max_length=255, blank=True, editable=False)
    symbol = models.CharField(max_length=40, blank=True, editable=False)
    data_as_of = models.DateField("số liệu đến ngày", null=True, blank=True)
    status = models.CharField(
        "trạng thái", max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField("tiến độ (%)", default=0)
    progress_message = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    docx = models.FileField(upload_to="bao-cao/%Y/", blank=True)
    pdf = models.FileField(upload_to="bao-cao/%Y/", blank=True)
    xlsx = models.FileField(upload_to="bao-cao/%Y/", blank=True)
    pdf_note = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người lập",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("lập lúc", auto_now_add=True)
    finished_at = models.DateTimeField("xong lúc", null=True, blank=True)

    class Meta:
        verbose_name = "báo cáo sơ kết, tổng kết"
        verbose_name_plural = "báo cáo sơ kết, tổng kết"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year_to__gte=models.F("year_from")), name="review_report_years"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_period_display()} {self.period_label} — {self.unit}"

    @property
    def period_label(self) -> str:
        if self.year_from == self.year_to:
            return str(self.year_to)
        return f"{self.year_from} – {self.year_to}"

    @property
    def number_line(self) -> str:
        """ "Số 12-BC/TU": no colon; a draft leaves the number blank for the clerk."""
        number = self.number or "     "
        return f"Số {number}-BC/{self.symbol}" if self.symbol else f"Số {number}-BC"

    @property
    def is_finished(self) -> bool:
        return self.status in (ReportStatus.DONE, ReportStatus.FAILED)
