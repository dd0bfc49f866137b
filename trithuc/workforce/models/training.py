"""Training: courses and the people units send to them.

This is the part of the workforce records that the program's yearly training targets are computed
from (120–180 to advanced and 400–600 to intermediate political theory a year). Ratings, succession,
honours and attraction belong to the same app and are not built yet.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .choices import CourseKind, EnrollmentStatus


class TrainingCourse(models.Model):
    kind = models.CharField("loại hình", max_length=30, choices=CourseKind.choices)
    name = models.CharField("tên khóa, lớp", max_length=300)
    institution = models.CharField("cơ sở đào tạo", max_length=300, blank=True)
    start_date = models.DateField("khai giảng")
    end_date = models.DateField("bế giảng", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "khóa đào tạo, bồi dưỡng"
        verbose_name_plural = "khóa đào tạo, bồi dưỡng"
        ordering = ["-start_date", "name"]

    def __str__(self) -> str:
        return self.name


class TrainingEnrollmentQuerySet(models.QuerySet["TrainingEnrollment"]):
    def visible_to(self, user, action: str = "view") -> TrainingEnrollmentQuerySet:
        from trithuc.accounts.scoping import Action, restrict

        return restrict(self, user, Action(action))


class TrainingEnrollment(models.Model):
    person = models.ForeignKey(
        "people.Person",
        verbose_name="người học",
        on_delete=models.PROTECT,
        related_name="enrollments",
    )
    course = models.ForeignKey(
        TrainingCourse,
        verbose_name="khóa học",
        on_delete=models.PROTECT,
        related_name="enrollments",
    )
    sending_unit = models.ForeignKey(
        "orgunits.OrgUnit", verbose_name="đơn vị cử đi", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        "tình trạng",
        max_length=10,
        choices=EnrollmentStatus.choices,
        default=EnrollmentStatus.PLANNED,
    )
    # Denormalised from the course so that counts by year and kind need no join on large tables.
    year = models.PositiveSmallIntegerField("năm cử đi", editable=False)
    kind = models.CharField(max_length=30, choices=CourseKind.choices, editable=False)
    commits_to_serve_years = models.PositiveSmallIntegerField(
        "cam kết phục vụ (năm)", null=True, blank=True
    )

    history = HistoricalRecords()
    objects = TrainingEnrollmentQuerySet.as_manager()

    class Meta:
        verbose_name = "cử đi đào tạo"
        verbose_name_plural = "cử đi đào tạo"
        ordering = ["-year", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "course"], name="enrollment_unique_person")
        ]
        indexes = [
            models.Index(fields=["kind", "year", "sending_unit"], name="enrollment_kind_year_unit")
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.course}"

    @classmethod
    def scope_q_for_units(cls, unit_ids: set[int]) -> Q:
        return Q(sending_unit_id__in=unit_ids)

    @classmethod
    def scope_q_for_owner(cls, user) -> Q:
        return Q(person__user=user)
