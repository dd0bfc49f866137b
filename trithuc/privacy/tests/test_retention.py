"""Records of people who left longer ago than the retention rule are anonymised: the statistics
keep counting them, nothing identifies them any more, and the history says who did it and why."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from trithuc.people.services import employment_add
from trithuc.people.tests.factories import PersonFactory, a_cccd
from trithuc.privacy.models import Anonymisation

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)


def _left(units, name: str, on: dt.date, **extra):
    person = PersonFactory(full_name=name, unit=None, **extra)
    employment_add(
        actor=None,
        person=person,
        unit=units.commune_one,
        position="Chủ tịch UBND xã",
        start_date=dt.date(2000, 1, 1),
        end_date=on,
    )
    return person


@pytest.fixture
def staff(units, settings):
    settings.TRITHUC_RETENTION_YEARS_AFTER_LEAVING = 5
    return {
        "long_gone": _left(
            units, "Nguyễn Văn Xưa", dt.date(2019, 6, 30), cccd=a_cccd(), hometown="Vị Thanh"
        ),
        "recently_left": _left(units, "Trần Thị Mới", dt.date(2024, 1, 1)),
        "working": PersonFactory(full_name="Lê Văn Làm", unit=units.new_commune),
    }


def test_only_people_who_left_more_than_the_rule_ago_are_candidates(staff):
    from trithuc.privacy.services import retention_candidates

    assert list(retention_candidates(today=TODAY)) == [staff["long_gone"]]


def test_the_dry_run_lists_and_changes_nothing(staff):
    out = io.StringIO()
    call_command("retention", "--today", TODAY.isoformat(), stdout=out)
    assert "Nguyễn Văn Xưa" in out.getvalue()
    assert "Chạy thử: 1 hồ sơ" in out.getvalue()
    staff["long_gone"].refresh_from_db()
    assert staff["long_gone"].full_name == "Nguyễn Văn Xưa"
    assert not Anonymisation.objects.exists()


def test_anonymising_keeps_what_statistics_count_and_removes_identity(staff):
    person = staff["long_gone"]
    call_command("retention", "--apply", "--today", TODAY.isoformat(), stdout=io.StringIO())
    person.refresh_from_db()
    assert "Nguyễn Văn Xưa" not in person.full_name
    assert (person.hometown, person.cccd_masked, person.cccd_digest) == ("", "", None)
    # Kept for counts by year: gender, year of birth, the post with its unit and dates.
    assert (person.gender, person.birth_date.year, person.birth_date_precision) == (
        "male",
        1985,
        "year",
    )
    job = person.employments.get()
    assert (job.unit_id, job.end_date, job.position) == (
        staff["long_gone"].employments.get().unit_id,
        dt.date(2019, 6, 30),
        "",
    )
    # The old versions lose the name too; the last one says why it changed.
    assert not person.history.filter(full_name="Nguyễn Văn Xưa").exists()
    assert "thời hạn lưu trữ" in person.history.first().history_change_reason
    # The others are untouched, and running again does nothing more.
    staff["recently_left"].refresh_from_db()
    assert staff["recently_left"].full_name == "Trần Thị Mới"
    out = io.StringIO()
    call_command("retention", "--apply", "--today", TODAY.isoformat(), stdout=out)
    assert "Đã ẩn danh 0 hồ sơ" in out.getvalue()


def test_the_retention_page_lists_the_candidates(client, users, staff):
    client.force_login(users["program_office"])
    page = client.get("/bao-ve-du-lieu/luu-tru/").text
    assert "Nguyễn Văn Xưa" in page
    assert "Trần Thị Mới" not in page
