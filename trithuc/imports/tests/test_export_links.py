"""Every list page of records that have a spreadsheet kind offers them as that spreadsheet: the
unit officer exports what they see, corrects it in Excel and sends it back through the import."""

from __future__ import annotations

import pytest
from django.urls import reverse

from trithuc.imports.kinds import get_kind
from trithuc.imports.writers import header_text
from trithuc.people.tests.factories import PersonFactory

from .helpers import read_back

LIST_PAGES = [
    ("people:person_list", "people"),
    ("workforce:course_list", "training"),
    ("workforce:rating_list", "ratings"),
    ("workforce:succession_list", "succession"),
    ("workforce:career_list", "careers"),
    ("workforce:award_list", "awards"),
    ("workforce:case_list", "attraction"),
]


def _export_href(kind: str, unit=None) -> str:
    url = reverse("imports:export", args=[kind])
    return f'href="{url}?don_vi={unit.pk}"' if unit else f'href="{url}"'


@pytest.mark.parametrize(("page", "kind"), LIST_PAGES)
def test_a_list_page_exports_its_records_with_the_template_headers(
    client, users, reference, page, kind
):
    client.force_login(users["program_office"])
    html = client.get(reverse(page)).content.decode()
    assert _export_href(kind) in html
    assert "Xuất Excel" in html

    exported = client.get(reverse("imports:export", args=[kind]), {"muc_dich": "bao-cao"})
    assert exported.status_code == 200
    headers = [header_text(column) for column in get_kind(kind).columns]
    assert read_back(exported.content)[0] == headers


def test_the_person_list_filtered_on_a_unit_exports_that_unit_only(client, users, units, reference):
    PersonFactory(full_name="Lê Văn Bình", unit=units.other_commune)
    PersonFactory(full_name="Trần Văn Một", unit=units.new_commune)
    client.force_login(users["program_office"])

    html = client.get(reverse("people:person_list"), {"unit": units.other_commune.pk})
    assert _export_href("people", units.other_commune) in html.content.decode()
    assert "mọi bản ghi của Xã Khác" in html.content.decode()

    exported = client.get(
        reverse("imports:export", args=["people"]),
        {"don_vi": units.other_commune.pk, "muc_dich": "bao-cao"},
    )
    assert [row[1] for row in read_back(exported.content)[1:]] == ["Lê Văn Bình"]


def test_a_filter_changed_in_place_keeps_the_export_link_in_step(client, users, units, reference):
    client.force_login(users["program_office"])
    table = client.get(
        reverse("workforce:rating_list"), {"don_vi": units.other_commune.pk}, HTTP_HX_REQUEST="true"
    )
    assert "<html" not in table.content.decode()
    assert _export_href("ratings", units.other_commune) in table.content.decode()
