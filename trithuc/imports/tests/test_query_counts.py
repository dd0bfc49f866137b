"""The import page lists the batches of the user's units for the same queries with twelve batches
as with two: a query per batch would make the second count larger."""

from __future__ import annotations

from django.urls import reverse

from trithuc.core.testing import queries_of
from trithuc.imports import services

from .helpers import xlsx


def _batches(units, users, count: int) -> None:
    content = xlsx([["Họ và tên", "Ngày sinh", "Giới tính"], ["Lê Văn Bình", "1980", "Nam"]])
    for n in range(count):
        batch = services.batch_create(
            actor=users["officer_old_commune"],
            kind="people",
            unit=units.commune_one,
            filename=f"danh-sach-{n:02d}.xlsx",
            content=content,
        )
        services.batch_check(batch_id=batch.pk)


def test_batch_list_queries_do_not_grow_with_the_batches(
    client, units, users, reference, django_assert_num_queries
):
    client.force_login(users["officer_new_commune"])
    url = reverse("imports:batch_list")
    _batches(units, users, 2)
    queries_of(client, url)
    few = queries_of(client, url)
    _batches(units, users, 10)
    with django_assert_num_queries(few):
        response = client.get(url)
    assert response.text.count("danh-sach-") == 12
