"""Pages of consultations: list, create, read and comment, moderate, answer, compare versions,
download the synthesis table."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from trithuc.accounts.scoping import Action, units_in_scope
from trithuc.core.dates import today
from trithuc.core.forms import add_service_errors
from trithuc.people.models import Person

from .. import access, selectors, services
from ..choices import ConsultationPhase
from ..forms import AnswerForm, CommentForm, ConsultationForm, HideForm, VersionForm, parse_sections
from ..models import Comment, ConsultationAttachment, DraftSection
from ..synthesis import synthesis_docx, synthesis_xlsx
from ._common import act, form_errors, participating

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _publishing_units(user) -> list:
    return [u for u in units_in_scope(user, Action.VIEW) if access.may_publish_for(user, u.pk)]


@login_required
def consultation_list(request: HttpRequest) -> HttpResponse:
    day = today()
    consultations = [(c, c.phase_on(day)) for c in selectors.consultation_list(user=request.user)]
    return render(
        request,
        "engagement/consultation_list.html",
        {"consultations": consultations, "may_create": bool(_publishing_units(request.user))},
    )


@login_required
def consultation_create(request: HttpRequest) -> HttpResponse:
    units = _publishing_units(request.user)
    if not units:
        raise PermissionDenied(
            "Chỉ cơ quan chuyên môn và cơ quan thường trực Chương trình lấy ý kiến dự thảo."
        )
    experts = Person.objects.filter(user__isnull=False).order_by("sort_key")
    form = ConsultationForm(
        request.POST or None, request.FILES or None, units=units, experts=experts
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consultation = services.consultation_create(
                actor=request.user,
                unit=data["unit"],
                title=data["title"],
                summary=data["summary"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                audience=data["audience"],
                field=data["field"],
                invited=data["invited"],
                sections=parse_sections(data["sections"]),
            )
            if data["attachment"]:
                services.attachment_add(
                    actor=request.user, consultation=consultation, upload=data["attachment"]
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("engagement:consultation_detail", consultation.pk)
    return render(
        request,
        "engagement/form.html",
        {"form": form, "title": "Lấy ý kiến dự thảo mới", "multipart": True},
    )


def _threads(comments: list[Comment]) -> dict[int | None, list[Comment]]:
    """Top-level comments by section id (None: the draft as a whole), each with its replies."""
    replies: dict[int, list[Comment]] = {}
    for c in comments:
        if c.parent_id:
            replies.setdefault(c.parent_id, []).append(c)
    by_section: dict[int | None, list[Comment]] = {}
    for c in comments:
        if not c.parent_id:
            c.thread = replies.get(c.pk, [])
            by_section.setdefault(c.section_id, []).append(c)
    return by_section


@login_required
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = selectors.consultation_get(user=request.user, pk=pk)
    moderator = access.is_moderator(request.user, consultation)
    phase = consultation.phase_on(today())
    comments = list(selectors.comments_visible(user=request.user, consultation=consultation))
    threads = _threads(comments)
    version = consultation.current_version
    sections = [(s, threads.get(s.pk, [])) for s in version.sections.all()] if version else []
    older = [
        c
        for sid, cs in threads.items()
        if sid and sid not in {s.pk for s, _ in sections}
        for c in cs
    ]
    context = {
        "consultation": consultation,
        "phase": phase,
        "version": version,
        "sections": sections,
        "general": threads.get(None, []) + older,
        "moderator": moderator,
        "may_comment": access.may_comment(request.user, consultation),
        "answering": moderator and phase == ConsultationPhase.CLOSED,
        "comment_form": CommentForm(),
        "answer_form": AnswerForm(),
        "hide_form": HideForm(),
        "synthesis": moderator or phase == ConsultationPhase.CLOSED,
        "phases": ConsultationPhase,
    }
    return render(request, "engagement/consultation_detail.html", context)


@login_required
@require_POST
def consultation_publish(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = selectors.consultation_get(user=request.user, pk=pk)
    services.consultation_publish(actor=request.user, consultation=consultation)
    return redirect("engagement:consultation_detail", pk)


@login_required
def version_add(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = selectors.consultation_get(user=request.user, pk=pk)
    if not access.is_moderator(request.user, consultation):
        raise PermissionDenied(
            "Chỉ cơ quan lấy ý kiến hoặc cơ quan thường trực Chương trình sửa dự thảo."
        )
    form = VersionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.draft_version_add(
                actor=request.user,
                consultation=consultation,
                sections=parse_sections(form.cleaned_data["sections"]),
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("engagement:version_compare", pk)
    return render(
        request, "engagement/form.html", {"form": form, "title": f"Dự thảo mới: {consultation}"}
    )


@login_required
def version_compare(request: HttpRequest, pk: int) -> HttpResponse:
    """Every version side by side, sections aligned by their place in the draft."""
    consultation = selectors.consultation_get(user=request.user, pk=pk)
    versions = list(consultation.versions.prefetch_related("sections"))
    depth = max((len(v.sections.all()) for v in versions), default=0)
    rows = [
        [(list(v.sections.all())[i] if i < len(v.sections.all()) else None) for v in versions]
        for i in range(depth)
    ]
    return render(
        request,
        "engagement/version_compare.html",
        {"consultation": consultation, "versions": versions, "rows": rows},
    )


@login_required
@require_POST
@participating
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = selectors.consultation_get(user=request.user, pk=pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return redirect("engagement:consultation_detail", consultation.pk)
    data = form.cleaned_data
    section = (
        DraftSection.objects.filter(pk=data["section"], version__consultation=consultation).first()
        if data["section"]
        else None
    )
    parent = consultation.comments.filter(pk=data["parent"]).first() if data["parent"] else None
    return act(
        request,
        lambda: services.comment_add(
            actor=request.user,
            consultation=consultation,
            section=section,
            paragraph=data["paragraph"],
            parent=parent,
            kind=data["kind"],
            text=data["text"],
            proposed_text=data["proposed_text"],
            on_behalf_of=data["on_behalf_of"],
        ),
        "Đã gửi ý kiến. Cảm ơn bạn đã góp ý.",
        reverse("engagement:consultation_detail", args=[consultation.pk]),
    )


def _comment_in_scope(request: HttpRequest, pk: int) -> Comment:
    comment = get_object_or_404(Comment.objects.select_related("consultation"), pk=pk)
    selectors.consultation_get(user=request.user, pk=comment.consultation_id)
    visible = selectors.comments_visible(user=request.user, consultation=comment.consultation)
    if not visible.filter(pk=pk).exists():
        raise Http404("Không tìm thấy ý kiến.")
    return comment


@login_required
@require_POST
def comment_hide(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _comment_in_scope(request, pk)
    form = HideForm(request.POST)
    reason = form.data.get("reason", "")
    return act(
        request,
        lambda: services.comment_hide(actor=request.user, comment=comment, reason=reason),
        "Đã ẩn ý kiến; lý do được lưu trong lịch sử.",
        reverse("engagement:consultation_detail", args=[comment.consultation_id]),
    )


@login_required
@require_POST
def comment_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _comment_in_scope(request, pk)
    return act(
        request,
        lambda: services.comment_withdraw(actor=request.user, comment=comment),
        "Đã rút lại ý kiến.",
        _next(request) or reverse("engagement:consultation_detail", args=[comment.consultation_id]),
    )


@login_required
@require_POST
def comment_answer(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _comment_in_scope(request, pk)
    return act(
        request,
        lambda: services.comment_answer(
            actor=request.user,
            comment=comment,
            result=request.POST.get("result", ""),
            response=request.POST.get("response", ""),
        ),
        "Đã ghi nội dung tiếp thu, giải trình.",
        reverse("engagement:consultation_detail", args=[comment.consultation_id])
        + f"#y-kien-{comment.pk}",
    )


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    return (
        target
        if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
        else ""
    )


def _synthesis_allowed(request: HttpRequest, pk: int):
    consultation = selectors.consultation_get(user=request.user, pk=pk)
    closed = consultation.phase_on(today()) == ConsultationPhase.CLOSED
    if not (access.is_moderator(request.user, consultation) or closed):
        raise PermissionDenied("Bảng tổng hợp được công khai sau khi hết hạn góp ý.")
    return consultation


@login_required
def synthesis_xlsx_download(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _synthesis_allowed(request, pk)
    response = HttpResponse(synthesis_xlsx(consultation), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="tong-hop-y-kien-{pk}.xlsx"'
    return response


@login_required
def synthesis_docx_download(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _synthesis_allowed(request, pk)
    response = HttpResponse(synthesis_docx(consultation), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="tong-hop-y-kien-{pk}.docx"'
    return response


@login_required
def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = get_object_or_404(ConsultationAttachment, pk=pk)
    selectors.consultation_get(user=request.user, pk=attachment.consultation_id)
    return FileResponse(attachment.file.open("rb"), as_attachment=True)
