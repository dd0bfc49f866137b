"""Pages of the personal-data protection area (/bao-ve-du-lieu/): the access log, a person's
privacy record, data subjects' requests, the breach register and the retention list."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from trithuc.accounts.scoping import Action, get_in_scope_or_404
from trithuc.core.forms import add_service_errors
from trithuc.people.models import Person

from . import selectors, services
from .access import may_manage_privacy, people_in_privacy_scope, require_privacy_officer
from .choices import OPEN_REQUEST_STATUSES
from .forms import (
    AccessLogFilterForm,
    IncidentForm,
    IncidentUpdateForm,
    SubjectRequestForm,
    SubjectRequestUpdateForm,
)

PAGE_SIZE = 50


@login_required
def access_log(request: HttpRequest) -> HttpResponse:
    require_privacy_officer(request.user)
    form = AccessLogFilterForm(request.GET or None)
    filters = selectors.AccessLogFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.AccessLogFilters(
            person=data["nguoi"],
            user=data["nguoi_dung"],
            date_from=data["tu_ngay"],
            date_to=data["den_ngay"],
            action=data["hanh_dong"],
        )
    entries = selectors.access_log_search(user=request.user, filters=filters)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request, "privacy/access_log.html", {"form": form, "page": page, "query": query.urlencode()}
    )


@login_required
def person_privacy(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's privacy record: consents, who read their data, their requests. Open to the
    person themself and to the privacy officers whose scope holds them."""
    person = get_in_scope_or_404(Person.objects.all(), request.user, Action.VIEW, pk=pk)
    own = person.user_id == request.user.pk
    officer = may_manage_privacy(request.user)
    if not (own or officer):
        raise PermissionDenied("Chỉ chính người này hoặc cơ quan thường trực được xem trang này.")
    return render(
        request,
        "privacy/person_privacy.html",
        {
            "person": person,
            "consents": selectors.consents_of(person.user),
            "accesses": selectors.access_log_for_person(person.pk)[:200],
            "requests": person.subject_requests.select_related("handler"),
            "request_form": SubjectRequestForm(initial={"received_on": timezone.localdate()})
            if officer
            else None,
            "anonymised": hasattr(person, "anonymisation"),
        },
    )


@login_required
@require_POST
def request_create(request: HttpRequest, pk: int) -> HttpResponse:
    require_privacy_officer(request.user)
    person = get_in_scope_or_404(Person.objects.all(), request.user, Action.VIEW, pk=pk)
    form = SubjectRequestForm(request.POST)
    if form.is_valid():
        try:
            case = services.subject_request_create(
                actor=request.user, person=person, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, f"Đã tiếp nhận yêu cầu #{case.pk}; hạn giải quyết {case.due_on:%d/%m/%Y}."
            )
            return redirect("privacy:request_detail", pk=case.pk)
    messages.error(request, "Chưa tiếp nhận được yêu cầu: " + "; ".join(_errors(form)))
    return redirect("privacy:person_privacy", pk=person.pk)


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    require_privacy_officer(request.user)
    cases = selectors.subject_requests_for(request.user)
    open_only = request.GET.get("tat_ca") != "1"
    if open_only:
        cases = cases.filter(status__in=OPEN_REQUEST_STATUSES)
    return render(
        request,
        "privacy/request_list.html",
        {"cases": cases, "open_only": open_only, "today": timezone.localdate()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_privacy_officer(request.user)
    case = get_object_or_404(selectors.subject_requests_for(request.user), pk=pk)
    form = SubjectRequestUpdateForm(request.POST or None, initial={"status": case.status})
    if request.method == "POST" and form.is_valid():
        try:
            services.subject_request_update(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã cập nhật yêu cầu.")
            return redirect("privacy:request_detail", pk=case.pk)
        case.refresh_from_db()
    return render(
        request,
        "privacy/request_detail.html",
        {
            "case": case,
            "form": form if case.is_open else None,
            "history": case.history.select_related("history_user").order_by("-history_date"),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def incident_list(request: HttpRequest) -> HttpResponse:
    require_privacy_officer(request.user)
    form = IncidentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            incident = services.incident_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã ghi nhận sự cố; đồng hồ 72 giờ bắt đầu từ lúc phát hiện.")
            return redirect("privacy:incident_detail", pk=incident.pk)
    return render(
        request,
        "privacy/incident_list.html",
        {
            "form": form,
            "incidents": selectors.incidents(),
            "hours": settings.TRITHUC_BREACH_NOTIFY_HOURS,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_privacy_officer(request.user)
    incident = get_object_or_404(selectors.incidents(), pk=pk)
    form = IncidentUpdateForm(request.POST or None, initial={"status": incident.status})
    if request.method == "POST" and form.is_valid():
        try:
            services.incident_update(actor=request.user, incident=incident, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã cập nhật sự cố.")
            return redirect("privacy:incident_detail", pk=incident.pk)
        incident.refresh_from_db()
    return render(
        request,
        "privacy/incident_detail.html",
        {
            "incident": incident,
            "form": form,
            "history": incident.history.select_related("history_user").order_by("-history_date"),
        },
    )


@login_required
def retention(request: HttpRequest) -> HttpResponse:
    """What the retention rule would anonymise today (a dry run); the change itself is made by
    ``trithuc retention --apply`` (scheduled by the administrator)."""
    require_privacy_officer(request.user)
    candidates = services.retention_candidates().filter(
        pk__in=people_in_privacy_scope(request.user).values("pk")
    )
    return render(
        request,
        "privacy/retention.html",
        {
            "candidates": candidates[:500],
            "count": candidates.count(),
            "years": settings.TRITHUC_RETENTION_YEARS_AFTER_LEAVING,
        },
    )


def _errors(form) -> list[str]:
    return [
        f"{form.fields[name].label if name in form.fields else ''}: {' '.join(errs)}".lstrip(": ")
        for name, errs in form.errors.items()
    ]
