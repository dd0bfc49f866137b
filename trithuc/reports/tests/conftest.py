"""A hand-built data set for the review report: the test program of ``programs`` (training target
2–3 a year), people sent in 2024 and 2025 across the 2025 merger, and the new province's Party
committee (symbol TU) with its propaganda commission."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import MERGER_DAY, Units
from trithuc.orgunits.choices import OrgUnitKind
from trithuc.orgunits.services import orgunit_create
from trithuc.programs.tests.conftest import advanced_courses, program  # noqa: F401
from trithuc.programs.tests.test_computed_values import _send
from trithuc.workforce.choices import EnrollmentStatus


@pytest.fixture(autouse=True)
def _media_and_no_pdf(settings, tmp_path):
    """Files go to a temporary folder; LibreOffice is only started by the test of the PDF."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TRITHUC_REPORT_PDF = False


@pytest.fixture
def committee(units: Units):
    return orgunit_create(
        code="TM.TU",
        name="Tỉnh ủy Mới",
        short_name="Tỉnh ủy",
        kind=OrgUnitKind.PARTY_COMMITTEE,
        parent=units.new_province,
        symbol="TU",
        valid_from=MERGER_DAY,
    )


@pytest.fixture
def commission(committee):
    return orgunit_create(
        code="TM.BTG",
        name="Ban Tuyên giáo và Dân vận Tỉnh ủy Mới",
        short_name="Ban Tuyên giáo và Dân vận",
        kind=OrgUnitKind.PARTY_COMMISSION,
        parent=committee,
        symbol="BTGDVTU",
        valid_from=MERGER_DAY,
    )


@pytest.fixture
def sent(units, program, advanced_courses):  # noqa: F811
    """2024: two from Xã Một, one from Xã Hai (merged into Xã Mới); 2025: one from Xã Mới, one
    from Xã Khác, one only planned."""
    _send(advanced_courses[2024], units.commune_one, "Nguyễn Văn Một")
    _send(advanced_courses[2024], units.commune_one, "Trần Văn Hai")
    _send(advanced_courses[2024], units.commune_two, "Lê Thị Ba", EnrollmentStatus.GRADUATED)
    _send(advanced_courses[2025], units.new_commune, "Phạm Văn Bốn")
    _send(advanced_courses[2025], units.other_commune, "Võ Thị Năm")
    _send(advanced_courses[2025], units.other_commune, "Đỗ Văn Sáu", EnrollmentStatus.PLANNED)


REPORT_DAY = dt.date(2025, 12, 15)
