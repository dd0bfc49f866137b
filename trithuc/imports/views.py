"""Pages of the import flow: template → upload → preview with every problem → decide → commit →
error report; and exports. Each view parses input, calls one selector or service, renders."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST

from trithuc.accounts.scoping import Action, units_in_scope
from trithuc.orgunits.models import OrgUnit
from trithuc.privacy.forms import ExportPurposeForm

from . import jobs, selectors, services, writers
from .choices import BatchStatus
from .forms import UploadForm
from .kinds import KINDS, get_kind

SHOWN_ERRORS = 500
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _background(size: int) -> bool:
    return size > getattr(settings, "TRITHUC_IMPORT_BACKGROUND_BYTES", 512 * 1024)


@login_required
@require_http_methods(["GET", "POST"])
def batch_list(request: HttpRequest) -> HttpResponse:
    units = units_in_scope(request.user, Action.CHANGE)
    form = UploadForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and units and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = services.batch_create(
                actor=request.user,
                kind=form.cleaned_data["kind"],
                unit=form.cleaned_data["unit"],
                filename=upload.name,
                content=upload.read(),
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error("file", getattr(exc, "messages", [str(exc)]))
        else:
            if _background(len(batch.content)):
                jobs.batch_check_job.enqueue(batch.pk)
            else:
                services.batch_check(batch_id=batch.pk)
            return redirect("imports:batch_detail", pk=batch.pk)
    return render(
        request,
        "imports/batch_list.html",
        {
            "form": form,
            "can_upload": bool(units),
            "kinds": KINDS.values(),
            "batches": selectors.batch_list(user=request.user),
            "export_units": units_in_scope(request.user, Action.VIEW),
            "purpose_form": ExportPurposeForm(),
        },
    )


@login_required
def template_download(request: HttpRequest, kind: str) -> HttpResponse:
    found = get_kind(kind)
    if found is None:
        raise Http404("Không có loại dữ liệu này.")
    return _xlsx(writers.template(found), f"mau-nhap-{slugify(found.sheet_title)}.xlsx")


@login_required
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = selectors.batch_get(user=request.user, pk=pk)
    kind = get_kind(batch.kind)
    return render(
        request,
        "imports/batch_detail.html",
        {
            "batch": batch,
            "kind": kind,
            "errors": batch.errors[:SHOWN_ERRORS],
            "more_errors": max(0, len(batch.errors) - SHOWN_ERRORS),
            "offer_new": batch.kind == "people",
            "can_commit": batch.status in (BatchStatus.VALIDATED, BatchStatus.FAILED)
            and not batch.same_as_id,
        },
    )


@login_required
def batch_progress(request: HttpRequest, pk: int) -> HttpResponse:
    batch = selectors.batch_get(user=request.user, pk=pk)
    response = render(request, "imports/_progress.html", {"batch": batch})
    if not batch.is_running:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def batch_decide(request: HttpRequest, pk: int) -> HttpResponse:
    batch = selectors.batch_get(user=request.user, pk=pk, action=Action.CHANGE)
    decisions = {
        key.removeprefix("dong-"): value
        for key, value in request.POST.items()
        if key.startswith("dong-")
    }
    services.batch_decide(actor=request.user, batch=batch, decisions=decisions)
    if _background(len(batch.content)):
        jobs.batch_check_job.enqueue(batch.pk)
    else:
        services.batch_check(batch_id=batch.pk)
    messages.success(request, "Đã ghi quyết định; lô được kiểm tra lại theo quyết định của bạn.")
    return redirect("imports:batch_detail", pk=batch.pk)


@login_required
@require_POST
def batch_commit(request: HttpRequest, pk: int) -> HttpResponse:
    batch = selectors.batch_get(user=request.user, pk=pk, action=Action.CHANGE)
    if batch.status not in (BatchStatus.VALIDATED, BatchStatus.FAILED):
        messages.error(request, "Lô này chưa sẵn sàng để lưu hoặc đã lưu rồi.")
        return redirect("imports:batch_detail", pk=batch.pk)
    if _background(len(batch.content)):
        jobs.batch_commit_job.enqueue(batch.pk, request.user.pk)
        return redirect("imports:batch_detail", pk=batch.pk)
    batch, _outcome = services.batch_commit(actor=request.user, batch_id=batch.pk)
    if batch.status == BatchStatus.COMMITTED:
        messages.success(request, "Đã lưu lô dữ liệu.")
    elif batch.same_as_id:
        messages.info(request, "Dữ liệu này đã được nhập trước đây; không có gì thay đổi.")
    return redirect("imports:batch_detail", pk=batch.pk)


@login_required
def batch_error_report(request: HttpRequest, pk: int) -> HttpResponse:
    batch = selectors.batch_get(user=request.user, pk=pk)
    if batch.status == BatchStatus.UNREADABLE:
        raise Http404("Tệp không đọc được nên không có báo lỗi theo dòng.")
    stem = batch.filename.rsplit(".", 1)[0]
    return _xlsx(services.batch_error_report(batch), f"{slugify(stem) or 'tep'}-bao-loi.xlsx")


@login_required
def export(request: HttpRequest, kind: str) -> HttpResponse:
    """The rows the user may see (of one unit's reach when ``?don_vi=`` is given), as XLSX, once
    the user has said what the personal data is for; until then, the page that asks."""
    found = get_kind(kind)
    if found is None:
        raise Http404("Không có loại dữ liệu này.")
    unit = None
    if request.GET.get("don_vi"):
        allowed = {u.pk: u for u in units_in_scope(request.user, Action.VIEW, active_only=False)}
        unit = allowed.get(_int(request.GET["don_vi"]))
        if unit is None and not request.user.is_superuser:
            raise Http404("Không tìm thấy đơn vị.")
        unit = unit or OrgUnit.objects.filter(pk=_int(request.GET["don_vi"])).first()
    form = ExportPurposeForm(request.GET if "muc_dich" in request.GET else None)
    if not form.is_valid():
        return render(
            request,
            "imports/export_purpose.html",
            {"form": form, "kind": found, "unit": unit},
        )
    content, _rows = services.export_file(
        actor=request.user,
        kind=found,
        unit=unit,
        purpose=form.purpose(),
        path=request.get_full_path(),
    )
    return _xlsx(content, f"{slugify(found.sheet_title)}.xlsx")


def _int(value: str) -> int:
    return int(value) if value.isdigit() else 0


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
