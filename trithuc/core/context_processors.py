"""What every page's top menu needs: which sections the signed-in user may open.

A link that would only answer 403 is a dead end; the menu leaves it out. The answers restate the
views' checks in terms of the user's roles, read once per request and shared with the scope
(``user_assignments``), so the menu costs no query on a page that already scoped its data;
``core/tests/test_menu.py`` opens every link offered to every role, so the two cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def _sections(user: Any) -> dict[str, bool]:
    from trithuc.accounts.choices import SUBTREE_READ_ROLES
    from trithuc.accounts.scoping import user_assignments
    from trithuc.reports.selectors import REPORT_ROLES

    if user.is_superuser:
        return {"registry": True, "dashboard": True, "tasks": True, "reports": True}
    roles = {role for role, _unit in user_assignments(user)}
    return {
        # The registry's sections (structure, unit reports, imports) serve officers who read a
        # unit's records; an intellectual or a reviewer sees only their own profile there, so
        # the menu offers them that profile instead of an officer's sections.
        "registry": bool(roles & SUBTREE_READ_ROLES),
        # programs.selectors.dashboard_units: units reached by a read role.
        "dashboard": bool(roles & SUBTREE_READ_ROLES),
        # tasks.access.may_read_tasks: any assignment.
        "tasks": bool(roles),
        # reports.selectors.may_use_reports: units reached by a report role.
        "reports": bool(roles & REPORT_ROLES),
    }


def nav(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    # Lazy: pages that do not draw the menu (downloads, htmx fragments) pay nothing.
    return {"nav": SimpleLazyObject(lambda: _sections(user))}
