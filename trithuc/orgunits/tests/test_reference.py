"""The reference structure: Hậu Giang as the program found it, and Cần Thơ after 1 July 2025."""

from __future__ import annotations

import datetime as dt

import pytest

from trithuc.orgunits import reference as ref
from trithuc.orgunits.choices import OrgUnitKind
from trithuc.orgunits.models import OrgUnit, OrgUnitEvent
from trithuc.orgunits.selectors import orgunit_reach_ids, orgunit_tree_as_of

pytestmark = pytest.mark.django_db

IN_2023 = dt.date(2023, 12, 1)
AFTER_MERGER = dt.date(2025, 8, 1)


@pytest.fixture(scope="module")
def kept(module_transaction):
    return ref.structure_load()


@pytest.fixture
def structure(kept_copy):
    return kept_copy


def _flatten(nodes):
    for node in nodes:
        yield node
        yield from _flatten(node.children)


def test_2023_tree_has_hau_giang_with_its_districts_and_communes(structure):
    roots = orgunit_tree_as_of(IN_2023)
    assert [node.name for node in roots] == ["Tỉnh Hậu Giang"]
    units = [node.unit for node in _flatten(roots)]
    assert sum(u.kind == OrgUnitKind.DISTRICT for u in units) == 8
    assert sum(u.kind == OrgUnitKind.COMMUNE for u in units) == 75
    names = {node.name for node in _flatten(roots)}
    # The bodies the program's text names.
    assert {
        "Tỉnh ủy Hậu Giang",
        "Ban Tuyên giáo Tỉnh ủy Hậu Giang",
        "Ban cán sự đảng Ủy ban nhân dân tỉnh Hậu Giang",
        "Đảng đoàn Hội đồng nhân dân tỉnh Hậu Giang",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hậu Giang",
        "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Hậu Giang",
        "Hội Văn học Nghệ thuật tỉnh Hậu Giang",
        "Hội Doanh nhân trẻ tỉnh Hậu Giang",
        "Hiệp hội Doanh nghiệp tỉnh Hậu Giang",
        "Thành phố Vị Thanh",
    } <= names


def test_after_the_merger_can_tho_has_wards_and_no_district_level(structure):
    roots = orgunit_tree_as_of(AFTER_MERGER)
    assert [node.name for node in roots] == ["Thành phố Cần Thơ"]
    units = [node.unit for node in _flatten(roots)]
    assert not any(u.kind == OrgUnitKind.DISTRICT for u in units)
    assert sum(u.kind == OrgUnitKind.COMMUNE for u in units) == 103
    assert not any(u.code.startswith("HG") for u in units)


def test_every_hau_giang_unit_counts_for_can_tho(structure):
    hau_giang = set(OrgUnit.objects.filter(code__startswith="HG").values_list("pk", flat=True))
    can_tho = OrgUnit.objects.get(code=ref.CAN_THO)
    assert hau_giang <= orgunit_reach_ids({can_tho.pk})


def test_a_2023_commune_counts_for_the_ward_it_was_merged_into(structure):
    # Xã Đại Thành, Hiệp Lợi and Tân Thành of Ngã Bảy became phường Đại Thành.
    dai_thanh = OrgUnit.objects.get(code__startswith="CT.X", name="Phường Đại Thành")
    reach = OrgUnit.objects.filter(pk__in=orgunit_reach_ids({dai_thanh.pk}))
    old = {u.name for u in reach if u.code.startswith("HG.")}
    assert {"Phường Hiệp Lợi", "Xã Đại Thành", "Xã Tân Thành"} <= old


def test_propaganda_commission_of_today_inherits_both_2023_commissions(structure):
    today_commission = OrgUnit.objects.get(code=ref.CT_PROPAGANDA)
    reach = set(
        OrgUnit.objects.filter(pk__in=orgunit_reach_ids({today_commission.pk})).values_list(
            "code", flat=True
        )
    )
    assert {"HG.BTG", "HG.BDV", "HG.BTGDV"} <= reach


def test_every_event_names_its_legal_basis_and_no_unit_is_left_open_in_hau_giang(structure):
    assert not OrgUnitEvent.objects.filter(legal_basis="").exists()
    still_open = OrgUnit.objects.filter(code__startswith="HG", valid_to__isnull=True)
    assert list(still_open) == []


def test_loading_twice_changes_nothing(structure):
    again = ref.structure_load()
    assert (again.units, again.events) == (structure.units, structure.events)
