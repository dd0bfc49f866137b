"""Pages of the person registry. Each view parses input, calls one selector or service, renders."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from trithuc.accounts.scoping import Action, any_unit_in_scope, can, units_in_scope
from trithuc.core.forms import add_service_errors
from trithuc.imports.links import ExportLink
from trithuc.privacy.services import access_record_view

from . import selectors, services
from .forms import (
    EmploymentForm,
    PersonCreateForm,
    PersonFilterForm,
    PersonForm,
    QualificationForm,
)


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    form = PersonFilterForm(request.GET or None, units=units_in_scope(request.user, Action.VIEW))
    filters = selectors.PersonFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.PersonFilters(
            q=data["q"],
            expertise=data["expertise"],
            unit=data["unit"],
            field_id=data["field"] and data["field"].pk,
            degree_id=data["degree"] and data["degree"].pk,
            group=data["group"],
            age_band=data["age"],
        )
    page = selectors.person_page(
        user=request.user, filters=filters, number=request.GET.get("trang")
    )
    template = "people/_person_table.html" if request.htmx else "people/person_list.html"
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "can_create": any_unit_in_scope(request.user, Action.CHANGE),
            "export": ExportLink("people", filters.unit),
        },
    )


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_get(user=request.user, pk=pk)
    access_record_view(request, person)
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "employments": selectors.person_employments(person),
            "qualifications": selectors.person_qualifications(person),
            "history": selectors.person_history(person),
            "can_edit": can(request.user, Action.CHANGE, person),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_get(user=request.user, pk=pk, action=Action.CHANGE)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "GET":
        access_record_view(request, person)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("cccd", "version")}
        try:
            services.person_update(
                actor=request.user,
                person_id=person.pk,
                expected_version=form.cleaned_data["version"],
                data=data,
                cccd=form.cleaned_data["cccd"] or None,
            )
        except services.EditConflict as exc:
            conflict = exc
            # The form keeps what this user typed; the new version lets them save over it knowingly.
            form.data = form.data.copy()
            form.data["version"] = exc.person.version
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã lưu hồ sơ.")
            return redirect("people:person_detail", pk=person.pk)
    return render(
        request,
        "people/person_form.html",
        {"form": form, "person": person, "conflict": conflict},
        status=409 if conflict else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    units = units_in_scope(request.user, Action.CHANGE)
    if not units:
        return render(request, "403.html", status=403)
    form = PersonCreateForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            person = services.person_create(actor=request.user, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã thêm hồ sơ.")
            return redirect("people:person_detail", pk=person.pk)
    return render(request, "people/person_form.html", {"form": form, "person": None})


@login_required
@require_http_methods(["GET", "POST"])
def employment_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_get(user=request.user, pk=pk, action=Action.CHANGE)
    form = EmploymentForm(request.POST or None, units=units_in_scope(request.user, Action.CHANGE))
    if request.method == "POST" and form.is_valid():
        try:
            services.employment_add(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã thêm quá trình công tác.")
            return redirect("people:person_detail", pk=person.pk)
    return render(
        request,
        "people/record_form.html",
        {"form": form, "person": person, "title": "Thêm quá trình công tác"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def qualification_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_get(user=request.user, pk=pk, action=Action.CHANGE)
    form = QualificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.qualification_add(actor=request.user, person=person, **form.cleaned_data)
        messages.success(request, "Đã thêm văn bằng.")
        return redirect("people:person_detail", pk=person.pk)
    return render(
        request,
        "people/record_form.html",
        {"form": form, "person": person, "title": "Thêm văn bằng"},
    )


@login_required
def person_options(request: HttpRequest) -> HttpResponse:
    """The <option>s of a person picker (htmx): what was picked, then the first matches."""
    field = request.GET.get("o", "")
    selected = [int(v) for v in request.GET.getlist(field) if v.isdigit()] if field else []
    action = Action.CHANGE if request.GET.get("quyen") == "sua" else Action.VIEW
    query = request.GET.get("q", "")[:100]
    people = selectors.person_options(
        user=request.user,
        action=action,
        query=query,
        selected=selected,
        limit=settings.TRITHUC_PERSON_PICKER_LIMIT,
    )
    context = {
        "people": people,
        "selected": set(selected),
        "query": query,
        "multiple": request.GET.get("nhieu") == "1",
    }
    return render(request, "people/_person_options.html", context)
