"""Dialogue sessions of the head of the party committee with intellectuals: registration,
questions sent before (named or anonymous to other participants), answers and commitments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from ..choices import QuestionStatus, SessionStatus


class DialogueSession(models.Model):
    topic = models.CharField("chủ đề", max_length=300)
    leader_name = models.CharField("người chủ trì đối thoại", max_length=200)
    leader_title = models.CharField("chức vụ", max_length=200, blank=True)
    starts_at = models.DateTimeField("thời gian")
    place = models.CharField("địa điểm", max_length=300)
    unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name="cơ quan tổ chức",
        on_delete=models.PROTECT,
        related_name="dialogue_sessions",
    )
    status = models.CharField(
        "tình trạng", max_length=10, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    summary = models.TextField("kết quả buổi đối thoại", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "buổi đối thoại"
        verbose_name_plural = "buổi đối thoại"
        ordering = ["-starts_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.topic} ({self.starts_at:%d/%m/%Y})"


class Registration(models.Model):
    session = models.ForeignKey(
        DialogueSession, on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dialogue_registrations"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "đăng ký dự đối thoại"
        verbose_name_plural = "đăng ký dự đối thoại"
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="registration_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.session}"


class Question(models.Model):
    session = models.ForeignKey(DialogueSession, on_delete=models.CASCADE, related_name="questions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người hỏi",
        on_delete=models.PROTECT,
        related_name="dialogue_questions",
    )
    is_anonymous = models.BooleanField(
        "ẩn tên với người tham dự khác",
        default=False,
        help_text="Ban tổ chức vẫn biết người hỏi để trả lời, theo dõi.",
    )
    text = models.TextField("câu hỏi")
    group = models.CharField("nhóm câu hỏi", max_length=120, blank=True)
    status = models.CharField(
        "tình trạng",
        max_length=12,
        choices=QuestionStatus.choices,
        default=QuestionStatus.SUBMITTED,
    )
    moderation_note = models.CharField("ghi chú của ban tổ chức", max_length=300, blank=True)
    answer = models.TextField("nội dung trả lời", blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField("thời điểm rút lại", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "câu hỏi đối thoại"
        verbose_name_plural = "câu hỏi đối thoại"
        ordering = ["session", "group", "created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class QuestionLike(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="likes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "lượt thích câu hỏi"
        verbose_name_plural = "lượt thích câu hỏi"
        constraints = [
            models.UniqueConstraint(fields=["question", "user"], name="question_like_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.question_id}"


class Commitment(models.Model):
    """What the leader committed to at a session; each becomes a task of the program."""

    session = models.ForeignKey(
        DialogueSession, on_delete=models.CASCADE, related_name="commitments"
    )
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.SET_NULL, related_name="commitments"
    )
    text = models.TextField("nội dung cam kết, chỉ đạo")
    task = models.OneToOneField(
        "tasks.Task", on_delete=models.PROTECT, related_name="dialogue_commitment"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "cam kết tại buổi đối thoại"
        verbose_name_plural = "cam kết tại buổi đối thoại"
        ordering = ["session", "pk"]

    def __str__(self) -> str:
        return self.text[:80]
