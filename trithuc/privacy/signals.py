"""Whether to show the privacy menu is worked out once at sign-in and kept in the session, so no
page pays a query for it. It only shows a link: every privacy page checks the role itself."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .access import may_manage_privacy

SESSION_KEY = "trithuc_privacy_menu"


@receiver(user_logged_in)
def _remember_privacy_menu(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = may_manage_privacy(user)


def privacy_menu(request) -> dict[str, bool]:
    """Template context: ``show_privacy_menu``."""
    session = getattr(request, "session", None)
    return {"show_privacy_menu": bool(session and session.get(SESSION_KEY))}
