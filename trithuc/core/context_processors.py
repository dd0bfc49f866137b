"""What every page's top menu needs: which sections the signed-in user may open.

A link that would only answer 403 is a dead end; the menu leaves it out. The answers restate the
views' checks in terms of the user's roles, read once per request and shared with the scope
(``user_assignments``), so the menu costs no query on a page that already scoped its data;
``core/tests/test_menu.py`` opens every link offered to every role, so the two cannot drift apart.
"""

from __future__ import annotations

import functools
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse
from django.utils.functional import SimpleLazyObject

from trithuc.privacy.signals import SESSION_KEY as PRIVACY_MENU_KEY


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


# The menu's links, by name: (URL name, arguments).
_LINKS = {
    "home": ("home", ()),
    "dashboard": ("programs:dashboard", ("CTr-45",)),
    "people": ("people:person_list", ()),
    "workforce": ("workforce:index", ()),
    "orgunits": ("orgunits:orgunit_tree", ()),
    "tasks": ("tasks:task_list", ()),
    "unit_reports": ("tasks:unit_report_list", ()),
    "science": ("science:task_list", ()),
    "imports": ("imports:batch_list", ()),
    "reports": ("reports:review_list", ()),
    "engagement": ("engagement:index", ()),
    "privacy": ("privacy:access_log", ()),
    "admin": ("admin:index", ()),
    "api_tokens": ("apitokens:token_list", ()),
    "logout": ("accounts:logout", ()),
}
# and the files every page loads
_STATIC = {"site_css": "trithuc/site.css", "favicon": "trithuc/favicon.svg"}


@functools.lru_cache(maxsize=4)
def _links(script_prefix: str) -> dict[str, str]:
    """The menu's URLs, reversed once per process (and mount point) instead of on every page:
    fifteen ``{% url %}`` and two ``{% static %}`` tags were half the cost of rendering base.html."""
    urls = {key: reverse(name, args=args) for key, (name, args) in _LINKS.items()}
    return urls | {key: static(path) for key, path in _STATIC.items()}


@functools.lru_cache(maxsize=256)
def _menu(prefix: str, sections: tuple[tuple[str, bool], ...], privacy: bool, staff: bool) -> str:
    """The menu for these answers, rendered once per process: a template's twenty lookups on
    every page cost more than the rest of a kept dashboard's page."""
    context = {"nav": dict(sections), "privacy": privacy, "staff": staff}
    return render_to_string("_menu.html", context | {"menu_urls": _links(prefix)})


def nav(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    prefix = get_script_prefix()
    links = _links(prefix)
    if user is None or not user.is_authenticated:
        return {"nav": {}, "menu_urls": links}
    # Lazy: pages that do not draw the menu (downloads, htmx fragments) pay nothing.
    sections = SimpleLazyObject(lambda: _sections(user))
    session = getattr(request, "session", None)
    privacy = bool(session and session.get(PRIVACY_MENU_KEY))

    def menu() -> str:
        return _menu(prefix, tuple(sorted(sections.items())), privacy, user.is_staff)

    return {"nav": sections, "menu_urls": links, "menu": SimpleLazyObject(menu)}
