"""Pages of the review reports, the statistics workbook and the structure analysis. Each view
parses input, calls a selector or a service, renders. Out-of-scope reports answer 404 like missing
ones; users with no report role get 403 with the reason."""

from __future__ import annotations

import base64
import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from trithuc.core.dates import today
from trithuc.programs.models import Program

from . import charts, selectors, services
from . import structure as analysis
from .forms import ReviewReportForm, ScopeForm
from .statistics import statistics_sheets, write_workbook

NO_ROLE = "Chỉ cơ quan thường trực Chương trình, lãnh đạo và quản trị viên được lập, xem báo cáo sơ kết, tổng kết."
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": XLSX,
}


def _units(request: HttpRequest) -> list:
    if not selectors.may_use_reports(request.user):
        raise PermissionDenied(NO_ROLE)
    return selectors.report_units(request.user, today())


def _program() -> Program:
    program = Program.objects.select_related("issuing_body").order_by("code").first()
    if program is None:
        raise Http404("Chưa có chương trình.")
    return program


@login_required
@require_http_methods(["GET", "POST"])
def review_list(request: HttpRequest) -> HttpResponse:
    units = _units(request)
    program = _program()
    scope, issuer = (
        selectors.default_scope(program, today()),
        selectors.default_issuer(program, today()),
    )
    allowed = {u.pk for u in units}
    form = ReviewReportForm(
        request.POST or None,
        units=units,
        default_unit=scope if scope.pk in allowed else (units[0] if units else None),
        default_issuer=issuer if issuer.pk in allowed else (units[0] if units else None),
    )
    if request.method == "POST" and form.is_valid():
        by_pk = {u.pk: u for u in units}
        data = form.cleaned_data
        try:
            report = services.review_report_create(
                actor=request.user,
                program=program,
                period=data["period"],
                year=data["year"],
                unit=by_pk[data["unit"]],
                issuer=by_pk[data["issuer"]],
                number=data["number"],
                report_date=data["report_date"],
                signer_name=data["signer_name"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("reports:review_detail", pk=report.pk)
    reports = selectors.review_reports_visible_to(request.user)[:50]
    return render(
        request, "reports/review_list.html", {"form": form, "reports": reports, "program": program}
    )


@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.review_report_get(user=request.user, pk=pk)
    return render(request, "reports/review_detail.html", {"report": report})


@login_required
def review_progress(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.review_report_get(user=request.user, pk=pk)
    return render(request, "reports/_progress.html", {"report": report})


@login_required
def review_download(request: HttpRequest, pk: int, kind: str) -> FileResponse:
    report = selectors.review_report_get(user=request.user, pk=pk)
    stored = getattr(report, kind, None) if kind in CONTENT_TYPES else None
    if not stored:
        raise Http404("Chưa có tệp này.")
    name = f"bao-cao-{report.period}-{report.year_to}-{report.pk}.{kind}"
    with stored.open("rb") as source:  # a few megabytes at most: read and let the file go
        content = io.BytesIO(source.read())
    return FileResponse(
        content, as_attachment=True, filename=name, content_type=CONTENT_TYPES[kind]
    )


def _scope(request: HttpRequest):
    units = _units(request)
    form = ScopeForm(request.GET or None, units=units)
    unit, year = (units[0] if units else None), today().year
    if form.is_valid():
        chosen = form.cleaned_data["don_vi"]
        if chosen:
            unit = next((u for u in units if u.pk == chosen), None)
        year = form.cleaned_data["nam"] or year
    elif request.GET:
        raise Http404("Không tìm thấy đơn vị.")
    if unit is None:
        raise Http404("Không tìm thấy đơn vị.")
    return form, unit, year


@login_required
def statistics_download(request: HttpRequest) -> FileResponse:
    _, unit, year = _scope(request)
    program = _program()
    if year not in program.years:
        raise Http404("Năm ngoài thời gian Chương trình.")
    sheets = statistics_sheets(program=program, unit=unit, year=year, day=today())
    out = io.BytesIO()
    write_workbook(sheets, out, heading=f"{unit.name}; số liệu đến ngày {today():%d/%m/%Y}")
    out.seek(0)
    return FileResponse(
        out, as_attachment=True, filename=f"so-thong-ke-{year}.xlsx", content_type=XLSX
    )


@login_required
def structure(request: HttpRequest) -> HttpResponse:
    form, unit, _ = _scope(request)
    day = today()
    pyramid = analysis.age_pyramid(unit=unit, day=day)
    png = charts.age_pyramid(pyramid.bands, pyramid.men, pyramid.women, f"Tháp tuổi — {unit.name}")
    rows, shares = analysis.structure_shares(user=request.user, unit=unit, day=day)
    return render(
        request,
        "reports/structure.html",
        {
            "form": form,
            "unit": unit,
            "day": day,
            "pyramid": pyramid,
            "pyramid_png": base64.b64encode(png).decode(),
            "structure_rows": rows,
            "shares": shares,
            "retiring": analysis.succession_view(user=request.user, unit=unit, day=day),
            "horizon": analysis.succession_horizon_years(),
            "coverage": analysis.expert_coverage(unit=unit, day=day),
        },
    )
