"""'Who in this unit meets the standards for position P', on a small hand-built commune whose
answers are known: one who meets every standard, and one failing each standard in turn."""

from __future__ import annotations

import datetime as dt

import pytest

from trithuc.people.models import DegreeLevel, PoliticalTheoryLevel
from trithuc.people.reference import reference_data_load
from trithuc.people.services import qualification_add
from trithuc.people.tests.factories import PersonFactory
from trithuc.workforce.choices import RatingLevel
from trithuc.workforce.models import PositionStandard
from trithuc.workforce.selectors.candidates import candidates_for
from trithuc.workforce.services import rating_set, succession_plan_add

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 6, 1)


@pytest.fixture
def chairman(db) -> PositionStandard:
    reference_data_load()
    return PositionStandard.objects.create(
        code="chu-tich-ubnd-xa",
        name="Chủ tịch UBND xã",
        min_degree=DegreeLevel.objects.get(code="dai-hoc"),
        min_political_theory=PoliticalTheoryLevel.objects.get(code="trung-cap"),
        max_age=55,
        good_rating_years=2,
        requires_succession_plan=True,
    )


def _officer(
    units,
    chairman,
    name,
    *,
    born=dt.date(1985, 1, 1),
    degree="dai-hoc",
    theory="trung-cap",
    ratings=(RatingLevel.GOOD, RatingLevel.EXCELLENT),
    planned=True,
):
    person = PersonFactory(full_name=name, birth_date=born, unit=units.other_commune)
    if degree:
        qualification_add(actor=None, person=person, level=DegreeLevel.objects.get(code=degree))
    if theory:
        person.political_theory = PoliticalTheoryLevel.objects.get(code=theory)
        person.save(update_fields=["political_theory"])
    for year, level in zip((2024, 2025), ratings, strict=True):
        rating_set(actor=None, person=person, year=year, level=level, unit=units.other_commune)
    if planned:
        succession_plan_add(
            actor=None, person=person, unit=units.other_commune, position=chairman, term="2025-2030"
        )
    return person


def test_the_candidate_list_gives_each_reason(units, users, chairman):
    _officer(units, chairman, "Nguyễn Văn Đạt")
    _officer(units, chairman, "Trần Văn Cao", degree="cao-dang")
    _officer(units, chairman, "Lê Văn Luận", theory="so-cap")
    _officer(units, chairman, "Phạm Văn Lão", born=dt.date(1969, 5, 1))
    _officer(units, chairman, "Võ Văn Loại", ratings=(RatingLevel.GOOD, RatingLevel.COMPLETED))
    _officer(units, chairman, "Đỗ Văn Quy", planned=False)
    PersonFactory(
        full_name="Bùi Văn Xa", unit=units.new_commune
    )  # another commune: not a candidate

    found = {
        c.person.full_name: c
        for c in candidates_for(
            user=users["program_office"], unit=units.other_commune, position=chairman, day=DAY
        )
    }
    assert set(found) == {
        "Nguyễn Văn Đạt",
        "Trần Văn Cao",
        "Lê Văn Luận",
        "Phạm Văn Lão",
        "Võ Văn Loại",
        "Đỗ Văn Quy",
    }
    assert [n for n, c in found.items() if c.qualifies] == ["Nguyễn Văn Đạt"]

    def only_failure(name):
        [check] = found[name].failed
        return check

    assert only_failure("Trần Văn Cao").reason == "Cao nhất: Cao đẳng (yêu cầu từ Đại học)."
    assert only_failure("Lê Văn Luận").reason == "Hiện có: Sơ cấp (yêu cầu từ Trung cấp)."
    assert only_failure("Phạm Văn Lão").reason == "57 tuổi (tối đa 55)."
    assert "2025: Hoàn thành nhiệm vụ" in only_failure("Võ Văn Loại").reason
    assert (
        only_failure("Đỗ Văn Quy").reason == "Chưa có trong quy hoạch chức danh «Chủ tịch UBND xã»."
    )


def test_the_one_who_qualifies_is_listed_first(units, users, chairman):
    _officer(units, chairman, "Trần Văn Cao", degree="cao-dang")
    _officer(units, chairman, "Nguyễn Văn Đạt")
    listed = candidates_for(
        user=users["program_office"], unit=units.other_commune, position=chairman, day=DAY
    )
    assert listed[0].person.full_name == "Nguyễn Văn Đạt"


def test_an_officer_of_another_commune_sees_no_candidates_here(units, users, chairman):
    _officer(units, chairman, "Nguyễn Văn Đạt")
    assert (
        candidates_for(
            user=users["officer_new_commune"], unit=units.other_commune, position=chairman, day=DAY
        )
        == []
    )
