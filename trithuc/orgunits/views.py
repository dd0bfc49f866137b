"""Pages of the org structure: the tree on a chosen date and each unit's history.

The structure is not personal data: every signed-in user may read it."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from trithuc.core.dates import today

from . import selectors
from .models import OrgUnit


def _parse_day(raw: str | None) -> tuple[dt.date, str]:
    if not raw:
        return today(), ""
    try:
        return dt.date.fromisoformat(raw), ""
    except ValueError:
        return (
            today(),
            f"Ngày «{raw}» không hợp lệ; hãy chọn ngày theo dạng ngày/tháng/năm. Đang hiện cơ cấu hôm nay.",
        )


@login_required
def orgunit_tree(request: HttpRequest) -> HttpResponse:
    day, error = _parse_day(request.GET.get("ngay"))
    return render(
        request,
        "orgunits/orgunit_tree.html",
        {
            "day": day,
            "error": error,
            "roots": selectors.orgunit_tree_as_of(day),
        },
    )


@login_required
def orgunit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(OrgUnit.objects.select_related("parent"), pk=pk)
    return render(
        request,
        "orgunits/orgunit_detail.html",
        {
            "unit": unit,
            "events": selectors.orgunit_events_of(unit),
            "predecessors": selectors.orgunit_history_leading_into(unit),
            "children": unit.children.order_by("path"),
        },
    )
