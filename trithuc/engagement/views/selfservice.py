"""An intellectual's own area: sign up, consent, own profile, own contributions, data download."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from trithuc.core.forms import add_service_errors
from trithuc.people.models import Person
from trithuc.people.services import EditConflict
from trithuc.privacy.notice import consent_notice_current
from trithuc.privacy.selectors import consent_in_force

from .. import services
from ..export import personal_data
from ..forms import ProfileForm, SignUpForm
from ..models import Comment, Idea, Question
from ..selectors import my_memberships


def sign_up(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("engagement:my_area")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.intellectual_sign_up(**form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            login(request, user, backend="trithuc.accounts.backends.CachedModelBackend")
            messages.success(request, "Đã tạo tài khoản và ghi nhận sự đồng ý của bạn.")
            return redirect("engagement:my_area")
    return render(
        request, "engagement/sign_up.html", {"form": form, "notice": consent_notice_current()}
    )


@login_required
def my_area(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "consent": consent_in_force(user),
        "notice": consent_notice_current(),
        "past_consents": user.consents.all(),
        "person": Person.objects.filter(user=user).first(),
        "comments": Comment.objects.filter(author=user).select_related("consultation"),
        "ideas": Idea.objects.filter(author=user),
        "questions": Question.objects.filter(author=user).select_related("session"),
        "memberships": my_memberships(user),
    }
    return render(request, "engagement/my_area.html", context)


@login_required
@require_POST
def consent_give(request: HttpRequest) -> HttpResponse:
    services.participation_consent_give(actor=request.user)
    messages.success(
        request, "Đã ghi nhận sự đồng ý của bạn; bạn có thể tham gia góp ý, hiến kế, đối thoại."
    )
    return redirect("engagement:my_area")


@login_required
@require_POST
def consent_withdraw(request: HttpRequest) -> HttpResponse:
    messages.warning(request, services.participation_consent_withdraw(actor=request.user))
    return redirect("engagement:my_area")


@login_required
def my_profile(request: HttpRequest) -> HttpResponse:
    person = Person.objects.filter(user=request.user).first()
    if person is None:
        messages.warning(request, "Tài khoản này chưa gắn với hồ sơ trí thức nào.")
        return redirect("engagement:my_area")
    initial = {
        "hometown": person.hometown,
        "expertise": person.expertise,
        "fields": list(person.fields.all()),
        "version": person.version,
    }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.my_profile_update(actor=request.user, expected_version=version, data=data)
        except EditConflict as conflict:
            form.add_error(
                None, f"Hồ sơ vừa được {conflict.changed_by} cập nhật; hãy xem lại và lưu lần nữa."
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã lưu hồ sơ.")
            return redirect("engagement:my_area")
    return render(request, "engagement/form.html", {"form": form, "title": "Hồ sơ của tôi"})


@login_required
def my_data_download(request: HttpRequest) -> HttpResponse:
    body = json.dumps(personal_data(request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="du-lieu-cua-toi.json"'
    return response
