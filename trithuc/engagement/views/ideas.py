"""Pages of the ideas box."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from trithuc.core.forms import add_service_errors
from trithuc.orgunits.models import OrgUnit

from .. import access, selectors, services
from ..forms import IdeaAssignForm, IdeaForm
from ._common import act, participating


def _agencies() -> list[OrgUnit]:
    from trithuc.core.dates import today

    return list(OrgUnit.objects.active_on(today()).order_by("path"))


@login_required
def idea_list(request: HttpRequest) -> HttpResponse:
    ideas = selectors.idea_list(user=request.user)
    return render(request, "engagement/idea_list.html", {"ideas": ideas})


@login_required
@participating
def idea_submit(request: HttpRequest) -> HttpResponse:
    access.require_consent(request.user)
    form = IdeaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            idea = services.idea_submit(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("engagement:idea_detail", idea.pk)
    return render(request, "engagement/form.html", {"form": form, "title": "Gửi hiến kế"})


@login_required
def idea_detail(request: HttpRequest, pk: int) -> HttpResponse:
    idea = selectors.idea_get(user=request.user, pk=pk)
    routing = access.may_route_idea(request.user) and idea.status in ("received", "assigned")
    context = {
        "idea": idea,
        "assign_form": IdeaAssignForm(units=_agencies(), initial={"agency": idea.agency_id})
        if routing
        else None,
        "answering": access.is_answering_agency(request.user, idea),
        "is_author": idea.author_id == request.user.pk,
    }
    return render(request, "engagement/idea_detail.html", context)


def _back(idea_pk: int) -> str:
    return reverse("engagement:idea_detail", args=[idea_pk])


@login_required
@require_POST
def idea_assign(request: HttpRequest, pk: int) -> HttpResponse:
    idea = selectors.idea_get(user=request.user, pk=pk)
    agency = OrgUnit.objects.filter(pk=request.POST.get("agency") or 0).first()
    if agency is None:
        messages.error(request, "Cơ quan trả lời: chọn một cơ quan trong danh sách.")
        return redirect(_back(pk))
    # After routing, the program office no longer reads a private idea: back to the list.
    return act(
        request,
        lambda: services.idea_assign(actor=request.user, idea=idea, agency=agency),
        f"Đã chuyển hiến kế cho {agency}.",
        reverse("engagement:idea_list"),
    )


@login_required
@require_POST
def idea_answer(request: HttpRequest, pk: int) -> HttpResponse:
    idea = selectors.idea_get(user=request.user, pk=pk)
    text = request.POST.get("text", "")
    return act(
        request,
        lambda: services.idea_answer(actor=request.user, idea=idea, response=text),
        "Đã gửi trả lời.",
        _back(pk),
    )


@login_required
@require_POST
def idea_implemented(request: HttpRequest, pk: int) -> HttpResponse:
    idea = selectors.idea_get(user=request.user, pk=pk)
    text = request.POST.get("text", "")
    return act(
        request,
        lambda: services.idea_mark_implemented(actor=request.user, idea=idea, note=text),
        "Đã ghi nhận hiến kế được áp dụng.",
        _back(pk),
    )


@login_required
@require_POST
def idea_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    idea = selectors.idea_get(user=request.user, pk=pk)
    return act(
        request,
        lambda: services.idea_withdraw(actor=request.user, idea=idea),
        "Đã rút lại hiến kế.",
        reverse("engagement:my_area"),
    )
