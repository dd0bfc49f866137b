"""The PDF beside the DOCX (where LibreOffice is installed), the message where it is not, and the
statistics workbook whose numbers are the dashboard's."""

from __future__ import annotations

import io

import pytest
from python_calamine import CalamineWorkbook

from trithuc.core.dates import today
from trithuc.programs.selectors import dashboard_build
from trithuc.reports import pdf
from trithuc.reports.choices import PeriodKind, ReportStatus
from trithuc.reports.services import review_report_create, review_report_generate
from trithuc.reports.statistics import SCIENCE_NOTE, statistics_sheets, write_workbook
from trithuc.science.choices import TaskStatus as Stage


def _report(users, units, program, committee):
    return review_report_create(
        actor=users["program_office"],
        program=program,
        period=PeriodKind.YEAR,
        year=2025,
        unit=units.new_province,
        issuer=committee,
        enqueue=False,
    )


@pytest.mark.skipif(
    pdf.soffice() is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui",
)
def test_the_pdf_is_written_beside_the_docx_by_libreoffice(
    settings, users, units, program, sent, committee
):
    settings.TRITHUC_REPORT_PDF = True
    report = review_report_generate(report_id=_report(users, units, program, committee).pk)
    assert report.status == ReportStatus.DONE
    assert report.pdf_note == ""
    with report.pdf.open("rb") as stream:
        assert stream.read(5) == b"%PDF-"


def test_without_libreoffice_the_report_is_made_and_says_how_to_get_the_pdf(
    settings, monkeypatch, users, units, program, sent, committee
):
    settings.TRITHUC_REPORT_PDF = True
    monkeypatch.setattr(pdf, "soffice", lambda: None)
    report = review_report_generate(report_id=_report(users, units, program, committee).pk)
    assert report.status == ReportStatus.DONE
    assert not report.pdf
    assert report.pdf_note == pdf.NOT_INSTALLED


def _workbook(program, unit, year=2025) -> CalamineWorkbook:
    out = io.BytesIO()
    write_workbook(
        statistics_sheets(program=program, unit=unit, year=year, day=today()), out, heading="x"
    )
    return CalamineWorkbook.from_filelike(io.BytesIO(out.getvalue()))


def test_workbook_indicator_sheet_equals_the_dashboard(units, program, sent):
    book = _workbook(program, units.new_province)
    rows = book.get_sheet_by_name("Chỉ tiêu").to_python()
    board = dashboard_build(program=program, unit=units.new_province, year=2025, day=today())
    assert rows[3][1:] == ["2024", "2025"]
    found = {r[0]: r[1:] for r in rows[4 : 4 + len(board.rows)]}
    expected = {
        f"{row.indicator.name} ({row.indicator.unit_of_measure})": [
            "" if v is None else float(v) for _, v in row.series
        ]
        for row in board.rows
    }
    assert found == expected


def test_workbook_training_by_level_and_year_counts_those_who_started(units, program, sent):
    rows = _workbook(program, units.new_province).get_sheet_by_name("Đào tạo").to_python()
    by_level = {r[0]: r[1:] for r in rows[4:] if r[0]}
    assert by_level["Cao cấp lý luận chính trị"] == [3.0, 2.0]
    assert by_level["Trung cấp lý luận chính trị"] == [0.0, 0.0]


def test_workbook_counts_people_by_gender_per_unit_below(units, program, sent):
    rows = _workbook(program, units.new_province).get_sheet_by_name("Giới tính").to_python()
    assert rows[3][1:] == ["Xã Mới", "Xã Khác", "Tổng"]
    # Six people were registered; the factory makes them all men, at work today.
    assert {r[0]: r[1:] for r in rows[4:] if r[0]} == {"Nam": [4.0, 2.0, 6.0]}


def test_science_sheet_has_every_stage_by_ordering_year(units, program):
    rows = _workbook(program, units.new_province).get_sheet_by_name("Nhiệm vụ KH&CN").to_python()
    assert rows[3][1:] == ["2024", "2025"]
    stages = {r[0]: r[1:] for r in rows[4:] if r[0] and r[0] != SCIENCE_NOTE}
    assert list(stages) == [stage.label for stage in Stage]
    assert stages["Đã nghiệm thu"] == [0.0, 0.0]
