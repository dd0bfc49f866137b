"""An import batch: one uploaded spreadsheet, its check and, once committed, what it changed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from .choices import BatchStatus


class ImportBatchQuerySet(models.QuerySet["ImportBatch"]):
    def visible_to(self, user, action: str = "view") -> ImportBatchQuerySet:
        from trithuc.accounts.scoping import Action, restrict

        return restrict(self, user, Action(action))


class ImportBatch(models.Model):
    kind = models.CharField("loại dữ liệu", max_length=30)
    unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name="đơn vị gửi",
        on_delete=models.PROTECT,
        related_name="import_batches",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tải lên",
        null=True,
        on_delete=models.SET_NULL,
        related_name="import_batches",
    )
    created_at = models.DateTimeField("tải lên lúc", auto_now_add=True)
    filename = models.CharField("tên tệp", max_length=255)
    content = models.BinaryField("nội dung tệp", editable=False)
    # sha256 of kind, unit and the cells read: the same data sent twice is stored once, even when
    # the spreadsheet program re-saved the file in between.
    fingerprint = models.CharField(max_length=64, blank=True, db_index=True)
    status = models.CharField(
        "tình trạng", max_length=12, choices=BatchStatus.choices, default=BatchStatus.UPLOADED
    )
    file_problem = models.TextField("lỗi của tệp", blank=True)
    progress_stage = models.CharField(max_length=100, blank=True)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    # {"rows", "created", "updated", "duplicates", "unchanged", "skipped"}
    summary = models.JSONField(default=dict)
    errors = models.JSONField(default=list)  # [{"row", "column", "message"}]
    # Rows that may be a stored person (or an earlier row): [{"row", "name", "candidates": [...]}]
    uncertain = models.JSONField(default=list)
    # {"<row>": "new" | "<person id>"}: what a person decided about each uncertain row.
    decisions = models.JSONField(default=dict)
    committed_at = models.DateTimeField("lưu lúc", null=True, blank=True)
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người lưu",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # When this file was found to be a batch already committed: that batch.
    same_as = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        verbose_name = "lô nhập liệu"
        verbose_name_plural = "lô nhập liệu"
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Two commits of the same data cannot both succeed, even at the same moment.
            models.UniqueConstraint(
                fields=["fingerprint"],
                condition=Q(status="committed"),
                name="import_batch_committed_once",
            )
        ]

    def __str__(self) -> str:
        return f"Lô {self.pk}: {self.filename}"

    @property
    def percent(self) -> int:
        if not self.progress_total:
            return 0
        return min(100, round(100 * self.progress_done / self.progress_total))

    @property
    def is_running(self) -> bool:
        return self.status in (BatchStatus.VALIDATING, BatchStatus.COMMITTING)

    @classmethod
    def scope_q_for_units(cls, unit_ids: set[int]) -> Q:
        return Q(unit_id__in=unit_ids)

    @classmethod
    def scope_q_for_owner(cls, user) -> Q:
        return Q(uploaded_by=user)
