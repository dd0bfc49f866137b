"""Pages of dialogue sessions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from trithuc.accounts.scoping import Action, units_in_scope
from trithuc.core.dates import today
from trithuc.core.forms import add_service_errors
from trithuc.orgunits.models import OrgUnit
from trithuc.tasks.selectors import program_current

from .. import access, selectors, services
from ..choices import QuestionStatus, SessionStatus
from ..forms import CommitmentForm, ModerateForm, QuestionForm, SessionForm
from ..models import Question
from ._common import act, form_errors, participating


def _organising_units(user) -> list[OrgUnit]:
    return [u for u in units_in_scope(user, Action.VIEW) if access.may_organise_for(user, u.pk)]


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    sessions = selectors.session_list()
    held = sessions.filter(status=SessionStatus.HELD)
    return render(
        request,
        "engagement/session_list.html",
        {
            "sessions": sessions,
            "held_this_year": held.filter(starts_at__year=today().year).count(),
            "may_create": bool(_organising_units(request.user)),
        },
    )


@login_required
def session_create(request: HttpRequest) -> HttpResponse:
    units = _organising_units(request.user)
    if not units:
        raise PermissionDenied(
            "Chỉ cơ quan thường trực Chương trình và cơ quan chuyên môn tổ chức đối thoại."
        )
    form = SessionForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("engagement:session_detail", session.pk)
    return render(
        request, "engagement/form.html", {"form": form, "title": "Lên lịch buổi đối thoại"}
    )


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_get(user=request.user, pk=pk)
    runner = access.may_run_session(request.user, session)
    questions = list(selectors.questions_visible(user=request.user, session=session))
    for q in questions:
        q.author_label = selectors.question_author_label(
            user=request.user, question=q, runner=runner
        )
    context = {
        "session": session,
        "runner": runner,
        "questions": questions,
        "registered": session.registrations.filter(user_id=request.user.pk).exists(),
        "planned": session.status == SessionStatus.PLANNED,
        "question_form": QuestionForm(),
        "moderate_form": ModerateForm(),
        "commitment_form": CommitmentForm(
            units=list(OrgUnit.objects.active_on(today()).order_by("path"))
        )
        if runner and access.is_program_office(request.user)
        else None,
        "commitments": session.commitments.select_related("task"),
        "statuses": QuestionStatus,
    }
    return render(request, "engagement/session_detail.html", context)


def _back(pk: int) -> str:
    return reverse("engagement:session_detail", args=[pk])


@login_required
@require_POST
@participating
def session_register(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_get(user=request.user, pk=pk)
    return act(
        request,
        lambda: services.session_register(actor=request.user, session=session),
        "Đã đăng ký dự.",
        _back(pk),
    )


@login_required
@require_POST
@participating
def question_submit(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_get(user=request.user, pk=pk)
    form = QuestionForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return redirect(_back(pk))
    return act(
        request,
        lambda: services.question_submit(actor=request.user, session=session, **form.cleaned_data),
        "Đã gửi câu hỏi.",
        _back(pk),
    )


def _question(request: HttpRequest, pk: int) -> Question:
    question = get_object_or_404(Question.objects.select_related("session"), pk=pk)
    visible = selectors.questions_visible(user=request.user, session=question.session)
    if not visible.filter(pk=pk).exists():
        raise Http404("Không tìm thấy câu hỏi.")
    return question


@login_required
@require_POST
@participating
def question_like(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(request, pk)
    try:
        services.question_like(actor=request.user, question=question)
    except ValidationError as exc:
        return HttpResponse(" ".join(exc.messages), status=400)
    if request.htmx:
        row = selectors.questions_visible(user=request.user, session=question.session).get(pk=pk)
        return render(request, "engagement/_like.html", {"q": row})
    return redirect(_back(question.session_id))


@login_required
@require_POST
def question_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(request, pk)
    form = ModerateForm(request.POST)
    data = form.data
    return act(
        request,
        lambda: services.question_moderate(
            actor=request.user,
            question=question,
            status=data.get("status", ""),
            group=data.get("group"),
            note=data.get("note", ""),
        ),
        "Đã cập nhật câu hỏi.",
        _back(question.session_id),
    )


@login_required
@require_POST
def question_answer(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(request, pk)
    text = request.POST.get("text", "")
    return act(
        request,
        lambda: services.question_answer(actor=request.user, question=question, answer=text),
        "Đã ghi nội dung trả lời.",
        _back(question.session_id),
    )


@login_required
@require_POST
def question_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(request, pk)
    return act(
        request,
        lambda: services.question_withdraw(actor=request.user, question=question),
        "Đã rút lại câu hỏi.",
        reverse("engagement:my_area"),
    )


@login_required
@require_POST
def session_held(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_get(user=request.user, pk=pk)
    summary = request.POST.get("text", "")
    return act(
        request,
        lambda: services.session_mark_held(actor=request.user, session=session, summary=summary),
        "Đã ghi nhận buổi đối thoại đã tổ chức; chỉ tiêu «định kỳ đối thoại» được cập nhật.",
        _back(pk),
    )


@login_required
@require_POST
def commitment_add(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_get(user=request.user, pk=pk)
    form = CommitmentForm(request.POST, units=list(OrgUnit.objects.active_on(today())))
    program = program_current()
    if not form.is_valid() or program is None:
        form_errors(request, form)
        return redirect(_back(pk))
    data = form.cleaned_data
    question = session.questions.filter(pk=data["question"]).first() if data["question"] else None
    return act(
        request,
        lambda: services.commitment_add(
            actor=request.user,
            session=session,
            program=program,
            text=data["text"],
            lead_unit=data["lead_unit"],
            deadline=data["deadline"],
            question=question,
        ),
        "Đã ghi cam kết và giao thành nhiệm vụ của Chương trình.",
        _back(pk),
    )
