"""Tasks the program assigns, their progress with evidence, and the periodic unit reports.

A task's status is never typed in: it follows from its deadline and the day it was completed
(``TaskQuerySet.with_status`` works it out in the database so that lists filter and count by it).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Case, Q, Value, When
from simple_history.models import HistoricalRecords

from .choices import Recurrence, ReportFrequency, ReportStatus, TaskStatus


class TaskQuerySet(models.QuerySet["Task"]):
    def with_status(self, day: dt.date) -> TaskQuerySet:
        done = Q(completed_on__isnull=False)
        no_deadline = Q(deadline__isnull=True)
        return self.annotate(
            status=Case(
                When(
                    done & (no_deadline | Q(completed_on__lte=models.F("deadline"))),
                    then=Value(TaskStatus.DONE_ON_TIME),
                ),
                When(done, then=Value(TaskStatus.DONE_LATE)),
                When(no_deadline | Q(deadline__gte=day), then=Value(TaskStatus.OPEN_ON_TIME)),
                default=Value(TaskStatus.OPEN_OVERDUE),
                output_field=models.CharField(),
            )
        )


class Task(models.Model):
    program = models.ForeignKey(
        "programs.Program",
        verbose_name="chương trình",
        on_delete=models.CASCADE,
        related_name="tasks",
    )
    section = models.CharField("mục trong chương trình", max_length=20)
    section_title = models.CharField("tên nhóm nhiệm vụ", max_length=300, blank=True)
    order = models.PositiveSmallIntegerField("thứ tự")
    text = models.TextField("nội dung nhiệm vụ")
    assigned_by = models.CharField("văn bản giao nhiệm vụ", max_length=300)
    lead_units = models.ManyToManyField(
        "orgunits.OrgUnit", verbose_name="cơ quan chủ trì", related_name="tasks_led", blank=True
    )
    supporting_units = models.ManyToManyField(
        "orgunits.OrgUnit",
        verbose_name="cơ quan phối hợp",
        related_name="tasks_supported",
        blank=True,
    )
    # When the text names a class of bodies ("các cấp ủy đảng, chính quyền"), its words are kept.
    lead_text = models.CharField("chủ trì (theo văn bản)", max_length=500, blank=True)
    recurrence = models.CharField(
        "tính chất thời hạn", max_length=12, choices=Recurrence.choices, default=Recurrence.ONCE
    )
    deadline = models.DateField("thời hạn", null=True, blank=True)
    completed_on = models.DateField("ngày hoàn thành", null=True, blank=True)

    history = HistoricalRecords(m2m_fields=[lead_units, supporting_units])
    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        ordering = ["program", "order"]
        constraints = [
            models.UniqueConstraint(fields=["program", "order"], name="task_unique_order")
        ]

    def __str__(self) -> str:
        return f"{self.section}.{self.order} {self.text[:80]}"

    def status_on(self, day: dt.date) -> TaskStatus:
        if self.completed_on is not None:
            on_time = self.deadline is None or self.completed_on <= self.deadline
            return TaskStatus.DONE_ON_TIME if on_time else TaskStatus.DONE_LATE
        if self.deadline is None or self.deadline >= day:
            return TaskStatus.OPEN_ON_TIME
        return TaskStatus.OPEN_OVERDUE


class TaskProgress(models.Model):
    """A dated note on what a unit did for a task, with its evidence attached."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="progress")
    unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name="đơn vị báo cáo",
        on_delete=models.PROTECT,
        related_name="+",
    )
    date = models.DateField("ngày")
    note = models.TextField("kết quả thực hiện")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    report = models.ForeignKey(
        "UnitReport",
        verbose_name="thuộc báo cáo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="task_progress",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "tiến độ nhiệm vụ"
        verbose_name_plural = "tiến độ nhiệm vụ"
        ordering = ["task", "-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.task_id} {self.date:%d/%m/%Y}"


class TaskEvidence(models.Model):
    progress = models.ForeignKey(TaskProgress, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField("tệp minh chứng", upload_to="minh-chung/%Y/%m/")
    description = models.CharField("mô tả", max_length=300, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "minh chứng"
        verbose_name_plural = "minh chứng"

    def __str__(self) -> str:
        return self.description or self.file.name


class ReportObligation(models.Model):
    """Unit U reports on program P at frequency F: the system creates each expected report."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="report_obligations"
    )
    unit = models.ForeignKey(
        "orgunits.OrgUnit", verbose_name="đơn vị", on_delete=models.PROTECT, related_name="+"
    )
    frequency = models.CharField(
        "kỳ báo cáo", max_length=12, choices=ReportFrequency.choices, default=ReportFrequency.YEARLY
    )
    # Days after the end of the period by which the report is due.
    days_to_submit = models.PositiveSmallIntegerField("hạn nộp (ngày sau kỳ)", default=15)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "nghĩa vụ báo cáo"
        verbose_name_plural = "nghĩa vụ báo cáo"
        constraints = [
            models.UniqueConstraint(fields=["program", "unit"], name="obligation_unique_unit")
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.get_frequency_display()}"


class UnitReportQuerySet(models.QuerySet["UnitReport"]):
    def visible_to(self, user, action: str = "view") -> UnitReportQuerySet:
        from trithuc.accounts.scoping import Action, restrict

        return restrict(self, user, Action(action))


class UnitReport(models.Model):
    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="unit_reports"
    )
    unit = models.ForeignKey(
        "orgunits.OrgUnit", verbose_name="đơn vị", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("năm")
    period_start = models.DateField("từ ngày")
    period_end = models.DateField("đến ngày")
    due_date = models.DateField("hạn nộp")
    status = models.CharField(
        "trạng thái", max_length=10, choices=ReportStatus.choices, default=ReportStatus.DUE
    )
    summary = models.TextField("tóm tắt kết quả", blank=True)
    submitted_at = models.DateTimeField("nộp lúc", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField("duyệt/trả lúc", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_comment = models.TextField("ý kiến của cơ quan thường trực", blank=True)
    reminded_on = models.DateField("đã nhắc ngày", null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()
    objects = UnitReportQuerySet.as_manager()

    class Meta:
        verbose_name = "báo cáo định kỳ"
        verbose_name_plural = "báo cáo định kỳ"
        ordering = ["-period_end", "unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "unit", "period_start", "period_end"],
                name="unit_report_unique_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.period_start:%d/%m/%Y}–{self.period_end:%d/%m/%Y}"

    def is_overdue_on(self, day: dt.date) -> bool:
        return self.status in (ReportStatus.DUE, ReportStatus.RETURNED) and self.due_date < day

    @classmethod
    def scope_q_for_units(cls, unit_ids: set[int]) -> Q:
        return Q(unit_id__in=unit_ids)

    @classmethod
    def scope_q_for_owner(cls, user) -> Q:
        return Q(pk__in=[])


class UnitReportFigure(models.Model):
    """A reported indicator's value in a unit report; it counts once the report is approved."""

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="figures")
    indicator = models.ForeignKey(
        "programs.Indicator", verbose_name="chỉ tiêu", on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField("số liệu", max_digits=14, decimal_places=2)
    note = models.CharField("ghi chú", max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "số liệu báo cáo"
        verbose_name_plural = "số liệu báo cáo"
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="report_figure_unique")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.value}"


class ClosedPeriod(models.Model):
    """A year the program office has closed: its reports and figures no longer change silently."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="closed_periods"
    )
    year = models.PositiveSmallIntegerField("năm")
    closed_at = models.DateTimeField(auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "kỳ đã khóa"
        verbose_name_plural = "kỳ đã khóa"
        constraints = [
            models.UniqueConstraint(fields=["program", "year"], name="closed_period_unique")
        ]

    def __str__(self) -> str:
        return f"{self.program_id} {self.year}"
