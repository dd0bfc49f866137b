"""The person list: Vietnamese order and the filters an office uses."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from trithuc.core.dates import today
from trithuc.people import services
from trithuc.people.choices import Gender
from trithuc.people.models import DegreeLevel, Ethnicity, Field, GroupTag
from trithuc.people.reference import reference_data_load
from trithuc.people.selectors import PersonFilters, person_list
from trithuc.people.tests.factories import PersonFactory


@pytest.fixture
def reference(db):
    reference_data_load()


def names(user, **filters):
    return [p.full_name for p in person_list(user=user, filters=PersonFilters(**filters))]


def test_list_is_sorted_by_given_name_then_family_name_in_vietnamese_order(units, users):
    for name in [
        "Trần Văn Đức",
        "Nguyễn Văn Dũng",
        "Lê Thị Ánh",
        "Bùi Văn Anh",
        "Đỗ Thị Ánh",
        "Phạm Thị Ân",
        "Võ Văn Ơn",
        "Hồ Văn Ô",
    ]:
        PersonFactory(full_name=name, unit=units.new_commune)
    # Vietnamese order: a < ă < â, d < đ < e, o < ô < ơ; tone marks count only after the letters;
    # the same given name sorts by family name (Đỗ before Lê).
    assert names(users["program_office"]) == [
        "Bùi Văn Anh",
        "Đỗ Thị Ánh",
        "Lê Thị Ánh",
        "Phạm Thị Ân",
        "Nguyễn Văn Dũng",
        "Trần Văn Đức",
        "Hồ Văn Ô",
        "Võ Văn Ơn",
    ]


def test_filter_by_unit_includes_units_merged_into_it(units, users):
    PersonFactory(full_name="Nguyễn Văn Cũ", unit=units.commune_one)
    PersonFactory(full_name="Nguyễn Văn Mới", unit=units.new_commune)
    PersonFactory(full_name="Nguyễn Văn Khác", unit=units.other_commune)
    assert sorted(names(users["program_office"], unit=units.new_commune)) == [
        "Nguyễn Văn Cũ",
        "Nguyễn Văn Mới",
    ]


def test_filter_by_groups_the_program_follows(units, users, reference):
    kinh, khmer = Ethnicity.objects.get(code="01"), Ethnicity.objects.get(code="05")
    expert = GroupTag.objects.get(code="chuyen-gia")
    young_birth = today().replace(year=today().year - 25)
    PersonFactory(
        full_name="Thạch Thị Sa",
        gender=Gender.FEMALE,
        ethnicity=khmer,
        birth_date=young_birth,
        unit=units.new_commune,
    )
    PersonFactory(
        full_name="Lê Văn Già",
        ethnicity=kinh,
        birth_date=dt.date(1965, 1, 1),
        is_party_member=True,
        tags=[expert],
        unit=units.new_commune,
    )
    office = users["program_office"]
    assert names(office, group="women") == ["Thạch Thị Sa"]
    assert names(office, group="ethnic_minority") == ["Thạch Thị Sa"]
    assert names(office, group="young") == ["Thạch Thị Sa"]
    assert names(office, group="party_member") == ["Lê Văn Già"]
    assert names(office, group="tag:chuyen-gia") == ["Lê Văn Già"]
    assert names(office, age_band="duoi-30") == ["Thạch Thị Sa"]
    assert names(office, age_band="tu-60") == ["Lê Văn Già"]


def test_filter_by_degree_and_field(units, users, reference):
    doctor = PersonFactory(
        full_name="Phan Văn Tiến", unit=units.new_commune, fields=[Field.objects.get(code="405")]
    )
    services.qualification_add(
        actor=None,
        person=doctor,
        level=DegreeLevel.objects.get(code="tien-si"),
        major="Nuôi trồng thủy sản",
    )
    PersonFactory(full_name="Phan Văn Cử", unit=units.new_commune)
    office = users["program_office"]
    assert names(office, degree_id=DegreeLevel.objects.get(code="tien-si").pk) == ["Phan Văn Tiến"]
    assert names(office, field_id=Field.objects.get(code="405").pk) == ["Phan Văn Tiến"]


def test_list_page_filters_through_htmx_without_reloading(client, units, users):
    PersonFactory(full_name="Đặng Văn Lọc", unit=units.new_commune)
    PersonFactory(full_name="Trần Văn Khác", unit=units.new_commune)
    client.force_login(users["program_office"])
    response = client.get(reverse("people:person_list"), {"q": "dang"}, HTTP_HX_REQUEST="true")
    assert "<html" not in response.text  # only the table is sent back
    assert "Đặng Văn Lọc" in response.text
    assert "Trần Văn Khác" not in response.text


@pytest.mark.parametrize("query", [{}, {"q": "phan van"}])
def test_the_table_shows_each_persons_current_jobs_and_political_theory_level(
    client, units, users, reference, query
):
    from trithuc.people.models import PoliticalTheoryLevel

    advanced = PoliticalTheoryLevel.objects.get(code="cao-cap")
    working = PersonFactory(
        full_name="Phan Văn Đương",
        unit=units.new_commune,
        position="Phó Chủ tịch",
        political_theory=advanced,
    )
    services.employment_add(actor=None, person=working, unit=units.other_commune, position="")
    left = PersonFactory(full_name="Phan Văn Nghỉ", unit=units.new_commune)
    services.employment_end(
        actor=None, employment=left.employments.get(), end_date=dt.date(2024, 1, 1)
    )
    client.force_login(users["program_office"])
    response = client.get(reverse("people:person_list"), query, HTTP_HX_REQUEST="true")

    def row_of(name: str) -> str:
        return next(row for row in response.text.split("<tr>") if f">{name}</a>" in row)

    jobs = f"Phó Chủ tịch, {units.new_commune.name}<br>{units.other_commune.name}"
    assert jobs in row_of("Phan Văn Đương")
    link = reverse("people:person_detail", args=[working.pk])
    assert f'<a href="{link}">Phan Văn Đương</a>' in row_of("Phan Văn Đương")
    assert f"<td>{advanced.name}</td>" in row_of("Phan Văn Đương")
    assert "Không còn công tác" in row_of("Phan Văn Nghỉ")
    assert units.new_commune.name not in row_of("Phan Văn Nghỉ")


def test_list_page_runs_a_fixed_number_of_queries(
    client, units, users, django_assert_max_num_queries
):
    for i in range(30):
        PersonFactory(full_name=f"Nguyễn Văn Số{i}", unit=units.new_commune)
    client.force_login(users["program_office"])
    # 15: the scope's shape is judged on every request in the tests (PEOPLE_KEPT_LIST_SECONDS = 0),
    # which reads the keepers and counts the registry; kept for minutes in a server.
    with django_assert_max_num_queries(15):
        response = client.get(reverse("people:person_list"))
    assert response.status_code == 200


def test_a_person_with_two_fields_two_degrees_and_two_jobs_is_listed_once(units, users, reference):
    fields = list(Field.objects.filter(parent__isnull=False).order_by("pk")[:2])
    person = PersonFactory(full_name="Trần Văn Hai Nơi", unit=units.new_commune, fields=fields)
    services.employment_add(actor=None, person=person, unit=units.other_commune, position="Kiêm")
    for major in ("Luật", "Kinh tế"):
        services.qualification_add(
            actor=None, person=person, level=DegreeLevel.objects.get(code="thac-si"), major=major
        )
    office = users["program_office"]
    assert names(office) == ["Trần Văn Hai Nơi"]
    assert names(office, field_id=fields[0].pk, q="hai noi") == ["Trần Văn Hai Nơi"]
    assert names(office, degree_id=DegreeLevel.objects.get(code="thac-si").pk) == [
        "Trần Văn Hai Nơi"
    ]


def test_a_long_list_stops_counting_at_the_limit_and_asks_to_narrow(client, units, users, settings):
    settings.PEOPLE_COUNT_LIMIT = 3
    for given in ("An", "Bình", "Cường", "Dũng"):
        PersonFactory(full_name=f"Ngô Văn {given}", unit=units.new_commune)
    client.force_login(users["program_office"])
    everyone = client.get(reverse("people:person_list")).text
    assert "Hơn 3 người: hãy thu hẹp tìm kiếm" in everyone
    narrowed = client.get(reverse("people:person_list"), {"q": "ngo van an"}).text
    assert "1 người" in narrowed
    assert "Hơn 3" not in narrowed


def test_a_search_past_the_limit_shows_the_first_people_by_name(client, units, users, settings):
    # "ngo van" matches four: past the limit of three, the page is read by walking the name order.
    settings.PEOPLE_COUNT_LIMIT = 3
    for given in ("Dũng", "Bình", "An", "Cường"):
        PersonFactory(full_name=f"Ngô Văn {given}", unit=units.new_commune)
    PersonFactory(full_name="Ngô Thị Ánh", unit=units.new_commune)
    client.force_login(users["program_office"])
    page = client.get(reverse("people:person_list"), {"q": "ngo van"}).text
    assert "Hơn 3 người" in page
    shown = [n for n in ("An", "Bình", "Cường", "Dũng") if f"Ngô Văn {n}<" in page]
    assert shown == ["An", "Bình", "Cường"]
    assert "Ngô Thị Ánh" not in page
    assert page.index("Ngô Văn An") < page.index("Ngô Văn Bình") < page.index("Ngô Văn Cường")


@pytest.mark.parametrize("script_prefix", ["/", "/tri-thuc/"])
def test_a_rows_link_is_the_persons_page_under_any_script_prefix(script_prefix):
    from django.urls import get_script_prefix, set_script_prefix

    from trithuc.people.templatetags.people import person_url

    before = get_script_prefix()
    set_script_prefix(script_prefix)
    try:
        for pk in (1, 10, 305, 1_000_000):
            assert person_url(pk) == reverse("people:person_detail", args=[pk])
        assert person_url(7).startswith(script_prefix)
    finally:
        set_script_prefix(before)
