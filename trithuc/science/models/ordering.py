"""From need to task: needs proposed by units, the approved ordering list, the call, the task."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from ..choices import NeedStatus, TaskKind, TaskStatus
from .scoped import UnitScoped


class Need(UnitScoped):
    """A need for a science task proposed by a unit (đề xuất đặt hàng) to the agency in charge."""

    proposing_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name="đơn vị đề xuất",
        on_delete=models.PROTECT,
        related_name="+",
    )
    managing_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name="cơ quan tiếp nhận, quản lý",
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField("loại nhiệm vụ", max_length=10, choices=TaskKind.choices)
    title = models.CharField("tên nhiệm vụ đề xuất", max_length=400)
    field = models.ForeignKey(
        "people.Field", verbose_name="lĩnh vực", null=True, blank=True, on_delete=models.PROTECT
    )
    keywords = models.CharField("từ khóa", max_length=400, blank=True)
    rationale = models.TextField("tính cấp thiết", blank=True)
    expected_result = models.TextField("kết quả, sản phẩm dự kiến", blank=True)
    year = models.PositiveSmallIntegerField("năm đặt hàng")
    document = models.CharField("văn bản đề xuất (số, ngày)", max_length=200, blank=True)
    proposed_on = models.DateField("ngày đề xuất")
    status = models.CharField(
        "tình trạng", max_length=10, choices=NeedStatus.choices, default=NeedStatus.PROPOSED
    )
    note = models.TextField("ghi chú, lý do", blank=True)

    history = HistoricalRecords()
    scope_unit_fields = ("proposing_unit", "managing_unit")

    class Meta:
        verbose_name = "đề xuất nhiệm vụ khoa học"
        verbose_name_plural = "đề xuất nhiệm vụ khoa học"
        ordering = ["-year", "-proposed_on", "pk"]

    def __str__(self) -> str:
        return self.title


class OrderingList(UnitScoped):
    """The ordering list (danh mục nhiệm vụ đặt hàng) a competent body approves for a year."""

    managing_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name="cơ quan quản lý",
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField("năm")
    title = models.CharField("tên danh mục", max_length=300)
    decision_number = models.CharField("quyết định phê duyệt số", max_length=100)
    decision_date = models.DateField("ngày phê duyệt")

    history = HistoricalRecords()
    scope_unit_fields = ("managing_unit",)

    class Meta:
        verbose_name = "danh mục đặt hàng"
        verbose_name_plural = "danh mục đặt hàng"
        ordering = ["-year", "-decision_date"]

    def __str__(self) -> str:
        return f"{self.title} ({self.decision_number})"


class Call(models.Model):
    """A published call for applications (thông báo tuyển chọn, giao trực tiếp)."""

    ordering_list = models.ForeignKey(OrderingList, on_delete=models.PROTECT, related_name="calls")
    number = models.CharField("thông báo số", max_length=100)
    published_on = models.DateField("ngày đăng")
    deadline = models.DateField("hạn nộp hồ sơ")
    channel = models.CharField("nơi đăng", max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "thông báo tuyển chọn"
        verbose_name_plural = "thông báo tuyển chọn"
        ordering = ["-published_on"]

    def __str__(self) -> str:
        return f"Thông báo {self.number}"


class ScienceTask(models.Model):
    """A science task ordered by the province: not personal data, so every signed-in user reads
    tasks (calls are public); applications and reviews follow their own rules."""

    code = models.CharField("mã nhiệm vụ", max_length=30, unique=True)
    kind = models.CharField("loại nhiệm vụ", max_length=10, choices=TaskKind.choices)
    title = models.CharField("tên nhiệm vụ", max_length=400)
    field = models.ForeignKey(
        "people.Field", verbose_name="lĩnh vực", null=True, blank=True, on_delete=models.PROTECT
    )
    keywords = models.CharField("từ khóa", max_length=400, blank=True)
    expected_result = models.TextField("kết quả, sản phẩm", blank=True)
    year = models.PositiveSmallIntegerField("năm đặt hàng")
    need = models.OneToOneField(
        Need, null=True, blank=True, on_delete=models.PROTECT, related_name="task"
    )
    ordering_list = models.ForeignKey(OrderingList, on_delete=models.PROTECT, related_name="tasks")
    managing_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name="cơ quan quản lý",
        on_delete=models.PROTECT,
        related_name="+",
    )
    call = models.ForeignKey(
        Call, null=True, blank=True, on_delete=models.PROTECT, related_name="tasks"
    )
    status = models.CharField(
        "tình trạng", max_length=12, choices=TaskStatus.choices, default=TaskStatus.ORDERED
    )
    selection_decision = models.CharField(
        "quyết định phê duyệt chủ trì", max_length=100, blank=True
    )
    selection_date = models.DateField("ngày quyết định", null=True, blank=True)
    cancel_reason = models.TextField("lý do hủy", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "nhiệm vụ khoa học"
        verbose_name_plural = "nhiệm vụ khoa học"
        ordering = ["-year", "code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    @property
    def selected_application(self):
        from ..choices import ApplicationStatus

        return self.applications.filter(status=ApplicationStatus.SELECTED).first()

    @classmethod
    def scope_q_for_units(cls, unit_ids: set[int]) -> Q:
        return Q(managing_unit_id__in=unit_ids)

    @classmethod
    def scope_q_for_owner(cls, user) -> Q:
        return Q(pk__in=[])
