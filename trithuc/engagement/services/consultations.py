"""State changes of consultations: publishing drafts and their versions, comments and replies,
moderation, withdrawal, and the agency's answers."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from trithuc.accounts.models import User
from trithuc.core.dates import today
from trithuc.orgunits.models import OrgUnit
from trithuc.people.models import Field, Person

from .. import access
from ..choices import Audience, CommentKind, CommentResult, ConsultationPhase
from ..models import Comment, Consultation, ConsultationAttachment, DraftSection, DraftVersion
from ._common import with_actor

MODERATORS = "cơ quan lấy ý kiến hoặc cơ quan thường trực Chương trình"
ATTACHMENT_EXTENSIONS = frozenset({".pdf", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods"})
ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024


def _require_moderator(actor: User, consultation: Consultation) -> None:
    if not access.is_moderator(actor, consultation):
        raise PermissionDenied(f"Chỉ {MODERATORS} được làm việc này.")


@transaction.atomic
def consultation_create(
    *,
    actor: User,
    unit: OrgUnit,
    title: str,
    opens_on: dt.date,
    closes_on: dt.date,
    sections: Sequence[tuple[str, str]],
    summary: str = "",
    audience: str = Audience.ALL,
    field: Field | None = None,
    invited: Iterable[Person] = (),
) -> Consultation:
    """A draft consultation of ``unit`` with its first version; not visible until published."""
    if not access.may_publish_for(actor, unit.pk):
        raise PermissionDenied(f"Bạn không thể lấy ý kiến thay cho «{unit}».")
    if closes_on < opens_on:
        raise ValidationError({"closes_on": "Ngày kết thúc phải từ ngày bắt đầu trở đi."})
    if audience == Audience.FIELD and field is None:
        raise ValidationError({"field": "Chọn lĩnh vực khi lấy ý kiến trí thức một lĩnh vực."})
    consultation = Consultation(
        unit=unit,
        title=title.strip(),
        summary=summary.strip(),
        opens_on=opens_on,
        closes_on=closes_on,
        audience=audience,
        field=field if audience == Audience.FIELD else None,
        created_by=actor,
    )
    consultation.full_clean()
    with_actor(consultation, actor)
    consultation.save()
    invited = list(invited)
    if audience == Audience.INVITED and not invited:
        raise ValidationError({"invited": "Chọn ít nhất một chuyên gia được mời."})
    consultation.invited.set(invited)
    draft_version_add(actor=actor, consultation=consultation, sections=sections, note="Dự thảo")
    return consultation


@transaction.atomic
def draft_version_add(
    *,
    actor: User,
    consultation: Consultation,
    sections: Sequence[tuple[str, str]],
    note: str = "",
) -> DraftVersion:
    """A new version of the draft; earlier versions and the comments on them stay."""
    _require_moderator(actor, consultation)
    cleaned = [(h.strip(), t.strip()) for h, t in sections if h.strip() or t.strip()]
    if not cleaned:
        raise ValidationError({"sections": "Dự thảo cần ít nhất một mục có nội dung."})
    for number, (heading, text) in enumerate(cleaned, start=1):
        if not heading or not text:
            raise ValidationError({"sections": f"Mục thứ {number} cần có cả tên mục và nội dung."})
    last = consultation.versions.order_by("-number").values_list("number", flat=True).first()
    version = DraftVersion(consultation=consultation, number=(last or 0) + 1, note=note.strip())
    with_actor(version, actor)
    version.save()
    for order, (heading, text) in enumerate(cleaned, start=1):
        section = DraftSection(version=version, order=order, heading=heading, text=text)
        with_actor(section, actor)
        section.save()
    return version


@transaction.atomic
def attachment_add(
    *, actor: User, consultation: Consultation, upload: UploadedFile, description: str = ""
) -> ConsultationAttachment:
    _require_moderator(actor, consultation)
    extension = os.path.splitext(upload.name or "")[1].lower()
    if extension not in ATTACHMENT_EXTENSIONS:
        allowed = ", ".join(sorted(ATTACHMENT_EXTENSIONS))
        raise ValidationError({"file": f"Tệp «{upload.name}» không được nhận; chỉ nhận {allowed}."})
    if (upload.size or 0) > ATTACHMENT_MAX_BYTES:
        raise ValidationError({"file": "Tệp lớn hơn 20 MB; hãy nén hoặc tách nhỏ."})
    attachment = ConsultationAttachment(
        consultation=consultation, file=upload, description=description.strip()
    )
    with_actor(attachment, actor)
    attachment.save()
    return attachment


@transaction.atomic
def consultation_publish(*, actor: User, consultation: Consultation) -> Consultation:
    _require_moderator(actor, consultation)
    if consultation.published_at is None:
        consultation.published_at = timezone.now()
        with_actor(consultation, actor)
        consultation.save(update_fields=["published_at"])
    return consultation


@transaction.atomic
def consultation_close(*, actor: User, consultation: Consultation) -> Consultation:
    """End the comment period today (before its planned last day)."""
    _require_moderator(actor, consultation)
    if consultation.phase_on(today()) != ConsultationPhase.OPEN:
        raise ValidationError("Chỉ kết thúc sớm được khi đang lấy ý kiến.")
    consultation.closed_early_on = today() - dt.timedelta(days=1)
    with_actor(consultation, actor, "Kết thúc lấy ý kiến sớm")
    consultation.save(update_fields=["closed_early_on"])
    return consultation


# --- Comments --------------------------------------------------------------------------------


@transaction.atomic
def comment_add(
    *,
    actor: User,
    consultation: Consultation,
    text: str,
    section: DraftSection | None = None,
    paragraph: int | None = None,
    kind: str = CommentKind.COMMENT,
    proposed_text: str = "",
    parent: Comment | None = None,
    on_behalf_of: str = "",
) -> Comment:
    """A comment on the draft (a section, one paragraph of it), or a reply to another comment."""
    access.require_consent(actor)
    if not access.may_comment(actor, consultation):
        raise PermissionDenied(
            "Dự thảo này không mở lấy ý kiến cho bạn: đã hết hạn, chưa đến ngày mở, hoặc chỉ "
            "lấy ý kiến một nhóm trí thức."
        )
    if parent is not None:
        if parent.consultation_id != consultation.pk or not parent.is_visible_to_participants:
            raise ValidationError("Không trả lời được ý kiến này.")
        section, paragraph, proposed_text = parent.section, parent.paragraph, ""
    if section is not None and section.version.consultation_id != consultation.pk:
        raise ValidationError({"section": "Mục này không thuộc dự thảo đang góp ý."})
    if paragraph is not None and (section is None or not 1 <= paragraph <= len(section.paragraphs)):
        raise ValidationError({"paragraph": "Đoạn được chọn không có trong mục này."})
    if kind == CommentKind.AMENDMENT and not proposed_text.strip():
        raise ValidationError(
            {"proposed_text": "Đề xuất sửa câu chữ cần có câu chữ bạn đề nghị thay thế."}
        )
    if not text.strip():
        raise ValidationError({"text": "Cần nhập nội dung ý kiến."})
    comment = Comment(
        consultation=consultation,
        section=section,
        paragraph=paragraph,
        parent=parent,
        author=actor,
        on_behalf_of=on_behalf_of.strip(),
        kind=kind,
        text=text.strip(),
        proposed_text=proposed_text.strip(),
    )
    comment.full_clean()
    with_actor(comment, actor)
    comment.save()
    return comment


@transaction.atomic
def comment_hide(*, actor: User, comment: Comment, reason: str) -> Comment:
    """Hide a comment from participants; the reason is kept on it and in its history."""
    _require_moderator(actor, comment.consultation)
    if not reason.strip():
        raise ValidationError({"reason": "Cần ghi lý do ẩn ý kiến."})
    comment.is_hidden, comment.hidden_reason = True, reason.strip()[:300]
    with_actor(comment, actor, f"Ẩn: {comment.hidden_reason}")
    comment.save(update_fields=["is_hidden", "hidden_reason"])
    return comment


@transaction.atomic
def comment_unhide(*, actor: User, comment: Comment) -> Comment:
    _require_moderator(actor, comment.consultation)
    comment.is_hidden = False
    with_actor(comment, actor, "Hiện lại")
    comment.save(update_fields=["is_hidden"])
    return comment


@transaction.atomic
def comment_withdraw(*, actor: User, comment: Comment) -> Comment:
    """The author takes back their comment: no longer shown nor in the synthesis table; the text
    stays in the history (it was given), and the data download lists it as withdrawn."""
    if comment.author_id != actor.pk:
        raise PermissionDenied("Chỉ người viết được rút lại ý kiến của mình.")
    if comment.result:
        raise ValidationError("Ý kiến đã được cơ quan trả lời, không rút lại được.")
    if comment.withdrawn_at is None:
        comment.withdrawn_at = timezone.now()
        with_actor(comment, actor, "Người góp ý rút lại")
        comment.save(update_fields=["withdrawn_at"])
    return comment


@transaction.atomic
def comment_answer(*, actor: User, comment: Comment, result: str, response: str) -> Comment:
    """The agency's answer: accepted, partly accepted, or explained, with its text."""
    consultation = comment.consultation
    _require_moderator(actor, consultation)
    if consultation.phase_on(today()) != ConsultationPhase.CLOSED:
        raise ValidationError("Cơ quan trả lời ý kiến sau khi hết hạn góp ý.")
    if comment.parent_id is not None or not comment.is_visible_to_participants:
        raise ValidationError("Chỉ trả lời các ý kiến gốc đang hiển thị.")
    if result not in CommentResult.values:
        raise ValidationError(
            {"result": "Chọn kết quả: tiếp thu, tiếp thu một phần hoặc giải trình."}
        )
    if not response.strip():
        raise ValidationError({"response": "Cần ghi nội dung tiếp thu hoặc giải trình."})
    comment.result, comment.response = result, response.strip()
    comment.answered_by, comment.answered_at = actor, timezone.now()
    with_actor(comment, actor)
    comment.save(update_fields=["result", "response", "answered_by", "answered_at"])
    return comment
