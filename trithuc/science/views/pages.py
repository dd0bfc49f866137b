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
from trithuc.core.forms import service_error_messages
from trithuc.orgunits.models import OrgUnit
from trithuc.people.models import Person

from .. import access, finder, selectors, services
from ..choices import TASK_TRANSITIONS, InitiativeStatus, NeedStatus, TaskStatus
from ..forms import DeclarationForm, FinderForm, NeedForm, ResultApplicationForm, ScoreForm
from ..models import Council, Criterion


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


def _task_actions(user, task, council, runs: bool) -> dict[str, bool]:
    """Which lifecycle buttons the task page shows: the step the task is at, for whoever the
    service would let take it."""
    status = task.status
    open_council = council is not None and not council.is_closed
    contracted = status == TaskStatus.CONTRACTED
    may_apply = access.may_propose_any(user) or Person.objects.filter(user=user).exists()
    return {
        "call": runs and status == TaskStatus.ORDERED,
        "apply": status == TaskStatus.CALLED and may_apply,
        "council": runs and status == TaskStatus.CALLED,
        "finder": runs and status == TaskStatus.CALLED,
        "close": runs and open_council,
        "select": runs and status == TaskStatus.REVIEWING and not open_council,
        "contract": runs and status == TaskStatus.SELECTED,
        "milestone": runs and contracted,
        "report": contracted and access.may_report_progress(user, task),
        "accept": runs and contracted,
        "cancel": runs and TaskStatus.CANCELLED in TASK_TRANSITIONS[status],
    }


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(pk)
    runs = access.may_run(request.user, task.managing_unit_id)
    council = Council.objects.filter(task=task).first()
    accepted = task.status == TaskStatus.ACCEPTED
    context = {
        "task": task,
        "runs": runs,
        "actions": _task_actions(request.user, task, council, runs),
        "applications": selectors.application_list(user=request.user, task=task),
        "council": council,
        "milestones": task.milestones.all(),
        "uses": task.result_uses.select_related("applying_unit"),
        "result_form": ResultApplicationForm() if runs and accepted else None,
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
def need_list(request: HttpRequest) -> HttpResponse:
    needs = list(selectors.need_list(user=request.user)[:200])
    runnable = selectors.runnable_unit_ids(
        user=request.user, unit_ids={n.managing_unit_id for n in needs}
    )
    context = {
        "needs": needs,
        "may_propose": access.may_propose_any(request.user),
        "may_order": access.may_run_any(request.user),
        "rejectable": {
            n.pk
            for n in needs
            if n.status == NeedStatus.PROPOSED and n.managing_unit_id in runnable
        },
    }
    return render(request, "science/need_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def need_add(request: HttpRequest) -> HttpResponse:
    if not access.may_propose_any(request.user):
        raise PermissionDenied("Tài khoản của bạn không đề xuất nhiệm vụ cho đơn vị nào.")
    units = units_in_scope(request.user, Action.CHANGE)
    managers = selectors.managing_units()
    data = request.POST if request.method == "POST" else None
    form = NeedForm(data, units=units, managers=managers)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["proposing_unit"] = get_object_or_404(OrgUnit, pk=data["proposing_unit"])
        data["managing_unit"] = get_object_or_404(OrgUnit, pk=data["managing_unit"])
        try:
            services.need_propose(actor=request.user, **data)
        except ValidationError as exc:
            form.add_error(None, service_error_messages(exc))
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
        for message in service_error_messages(exc):
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
        for message in service_error_messages(exc):
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
    initiatives = list(selectors.initiative_list(user=request.user)[:200])
    runnable = selectors.runnable_unit_ids(
        user=request.user, unit_ids={i.unit_id for i in initiatives}
    )
    context = {
        "initiatives": initiatives,
        "may_submit": access.may_propose_any(request.user),
        "decidable": {
            i.pk
            for i in initiatives
            if i.status == InitiativeStatus.SUBMITTED and i.unit_id in runnable
        },
    }
    return render(request, "science/initiative_list.html", context)


@login_required
def cooperation_list(request: HttpRequest) -> HttpResponse:
    programmes = list(selectors.cooperation_list().prefetch_related("experts")[:200])
    context = {
        "programmes": programmes,
        "may_add": access.may_run_any(request.user),
        "editable": selectors.runnable_unit_ids(
            user=request.user, unit_ids={c.organising_unit_id for c in programmes}
        ),
    }
    return render(request, "science/cooperation_list.html", context)
