"""Shared fixtures: a small province that merged into a new one in 2025, and a user for each role.

Tỉnh Cũ (until 2025-07-01)                   Tỉnh Mới (from 2025-07-01)
├── Huyện Một (dissolved 2025-07-01)         ├── Xã Mới    ← Xã Một + Xã Hai (merged)
│   ├── Xã Một ─┐                            └── Xã Khác
│   └── Xã Hai ─┘
└── Sở Nội vụ (merged into Tỉnh Mới with the province)
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import override_settings

from tests.databases import drop_empty_copy, keep_empty_copy
from trithuc.accounts.choices import Role
from trithuc.accounts.models import User
from trithuc.accounts.services import user_assign, user_create
from trithuc.core.beside import close_connections
from trithuc.orgunits.choices import OrgUnitEventKind, OrgUnitKind
from trithuc.orgunits.models import OrgUnit
from trithuc.orgunits.services import orgunit_create, orgunit_record_event
from trithuc.programs.models import Program

MERGER_DAY = dt.date(2025, 7, 1)
PASSWORD = "mat-khau-thu-nghiem"


@dataclass
class Units:
    old_province: OrgUnit
    district: OrgUnit
    commune_one: OrgUnit
    commune_two: OrgUnit
    department: OrgUnit
    new_province: OrgUnit
    new_commune: OrgUnit
    other_commune: OrgUnit


@pytest.fixture
def units(db) -> Units:
    return build_units()


def build_units() -> Units:
    old = orgunit_create(code="TC", name="Tỉnh Cũ", kind=OrgUnitKind.PROVINCE)
    district = orgunit_create(code="TC.H1", name="Huyện Một", kind=OrgUnitKind.DISTRICT, parent=old)
    one = orgunit_create(code="TC.X1", name="Xã Một", kind=OrgUnitKind.COMMUNE, parent=district)
    two = orgunit_create(code="TC.X2", name="Xã Hai", kind=OrgUnitKind.COMMUNE, parent=district)
    department = orgunit_create(
        code="TC.SNV", name="Sở Nội vụ tỉnh Cũ", kind=OrgUnitKind.DEPARTMENT, parent=old
    )
    new = orgunit_create(
        code="TM", name="Tỉnh Mới", kind=OrgUnitKind.PROVINCE, valid_from=MERGER_DAY
    )
    new_commune = orgunit_create(
        code="TM.X1", name="Xã Mới", kind=OrgUnitKind.COMMUNE, parent=new, valid_from=MERGER_DAY
    )
    other = orgunit_create(
        code="TM.X2", name="Xã Khác", kind=OrgUnitKind.COMMUNE, parent=new, valid_from=MERGER_DAY
    )
    basis = "Nghị quyết thử nghiệm số 1/2025/QH15"
    orgunit_record_event(
        kind=OrgUnitEventKind.MERGED,
        date=MERGER_DAY,
        legal_basis=basis,
        units_before=[one, two],
        units_after=[new_commune],
    )
    orgunit_record_event(
        kind=OrgUnitEventKind.DISSOLVED, date=MERGER_DAY, legal_basis=basis, units_before=[district]
    )
    orgunit_record_event(
        kind=OrgUnitEventKind.MERGED,
        date=MERGER_DAY,
        legal_basis=basis,
        units_before=[old],
        units_after=[new],
    )
    return Units(old, district, one, two, department, new, new_commune, other)


def make_program(units: Units, *, code: str = "CTr-TEST") -> Program:
    """A program of the old province for 2024–2030, with no indicators yet."""
    return Program.objects.create(
        code=code,
        title="Chương trình thử nghiệm",
        issuing_body=units.old_province,
        resolution="Nghị quyết thử nghiệm",
        start_year=2024,
        end_year=2030,
    )


def make_user(username: str, role: Role | None, unit: OrgUnit | None) -> User:
    user = user_create(username=username, password=PASSWORD, full_name=f"Người dùng {username}")
    if role is not None and unit is not None:
        user_assign(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def users(units: Units) -> dict[str, User]:
    return build_users(units)


def build_users(units: Units) -> dict[str, User]:
    """One user per role; unit officers at an old commune, the merged commune and another one."""
    return {
        "program_office": make_user("vanphong", Role.PROGRAM_OFFICE, units.new_province),
        "leader": make_user("lanhdao", Role.LEADER, units.new_province),
        "administrator": make_user("quantri", Role.ADMINISTRATOR, units.new_province),
        "agency_officer": make_user("sonoivu", Role.AGENCY_OFFICER, units.department),
        "officer_new_commune": make_user("xamoi", Role.UNIT_OFFICER, units.new_commune),
        "officer_other_commune": make_user("xakhac", Role.UNIT_OFFICER, units.other_commune),
        "officer_old_commune": make_user("xamot", Role.UNIT_OFFICER, units.commune_one),
        "reviewer": make_user("phanbien", Role.REVIEWER, units.department),
        "intellectual": make_user("trithuc", Role.INTELLECTUAL, None),
    }


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, and on PostgreSQL an untouched copy of it to make scratch databases
    from (``tests/databases.py``)."""
    with django_db_blocker.unblock():
        keep_empty_copy()
    yield
    # PostgreSQL drops a database only when nobody is connected to it: the connections of the
    # threads that read beside a request (core/beside.py) are closed first.
    close_connections()
    with django_db_blocker.unblock():
        drop_empty_copy()


# Data built once for a whole test module. The role tables (``test_access.py`` of each app) run
# hundreds of tests over the same small province, and building it again for each test was most of
# the suite's time. Such a module defines ``kept`` (scope="module", requesting
# ``module_transaction``) and reads it through ``kept_copy``, as Django's ``setUpTestData`` does
# for a class: the rows are written once, each test's own writes roll back to a savepoint, and
# each test gets its own copy of the objects, so one test changing them in memory cannot leak
# into the next.


@pytest.fixture(scope="module")
def module_transaction(django_db_setup, django_db_blocker, tmp_path_factory):
    """One transaction around the module's tests, rolled back after the last one. Files the
    module's data stores go to a folder of its own (the tests' own fixtures point MEDIA_ROOT
    elsewhere only once each test begins)."""
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        yield
        transaction.set_rollback(True)


@pytest.fixture
def kept_copy(kept, db):
    """This test's own copy of the objects the module's ``kept`` fixture built."""
    return copy.deepcopy(kept)


def kept_province() -> dict:
    """The small province and its users, as a module's ``kept`` starts."""
    units = build_units()
    return {"units": units, "users": build_users(units)}


def kept_fixtures(*names: str) -> tuple:
    """Fixtures under ``names`` that give this test's copy of ``kept[name]``, in place of the
    fixtures of those names that would build the data again:
    ``units, users = kept_fixtures("units", "users")``."""

    def fixture_for(name: str):
        @pytest.fixture(name=name)
        def kept_item(kept_copy):
            return kept_copy[name]

        return kept_item

    return tuple(fixture_for(name) for name in names)
