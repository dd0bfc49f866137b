"""What every page's top menu needs: which sections the signed-in user may open.

A link that would only answer 403 is a dead end; the menu leaves it out. The answers come from the
same checks the views make, so the two cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def _sections(user: Any) -> dict[str, bool]:
    from trithuc.programs.selectors import dashboard_units
    from trithuc.reports.selectors import may_use_reports
    from trithuc.tasks.access import may_read_tasks

    return {
        "dashboard": bool(dashboard_units(user)),
        "tasks": may_read_tasks(user),
        "reports": may_use_reports(user),
    }


def nav(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    # Lazy: pages that do not draw the menu (downloads, htmx fragments) pay nothing.
    return {"nav": SimpleLazyObject(lambda: _sections(user))}
