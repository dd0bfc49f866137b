"""Training: courses (each a class with its dates), the people units send to them, and each unit's
yearly plan. The program's yearly training targets (120–180 advanced and 400–600 intermediate
political theory) are computed from the enrolments."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from ..choices import CourseKind, EnrollmentStatus


class TrainingCourse(models.Model):
    kind = models.CharField("loại hình", max_length=30, choices=CourseKind.choices)
    name = models.CharField("tên khóa, lớp", max_length=300)
    institution = models.CharField("cơ sở đào tạo", max_length=300, blank=True)
    start_date = models.DateField("khai giảng")
    end_date = models.DateField("bế giảng", null=True, blank=True)
    # For postgraduate courses: the degree a graduate receives (code of a DegreeLevel).
    degree_code = models.CharField("văn bằng được cấp (mã)", max_length=40, blank=True)

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


class TrainingPlan(models.Model):
    """How many people a unit plans to send to a kind of course in a year."""

    unit = models.ForeignKey(
        "orgunits.OrgUnit", verbose_name="đơn vị", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("năm")
    kind = models.CharField("loại hình", max_length=30, choices=CourseKind.choices)
    planned = models.PositiveIntegerField("số người dự kiến cử")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "kế hoạch cử đi đào tạo"
        verbose_name_plural = "kế hoạch cử đi đào tạo"
        ordering = ["-year", "unit__path", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "kind"], name="training_plan_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year} {self.get_kind_display()}: {self.planned}"
