"""The program dashboard and the rows behind each of its numbers."""

from __future__ import annotations

import functools

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
from trithuc.orgunits.selectors import structure_memo

from . import selectors
from .charts import trend_chart
from .dashboard_cache import dashboard_parts, dashboard_program


def _choices(request: HttpRequest, program) -> tuple[int, int, selectors.UnitChoices]:
    """The unit (id) and year asked for, among those the user may pick; the first unit by
    default."""
    choices = selectors.dashboard_unit_choices(request.user)
    if not choices.units:
        raise PermissionDenied("Tài khoản của bạn không được giao theo dõi chương trình.")
    unit_id = choices.units[0].pk
    if raw := request.GET.get("don-vi"):
        unit_id = int(raw) if raw.isdigit() else 0
        if unit_id not in choices.ids:
            raise Http404("Không tìm thấy đơn vị.")
    try:
        year = int(request.GET.get("nam") or today().year)
    except ValueError as exc:
        raise Http404("Năm không hợp lệ.") from exc
    if year not in program.years:
        year = min(max(year, program.start_year), program.end_year)
    return unit_id, year, choices


@login_required
def dashboard(request: HttpRequest, code: str) -> HttpResponse:
    program = dashboard_program(code, lambda: selectors.program_get(code))
    unit_id, year, choices = _choices(request, program)
    day = today()
    parts = dashboard_parts(
        program_id=program.pk,
        unit_id=unit_id,
        year=year,
        day=day,
        render=lambda: _dashboard_parts(program, unit_id, year, day),
    )
    # The parts are our own templates' output, escaped when they were rendered.
    safe = {name: mark_safe(html) for name, html in parts.items()}  # noqa: S308
    context = {
        "program": program,
        "year": year,
        "unit_options": _unit_options(choices, unit_id),
        "year_options": _year_options(program.start_year, program.end_year, year),
        **safe,
    }
    return render(request, "programs/dashboard.html", context)


def _unit_options(choices: selectors.UnitChoices, chosen: int) -> str:
    """The unit picker's options, built here rather than in the template (a province office picks
    among ~250 units, and a template loop over them cost more than the rest of the kept page),
    and kept with the list they are made from: they are the same on every visit."""
    return structure_memo(
        ("dashboard-options", choices.key, chosen),
        lambda: format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((u.pk, " selected" if u.pk == chosen else "", u.name) for u in choices.units),
        ),
    )


@functools.lru_cache(maxsize=64)
def _year_options(first: int, last: int, chosen: int) -> str:
    return format_html_join(
        "",
        "<option{}>{}</option>",
        ((" selected" if y == chosen else "", y) for y in range(first, last + 1)),
    )


def _dashboard_parts(program, unit_id: int, year: int, day) -> dict[str, str]:
    """The parts of the page that are the same for everyone who may open this unit and year."""
    unit = OrgUnit.objects.get(pk=unit_id)
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
    unit_id, year, _ = _choices(request, program)
    unit = OrgUnit.objects.get(pk=unit_id)
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
