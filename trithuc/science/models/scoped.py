from __future__ import annotations

from django.db import models
from django.db.models import Q


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user, action: str = "view"):
        from trithuc.accounts.scoping import Action, restrict

        return restrict(self, user, Action(action))


class UnitScoped(models.Model):
    """A record visible within the reach of the units named by ``scope_unit_fields``."""

    objects = ScopedQuerySet.as_manager()
    scope_unit_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    @classmethod
    def scope_q_for_units(cls, unit_ids: set[int]) -> Q:
        q = Q(pk__in=[])
        for field in cls.scope_unit_fields:
            q |= Q(**{f"{field}_id__in": unit_ids})
        return q

    @classmethod
    def scope_q_for_owner(cls, user) -> Q:
        return Q(pk__in=[])
