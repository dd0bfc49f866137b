"""The structure pages show the tree of a chosen day and where a unit came from."""

from __future__ import annotations

from django.urls import reverse


def test_tree_of_2024_shows_the_old_province_and_its_district(client, users, units):
    client.force_login(users["leader"])
    page = client.get(reverse("orgunits:orgunit_tree"), {"ngay": "2024-01-01"}).text
    assert "Tỉnh Cũ" in page
    assert "Huyện Một" in page
    assert "Xã Một" in page
    assert "Tỉnh Mới" not in page


def test_tree_of_today_shows_the_new_province_only(client, users, units):
    client.force_login(users["leader"])
    page = client.get(reverse("orgunits:orgunit_tree"), {"ngay": "2025-08-01"}).text
    assert "Tỉnh Mới" in page
    assert "Xã Mới" in page
    assert "Huyện Một" not in page


def test_a_bad_date_is_explained_and_today_is_shown(client, users, units):
    client.force_login(users["leader"])
    page = client.get(reverse("orgunits:orgunit_tree"), {"ngay": "31/02/2024"}).text
    assert "không hợp lệ" in page


def test_unit_page_lists_its_merge_and_predecessors_with_legal_basis(client, users, units):
    client.force_login(users["leader"])
    page = client.get(reverse("orgunits:orgunit_detail", args=[units.new_commune.pk])).text
    assert "Hợp nhất, sáp nhập" in page
    assert "Nghị quyết thử nghiệm số 1/2025/QH15" in page
    assert "Xã Một" in page
    assert "Xã Hai" in page
