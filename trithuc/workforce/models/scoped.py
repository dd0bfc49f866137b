from __future__ import annotations

from django.db import models
from django.db.models import Q


class PersonRecordQuerySet(models.QuerySet):
    def visible_to(self, user, action: str = "view"):
        from trithuc.accounts.scoping import Action, restrict

        return restrict(self, user, Action(action))


class PersonUnitRecord(models.Model):
    """A record about a person kept by a unit: visible within that unit's reach and to the person."""

    objects = PersonRecordQuerySet.as_manager()

    class Meta:
        abstract = True

    # The field naming the unit that keeps the record.
    scope_unit_field = "unit"

    @classmethod
    def scope_q_for_units(cls, unit_ids: set[int]) -> Q:
        return Q(**{f"{cls.scope_unit_field}_id__in": unit_ids})

    @classmethod
    def scope_q_for_owner(cls, user) -> Q:
        return Q(person__user=user)
