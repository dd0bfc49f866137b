"""Associations the program names are linked to their org units; members are registry people,
kept by the officers reaching the association; young-member figures follow the setting."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from trithuc.engagement import selectors, services
from trithuc.engagement.models import Association
from trithuc.orgunits.choices import OrgUnitKind
from trithuc.orgunits.services import orgunit_create
from trithuc.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 6, 1)


@pytest.fixture
def union(units, users):
    """Liên hiệp các Hội KH&KT of the new province, its officer, and one member association."""
    from conftest import make_user
    from trithuc.accounts.choices import Role

    unit = orgunit_create(
        code="CT.LHH",
        name="Liên hiệp các Hội Khoa học và Kỹ thuật",
        kind=OrgUnitKind.ASSOCIATION,
        parent=units.new_province,
        valid_from=units.new_province.valid_from,
    )
    assert services.associations_load() == 1
    assert services.associations_load() == 0  # idempotent, and never a second row for the unit
    users["union_officer"] = make_user("lienhiephoi", Role.AGENCY_OFFICER, unit)
    return Association.objects.get(unit=unit)


def test_the_union_is_linked_to_its_org_unit_and_keeps_member_associations(union, users):
    assert union.name == "Liên hiệp các Hội Khoa học và Kỹ thuật"
    member = services.member_association_create(
        actor=users["union_officer"], parent=union, name="Hội Y học"
    )
    assert member.managing_unit_id == union.unit_id
    with pytest.raises(PermissionDenied):
        services.member_association_create(
            actor=users["officer_new_commune"], parent=union, name="Hội Luật gia"
        )


def test_young_member_figures_count_current_members_under_the_age_limit(union, users, settings):
    settings.TRITHUC_YOUNG_AGE_LIMIT = 35
    member = services.member_association_create(
        actor=users["union_officer"], parent=union, name="Hội Y học"
    )
    young = PersonFactory(full_name="Võ Minh Trí", birth_date=dt.date(1995, 1, 1))
    older = PersonFactory(full_name="Đặng Văn Lâm", birth_date=dt.date(1970, 1, 1))
    left = PersonFactory(full_name="Hồ Thị Mai", birth_date=dt.date(1998, 1, 1))
    officer = users["union_officer"]
    services.membership_add(actor=officer, association=union, person=older)
    services.membership_add(actor=officer, association=member, person=young)
    gone = services.membership_add(actor=officer, association=member, person=left)
    services.membership_end(actor=officer, membership=gone, left_on=dt.date(2026, 1, 1))
    with pytest.raises(ValidationError, match="đang là hội viên"):
        services.membership_add(actor=officer, association=member, person=young)

    figures = {f.association.name: f for f in selectors.association_figures(day=DAY)}
    assert (figures["Hội Y học"].members, figures["Hội Y học"].young) == (1, 1)
    union_row = figures[union.name]
    assert (union_row.members, union_row.young, union_row.young_share) == (2, 1, 0.5)
    settings.TRITHUC_YOUNG_AGE_LIMIT = 30
    assert {f.association.name: f.young for f in selectors.association_figures(day=DAY)}[
        union.name
    ] == 0


def test_member_lists_follow_the_scoping_rule(union, users):
    person = PersonFactory(full_name="Võ Minh Trí", user=users["intellectual"])
    services.membership_add(actor=users["union_officer"], association=union, person=person)
    visible = selectors.memberships_visible
    assert visible(user=users["union_officer"], association=union).count() == 1
    assert visible(user=users["program_office"], association=union).count() == 1
    assert visible(user=users["intellectual"], association=union).count() == 1  # their own
    assert visible(user=users["officer_other_commune"], association=union).count() == 0
    assert visible(user=users["reviewer"], association=union).count() == 0
