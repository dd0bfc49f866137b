"""The review report generated for the hand-built data set, read back with python-docx: header
blocks, section headings, every number of the appendix tables (against the dashboard and against
the numbers worked out by hand), the font and the margins."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from trithuc.core.dates import today
from trithuc.programs.selectors import dashboard_build
from trithuc.reports import review_docx as text
from trithuc.reports.choices import PeriodKind, ReportStatus
from trithuc.reports.formatting import number
from trithuc.reports.services import review_report_create

from .conftest import REPORT_DAY


@pytest.fixture
def report(users, units, program, sent, committee, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        made = review_report_create(
            actor=users["program_office"],
            program=program,
            period=PeriodKind.YEAR,
            year=2025,
            unit=units.new_province,
            issuer=committee,
            number="12",
            report_date=REPORT_DAY,
            signer_name="Nguyễn Văn Bí Thư",
        )
    made.refresh_from_db()
    return made


@pytest.fixture
def document(report):
    with report.docx.open("rb") as stream:
        return Document(stream)


def _paragraph_texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_the_job_stores_the_report_with_its_snapshot_date_and_maker(report, users):
    assert report.status == ReportStatus.DONE
    assert report.progress == 100
    assert report.data_as_of == today()
    assert report.created_by == users["program_office"]
    assert report.docx
    assert report.xlsx
    assert (report.issuer_name, report.symbol) == ("Tỉnh ủy Mới", "TU")


def test_header_has_issuer_star_number_party_title_with_rule_and_italic_date(document):
    left, right = document.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs] == ["TỈNH ỦY MỚI", "*", "Số 12-BC/TU"]
    assert left.paragraphs[0].runs[0].bold
    title, date = right.paragraphs
    assert title.text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert title.runs[0].bold
    assert title.runs[0].font.size == Pt(15)
    border = title._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert border.get(qn("w:val")) == "single"
    assert date.text == "Mới, ngày 15 tháng 12 năm 2025"
    assert date.runs[0].italic


def test_type_name_summary_and_signature_block(document):
    texts = _paragraph_texts(document)
    type_name = next(p for p in document.paragraphs if p.text == "BÁO CÁO")
    assert type_name.runs[0].bold
    assert type_name.runs[0].font.size == Pt(16)
    assert any(t.startswith("Kết quả năm 2025 thực hiện Chương trình thử nghiệm") for t in texts)
    recipients, signature = document.tables[-1 - _appendix_table_count(document)].rows[0].cells
    assert recipients.paragraphs[0].text == "Nơi nhận:"
    assert recipients.paragraphs[0].runs[0].underline
    lines = [p.text for p in signature.paragraphs if p.text]
    assert lines == ["T/M TỈNH ỦY", "BÍ THƯ", "Nguyễn Văn Bí Thư"]


def _appendix_table_count(document) -> int:
    """Tables after the signature: appendix 1 and one table by unit per year."""
    index = next(
        i for i, t in enumerate(document.tables) if t.rows[0].cells[0].text.startswith("Nơi nhận")
    )
    return len(document.tables) - index - 1


def test_section_headings_come_in_the_order_reviews_are_written(document):
    texts = _paragraph_texts(document)
    expected = [
        text.PART_I,
        *text.PART_I_SECTIONS,
        "4.1. Ưu điểm",
        "4.2. Hạn chế, nguyên nhân",
        "4.3. Bài học kinh nghiệm",
        text.PART_II,
        text.PART_III,
        text.APPENDIX,
        text.APPENDIX_BY_YEAR,
        text.APPENDIX_BY_UNIT.format(year=2025),
        text.APPENDIX_CHARTS,
    ]
    positions = [texts.index(heading) for heading in expected]
    assert positions == sorted(positions)


def test_appendix_by_year_holds_every_indicator_as_the_dashboard_shows_it(document, program, units):
    board = dashboard_build(program=program, unit=units.new_province, year=2025, day=today())
    table = next(t for t in document.tables if [c.text for c in t.rows[0].cells][3:4] == ["Nguồn"])
    header = [c.text for c in table.rows[0].cells]
    assert header[4:] == ["2024", "2025"]
    rows = {r.cells[1].text: [c.text for c in r.cells[4:]] for r in table.rows[1:]}
    assert rows == {
        row.indicator.name: [number(value) for _, value in row.series] for row in board.rows
    }
    # Worked out by hand: 3 sent in 2024 (the planned one does not count), 2 in 2025; the
    # reported indicator has no approved report: no figure, not zero.
    assert rows["Cử đi học cao cấp lý luận chính trị"] == ["3", "2"]
    assert rows["Nhân tài được thu hút"] == ["—", "—"]


def test_appendix_by_unit_matches_the_dashboard_table_by_unit(document, program, units):
    board = dashboard_build(program=program, unit=units.new_province, year=2025, day=today())
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Đơn vị")
    rows = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in table.rows[1:]}
    assert rows == {r.unit.name: [number(v) for v in r.values] for r in board.unit_table}
    column = [i.code for i in board.unit_table_indicators].index("llct-cao-cap")
    assert rows["Xã Mới"][column] == "1"
    assert rows["Xã Khác"][column] == "1"


def test_targets_section_states_each_judgement(document):
    texts = _paragraph_texts(document)
    assert any(
        t.startswith(
            "- Cử đi học cao cấp lý luận chính trị: năm 2025 đạt 2 người/chỉ tiêu 2 – 3/năm"
        )
        for t in texts
    )


def test_every_run_is_times_new_roman_and_the_page_is_a4_with_the_set_margins(document):
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Normal"].font.size == Pt(14)
    runs = [run for p in document.paragraphs for run in p.runs if run.text]
    runs += [
        run
        for table in document.tables
        for row in table.rows
        for cell in row.cells
        for p in cell.paragraphs
        for run in p.runs
        if run.text
    ]
    assert runs
    assert {run.font.name for run in runs} == {"Times New Roman"}
    first = document.sections[0]
    assert (round(first.page_width.mm), round(first.page_height.mm)) == (210, 297)
    margins = (first.top_margin, first.bottom_margin, first.left_margin, first.right_margin)
    assert [round(m.mm, 1) for m in margins] == [20, 20, 30, 15]


def test_margins_and_font_follow_the_settings(settings, report, monkeypatch):
    from trithuc.reports.services import review_report_generate

    monkeypatch.setenv("TRITHUC_REPORT_MARGINS_MM", "25,25,35,20")
    settings.TRITHUC_REPORT_FONT_SIZES = {"body": 13}
    again = review_report_generate(report_id=report.pk)
    with again.docx.open("rb") as stream:
        document = Document(stream)
    assert round(document.sections[0].left_margin.mm, 1) == 35
    assert document.styles["Normal"].font.size == Pt(13)


def test_charts_are_embedded_as_images(document):
    assert len(document.inline_shapes) >= 1


def test_missed_targets_and_late_reports_are_laid_out_for_the_writer(
    users, units, program, committee, django_capture_on_commit_callbacks
):
    # No one sent in 2024: the 2–3 target of a past year is missed.
    with django_capture_on_commit_callbacks(execute=True):
        made = review_report_create(
            actor=users["program_office"],
            program=program,
            period=PeriodKind.YEAR,
            year=2024,
            unit=units.new_province,
            issuer=committee,
        )
    made.refresh_from_db()
    with made.docx.open("rb") as stream:
        document = Document(stream)
    texts = _paragraph_texts(document)
    weaknesses = texts[
        texts.index("4.2. Hạn chế, nguyên nhân") : texts.index("4.3. Bài học kinh nghiệm")
    ]
    assert any(
        "cử đi học cao cấp lý luận chính trị: không đạt (đạt 0/2 – 3/năm)" in t for t in weaknesses
    )
    # No number given: the draft leaves it blank for the clerk.
    assert "Số      -BC/TU" in [p.text for p in document.tables[0].rows[0].cells[0].paragraphs]


def test_command_line_writes_the_docx_with_terminal_progress(
    units, program, sent, tmp_path, capsys
):
    target = tmp_path / "bao-cao.docx"
    call_command(
        "report",
        "review",
        "--program",
        program.code,
        "--year",
        "2025",
        "--unit",
        "TM",
        "-o",
        str(target),
    )
    out = capsys.readouterr()
    assert "100% Đã lập xong" in out.out
    assert "TRITHUC_REPORT_PDF" in out.err
    assert Document(str(target)).paragraphs


def test_a_midterm_report_covers_the_years_from_the_start(users, units, program, sent, committee):
    made = review_report_create(
        actor=users["program_office"],
        program=program,
        period=PeriodKind.MIDTERM,
        year=2026,
        unit=units.new_province,
        issuer=committee,
        report_date=dt.date(2026, 12, 20),
        enqueue=False,
    )
    assert (made.year_from, made.year_to) == (2024, 2026)
    assert text.summary_line(made) == "Sơ kết 03 năm (2024 – 2026) thực hiện"


def test_a_task_led_by_a_2023_commune_names_the_ward_that_answers_for_it_now(
    users, units, program, committee, django_capture_on_commit_callbacks
):
    from trithuc.tasks.models import Task

    task = Task.objects.create(
        program=program,
        section="II.1",
        section_title="Nâng cao nhận thức",
        order=1,
        text="Tuyên truyền về vai trò của đội ngũ trí thức.",
        assigned_by="Chương trình thử nghiệm",
    )
    task.lead_units.set([units.commune_one])
    with django_capture_on_commit_callbacks(execute=True):
        made = review_report_create(
            actor=users["program_office"],
            program=program,
            period=PeriodKind.YEAR,
            year=2025,
            unit=units.new_province,
            issuer=committee,
            report_date=REPORT_DAY,
        )
    made.refresh_from_db()
    with made.docx.open("rb") as stream:
        texts = _paragraph_texts(Document(stream))
    [line] = [t for t in texts if t.startswith("- Tuyên truyền về vai trò") and "chủ trì" in t]
    assert "chủ trì: Xã Mới;" in line
