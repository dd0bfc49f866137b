"""Org units with their history.

A unit is one record for its whole life: it carries the dates it existed (``valid_from`` inclusive,
``valid_to`` exclusive: the day it ended) and keeps its parent for that life. Renames are events on
the same record; merges and splits end the units before and name the units after, so that a record
made by a unit that no longer exists still counts for the unit that took its place.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .choices import OrgUnitEventKind, OrgUnitKind


class OrgUnitQuerySet(models.QuerySet["OrgUnit"]):
    def active_on(self, day: dt.date) -> OrgUnitQuerySet:
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=day)
        )

    def subtree_of(self, unit: OrgUnit) -> OrgUnitQuerySet:
        return self.filter(path__startswith=unit.path)


class OrgUnit(models.Model):
    code = models.CharField("mã đơn vị", max_length=40, unique=True)
    name = models.CharField("tên", max_length=255)
    short_name = models.CharField("tên viết tắt", max_length=100, blank=True)
    # The symbol used in document numbers ("TU" in "Số 12-BC/TU").
    symbol = models.CharField("ký hiệu văn bản", max_length=40, blank=True)
    kind = models.CharField("loại", max_length=30, choices=OrgUnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="trực thuộc",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Official code of an administrative unit (province, district, commune), empty for agencies.
    admin_code = models.CharField("mã đơn vị hành chính", max_length=10, blank=True)
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("kết thúc từ ngày", null=True, blank=True)
    # Materialised path of primary keys ("/1/7/42/"): a subtree is one indexed prefix match.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")

    history = HistoricalRecords()
    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gt=models.F("valid_from")),
                name="orgunit_valid_to_after_valid_from",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def is_active_on(self, day: dt.date) -> bool:
        started = self.valid_from is None or self.valid_from <= day
        return started and (self.valid_to is None or self.valid_to > day)

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2


class OrgUnitEvent(models.Model):
    kind = models.CharField("loại sự kiện", max_length=20, choices=OrgUnitEventKind.choices)
    date = models.DateField("ngày hiệu lực")
    legal_basis = models.CharField("căn cứ pháp lý", max_length=500)
    note = models.TextField("ghi chú", blank=True)
    units_before = models.ManyToManyField(
        OrgUnit, verbose_name="đơn vị trước", related_name="events_as_before", blank=True
    )
    units_after = models.ManyToManyField(
        OrgUnit, verbose_name="đơn vị sau", related_name="events_as_after", blank=True
    )
    old_name = models.CharField("tên cũ", max_length=255, blank=True)
    new_name = models.CharField("tên mới", max_length=255, blank=True)

    history = HistoricalRecords(m2m_fields=[units_before, units_after])

    class Meta:
        verbose_name = "sự kiện tổ chức"
        verbose_name_plural = "sự kiện tổ chức"
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"
