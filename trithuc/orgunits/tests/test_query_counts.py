"""The unit tree costs the same queries with thirty communes as with a few."""

from __future__ import annotations

from django.urls import reverse

from trithuc.core.testing import queries_of
from trithuc.orgunits.choices import OrgUnitKind
from trithuc.orgunits.services import orgunit_create


def test_orgunit_tree_queries_do_not_grow_with_the_units(
    client, users, units, django_assert_num_queries
):
    client.force_login(users["program_office"])
    url = reverse("orgunits:orgunit_tree")
    queries_of(client, url)
    few = queries_of(client, url)
    for n in range(30):
        orgunit_create(
            code=f"NEW.X{n:02d}",
            name=f"Xã Thêm {n:02d}",
            kind=OrgUnitKind.COMMUNE,
            parent=units.new_province,
        )
    with django_assert_num_queries(few):
        response = client.get(url)
    assert response.text.count("Xã Thêm") == 30
