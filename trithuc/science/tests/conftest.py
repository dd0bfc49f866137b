"""Science records of the shared small province (root ``conftest.py``): Sở Nội vụ stands in for
the agency managing science tasks (its agency officer runs the lifecycle)."""

from __future__ import annotations

import pytest

from trithuc.accounts.choices import Role
from trithuc.people.models import Field
from trithuc.people.reference import reference_data_load


@pytest.fixture
def reference(db):
    reference_data_load()


@pytest.fixture
def aquaculture(reference) -> Field:
    """A level-2 field, with a sibling in the same group and a field of another group."""
    return Field.objects.filter(parent__isnull=False).order_by("code").first()


@pytest.fixture
def sibling_field(aquaculture) -> Field:
    return (
        Field.objects.filter(parent=aquaculture.parent).exclude(pk=aquaculture.pk).order_by("code")
    ).first()


@pytest.fixture
def other_field(aquaculture) -> Field:
    return (
        Field.objects.filter(parent__isnull=False)
        .exclude(parent=aquaculture.parent)
        .order_by("code")
        .first()
    )


@pytest.fixture
def second_reviewer(units):
    from conftest import make_user

    return make_user("phanbien2", Role.REVIEWER, units.department)
