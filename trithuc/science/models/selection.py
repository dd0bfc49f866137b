"""Applications, the review council, conflict-of-interest declarations and scores."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from ..choices import ApplicationStatus, CouncilRole, TeamRole
from .ordering import ScienceTask
from .scoped import ScopedQuerySet


class Application(models.Model):
    """An application to carry out a task: its lead, team, host organisation and budget.

    Visible within the reach of the unit that filed it and of the agency managing the task, to the
    people on its team (their own file), and to the members of the task's council (assigned)."""

    task = models.ForeignKey(ScienceTask, on_delete=models.PROTECT, related_name="applications")
    lead = models.ForeignKey(
        "people.Person", verbose_name="chủ nhiệm", on_delete=models.PROTECT, related_name="+"
    )
    submitting_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name="đơn vị nộp hồ sơ",
        on_delete=models.PROTECT,
        related_name="+",
    )
    host_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name="tổ chức chủ trì (trong tỉnh)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    host_name = models.CharField("tổ chức chủ trì", max_length=300)
    budget = models.DecimalField("kinh phí đề nghị (triệu đồng)", max_digits=14, decimal_places=2)
    summary = models.TextField("tóm tắt thuyết minh", blank=True)
    submitted_on = models.DateField("ngày nộp")
    status = models.CharField(
        "tình trạng",
        max_length=12,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )
    members = models.ManyToManyField(
        "people.Person", through="TeamMember", related_name="science_applications"
    )

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "hồ sơ đăng ký chủ trì"
        verbose_name_plural = "hồ sơ đăng ký chủ trì"
        ordering = ["task", "submitted_on", "pk"]

    def __str__(self) -> str:
        return f"{self.host_name} — {self.lead}"

    @classmethod
    def scope_q_for_units(cls, unit_ids: set[int]) -> Q:
        return Q(submitting_unit_id__in=unit_ids) | Q(task__managing_unit_id__in=unit_ids)

    @classmethod
    def scope_q_for_owner(cls, user) -> Q:
        team = TeamMember.objects.filter(person__user=user).values("application")
        assigned = CouncilMember.objects.filter(user=user).values("council__task")
        return Q(pk__in=team) | Q(task__in=assigned)


class TeamMember(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="team")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    role = models.CharField("vai trò", max_length=10, choices=TeamRole.choices)

    class Meta:
        verbose_name = "thành viên nhóm thực hiện"
        verbose_name_plural = "thành viên nhóm thực hiện"
        ordering = ["application", "role", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "person"], name="team_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.person}"


class Council(models.Model):
    """The council that reviews the applications of one task."""

    task = models.OneToOneField(ScienceTask, on_delete=models.PROTECT, related_name="council")
    decision_number = models.CharField("quyết định thành lập số", max_length=100)
    formed_on = models.DateField("ngày thành lập")
    closed_on = models.DateField("ngày kết thúc phiên họp", null=True, blank=True)
    conclusion = models.TextField("kết luận của hội đồng", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "hội đồng tư vấn tuyển chọn"
        verbose_name_plural = "hội đồng tư vấn tuyển chọn"
        ordering = ["-formed_on"]

    def __str__(self) -> str:
        return f"Hội đồng {self.decision_number}"

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None


class CouncilMember(models.Model):
    """A member of a council: a person of the registry, with the account they sign in with."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_memberships",
    )
    role = models.CharField("vai trò", max_length=10, choices=CouncilRole.choices)

    class Meta:
        verbose_name = "thành viên hội đồng"
        verbose_name_plural = "thành viên hội đồng"
        ordering = ["council", "role", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["council", "person"], name="council_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.person}"


class Criterion(models.Model):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField("tiêu chí", max_length=300)
    max_score = models.PositiveSmallIntegerField("điểm tối đa")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "tiêu chí đánh giá"
        verbose_name_plural = "tiêu chí đánh giá"
        ordering = ["council", "order", "pk"]

    def __str__(self) -> str:
        return self.name


class ConflictDeclaration(models.Model):
    member = models.ForeignKey(CouncilMember, on_delete=models.CASCADE, related_name="declarations")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+")
    has_conflict = models.BooleanField("có xung đột lợi ích")
    reason = models.TextField("nội dung", blank=True)
    declared_on = models.DateField("ngày cam kết")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "bản cam kết, khai báo xung đột lợi ích"
        verbose_name_plural = "bản cam kết, khai báo xung đột lợi ích"
        constraints = [
            models.UniqueConstraint(fields=["member", "application"], name="declaration_once")
        ]

    def __str__(self) -> str:
        return f"{self.member.person}: {'có' if self.has_conflict else 'không có'} xung đột"


class Score(models.Model):
    member = models.ForeignKey(CouncilMember, on_delete=models.CASCADE, related_name="scores")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField("điểm", max_digits=5, decimal_places=1)
    comment = models.TextField("nhận xét", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "điểm đánh giá"
        verbose_name_plural = "điểm đánh giá"
        ordering = ["criterion__order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "application", "criterion"], name="score_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class DeclaredRelative(models.Model):
    """A relative a person declared (for conflicts of interest: spouse, parent, child, sibling…)."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    relative = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    relation = models.CharField("quan hệ", max_length=100)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "người thân đã khai báo"
        verbose_name_plural = "người thân đã khai báo"
        constraints = [models.UniqueConstraint(fields=["person", "relative"], name="relative_once")]

    def __str__(self) -> str:
        return f"{self.person} — {self.relation}: {self.relative}"
