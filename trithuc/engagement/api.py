"""Engagement over the API: consultations with their comments, ideas, dialogue sessions with their
questions, and associations with member counts.

Every read goes through the engagement selectors the pages use, and shows what the page shows to
that user: a draft not yet published only to its moderators, hidden comments only to moderators
(and to their author), a private idea only to its author and the answering agency (the program
office only while it routes it), an anonymous question without its author to other participants.
Posting a comment calls the page's service, so consent, audience and open-period checks apply."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from trithuc.api.errors import AUTH_ERRORS, NOT_FOUND
from trithuc.api.pagination import PageQuery, page_of, page_response, paginate
from trithuc.api.schemas import RefItem, UnitRef, choice, path_id, ref
from trithuc.core.dates import today

from . import access, selectors, services
from .choices import (
    AssociationKind,
    Audience,
    CommentKind,
    CommentResult,
    ConsultationPhase,
    IdeaStatus,
    QuestionStatus,
    SessionStatus,
)
from .models import Comment, Consultation, DraftSection, DraftVersion, Idea, Question

ConsultationId = path_id("đợt lấy ý kiến dự thảo")
IdeaId = path_id("hiến kế")
SessionId = path_id("buổi đối thoại")
router = Router(tags=["Lấy ý kiến, hiến kế, đối thoại, hội"])


# --- Schemas ---------------------------------------------------------------------------------


class ConsultationOut(Schema):
    id: int = Field(description="Mã số (id) của đợt lấy ý kiến.")
    title: str = Field(description="Tên dự thảo.")
    summary: str = Field(description="Tóm tắt, mục đích lấy ý kiến.")
    unit: UnitRef = Field(description="Cơ quan lấy ý kiến.")
    opens_on: dt.date = Field(description="Ngày bắt đầu lấy ý kiến.")
    closes_on: dt.date = Field(description="Ngày kết thúc lấy ý kiến.")
    closed_early_on: dt.date | None = Field(description="Ngày kết thúc sớm (nếu có).")
    published_at: dt.datetime | None = Field(description="Thời điểm công bố; `null`: chưa công bố.")
    phase: choice(ConsultationPhase) = Field(  # type: ignore[valid-type]
        description="Giai đoạn hôm nay: đang soạn, sắp mở, đang lấy ý kiến, đã hết hạn."
    )
    audience: choice(Audience) = Field(  # type: ignore[valid-type]
        description="Đối tượng lấy ý kiến: mọi trí thức, một lĩnh vực, hoặc chuyên gia được mời."
    )
    field: RefItem | None = Field(description="Lĩnh vực (khi lấy ý kiến trí thức một lĩnh vực).")
    may_comment: bool = Field(description="Người gọi có được góp ý lúc này không.")


class SectionOut(Schema):
    id: int = Field(description="Mã số (id) của mục: gửi trong trường `section` khi góp ý.")
    order: int = Field(description="Thứ tự của mục trong dự thảo.")
    heading: str = Field(description="Tên mục, điều, khoản.")
    text: str = Field(description="Nội dung mục.")
    paragraphs: list[str] = Field(
        description="Các đoạn của mục; góp ý một đoạn bằng số thứ tự (từ 1) trong `paragraph`."
    )


class VersionOut(Schema):
    number: int = Field(description="Lần (số thứ tự) của phiên bản dự thảo.")
    note: str = Field(description="Ghi chú thay đổi.")
    created_at: dt.datetime = Field(description="Thời điểm tạo phiên bản.")


class ConsultationDetailOut(ConsultationOut):
    current_version: VersionOut | None = Field(description="Phiên bản dự thảo hiện hành.")
    sections: list[SectionOut] = Field(description="Các mục của phiên bản hiện hành, theo thứ tự.")
    versions: list[VersionOut] = Field(description="Mọi phiên bản dự thảo, từ lần đầu.")


class ConsultationQuery(PageQuery):
    phase: choice(ConsultationPhase) | None = Field(  # type: ignore[valid-type]
        None, description="Chỉ các đợt ở giai đoạn này hôm nay (`open`: đang mở, `closed`: đã hết)."
    )
    field: int | None = Field(
        None, ge=1, description="Chỉ các đợt lấy ý kiến lĩnh vực (id) này hoặc lĩnh vực con của nó."
    )


class CommentOut(Schema):
    id: int = Field(description="Mã số (id) của ý kiến.")
    section_id: int | None = Field(description="Mục được góp ý (id); `null`: góp ý chung.")
    paragraph: int | None = Field(description="Đoạn được góp ý (số thứ tự trong mục).")
    parent_id: int | None = Field(description="Ý kiến được trả lời (id), khi đây là trả lời.")
    author: str = Field(
        description="Người góp ý như trang hiển thị (cơ quan, tổ chức khi góp ý thay mặt)."
    )
    is_mine: bool = Field(description="Ý kiến của chính người gọi.")
    kind: choice(CommentKind) = Field(description="Loại ý kiến.")  # type: ignore[valid-type]
    text: str = Field(description="Nội dung ý kiến.")
    proposed_text: str = Field(description="Đề xuất câu chữ thay thế.")
    created_at: dt.datetime = Field(description="Thời điểm gửi.")
    is_hidden: bool = Field(
        description="Bị ẩn (chỉ cơ quan lấy ý kiến và người viết thấy ý kiến bị ẩn)."
    )
    hidden_reason: str = Field(description="Lý do ẩn.")
    result: choice(CommentResult) | None = Field(  # type: ignore[valid-type]
        description="Kết quả tiếp thu; `null` khi chưa trả lời."
    )
    response: str = Field(description="Nội dung tiếp thu, giải trình của cơ quan.")
    answered_at: dt.datetime | None = Field(description="Thời điểm trả lời.")


class CommentIn(Schema):
    section: int | None = Field(
        None, ge=1, description="Mục được góp ý (id, trong `sections`); bỏ trống: góp ý chung."
    )
    paragraph: int | None = Field(
        None, ge=1, le=10000, description="Đoạn được góp ý (số thứ tự trong mục, từ 1)."
    )
    parent: int | None = Field(None, ge=1, description="Ý kiến (id) được trả lời, nếu có.")
    kind: choice(CommentKind) = Field(  # type: ignore[valid-type]
        CommentKind.COMMENT.value,
        description="Loại ý kiến: góp ý, đề xuất sửa câu chữ (cần `proposed_text`), phản biện.",
    )
    text: str = Field(min_length=1, max_length=20000, description="Nội dung ý kiến.")
    proposed_text: str = Field("", max_length=20000, description="Đề xuất câu chữ thay thế.")
    on_behalf_of: str = Field(
        "", max_length=300, description="Góp ý thay mặt cơ quan, tổ chức (nếu có)."
    )


class IdeaOut(Schema):
    id: int = Field(description="Mã số (id) của hiến kế.")
    title: str = Field(description="Tên ý tưởng, hiến kế.")
    field: RefItem | None = Field(description="Lĩnh vực.")
    status: choice(IdeaStatus) = Field(description="Trạng thái xử lý.")  # type: ignore[valid-type]
    agency: UnitRef | None = Field(description="Cơ quan trả lời; `null` khi chưa chuyển.")
    is_public: bool = Field(
        description="Công khai với mọi người dùng; không công khai: chỉ tác giả và cơ quan trả lời."
    )
    is_mine: bool = Field(description="Hiến kế của chính người gọi.")
    withdrawn_at: dt.datetime | None = Field(description="Thời điểm tác giả rút lại.")
    created_at: dt.datetime = Field(description="Thời điểm gửi.")


class IdeaDetailOut(IdeaOut):
    text: str = Field(description="Nội dung hiến kế.")
    author: str = Field(description="Người hiến kế.")
    response: str = Field(description="Trả lời của cơ quan.")
    answered_at: dt.datetime | None = Field(description="Thời điểm trả lời.")
    implemented_note: str = Field(description="Kết quả áp dụng.")


class IdeaQuery(PageQuery):
    mine: bool = Field(False, description="`true`: chỉ hiến kế của chính người gọi.")
    status: choice(IdeaStatus) | None = Field(None, description="Chỉ hiến kế ở trạng thái này.")  # type: ignore[valid-type]


class SessionOut(Schema):
    id: int = Field(description="Mã số (id) của buổi đối thoại.")
    topic: str = Field(description="Chủ đề.")
    leader_name: str = Field(description="Người chủ trì đối thoại.")
    leader_title: str = Field(description="Chức vụ của người chủ trì.")
    starts_at: dt.datetime = Field(description="Thời gian.")
    place: str = Field(description="Địa điểm.")
    unit: UnitRef = Field(description="Cơ quan tổ chức.")
    status: choice(SessionStatus) = Field(description="Tình trạng.")  # type: ignore[valid-type]
    summary: str = Field(description="Kết quả buổi đối thoại.")
    questions: int = Field(description="Số câu hỏi đang hiển thị (không tính câu bị ẩn, rút lại).")
    registrations: int = Field(description="Số người đăng ký dự.")


class QuestionOut(Schema):
    id: int = Field(description="Mã số (id) của câu hỏi.")
    author: str = Field(
        description="Người hỏi; «Ẩn danh» khi người hỏi ẩn tên với người tham dự khác."
    )
    is_mine: bool = Field(description="Câu hỏi của chính người gọi.")
    text: str = Field(description="Câu hỏi.")
    group: str = Field(description="Nhóm câu hỏi do ban tổ chức xếp.")
    status: choice(QuestionStatus) = Field(description="Tình trạng.")  # type: ignore[valid-type]
    likes: int = Field(description="Số lượt thích.")
    liked: bool = Field(description="Người gọi đã thích câu hỏi này.")
    answer: str = Field(description="Nội dung trả lời.")
    answered_at: dt.datetime | None = Field(description="Thời điểm trả lời.")
    created_at: dt.datetime = Field(description="Thời điểm gửi.")


class SessionDetailOut(SessionOut):
    question_list: list[QuestionOut] = Field(
        description="Các câu hỏi như trang hiển thị, theo nhóm rồi theo số lượt thích."
    )


class SessionQuery(PageQuery):
    status: choice(SessionStatus) | None = Field(None, description="Chỉ buổi ở tình trạng này.")  # type: ignore[valid-type]


class AssociationOut(Schema):
    id: int = Field(description="Mã số (id) của hội.")
    name: str = Field(description="Tên hội.")
    kind: choice(AssociationKind) = Field(  # type: ignore[valid-type]
        description="Loại: liên hiệp hội (hội cấp tỉnh) hay hội thành viên."
    )
    parent_id: int | None = Field(description="Liên hiệp hội (id) mà hội là thành viên.")
    members: int = Field(
        description="Số hội viên hiện tại; của liên hiệp hội cộng cả hội viên các hội thành viên."
    )
    young_members: int = Field(
        description="Số hội viên trẻ (dưới tuổi của thiết lập TRITHUC_YOUNG_AGE_LIMIT)."
    )


ConsultationPage = page_of(ConsultationOut, "ConsultationPage")
CommentPage = page_of(CommentOut, "CommentPage")
IdeaPage = page_of(IdeaOut, "IdeaPage")
SessionPage = page_of(SessionOut, "SessionPage")
AssociationPage = page_of(AssociationOut, "AssociationPage")


# --- Consultations ---------------------------------------------------------------------------


def _in_phase(consultations: QuerySet[Consultation], phase: str, day: dt.date) -> QuerySet:
    """The consultations in ``phase`` on ``day``, as ``Consultation.phase_on`` decides it."""
    if phase == ConsultationPhase.DRAFT:
        return consultations.filter(published_at__isnull=True)
    published = consultations.filter(published_at__isnull=False).annotate(
        last_day=Coalesce("closed_early_on", "closes_on")
    )
    if phase == ConsultationPhase.UPCOMING:
        return published.filter(opens_on__gt=day)
    if phase == ConsultationPhase.OPEN:
        return published.filter(opens_on__lte=day, last_day__gte=day)
    return published.filter(opens_on__lte=day, last_day__lt=day)


def _consultation(request: HttpRequest, c: Consultation, day: dt.date) -> dict[str, Any]:
    return {
        "id": c.pk,
        "title": c.title,
        "summary": c.summary,
        "unit": ref(c.unit),
        "opens_on": c.opens_on,
        "closes_on": c.closes_on,
        "closed_early_on": c.closed_early_on,
        "published_at": c.published_at,
        "phase": c.phase_on(day),
        "audience": c.audience,
        "field": ref(c.field),
        "may_comment": access.may_comment(request.user, c),
    }


def _version(v: DraftVersion) -> dict[str, Any]:
    return {"number": v.number, "note": v.note, "created_at": v.created_at}


def _section(s: DraftSection) -> dict[str, Any]:
    return {
        "id": s.pk,
        "order": s.order,
        "heading": s.heading,
        "text": s.text,
        "paragraphs": s.paragraphs,
    }


def _comment_author(c: Comment) -> str:
    # As the page: a top-level comment sent on behalf of a body names the body, a reply its author.
    if c.on_behalf_of and not c.parent_id:
        return c.on_behalf_of
    return str(c.author)


def _comment(request: HttpRequest, c: Comment) -> dict[str, Any]:
    return {
        "id": c.pk,
        "section_id": c.section_id,
        "paragraph": c.paragraph,
        "parent_id": c.parent_id,
        "author": _comment_author(c),
        "is_mine": c.author_id == request.user.pk,
        "kind": c.kind,
        "text": c.text,
        "proposed_text": c.proposed_text,
        "created_at": c.created_at,
        "is_hidden": c.is_hidden,
        "hidden_reason": c.hidden_reason if c.is_hidden else "",
        "result": c.result or None,
        "response": c.response,
        "answered_at": c.answered_at,
    }


@router.get(
    "/consultations",
    response={200: ConsultationPage, **AUTH_ERRORS},
    summary="Danh sách đợt lấy ý kiến dự thảo",
    description="Các dự thảo đã công bố mà người gọi thuộc đối tượng lấy ý kiến, và các dự thảo "
    "chưa công bố của cơ quan người gọi điều hành (như trang «Lấy ý kiến»).",
)
def consultation_list(request: HttpRequest, filters: Query[ConsultationQuery]) -> Any:
    day = today()
    consultations = selectors.consultation_list(user=request.user).select_related("field")
    if filters.phase:
        consultations = _in_phase(consultations, filters.phase, day)
    if filters.field:
        consultations = consultations.filter(
            Q(field_id=filters.field) | Q(field__parent_id=filters.field)
        )
    rows, next_cursor = paginate(consultations, filters)
    return page_response([_consultation(request, c, day) for c in rows], next_cursor)


@router.get(
    "/consultations/{consultation_id}",
    response={200: ConsultationDetailOut, **AUTH_ERRORS, **NOT_FOUND},
    summary="Một đợt lấy ý kiến dự thảo",
    description="Dự thảo với các mục của phiên bản hiện hành, các phiên bản, thời hạn và đối "
    "tượng lấy ý kiến; 404 nếu người gọi không được đọc (như trang).",
)
def consultation_detail(request: HttpRequest, consultation_id: ConsultationId) -> Any:
    consultation = selectors.consultation_get(user=request.user, pk=consultation_id)
    version = consultation.current_version
    sections = version.sections.order_by("order", "pk") if version else []
    return _consultation(request, consultation, today()) | {
        "current_version": _version(version) if version else None,
        "sections": [_section(s) for s in sections],
        "versions": [_version(v) for v in consultation.versions.order_by("number")],
    }


@router.get(
    "/consultations/{consultation_id}/comments",
    response={200: CommentPage, **AUTH_ERRORS, **NOT_FOUND},
    summary="Các ý kiến góp ý một dự thảo",
    description="Các ý kiến như trang hiển thị cho người gọi: ý kiến bị ẩn chỉ cơ quan lấy ý kiến "
    "(và người viết) thấy; ý kiến đã rút lại không hiện với người khác.",
)
def comment_list(
    request: HttpRequest, consultation_id: ConsultationId, filters: Query[PageQuery]
) -> Any:
    consultation = selectors.consultation_get(user=request.user, pk=consultation_id)
    comments = selectors.comments_visible(user=request.user, consultation=consultation)
    rows, next_cursor = paginate(comments, filters)
    return page_response([_comment(request, c) for c in rows], next_cursor)


@router.post(
    "/consultations/{consultation_id}/comments",
    response={201: CommentOut, **AUTH_ERRORS, **NOT_FOUND},
    summary="Gửi ý kiến góp ý dự thảo",
    description="Góp ý chung, góp ý một mục (`section`) hay một đoạn của mục (`paragraph`), hoặc "
    "trả lời một ý kiến (`parent`). Cần đồng ý xử lý dữ liệu cá nhân và dự thảo đang mở lấy ý "
    "kiến cho người gọi (403 nếu không); dữ liệu không hợp lệ: 422.",
)
def comment_add(request: HttpRequest, consultation_id: ConsultationId, payload: CommentIn) -> Any:
    consultation = selectors.consultation_get(user=request.user, pk=consultation_id)
    section = parent = None
    if payload.section is not None:
        section = DraftSection.objects.filter(
            pk=payload.section, version__consultation=consultation
        ).first()
        if section is None:
            raise _invalid("section", "Mục này không thuộc dự thảo đang góp ý.")
    if payload.parent is not None:
        visible = selectors.comments_visible(user=request.user, consultation=consultation)
        parent = visible.filter(pk=payload.parent).first()
        if parent is None:
            raise _invalid("parent", "Không có ý kiến này trong dự thảo đang góp ý.")
    comment = services.comment_add(
        actor=request.user,
        consultation=consultation,
        section=section,
        paragraph=payload.paragraph,
        parent=parent,
        kind=payload.kind,
        text=payload.text,
        proposed_text=payload.proposed_text,
        on_behalf_of=payload.on_behalf_of,
    )
    return Status(201, _comment(request, comment))


def _invalid(field: str, message: str) -> ValidationError:
    return ValidationError({field: message})


# --- Ideas -----------------------------------------------------------------------------------


def _idea(request: HttpRequest, idea: Idea) -> dict[str, Any]:
    return {
        "id": idea.pk,
        "title": idea.title,
        "field": ref(idea.field),
        "status": idea.status,
        "agency": ref(idea.agency),
        "is_public": idea.is_public,
        "is_mine": idea.author_id == request.user.pk,
        "withdrawn_at": idea.withdrawn_at,
        "created_at": idea.created_at,
    }


@router.get(
    "/ideas",
    response={200: IdeaPage, **AUTH_ERRORS},
    summary="Danh sách hiến kế",
    description="Hiến kế người gọi được xem (như trang «Hòm thư hiến kế»): hiến kế công khai, của "
    "chính mình, của cơ quan mình trả lời; hiến kế không công khai chỉ tác giả và cơ quan trả lời "
    "thấy (cơ quan thường trực chỉ khi đang tiếp nhận để chuyển).",
)
def idea_list(request: HttpRequest, filters: Query[IdeaQuery]) -> Any:
    ideas = selectors.idea_list(user=request.user, mine=filters.mine)
    if filters.status:
        ideas = ideas.filter(status=filters.status)
    rows, next_cursor = paginate(ideas, filters)
    return page_response([_idea(request, i) for i in rows], next_cursor)


@router.get(
    "/ideas/{idea_id}",
    response={200: IdeaDetailOut, **AUTH_ERRORS, **NOT_FOUND},
    summary="Một hiến kế",
    description="Hiến kế với nội dung, người hiến kế và trả lời của cơ quan; 404 nếu người gọi "
    "không được xem (như trang).",
)
def idea_detail(request: HttpRequest, idea_id: IdeaId) -> Any:
    idea = selectors.idea_get(user=request.user, pk=idea_id)
    return _idea(request, idea) | {
        "text": idea.text,
        "author": str(idea.author),
        "response": idea.response,
        "answered_at": idea.answered_at,
        "implemented_note": idea.implemented_note,
    }


# --- Dialogues -------------------------------------------------------------------------------


def _session(session: Any) -> dict[str, Any]:
    return {
        "id": session.pk,
        "topic": session.topic,
        "leader_name": session.leader_name,
        "leader_title": session.leader_title,
        "starts_at": session.starts_at,
        "place": session.place,
        "unit": ref(session.unit),
        "status": session.status,
        "summary": session.summary,
        "questions": session.n_questions,
        "registrations": session.n_registrations,
    }


def _question(request: HttpRequest, q: Question, runner: bool) -> dict[str, Any]:
    return {
        "id": q.pk,
        "author": selectors.question_author_label(user=request.user, question=q, runner=runner),
        "is_mine": q.author_id == request.user.pk,
        "text": q.text,
        "group": q.group,
        "status": q.status,
        "likes": q.n_likes,
        "liked": q.liked,
        "answer": q.answer,
        "answered_at": q.answered_at,
        "created_at": q.created_at,
    }


@router.get(
    "/dialogues",
    response={200: SessionPage, **AUTH_ERRORS},
    summary="Danh sách buổi đối thoại",
    description="Các buổi đối thoại của lãnh đạo với trí thức (mọi người dùng đã đăng nhập).",
)
def session_list(request: HttpRequest, filters: Query[SessionQuery]) -> Any:
    sessions = selectors.session_list()
    if filters.status:
        sessions = sessions.filter(status=filters.status)
    rows, next_cursor = paginate(sessions, filters)
    return page_response([_session(s) for s in rows], next_cursor)


@router.get(
    "/dialogues/{session_id}",
    response={200: SessionDetailOut, **AUTH_ERRORS, **NOT_FOUND},
    summary="Một buổi đối thoại và các câu hỏi",
    description="Buổi đối thoại với các câu hỏi như trang hiển thị: câu hỏi bị ẩn chỉ ban tổ chức "
    "(và người hỏi) thấy; câu hỏi ẩn danh không nêu người hỏi với người tham dự khác.",
)
def session_detail(request: HttpRequest, session_id: SessionId) -> Any:
    session = selectors.session_get(user=request.user, pk=session_id)
    runner = access.may_run_session(request.user, session)
    questions = selectors.questions_visible(user=request.user, session=session)
    return _session(session) | {"question_list": [_question(request, q, runner) for q in questions]}


# --- Associations ----------------------------------------------------------------------------


@router.get(
    "/associations",
    response={200: AssociationPage, **AUTH_ERRORS},
    summary="Hội, hiệp hội trí thức và số hội viên",
    description="Các hội đang hoạt động với số hội viên hiện tại và hội viên trẻ (số liệu, không "
    "có tên người: mọi người dùng đã đăng nhập).",
)
def association_list(request: HttpRequest, filters: Query[PageQuery]) -> Any:
    rows, next_cursor = paginate(selectors.association_list(), filters)
    figures = {f.association.pk: f for f in selectors.association_figures()}
    return page_response(
        [
            {
                "id": a.pk,
                "name": a.name,
                "kind": a.kind,
                "parent_id": a.parent_id,
                "members": figures[a.pk].members,
                "young_members": figures[a.pk].young,
            }
            for a in rows
        ],
        next_cursor,
    )
