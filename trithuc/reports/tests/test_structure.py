"""Structure analysis: retirement dates on the 2019 Labour Code roadmap, the succession view with
planned successors, shares against the ĐA 01 targets, and the expert coverage map."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from trithuc.core.dates import today
from trithuc.people.choices import Gender
from trithuc.people.tests.factories import PersonFactory
from trithuc.reports.selectors import header_as_of
from trithuc.reports.structure import age_pyramid, retirement_date, structure_shares
from trithuc.workforce.models import PositionStandard, SuccessionPlan

from .conftest import REPORT_DAY


def test_retirement_age_rises_on_the_roadmap_of_each_gender():
    # A man born 05/1966 reaches 62 (the final age, from 2028) on 10/05/2028.
    assert retirement_date(dt.date(1966, 5, 10), Gender.MALE) == dt.date(2028, 5, 10)
    # A woman born 03/1970: in 2027 the age is 57 years 4 months, reached on 15/07/2027.
    assert retirement_date(dt.date(1970, 3, 15), Gender.FEMALE) == dt.date(2027, 7, 15)


def test_a_commission_header_names_its_committee_above_itself(commission):
    header = header_as_of(commission, REPORT_DAY)
    assert (header.higher_body, header.issuer, header.symbol) == (
        "Tỉnh ủy Mới",
        "Ban Tuyên giáo và Dân vận",
        "BTGDVTU",
    )


def test_pyramid_and_shares_count_the_people_at_work(units):
    PersonFactory(
        full_name="Nguyễn Thị Trẻ",
        gender=Gender.FEMALE,
        birth_date=dt.date(2000, 1, 1),
        unit=units.new_commune,
    )
    PersonFactory(
        full_name="Trần Văn Già", birth_date=dt.date(1970, 1, 1), unit=units.other_commune
    )
    pyramid = age_pyramid(unit=units.new_province, day=today())
    assert pyramid.total == 2
    assert sum(pyramid.women) == 1
    _, shares = structure_shares(user=None, unit=units.new_province, day=today())
    women = next(s for s in shares if s.label == "Cán bộ nữ")
    assert (women.count, women.total, women.text) == (1, 2, "50 %")
    assert women.met


def test_structure_page_lists_who_retires_soon_and_their_planned_successor(client, users, units):
    day = today()
    holder = PersonFactory(
        full_name="Lê Văn Chủ Tịch",
        birth_date=day.replace(year=day.year - 61),
        unit=units.new_commune,
    )
    holder.employments.update(position="Chủ tịch UBND xã")
    successor = PersonFactory(full_name="Phạm Văn Kế Cận", unit=units.new_commune)
    position = PositionStandard.objects.create(code="ct-xa", name="Chủ tịch UBND xã")
    SuccessionPlan.objects.create(
        person=successor, unit=units.new_commune, position=position, term="2025-2030"
    )
    client.force_login(users["program_office"])
    page = client.get(
        reverse("reports:structure"), {"don_vi": units.new_province.pk}
    ).content.decode()
    assert "Lê Văn Chủ Tịch" in page
    assert "Phạm Văn Kế Cận (2025-2030)" in page
    assert "data:image/png;base64," in page
