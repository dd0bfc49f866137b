"""Associations (hội, hiệp hội) and their members, linked to the person registry."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from ..choices import AssociationKind

if TYPE_CHECKING:
    from trithuc.accounts.models import User


class Association(models.Model):
    name = models.CharField("tên hội", max_length=300)
    kind = models.CharField("loại", max_length=10, choices=AssociationKind.choices)
    # The four provincial associations the program names are org units already; a member
    # association is not, and hangs under its union.
    unit = models.OneToOneField(
        "orgunits.OrgUnit",
        verbose_name="đơn vị trong cơ cấu tổ chức",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="association",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="thuộc liên hiệp, hội",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members_associations",
    )
    is_active = models.BooleanField("đang hoạt động", default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "hội, hiệp hội"
        verbose_name_plural = "hội, hiệp hội"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def managing_unit_id(self) -> int | None:
        """The org unit whose officers keep this association's members."""
        if self.unit_id:
            return self.unit_id
        return self.parent.managing_unit_id if self.parent_id else None


class Membership(models.Model):
    association = models.ForeignKey(
        Association, verbose_name="hội", on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name="hội viên",
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    position = models.CharField("chức danh trong hội", max_length=200, blank=True)
    joined_on = models.DateField("ngày vào hội", null=True, blank=True)
    left_on = models.DateField("ngày thôi", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "hội viên"
        verbose_name_plural = "hội viên"
        ordering = ["association", "person__sort_key", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "person"],
                condition=Q(left_on__isnull=True),
                name="membership_one_current",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.association}"

    @classmethod
    def scope_q_for_units(cls, unit_ids: set[int]) -> Q:
        return Q(association__unit_id__in=unit_ids) | Q(association__parent__unit_id__in=unit_ids)

    @classmethod
    def scope_q_for_owner(cls, user: User) -> Q:
        return Q(person__user=user)
