"""The rows behind a dashboard number cost the same queries with thirty rows as with two."""

from __future__ import annotations

from django.urls import reverse

from trithuc.core.testing import queries_of
from trithuc.programs.tests.test_computed_values import _send


def test_indicator_rows_queries_do_not_grow_with_the_rows(
    client, users, units, program, advanced_courses, django_assert_num_queries
):
    client.force_login(users["program_office"])
    url = reverse("programs:indicator_rows", args=[program.code, "llct-cao-cap"])
    data = {"don-vi": units.new_province.pk, "nam": 2024}
    for n in range(2):
        _send(advanced_courses[2024], units.commune_one, f"Nguyễn Văn Số{n:02d}")
    queries_of(client, url, data)
    few = queries_of(client, url, data)
    for n in range(2, 30):
        _send(advanced_courses[2024], units.other_commune, f"Nguyễn Văn Số{n:02d}")
    with django_assert_num_queries(few):
        response = client.get(url, data)
    assert response.text.count("Nguyễn Văn Số") == 30
