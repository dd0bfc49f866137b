"""Pages of the workforce records. Each view parses input, calls one selector or service, renders.

Answers: 404 when a record is missing or outside the user's scope (alike); 403 with the reason when
the user may see the record but not do the action (the services decide and say why); the form
again, with the user's input and the service's message, when the input can be fixed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from trithuc.accounts.scoping import Action, any_unit_in_scope, units_in_scope
from trithuc.core.dates import today
from trithuc.core.forms import add_service_errors
from trithuc.imports.links import ExportLink
from trithuc.orgunits.models import OrgUnit
from trithuc.privacy.services import access_record_view

from . import access, forms, selectors, services
from .selectors import RecordFilters, candidates, tables
from .services.training import COURSE_REFUSAL

PAGE_SIZE = 50
READ_ONLY = "Tài khoản của bạn chỉ được xem, không được cập nhật hồ sơ cán bộ."
NO_UNITS = "Trang này dành cho cán bộ được phân công theo dõi một đơn vị."
GET_POST = require_http_methods(["GET", "POST"])


# A PermissionDenied raised here or by a service reaches the project's 403 page with its reason.


def page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page for signed-in users (GET only)."""
    return login_required(require_http_methods(["GET"])(view))


def form_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    return login_required(GET_POST(view))


def action(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    return login_required(require_POST(view))


# --- helpers -----------------------------------------------------------------------------------


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [m for found in exc.message_dict.values() for m in found]
    return list(exc.messages)


def _submit(request: HttpRequest, form, act: Callable[[dict], Any], done: str) -> Any:
    """On a valid POST, run ``act`` with the cleaned data; the service's refusal of the input goes
    back onto the form (which keeps what the user typed). PermissionDenied goes up to a 403."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = act(form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
    messages.success(request, done)
    return result


def _flash(request: HttpRequest, act: Callable[[], Any], done: str) -> None:
    """Run a button's action: its refusal is shown on the page it returns to."""
    try:
        act()
    except ValidationError as exc:
        for message in _messages(exc):
            messages.error(request, message)
    else:
        messages.success(request, done)


def _paginate(request: HttpRequest, records) -> Page:
    return Paginator(records, PAGE_SIZE).get_page(request.GET.get("trang"))


def _units_to_write(request: HttpRequest) -> list[OrgUnit]:
    units = units_in_scope(request.user, Action.CHANGE)
    if not units:
        raise PermissionDenied(READ_ONLY)
    return units


def _units_to_read(request: HttpRequest) -> list[OrgUnit]:
    units = units_in_scope(request.user, Action.VIEW)
    if not units:
        raise PermissionDenied(NO_UNITS)
    return units


def _top(units: list[OrgUnit]) -> OrgUnit:
    """The unit a summary starts from: the highest of the user's units."""
    return min(units, key=lambda unit: (unit.depth, unit.path))


def _people(request: HttpRequest):
    return selectors.people_for_choice(user=request.user)


def _initial_person(request: HttpRequest) -> dict:
    """``?nguoi=<pk>`` (from a person's page) preselects that person."""
    pk = request.GET.get("nguoi", "")
    return {"person": int(pk)} if pk.isdigit() else {}


def _filters(form) -> RecordFilters:
    if not form.is_valid():
        return RecordFilters()
    data = form.cleaned_data
    return RecordFilters(
        unit=data.get("don_vi"),
        year=data.get("nam"),
        status=data.get("muc") or data.get("trang_thai") or "",
        kind=data.get("loai") or "",
        position=data.get("chuc_danh"),
        term=data.get("nhiem_ky") or "",
        award_type=data.get("hinh_thuc"),
        policy=data.get("chinh_sach"),
    )


def _list(request: HttpRequest, table: str, context: dict, *, export: str = "") -> HttpResponse:
    """A list page; an htmx request (a filter changed) gets the table alone. ``export`` names the
    spreadsheet kind the page's «Xuất Excel» writes, for the unit the list is filtered on."""
    context = {"table_template": table, **context}
    if export:
        context["export"] = ExportLink(export, _filtered_unit(context.get("form")))
    template = "workforce/_results.html" if request.htmx else "workforce/list.html"
    return render(request, template, context)


def _filtered_unit(form) -> OrgUnit | None:
    if form is None or not form.is_bound or not form.is_valid():
        return None
    return form.cleaned_data.get("don_vi")


def _form(request: HttpRequest, form, title: str, back: str, **extra) -> HttpResponse:
    context = {"form": form, "title": title, "back": back, **extra}
    return render(request, "workforce/form.html", context)


# --- overview ----------------------------------------------------------------------------------


@page
def index(request: HttpRequest) -> HttpResponse:
    reads_units = any_unit_in_scope(request.user, Action.VIEW)
    return render(request, "workforce/index.html", {"reads_units": reads_units})


# --- training ----------------------------------------------------------------------------------


@page
def course_list(request: HttpRequest) -> HttpResponse:
    form = forms.CourseFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = RecordFilters(kind=data.get("loai") or "", year=data.get("nam"))
    return _list(
        request,
        "workforce/_course_table.html",
        {
            "title": "Đào tạo, bồi dưỡng",
            "form": form,
            "page": _paginate(request, selectors.course_list(user=request.user, filters=filters)),
            "create_url": reverse("workforce:course_create")
            if access.may_manage_courses(request.user)
            else None,
            "create_label": "Mở khóa học",
            "links": [("workforce:training_plan", "Kế hoạch và kết quả cử đi đào tạo")],
        },
        export="training",
    )


@form_page
def course_create(request: HttpRequest) -> HttpResponse:
    if not access.may_manage_courses(request.user):
        # The service refuses too; refusing here spares the user a form they cannot send.
        raise PermissionDenied(COURSE_REFUSAL)
    form = forms.CourseForm(request.POST or None)
    course = _submit(
        request,
        form,
        lambda data: services.training_course_create(actor=request.user, **data),
        "Đã mở khóa học.",
    )
    if course is not None:
        return redirect("workforce:course_detail", pk=course.pk)
    return _form(request, form, "Mở khóa đào tạo, bồi dưỡng", reverse("workforce:course_list"))


@page
def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    course = selectors.course_get(pk=pk)
    enrollments = selectors.course_enrollments(user=request.user, course=course)
    rows = [(e, access.enrollment_moves(request.user, e)) for e in enrollments]
    return render(
        request,
        "workforce/course_detail.html",
        {"course": course, "rows": rows, "can_enroll": access.may_write_any(request.user)},
    )


@form_page
def enrollment_add(request: HttpRequest, pk: int) -> HttpResponse:
    course = selectors.course_get(pk=pk)
    units = _units_to_write(request)
    form = forms.EnrollmentForm(
        request.POST or None,
        units=units,
        people=_people(request),
        initial={
            **_initial_person(request),
            "sending_unit": units[0].pk if len(units) == 1 else None,
        },
    )
    done = _submit(
        request,
        form,
        lambda data: services.enrollment_create(actor=request.user, course=course, **data),
        "Đã thêm người được cử đi học.",
    )
    if done is not None:
        return redirect("workforce:course_detail", pk=course.pk)
    back = reverse("workforce:course_detail", args=[course.pk])
    return _form(request, form, f"Cử người đi học: {course.name}", back)


@action
def enrollment_status(request: HttpRequest, pk: int) -> HttpResponse:
    enrollment = selectors.enrollment_get_for_user(user=request.user, pk=pk)
    form = forms.EnrollmentStatusForm(request.POST)
    if form.is_valid():
        _flash(
            request,
            lambda: services.enrollment_set_status(
                actor=request.user, enrollment=enrollment, status=form.cleaned_data["status"]
            ),
            f"Đã cập nhật tình trạng học tập của {enrollment.person.full_name}.",
        )
    else:
        messages.error(request, "Tình trạng không hợp lệ.")
    return redirect("workforce:course_detail", pk=enrollment.course_id)


def _unit_and_year(
    request: HttpRequest, units: list[OrgUnit]
) -> tuple[forms.UnitYearForm, OrgUnit, int]:
    """The unit and year a summary is about: as asked, else the user's first unit and this year."""
    top, year = _top(units), today().year
    form = forms.UnitYearForm(
        request.GET or None, units=units, initial={"don_vi": top.pk, "nam": year}
    )
    if form.is_valid():
        return form, form.cleaned_data["don_vi"], form.cleaned_data["nam"] or year
    return form, top, year


@form_page
def training_plan(request: HttpRequest) -> HttpResponse:
    form, unit, year = _unit_and_year(request, _units_to_read(request))
    if request.method == "POST" and not form.is_valid():
        raise Http404("Không tìm thấy đơn vị trong phạm vi được phân quyền.")
    plan_form = forms.TrainingPlanForm(
        request.POST or None, plans=selectors.training_plans_of(unit=unit, year=year)
    )

    def save(planned: dict[str, int]) -> None:
        if not planned:
            raise ValidationError("Hãy nhập số người dự kiến cử đi của ít nhất một loại hình.")
        with transaction.atomic():
            for kind, number in planned.items():
                services.training_plan_set(
                    actor=request.user, unit=unit, year=year, kind=kind, planned=number
                )

    if _submit(
        request, plan_form, lambda _data: save(plan_form.planned()) or True, "Đã lưu kế hoạch."
    ):
        return redirect(f"{reverse('workforce:training_plan')}?don_vi={unit.pk}&nam={year}")
    return render(
        request,
        "workforce/training_plan.html",
        {
            "form": form,
            "unit": unit,
            "year": year,
            "rows": tables.training_plan_vs_actual(unit=unit, year=year),
            "plan_form": plan_form if access.may_change_unit(request.user, unit.pk) else None,
        },
    )


# --- ratings -----------------------------------------------------------------------------------


@page
def rating_list(request: HttpRequest) -> HttpResponse:
    form = forms.RatingFilterForm(
        request.GET or None, units=units_in_scope(request.user, Action.VIEW)
    )
    ratings = _paginate(request, selectors.rating_list(user=request.user, filters=_filters(form)))
    rows = [(r, access.may_change_unit(request.user, r.unit_id)) for r in ratings]
    return _list(
        request,
        "workforce/_rating_table.html",
        {
            "title": "Đánh giá, xếp loại chất lượng hằng năm",
            "form": form,
            "page": ratings,
            "rows": rows,
            "create_url": reverse("workforce:rating_set")
            if access.may_write_any(request.user)
            else None,
            "create_label": "Ghi xếp loại",
        },
        export="ratings",
    )


def _rating_form_page(request: HttpRequest, form, title: str) -> HttpResponse:
    rating = _submit(
        request,
        form,
        lambda data: services.rating_set(actor=request.user, **data),
        "Đã lưu xếp loại.",
    )
    if rating is not None:
        return redirect(f"{reverse('workforce:rating_list')}?nam={rating.year}")
    return _form(request, form, title, reverse("workforce:rating_list"))


@form_page
def rating_set(request: HttpRequest) -> HttpResponse:
    units = _units_to_write(request)
    form = forms.RatingForm(
        request.POST or None,
        units=units,
        people=_people(request),
        initial={**_initial_person(request), "unit": units[0].pk if len(units) == 1 else None},
    )
    return _rating_form_page(request, form, "Ghi đánh giá, xếp loại hằng năm")


@form_page
def rating_edit(request: HttpRequest, pk: int) -> HttpResponse:
    rating = selectors.rating_get_for_user(user=request.user, pk=pk)
    if not access.may_change_unit(request.user, rating.unit_id):
        raise PermissionDenied(f"Bạn không được cập nhật hồ sơ của đơn vị «{rating.unit.name}».")
    if request.method == "GET":
        access_record_view(request, rating.person)
    form = forms.RatingForm(
        request.POST or None,
        units=_units_to_write(request),
        people=selectors.people_for_choice(user=request.user).filter(pk=rating.person_id),
        initial={
            "person": rating.person_id,
            "year": rating.year,
            "level": rating.level,
            "unit": rating.unit_id,
            "note": rating.note,
        },
    )
    return _rating_form_page(request, form, f"Sửa xếp loại năm {rating.year}: {rating.person}")


# --- succession --------------------------------------------------------------------------------


@page
def succession_list(request: HttpRequest) -> HttpResponse:
    form = forms.SuccessionFilterForm(
        request.GET or None,
        units=units_in_scope(request.user, Action.VIEW),
        terms=selectors.succession_terms(user=request.user),
    )
    plans = _paginate(request, selectors.succession_list(user=request.user, filters=_filters(form)))
    rows = [(p, "remove" if _removable(request, p) else "") for p in plans]
    return _list(
        request,
        "workforce/_succession_table.html",
        {
            "title": "Quy hoạch cán bộ",
            "form": form,
            "page": plans,
            "rows": rows,
            "create_url": reverse("workforce:succession_add")
            if access.may_write_any(request.user)
            else None,
            "create_label": "Đưa vào quy hoạch",
            "links": [("workforce:candidates", "Ai đủ tiêu chuẩn cho một chức danh?")],
        },
        export="succession",
    )


def _removable(request: HttpRequest, plan) -> bool:
    from .choices import SuccessionStatus

    return plan.status == SuccessionStatus.ACTIVE and access.may_change_unit(
        request.user, plan.unit_id
    )


@form_page
def succession_add(request: HttpRequest) -> HttpResponse:
    units = _units_to_write(request)
    form = forms.SuccessionForm(
        request.POST or None,
        units=units,
        people=_people(request),
        initial={**_initial_person(request), "unit": units[0].pk if len(units) == 1 else None},
    )
    plan = _submit(
        request,
        form,
        lambda data: services.succession_plan_add(actor=request.user, **data),
        "Đã đưa vào quy hoạch.",
    )
    if plan is not None:
        return redirect(f"{reverse('workforce:succession_list')}?nhiem_ky={plan.term}")
    return _form(request, form, "Đưa cán bộ vào quy hoạch", reverse("workforce:succession_list"))


@action
def succession_remove(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.succession_get_for_user(user=request.user, pk=pk)
    _flash(
        request,
        lambda: services.succession_plan_remove(actor=request.user, plan=plan),
        f"Đã đưa {plan.person.full_name} ra khỏi quy hoạch «{plan.position}».",
    )
    return redirect("workforce:succession_list")


@page
def candidate_list(request: HttpRequest) -> HttpResponse:
    units = _units_to_read(request)
    form = forms.CandidateFilterForm(
        request.GET or None, units=units, initial={"don_vi": _top(units).pk, "ngay": today()}
    )
    found = None
    if form.is_valid():
        data = form.cleaned_data
        found = candidates.candidates_for(
            user=request.user,
            unit=data["don_vi"],
            position=data["chuc_danh"],
            day=data["ngay"] or today(),
        )
    context = {"form": form, "candidates": found, "positions": selectors.position_list()}
    template = "workforce/_candidates.html" if request.htmx else "workforce/candidates.html"
    return render(request, template, context)


# --- careers -----------------------------------------------------------------------------------


@page
def career_list(request: HttpRequest) -> HttpResponse:
    form = forms.CareerFilterForm(
        request.GET or None, units=units_in_scope(request.user, Action.VIEW)
    )
    events = selectors.career_event_list(user=request.user, filters=_filters(form))
    return _list(
        request,
        "workforce/_career_table.html",
        {
            "title": "Bổ nhiệm, luân chuyển, điều động",
            "form": form,
            "page": _paginate(request, events),
            "create_url": reverse("workforce:career_record")
            if access.may_write_any(request.user)
            else None,
            "create_label": "Ghi quyết định",
        },
        export="careers",
    )


@form_page
def career_record(request: HttpRequest) -> HttpResponse:
    units = _units_to_write(request)
    form = forms.CareerEventForm(
        request.POST or None,
        units=units,
        people=_people(request),
        plans=selectors.active_plans_for_choice(user=request.user),
        from_units=list(OrgUnit.objects.active_on(today()).order_by("path")),
        initial=_initial_person(request),
    )
    event = _submit(
        request,
        form,
        lambda data: services.career_event_record(actor=request.user, **data),
        "Đã ghi quyết định.",
    )
    if event is not None:
        return redirect("workforce:career_list")
    return _form(
        request, form, "Ghi bổ nhiệm, luân chuyển, điều động", reverse("workforce:career_list")
    )


# --- honours -----------------------------------------------------------------------------------


@page
def nomination_list(request: HttpRequest) -> HttpResponse:
    form = forms.NominationFilterForm(
        request.GET or None, units=units_in_scope(request.user, Action.VIEW)
    )
    nominations = selectors.nomination_list(user=request.user, filters=_filters(form))
    return _list(
        request,
        "workforce/_nomination_table.html",
        {
            "title": "Hồ sơ đề nghị khen thưởng",
            "form": form,
            "page": _paginate(request, nominations),
            "create_url": reverse("workforce:nomination_create")
            if access.may_write_any(request.user)
            else None,
            "create_label": "Lập hồ sơ đề nghị",
            "links": [("workforce:award_list", "Khen thưởng đã có quyết định")],
        },
    )


@form_page
def nomination_create(request: HttpRequest) -> HttpResponse:
    units = _units_to_write(request)
    form = forms.NominationForm(
        request.POST or None,
        units=units,
        people=_people(request),
        initial={**_initial_person(request), "unit": units[0].pk if len(units) == 1 else None},
    )

    def create(data: dict):
        evidence = {name: data.pop(name) for name in forms.NominationForm.EVIDENCE}
        return services.nomination_create(actor=request.user, **data, **evidence)

    nomination = _submit(request, form, create, "Đã lập hồ sơ đề nghị.")
    if nomination is not None:
        return redirect("workforce:nomination_detail", pk=nomination.pk)
    return _form(
        request,
        form,
        "Lập hồ sơ đề nghị khen thưởng",
        reverse("workforce:nomination_list"),
        intro="Ghi kết quả cụ thể (nhiệm vụ được nghiệm thu, sáng kiến, công trình, kết quả được "
        "ứng dụng), không chỉ thâm niên công tác.",
    )


def _nomination_page(
    request: HttpRequest, nomination, *, bound: dict | None = None
) -> HttpResponse:
    bound = bound or {}
    rubric = selectors.nomination_rubric(nomination)
    return render(
        request,
        "workforce/nomination_detail.html",
        {
            "nomination": nomination,
            "rubric": rubric,
            "actions": access.nomination_actions(request.user, nomination),
            "score_form": bound.get("score") or forms.NominationScoreForm(rubric=rubric),
            "decide_form": bound.get("decide") or forms.NominationDecideForm(),
        },
    )


@page
def nomination_detail(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = selectors.nomination_get_for_user(user=request.user, pk=pk)
    access_record_view(request, nomination.person)
    return _nomination_page(request, nomination)


@action
def nomination_submit(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = selectors.nomination_get_for_user(user=request.user, pk=pk)
    _flash(
        request,
        lambda: services.nomination_submit(actor=request.user, nomination=nomination),
        "Đã trình hồ sơ lên hội đồng.",
    )
    return redirect("workforce:nomination_detail", pk=nomination.pk)


@action
def nomination_score(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = selectors.nomination_get_for_user(user=request.user, pk=pk)
    form = forms.NominationScoreForm(request.POST, rubric=selectors.nomination_rubric(nomination))
    act = lambda _data: services.nomination_score(  # noqa: E731
        actor=request.user, nomination=nomination, points=form.points()
    )
    if _submit(request, form, act, "Đã lưu điểm chấm."):
        return redirect("workforce:nomination_detail", pk=nomination.pk)
    return _nomination_page(request, nomination, bound={"score": form})


@action
def nomination_decide(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = selectors.nomination_get_for_user(user=request.user, pk=pk)
    form = forms.NominationDecideForm(request.POST)
    act = lambda data: services.nomination_decide(  # noqa: E731
        actor=request.user,
        nomination=nomination,
        approve=data["approve"],
        note=data["council_note"],
    )
    if _submit(request, form, act, "Đã ghi kết luận của hội đồng."):
        return redirect("workforce:nomination_detail", pk=nomination.pk)
    return _nomination_page(request, nomination, bound={"decide": form})


@page
def award_list(request: HttpRequest) -> HttpResponse:
    units = units_in_scope(request.user, Action.VIEW)
    form = forms.AwardFilterForm(request.GET or None, units=units)
    filters = _filters(form)
    awards = selectors.award_list(user=request.user, filters=filters)
    unit = filters.unit or (_top(units) if units else None)
    year = filters.year or today().year
    return _list(
        request,
        "workforce/_award_table.html",
        {
            "title": "Tôn vinh, khen thưởng",
            "form": form,
            "page": _paginate(request, awards),
            "by_type": tables.awards_by_type(unit=unit, year=year) if unit else None,
            "by_type_unit": unit,
            "by_type_year": year,
            "create_url": reverse("workforce:award_record")
            if access.may_write_any(request.user)
            else None,
            "create_label": "Ghi khen thưởng",
            "links": [("workforce:nomination_list", "Hồ sơ đề nghị khen thưởng")],
        },
        export="awards",
    )


@form_page
def award_record(request: HttpRequest) -> HttpResponse:
    units = _units_to_write(request)
    initial: dict[str, Any] = _initial_person(request)
    pk = request.GET.get("de_nghi", "")
    if pk.isdigit():
        nomination = selectors.nomination_get_for_user(user=request.user, pk=int(pk))
        initial = {
            "person": nomination.person_id,
            "award_type": nomination.award_type_id,
            "year": nomination.year,
            "unit": nomination.unit_id,
            "nomination": nomination.pk,
            "granting_body": nomination.award_type.granting_body,
        }
    form = forms.AwardForm(
        request.POST or None,
        units=units,
        people=_people(request),
        nominations=selectors.approved_nominations_for_choice(user=request.user),
        initial=initial,
    )
    award = _submit(
        request,
        form,
        lambda data: services.award_record(actor=request.user, **data),
        "Đã ghi khen thưởng.",
    )
    if award is not None:
        return redirect(f"{reverse('workforce:award_list')}?nam={award.year}")
    return _form(request, form, "Ghi khen thưởng", reverse("workforce:award_list"))


# --- attraction --------------------------------------------------------------------------------


@page
def policy_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "workforce/policy_list.html",
        {
            "policies": selectors.policy_list(),
            "can_apply": access.may_write_any(request.user),
            "reads_budget": any_unit_in_scope(request.user, Action.VIEW),
        },
    )


@page
def case_list(request: HttpRequest) -> HttpResponse:
    form = forms.CaseFilterForm(
        request.GET or None, units=units_in_scope(request.user, Action.VIEW)
    )
    cases = selectors.attraction_case_list(user=request.user, filters=_filters(form))
    return _list(
        request,
        "workforce/_case_table.html",
        {
            "title": "Hồ sơ thu hút, trọng dụng nhân tài",
            "form": form,
            "page": _paginate(request, cases),
            "create_url": reverse("workforce:case_apply")
            if access.may_write_any(request.user)
            else None,
            "create_label": "Nhận hồ sơ",
            "links": [
                ("workforce:policy_list", "Chính sách thu hút"),
                ("workforce:budget", "Kinh phí thu hút"),
            ],
        },
        export="attraction",
    )


@form_page
def case_apply(request: HttpRequest) -> HttpResponse:
    units = _units_to_write(request)
    form = forms.CaseApplyForm(
        request.POST or None,
        units=units,
        people=_people(request),
        initial={**_initial_person(request), "unit": units[0].pk if len(units) == 1 else None},
    )
    case = _submit(
        request,
        form,
        lambda data: services.attraction_case_apply(actor=request.user, **data),
        "Đã nhận hồ sơ thu hút.",
    )
    if case is not None:
        return redirect("workforce:case_detail", pk=case.pk)
    return _form(request, form, "Nhận hồ sơ thu hút", reverse("workforce:case_list"))


# Each action of a case: its form, the service call, and what the page says when it is done.
CASE_ACTIONS: dict[str, tuple[type, Callable[..., Any], str]] = {
    "appraise": (
        forms.CaseAppraiseForm,
        lambda user, case, d: services.attraction_case_appraise(
            actor=user, case=case, passed=d["passed"], note=d["note"]
        ),
        "Đã ghi kết quả thẩm định.",
    ),
    "decide": (
        forms.CaseDecideForm,
        lambda user, case, d: services.attraction_case_decide(actor=user, case=case, **d),
        "Đã ghi quyết định thu hút.",
    ),
    "start": (
        forms.CaseStartForm,
        lambda user, case, d: services.attraction_case_start_service(actor=user, case=case, **d),
        "Đã ghi ngày bắt đầu thực hiện cam kết.",
    ),
    "pay": (
        forms.DisbursementForm,
        lambda user, case, d: services.disbursement_add(actor=user, case=case, **d),
        "Đã ghi khoản chi hỗ trợ.",
    ),
    "end": (
        forms.CaseEndForm,
        lambda user, case, d: services.attraction_case_end(actor=user, case=case, **d),
        "Đã kết thúc cam kết.",
    ),
}


def _case_page(request: HttpRequest, case, *, bound: tuple[str, Any] | None = None) -> HttpResponse:
    allowed = access.attraction_actions(request.user, case)
    action_forms = {
        name: (bound[1] if bound and bound[0] == name else form_class())
        for name, (form_class, _act, _done) in CASE_ACTIONS.items()
        if name in allowed
    }
    refused = bound[1] if bound and bound[0] not in allowed else None
    return render(
        request,
        "workforce/case_detail.html",
        {
            "case": case,
            "forms": action_forms,
            "refused": refused,
            "disbursed": sum((d.amount for d in case.disbursements.all()), 0),
            "history": selectors.case_history(case),
        },
    )


@page
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.attraction_case_get_for_user(user=request.user, pk=pk)
    access_record_view(request, case.person)
    return _case_page(request, case)


@action
def case_action(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    case = selectors.attraction_case_get_for_user(user=request.user, pk=pk)
    form_class, act, done = CASE_ACTIONS[name]
    form = form_class(request.POST)
    if _submit(request, form, lambda data: act(request.user, case, data) or True, done):
        return redirect("workforce:case_detail", pk=case.pk)
    case = selectors.attraction_case_get_for_user(user=request.user, pk=pk)
    return _case_page(request, case, bound=(name, form))


@page
def budget(request: HttpRequest) -> HttpResponse:
    _units_to_read(request)
    form = forms.BudgetFilterForm(request.GET or None, initial={"nam": today().year})
    year = form.cleaned_data["nam"] if form.is_valid() else today().year
    return render(
        request,
        "workforce/budget.html",
        {"form": form, "year": year, "rows": tables.attraction_budget(year=year)},
    )


# --- structure ---------------------------------------------------------------------------------


@page
def structure(request: HttpRequest) -> HttpResponse:
    units = _units_to_read(request)
    unit, day = _top(units), today()
    form = forms.UnitDayForm(
        request.GET or None, units=units, initial={"don_vi": unit.pk, "ngay": day}
    )
    if form.is_valid():
        unit, day = form.cleaned_data["don_vi"], form.cleaned_data["ngay"] or day
    rows = tables.structure_table(user=request.user, unit=unit, day=day)
    return render(
        request, "workforce/structure.html", {"form": form, "unit": unit, "day": day, "rows": rows}
    )
