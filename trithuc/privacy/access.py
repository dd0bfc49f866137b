"""Who may work the privacy pages: the program office and administrators (the data controller's
staff), each over the people within their scope; superusers everywhere."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from trithuc.accounts.choices import Role
from trithuc.accounts.models import User
from trithuc.accounts.scoping import Action, restrict
from trithuc.people.models import Person

PRIVACY_ROLES = frozenset({Role.PROGRAM_OFFICE, Role.ADMINISTRATOR})


def may_manage_privacy(user: User | AnonymousUser) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.assignments.filter(role__in=PRIVACY_ROLES).exists()


def require_privacy_officer(user: User | AnonymousUser) -> None:
    if not may_manage_privacy(user):
        raise PermissionDenied(
            "Chỉ cơ quan thường trực Chương trình và quản trị hệ thống được mở trang này."
        )


def people_in_privacy_scope(user: User) -> QuerySet[Person]:
    """The people whose privacy records ``user`` handles: the people they may see."""
    return restrict(Person.objects.all(), user, Action.VIEW)
