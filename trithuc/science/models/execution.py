"""After selection: contract, milestones and progress, acceptance, application of the results."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from ..choices import AcceptanceRating
from .ordering import ScienceTask


class Contract(models.Model):
    task = models.OneToOneField(ScienceTask, on_delete=models.PROTECT, related_name="contract")
    number = models.CharField("hợp đồng số", max_length=100)
    signed_on = models.DateField("ngày ký")
    start_date = models.DateField("thực hiện từ")
    end_date = models.DateField("đến")
    amount = models.DecimalField("kinh phí (triệu đồng)", max_digits=14, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "hợp đồng thực hiện"
        verbose_name_plural = "hợp đồng thực hiện"

    def __str__(self) -> str:
        return f"Hợp đồng {self.number}"


class Milestone(models.Model):
    """A milestone of the contract and the progress report that closes it."""

    task = models.ForeignKey(ScienceTask, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField("mốc, sản phẩm", max_length=300)
    due_date = models.DateField("hạn")
    reported_on = models.DateField("ngày báo cáo", null=True, blank=True)
    report = models.TextField("báo cáo tiến độ", blank=True)
    evidence = models.CharField("minh chứng (văn bản, tệp)", max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "mốc tiến độ"
        verbose_name_plural = "mốc tiến độ"
        ordering = ["task", "due_date", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_late(self) -> bool:
        return self.reported_on is not None and self.reported_on > self.due_date


class ResultAcceptance(models.Model):
    """Nghiệm thu: the acceptance of the task's results, with its rating."""

    task = models.OneToOneField(ScienceTask, on_delete=models.PROTECT, related_name="acceptance")
    decision_number = models.CharField("quyết định công nhận kết quả số", max_length=100)
    accepted_on = models.DateField("ngày nghiệm thu")
    rating = models.CharField("xếp loại", max_length=10, choices=AcceptanceRating.choices)
    notes = models.TextField("kết luận, sản phẩm giao nộp", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "nghiệm thu"
        verbose_name_plural = "nghiệm thu"

    def __str__(self) -> str:
        return f"Nghiệm thu {self.task.code}: {self.get_rating_display()}"


class ResultApplication(models.Model):
    """One dated record of the task's results put to use, with its evidence."""

    task = models.ForeignKey(ScienceTask, on_delete=models.PROTECT, related_name="result_uses")
    place = models.CharField("nơi áp dụng", max_length=300)
    applying_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name="đơn vị áp dụng (trong tỉnh)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    applied_by = models.CharField("người, tổ chức áp dụng", max_length=300)
    since = models.DateField("áp dụng từ ngày")
    change = models.TextField("thay đổi, hiệu quả mang lại")
    evidence = models.CharField("minh chứng (văn bản xác nhận)", max_length=300)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "áp dụng kết quả"
        verbose_name_plural = "áp dụng kết quả"
        ordering = ["task", "since", "pk"]

    def __str__(self) -> str:
        return f"{self.task.code} áp dụng tại {self.place}"


class AppliedTask(models.Model):
    """The row the indicator «tasks applied, led or co-led by provincial intellectuals» counts:
    one per task whose results were applied, in the year of the first application, for the host
    unit of the provincial intellectual who led (or else co-led) it on that day. Kept by the
    services that record and remove applications; ``person``, ``unit`` and ``position`` are the
    shape the dashboard's drill-down lists."""

    task = models.OneToOneField(ScienceTask, on_delete=models.CASCADE, related_name="counted")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(db_index=True)
    first_applied_on = models.DateField()
    position = models.CharField(max_length=500)

    class Meta:
        verbose_name = "nhiệm vụ được áp dụng (tính chỉ tiêu)"
        verbose_name_plural = "nhiệm vụ được áp dụng (tính chỉ tiêu)"
        ordering = ["year", "task"]

    def __str__(self) -> str:
        return f"{self.task.code} ({self.year})"
