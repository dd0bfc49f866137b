from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from simple_history.models import HistoricalRecords

from .choices import Role


class User(AbstractUser):
    history = HistoricalRecords()

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_full_name(self) -> str:
        # Vietnamese order: family name first.
        return f"{self.last_name} {self.first_name}".strip()

    @property
    def roles(self) -> set[str]:
        return {assignment.role for assignment in self.assignments.all()}


class UnitAssignment(models.Model):
    """A user acts in a role for an org unit and, through it, for the unit's whole subtree."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name="đơn vị",
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    role = models.CharField("vai trò", max_length=30, choices=Role.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "phân công"
        verbose_name_plural = "phân công"
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="unique_user_unit_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"
