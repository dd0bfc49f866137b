"""The one access rule for personal data.

A user may see a record when it belongs to a unit within the reach of one of their assignments (the
unit's subtree, plus every unit whose history leads into it through merges and splits), or when the
record is their own. Every queryset of personal data passes through :func:`restrict`; a model takes
part by declaring how its rows tie to units and to an owner (``scope_q_for_units`` and
``scope_q_for_owner``). Missing and out-of-scope rows both answer 404, so an id reveals nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any, Protocol, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from trithuc.core.expressions import IdIn
from trithuc.orgunits.selectors import orgunit_reach_ids

from .choices import SUBTREE_READ_ROLES, SUBTREE_WRITE_ROLES
from .models import User


class Action(StrEnum):
    VIEW = "view"
    CHANGE = "change"


class ScopedModel(Protocol):
    @classmethod
    def scope_q_for_units(cls, unit_ids: set[int]) -> Q: ...

    @classmethod
    def scope_q_for_owner(cls, user: User) -> Q: ...

    # A model may also define scope_q_for_owner_or_units(user, unit_ids): the two conditions
    # joined by OR, worded so that the database runs them faster (people.models.Person).


M = TypeVar("M", bound=Model)
_ROLES_FOR = {Action.VIEW: SUBTREE_READ_ROLES, Action.CHANGE: SUBTREE_WRITE_ROLES}


def user_assignments(user: User) -> list[tuple[str, int]]:
    """The (role, unit id) pairs of ``user``, read once per user object (a request's user): the
    scope, the menu and the role checks of one page share the one query. Kept on the user itself
    (``getattr`` reaches through the request's lazy user), so that the user cache can fill it."""
    cached: list[tuple[str, int]] | None = getattr(user, "_trithuc_assignments", None)
    if cached is None:
        cached = list(user.assignments.values_list("role", "unit_id"))
        user._trithuc_assignments = cached  # type: ignore[union-attr]
    return cached


def unit_ids_in_scope(user: User | AnonymousUser, action: Action) -> set[int]:
    """Ids of the units whose records ``user`` may see (or change). Worked out once per user
    object for both actions (a request's user), from one read of the assignments and the structure."""
    if not user.is_authenticated:
        return set()
    cache: dict[Action, set[int]] | None = user.__dict__.get("_trithuc_scope")
    if cache is None:
        assignments = user_assignments(user)
        roots = {a: {unit for role, unit in assignments if role in _ROLES_FOR[a]} for a in Action}
        reach = orgunit_reach_ids(roots[Action.VIEW]) if roots[Action.VIEW] else set()
        # Write roles are a subset of read roles, so the write reach is a subset of the read reach.
        cache = {
            Action.VIEW: reach,
            Action.CHANGE: orgunit_reach_ids(roots[Action.CHANGE])
            if roots[Action.CHANGE] and roots[Action.CHANGE] != roots[Action.VIEW]
            else (reach if roots[Action.CHANGE] else set()),
        }
        user.__dict__["_trithuc_scope"] = cache
    return cache[action]


def restrict(
    queryset: QuerySet[M], user: User | AnonymousUser, action: Action, *, few_rows: bool = False
) -> QuerySet[M]:
    """``queryset`` narrowed to the rows ``user`` may see (``VIEW``) or change (``CHANGE``).
    ``few_rows``: the caller reads one row or a handful (see ``scope_condition``)."""
    return queryset.filter(scope_condition(queryset.model, user, action, few_rows=few_rows))


def scope_condition(
    model: type[Model], user: User | AnonymousUser, action: Action, *, few_rows: bool = False
) -> Q:
    """The condition ``restrict`` applies, for a caller that narrows several querysets of one
    request by it: the rule is then worked out once (for a small reach it reads the ids the
    units keep, people/keepers.py). ``few_rows``: the caller reads one row or a handful (a
    record's page, a permission check), so a model whose rule has a shape for lists and one
    for single rows gives the latter; the rows allowed are the same."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])  # matches nothing; Django does not even send the query
    if user.is_superuser:
        return Q()
    scoped: Any = model
    unit_ids = unit_ids_in_scope(user, action)
    if not unit_ids:
        return scoped.scope_q_for_owner(user)
    if hasattr(scoped, "scope_q_for_owner_or_units"):  # a model that words the two together
        return scoped.scope_q_for_owner_or_units(user, unit_ids, few_rows=few_rows)
    return scoped.scope_q_for_owner(user) | scoped.scope_q_for_units(unit_ids)


def get_in_scope_or_404(
    queryset: QuerySet[M], user: User | AnonymousUser, action: Action, **lookup: Any
) -> M:
    """The row, or 404 whether it does not exist or lies outside the user's scope."""
    try:
        return restrict(queryset, user, action, few_rows=True).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404("Không tìm thấy hồ sơ.") from exc


def can(user: User | AnonymousUser, action: Action, obj: Model) -> bool:
    manager: Any = type(obj)._default_manager
    return restrict(manager.filter(pk=obj.pk), user, action, few_rows=True).exists()


def units_in_scope(user: User | AnonymousUser, action: Action, *, active_only: bool = True) -> list:
    """The org units a user may pick in a filter or file a record under, in tree order."""
    return list(_units_in_scope(user, action, active_only=active_only).order_by("path"))


def any_unit_in_scope(user: User | AnonymousUser, action: Action) -> bool:
    """Whether ``units_in_scope`` would list any unit (a button to show or not), asked of the
    database without reading the units: a province holds hundreds."""
    return _units_in_scope(user, action, active_only=True).exists()


def _units_in_scope(user: User | AnonymousUser, action: Action, *, active_only: bool) -> Any:
    from trithuc.orgunits.models import OrgUnit

    units = OrgUnit.objects.all()
    if active_only:
        from trithuc.core.dates import today

        units = units.active_on(today())
    if not user.is_superuser:
        # One parameter for the ids (a province office reaches hundreds of units): an IN of one
        # parameter per id cost more than reading the units.
        units = units.filter(IdIn(unit_ids_in_scope(user, action)))
    return units


def role_reach_ids(user: User | AnonymousUser, roles: Iterable[str]) -> set[int]:
    """The units reached by the user's assignments in ``roles`` only (subtree plus history): who
    may *act* in a role, where ``restrict`` answers who may see. Cached on the user object."""
    if not user.is_authenticated or not user.is_active:
        return set()
    key = frozenset(roles)
    cache: dict[frozenset[str], set[int]] = user.__dict__.setdefault("_trithuc_role_reach", {})
    if key not in cache:
        roots = {unit for role, unit in user_assignments(user) if role in key}
        cache[key] = orgunit_reach_ids(roots) if roots else set()
    return cache[key]


def may_act_in_role(user: User | AnonymousUser, roles: Iterable[str], unit_id: int | None) -> bool:
    """Does one of ``user``'s assignments in ``roles`` reach ``unit_id``? (superusers: always)"""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return unit_id is not None and unit_id in role_reach_ids(user, roles)
