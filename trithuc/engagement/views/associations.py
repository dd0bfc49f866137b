"""Pages of associations: figures for everyone signed in, member lists within scope."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from trithuc.accounts.scoping import Action, restrict
from trithuc.people.models import Person

from .. import access, selectors, services
from ..forms import MembershipForm
from ..models import Association
from ._common import act, form_errors


def _member_form(request: HttpRequest, association: Association, data=None) -> MembershipForm:
    associations = (
        Association.objects.filter(pk=association.pk) | association.members_associations.all()
    )
    people = restrict(Person.objects.all(), request.user, Action.VIEW)
    return MembershipForm(data, people=people, associations=associations)


@login_required
def association_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "engagement/association_list.html",
        {
            "figures": selectors.association_figures(),
            "young_limit": settings.TRITHUC_YOUNG_AGE_LIMIT,
        },
    )


@login_required
def association_detail(request: HttpRequest, pk: int) -> HttpResponse:
    association = selectors.association_get(pk)
    keeper = access.may_keep_members(request.user, association)
    members = selectors.memberships_visible(user=request.user, association=association)
    return render(
        request,
        "engagement/association_detail.html",
        {
            "association": association,
            "members": members[:500],
            "figures": next(
                (f for f in selectors.association_figures() if f.association.pk == association.pk),
                None,
            ),
            "form": _member_form(request, association) if keeper else None,
        },
    )


@login_required
@require_POST
def membership_add(request: HttpRequest, pk: int) -> HttpResponse:
    association = selectors.association_get(pk)
    if not access.may_keep_members(request.user, association):
        raise PermissionDenied(f"Bạn không quản lý hội viên của «{association}».")
    form = _member_form(request, association, request.POST)
    back = reverse("engagement:association_detail", args=[pk])
    if not form.is_valid():
        form_errors(request, form)
        return redirect(back)
    data = form.cleaned_data
    return act(
        request,
        lambda: services.membership_add(
            actor=request.user,
            association=data["association"],
            person=data["person"],
            joined_on=data["joined_on"],
            position=data["position"],
        ),
        f"Đã thêm hội viên {data['person']}.",
        back,
    )
