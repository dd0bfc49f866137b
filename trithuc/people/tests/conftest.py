from __future__ import annotations

import datetime as dt

import pytest

from conftest import Units
from trithuc.accounts.models import User
from trithuc.people import services
from trithuc.people.models import Person
from trithuc.people.tests.factories import PersonFactory


@pytest.fixture
def people(units: Units, users: dict[str, User]) -> dict[str, Person]:
    return build_people(units, users)


def build_people(units: Units, users: dict[str, User]) -> dict[str, Person]:
    """A person in each unit, a retiree of Xã Một, and the intellectual's own profile."""
    found = {
        "in_commune_one": PersonFactory(full_name="Nguyễn Văn Một", unit=units.commune_one),
        "in_commune_two": PersonFactory(full_name="Trần Thị Hai", unit=units.commune_two),
        "in_new_commune": PersonFactory(full_name="Lê Văn Mới", unit=units.new_commune),
        "in_other_commune": PersonFactory(full_name="Phạm Thị Khác", unit=units.other_commune),
        "in_department": PersonFactory(full_name="Võ Minh Sở", unit=units.department),
        # Staff of the district itself: the district was dissolved, its province merged.
        "in_district": PersonFactory(full_name="Bùi Văn Huyện", unit=units.district),
        "retired_from_commune_one": PersonFactory(
            full_name="Huỳnh Văn Hưu", unit=units.commune_one
        ),
        "own_profile": PersonFactory(full_name="Đặng Thị Trí", unit=units.other_commune),
    }
    job = found["retired_from_commune_one"].employments.get()
    services.employment_end(actor=None, employment=job, end_date=dt.date(2024, 3, 1))
    own = found["own_profile"]
    own.user = users["intellectual"]
    own.save(update_fields=["user"])
    return found
