"""The program dashboard and the rows behind each of its numbers."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from trithuc.core.dates import today
from trithuc.orgunits.models import OrgUnit

from . import selectors
from .charts import trend_chart
from .dashboard_cache import dashboard_parts


def _choices(request: HttpRequest, program) -> tuple[OrgUnit, int, list[OrgUnit]]:
    """The unit and year asked for, among those the user may pick; the first unit by default."""
    units = selectors.dashboard_units(request.user)
    if not units:
        raise PermissionDenied("Tài khoản của bạn không được giao theo dõi chương trình.")
    unit = units[0]
    if raw := request.GET.get("don-vi"):
        unit = next((u for u in units if str(u.pk) == raw), None)
        if unit is None:
            raise Http404("Không tìm thấy đơn vị.")
    try:
        year = int(request.GET.get("nam") or today().year)
    except ValueError as exc:
        raise Http404("Năm không hợp lệ.") from exc
    if year not in program.years:
        year = min(max(year, program.start_year), program.end_year)
    return unit, year, units


@login_required
def dashboard(request: HttpRequest, code: str) -> HttpResponse:
    program = selectors.program_get(code)
    unit, year, units = _choices(request, program)
    day = today()
    parts = dashboard_parts(
        program_id=program.pk,
        unit_id=unit.pk,
        year=year,
        day=day,
        render=lambda: _dashboard_parts(program, unit, year, day),
    )
    # The parts are our own templates' output, escaped when they were rendered.
    safe = {name: mark_safe(html) for name, html in parts.items()}  # noqa: S308
    context = {
        "program": program,
        "year": year,
        "unit_options": _unit_options(units, unit),
        **safe,
    }
    return render(request, "programs/dashboard.html", context)


def _unit_options(units: list[OrgUnit], chosen: OrgUnit) -> str:
    """The unit picker's options, built here rather than in the template: a province office picks
    among ~250 units, and a template loop over them cost more than the rest of the kept page."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((u.pk, " selected" if u.pk == chosen.pk else "", u.name) for u in units),
    )


def _dashboard_parts(program, unit: OrgUnit, year: int, day) -> dict[str, str]:
    """The parts of the page that are the same for everyone who may open this unit and year."""
    board = selectors.dashboard_build(program=program, unit=unit, year=year, day=day)
    context = {
        "board": board,
        "charts": {row.indicator.pk: trend_chart(row) for row in board.rows},
        "responsible": selectors.program_responsible_units(program, day),
    }
    return {
        part: render_to_string(f"programs/_dashboard_{part}.html", context)
        for part in ("heading", "figures")
    }


@login_required
def indicator_rows(request: HttpRequest, code: str, indicator: str) -> HttpResponse:
    program = selectors.program_get(code)
    unit, year, _ = _choices(request, program)
    found = selectors.indicator_get(program, indicator)
    breakdown = selectors.indicator_rows(user=request.user, indicator=found, unit=unit, year=year)
    page = Paginator(breakdown.rows, 100).get_page(request.GET.get("trang"))
    return render(
        request,
        "programs/indicator_rows.html",
        {
            "program": program,
            "indicator": found,
            "unit": unit,
            "year": year,
            "breakdown": breakdown,
            "page": page,
        },
    )
