"""``unit_ids_q`` writes a set of unit ids as ranges of consecutive ids: the units it selects are
exactly the set, whatever its shape."""

from __future__ import annotations

import pytest

from trithuc.orgunits.choices import OrgUnitKind
from trithuc.orgunits.models import OrgUnit
from trithuc.orgunits.selectors import unit_ids_q
from trithuc.orgunits.services import orgunit_create


@pytest.mark.parametrize("pick", ["all", "every_other", "first_and_last", "one", "runs"])
def test_the_condition_selects_exactly_the_units_given(units, pick):
    ids = sorted(OrgUnit.objects.values_list("pk", flat=True))
    chosen = {
        "all": set(ids),
        "every_other": set(ids[::2]),  # no two consecutive: one run each (or the IN list)
        "first_and_last": {ids[0], ids[-1]},
        "one": {ids[3]},
        "runs": set(ids[:3]) | set(ids[4:6]),
    }[pick]
    found = set(OrgUnit.objects.filter(unit_ids_q("pk", chosen)).values_list("pk", flat=True))
    assert found == chosen


def test_a_unit_made_later_is_outside_a_range_of_earlier_ones(units):
    ids = set(OrgUnit.objects.values_list("pk", flat=True))
    condition = unit_ids_q("pk", ids)
    later = orgunit_create(
        code="TM.X3", name="Xã Lập Sau", kind=OrgUnitKind.COMMUNE, parent=units.new_province
    )
    assert later.pk not in set(OrgUnit.objects.filter(condition).values_list("pk", flat=True))


def test_many_scattered_ids_fall_back_to_a_plain_list():
    condition = unit_ids_q("unit_id", set(range(0, 100, 2)))
    assert condition.children == [("unit_id__in", set(range(0, 100, 2)))]
