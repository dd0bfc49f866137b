"""Pages of the science records. Each view parses input, calls one selector or service, renders.
Out of scope answers 404 (alike for missing); refused actions raise the service's PermissionDenied,
shown by the project's 403 page with its reason."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from trithuc.accounts.scoping import Action, units_in_scope
from trithuc.core.dates import today
from trithuc.orgunits.models import OrgUnit
from trithuc.people.models import Person

from . import access, finder, selectors, services
from .choices import TaskStatus
from .forms import DeclarationForm, FinderForm, NeedForm, ResultApplicationForm, ScoreForm
from .models import Council, Criterion


def _errors(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [m for ms in exc.message_dict.values() for m in ms]
    return exc.messages


@login_required
def task_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("trang_thai", "")
    tasks = selectors.task_list(status=status, q=request.GET.get("q", ""))
    context = {
        "tasks": tasks[:200],
        "statuses": TaskStatus.choices,
        "status": status,
        "may_propose": access.may_propose_any(request.user),
    }
    return render(request, "science/task_list.html", context)


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(pk)
    runs = access.may_run(request.user, task.managing_unit_id)
    context = {
        "task": task,
        "runs": runs,
        "applications": selectors.application_list(user=request.user, task=task),
        "council": Council.objects.filter(task=task).first(),
        "milestones": task.milestones.all(),
        "uses": task.result_uses.select_related("applying_unit"),
        "result_form": ResultApplicationForm() if runs else None,
    }
    return render(request, "science/task_detail.html", context)


@login_required
def expert_finder(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(pk)
    if not access.may_run(request.user, task.managing_unit_id):
        raise PermissionDenied("Chỉ cơ quan quản lý nhiệm vụ mới tìm chuyên gia cho hội đồng.")
    form = FinderForm(request.GET or None)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    candidates = finder.expert_find(
        people=Person.objects.visible_to(request.user),
        task=task,
        keywords=data.get("keywords", ""),
        exclude_conflicts=data.get("exclude", False),
    )
    template = "science/_candidates.html" if request.htmx else "science/expert_finder.html"
    return render(request, template, {"task": task, "form": form, "candidates": candidates})


@login_required
@require_POST
def result_add(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(pk)
    form = ResultApplicationForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Thông tin áp dụng kết quả chưa đủ.")
        return redirect("science:task_detail", pk=task.pk)
    try:
        services.result_application_record(actor=request.user, task=task, **form.cleaned_data)
        messages.success(request, "Đã ghi nhận kết quả được áp dụng.")
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
    return redirect("science:task_detail", pk=task.pk)


@login_required
def need_list(request: HttpRequest) -> HttpResponse:
    needs = selectors.need_list(user=request.user)
    context = {"needs": needs[:200], "may_propose": access.may_propose_any(request.user)}
    return render(request, "science/need_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def need_add(request: HttpRequest) -> HttpResponse:
    if not access.may_propose_any(request.user):
        raise PermissionDenied("Tài khoản của bạn không đề xuất nhiệm vụ cho đơn vị nào.")
    units = units_in_scope(request.user, Action.CHANGE)
    form = NeedForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["proposing_unit"] = get_object_or_404(OrgUnit, pk=data["proposing_unit"])
        data["managing_unit"] = get_object_or_404(OrgUnit, pk=data["managing_unit"])
        try:
            services.need_propose(actor=request.user, **data)
        except ValidationError as exc:
            form.add_error(None, _errors(exc))
        else:
            messages.success(request, "Đã gửi đề xuất nhiệm vụ.")
            return redirect("science:need_list")
    return render(request, "science/need_form.html", {"form": form})


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get(user=request.user, pk=pk)
    sees_reviews = access.may_see_reviews(request.user, application)
    context = {"application": application, "team": application.team.select_related("person")}
    if sees_reviews:
        council = access.council_of(application)
        seat = access.membership(request.user, council)
        context |= {
            "sees_reviews": True,
            "council": council,
            "seat": seat,
            "scores": selectors.scores_visible(user=request.user, application=application),
            "declarations": selectors.declarations_visible(
                user=request.user, application=application
            ),
            "refusal": access.score_refusal(request.user, application) if seat else "",
            "criteria": council.criteria.all() if council else [],
            "declaration_form": DeclarationForm(),
        }
    return render(request, "science/application_detail.html", context)


@login_required
@require_POST
def declare(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get(user=request.user, pk=pk)
    form = DeclarationForm(request.POST)
    form.is_valid()
    try:
        services.conflict_declare(
            actor=request.user,
            application=application,
            has_conflict=form.cleaned_data.get("has_conflict", False),
            reason=form.cleaned_data.get("reason", ""),
            declared_on=today(),
        )
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
    return redirect("science:application_detail", pk=application.pk)


@login_required
@require_POST
def score(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get(user=request.user, pk=pk)
    form = ScoreForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Điểm không hợp lệ.")
        return redirect("science:application_detail", pk=application.pk)
    criterion = get_object_or_404(Criterion, pk=form.cleaned_data["criterion"])
    try:
        services.score_record(
            actor=request.user,
            application=application,
            criterion=criterion,
            value=form.cleaned_data["value"],
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
    return redirect("science:application_detail", pk=application.pk)


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    applications = selectors.assigned_applications(user=request.user)
    return render(request, "science/review_list.html", {"applications": applications})


@login_required
def council_summary(request: HttpRequest, pk: int) -> HttpResponse:
    council = get_object_or_404(Council.objects.select_related("task"), pk=pk)
    if not access.may_see_summary(request.user, council):
        raise Http404("Không tìm thấy hồ sơ.")
    summary = selectors.council_summary(council)
    return render(request, "science/council_summary.html", {"summary": summary})


@login_required
def initiative_list(request: HttpRequest) -> HttpResponse:
    initiatives = selectors.initiative_list(user=request.user)
    return render(request, "science/initiative_list.html", {"initiatives": initiatives[:200]})


@login_required
def cooperation_list(request: HttpRequest) -> HttpResponse:
    programmes = selectors.cooperation_list().prefetch_related("experts")
    return render(request, "science/cooperation_list.html", {"programmes": programmes[:200]})
