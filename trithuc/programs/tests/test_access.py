"""Who may open the program dashboard and the rows behind its numbers.

The figures are not personal data, but the rows behind them are: a drill-down lists only the
records the user's scope reaches, and says how many more were counted."""

from __future__ import annotations

import pytest
from django.urls import reverse

from trithuc.programs.tests.test_computed_values import _send
from trithuc.workforce.choices import EnrollmentStatus

URL_TABLE = {
    "programs:dashboard": "the program dashboard: officers, program office, leaders",
    "programs:indicator_rows": "the rows behind one number, scoped to the user",
}

CAN_READ = {
    "program_office",
    "leader",
    "administrator",
    "agency_officer",
    "officer_new_commune",
    "officer_other_commune",
    "officer_old_commune",
}
CANNOT_READ = {"reviewer", "intellectual"}


def _urls(program):
    return [
        reverse("programs:dashboard", args=[program.code]),
        reverse("programs:indicator_rows", args=[program.code, "llct-cao-cap"]) + "?nam=2024",
    ]


@pytest.mark.parametrize("role", sorted(CAN_READ | CANNOT_READ))
def test_dashboard_pages_by_role(client, users, program, role):
    client.force_login(users[role])
    for url in _urls(program):
        response = client.get(url)
        assert response.status_code == (200 if role in CAN_READ else 403), url


def test_anonymous_is_sent_to_login(client, program):
    for url in _urls(program):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


def test_a_unit_outside_the_users_reach_is_not_found(client, users, units, program):
    client.force_login(users["officer_other_commune"])
    url = reverse("programs:dashboard", args=[program.code])
    assert client.get(url, {"don-vi": units.new_commune.pk}).status_code == 404
    assert client.get(url, {"don-vi": units.other_commune.pk}).status_code == 200


def test_program_office_reads_the_figure_and_drills_into_every_row(
    client, users, units, program, advanced_courses
):
    _send(advanced_courses[2024], units.commune_one, "Nguyễn Văn Một")
    _send(advanced_courses[2024], units.other_commune, "Võ Thị Năm")
    client.force_login(users["program_office"])
    page = client.get(
        reverse("programs:dashboard", args=[program.code]),
        {"don-vi": units.new_province.pk, "nam": 2024},
    )
    html = page.content.decode()
    assert "Cử đi học cao cấp lý luận chính trị" in html
    # Two sent against a minimum of two: the year is met.
    assert "Đạt" in html
    # The table by unit links each number to its rows, for that unit.
    drill = reverse("programs:indicator_rows", args=[program.code, "llct-cao-cap"])
    assert f'{drill}?don-vi={units.new_commune.pk}&amp;nam=2024">1</a>' in html
    rows = client.get(
        reverse("programs:indicator_rows", args=[program.code, "llct-cao-cap"]),
        {"don-vi": units.new_province.pk, "nam": 2024},
    )
    text = rows.content.decode()
    assert "Nguyễn Văn Một" in text
    assert "Võ Thị Năm" in text


def test_commune_officer_drilling_down_sees_only_own_people(
    client, users, units, program, advanced_courses
):
    _send(advanced_courses[2024], units.commune_one, "Nguyễn Văn Một")
    _send(advanced_courses[2024], units.other_commune, "Võ Thị Năm", EnrollmentStatus.GRADUATED)
    client.force_login(users["officer_other_commune"])
    rows = client.get(
        reverse("programs:indicator_rows", args=[program.code, "llct-cao-cap"]),
        {"don-vi": units.other_commune.pk, "nam": 2024},
    )
    text = rows.content.decode()
    assert "Võ Thị Năm" in text
    assert "Nguyễn Văn Một" not in text


def test_dashboard_query_count_does_not_grow_with_records(
    client, users, units, program, advanced_courses, django_assert_max_num_queries
):
    for n in range(30):
        _send(advanced_courses[2024], units.commune_one, f"Nguyễn Văn Số{n}")
    client.force_login(users["program_office"])
    with django_assert_max_num_queries(40):
        client.get(reverse("programs:dashboard", args=[program.code]), {"nam": 2024})
