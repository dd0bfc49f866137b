"""The text of a review report, written from the data in the order such reviews are written:
basis; I. results (leadership, task groups, targets); overall assessment; II. directions;
III. recommendations; "Nơi nhận" and signature; appendices (every indicator by year and by unit,
charts). What only the writer can say is left as a bracketed prompt beside the data behind it."""

from __future__ import annotations

from collections.abc import Callable

from trithuc.programs.choices import IndicatorSource, TargetKind, TargetState

from . import charts
from .choices import PeriodKind
from .conf import page_format
from .docx_format import HeaderText, PartyDocument
from .formatting import date_line, number, target_text
from .models import ReviewReport
from .selectors import Header, ReviewData

Progress = Callable[[int, str], None]

PART_I = "I. KẾT QUẢ THỰC HIỆN"
PART_I_SECTIONS = (
    "1. Công tác lãnh đạo, chỉ đạo, quán triệt, tuyên truyền",
    "2. Kết quả thực hiện các nhóm nhiệm vụ, giải pháp",
    "3. Kết quả thực hiện các chỉ tiêu",
    "4. Đánh giá chung",
)
PART_II = "II. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"
PART_III = "III. ĐỀ XUẤT, KIẾN NGHỊ"
APPENDIX = "PHỤ LỤC"
APPENDIX_BY_YEAR = "Phụ lục 1. Kết quả các chỉ tiêu theo năm"
APPENDIX_BY_UNIT = "Phụ lục 2. Kết quả các chỉ tiêu theo đơn vị, năm {year}"
APPENDIX_CHARTS = "Phụ lục 3. Biểu đồ diễn biến các chỉ tiêu"


def summary_line(report: ReviewReport) -> str:
    """ "Sơ kết 03 năm (2024 – 2026) thực hiện", to be followed by the program's title."""
    span = report.year_to - report.year_from + 1
    if report.period == PeriodKind.YEAR:
        return f"Kết quả năm {report.year_to} thực hiện"
    verb = "Sơ kết" if report.period == PeriodKind.MIDTERM else "Tổng kết"
    return f"{verb} {span:02d} năm ({report.year_from} – {report.year_to}) thực hiện"


def write_review(
    report: ReviewReport, data: ReviewData, header: Header, target, progress: Progress
) -> int:
    """Write the DOCX to ``target`` (a path or a file); returns the number of charts drawn."""
    doc = PartyDocument(page_format())
    doc.header(
        HeaderText(
            higher_body=header.higher_body,
            issuer=header.issuer,
            number_line=report.number_line,
            place_date=date_line(report.place, report.report_date),
        ),
        type_name="Báo cáo",
        summary=f"{summary_line(report)} {data.program.title}",
    )
    _basis(doc, report, data, header)
    progress(35, "Phần I: kết quả thực hiện")
    doc.heading(PART_I)
    _leadership(doc, data)
    _task_groups(doc, data)
    _targets(doc, data)
    _assessment(doc, data)
    progress(50, "Phần II, III")
    _directions(doc, data)
    doc.heading(PART_III)
    doc.note(
        "Người viết nêu đề xuất, kiến nghị với Trung ương, Tỉnh ủy (Thành ủy), HĐND, UBND về cơ "
        "chế, chính sách, nguồn lực, căn cứ các hạn chế nêu tại mục I.4."
    )
    line = summary_line(report)
    doc.body(f"Trên đây là báo cáo {line[0].lower()}{line[1:]} Chương trình của {header.issuer}.")
    recipients = [line.strip() for line in report.recipients.splitlines() if line.strip()]
    doc.recipients_and_signature(
        recipients or ["Lưu Văn phòng."],
        authority=report.sign_authority,
        title=report.signer_title,
        name=report.signer_name,
    )
    progress(60, "Phụ lục số liệu")
    _appendix_tables(doc, data)
    progress(70, "Biểu đồ")
    drawn = _appendix_charts(doc, data)
    doc.save(target)
    return drawn


def _basis(doc: PartyDocument, report: ReviewReport, data: ReviewData, header: Header) -> None:
    program = data.program
    number_part = f" số {program.document_number}" if program.document_number else ""
    issued = f" ngày {program.issued_on:%d/%m/%Y}" if program.issued_on else ""
    doc.body(
        f"Thực hiện {program.title}{number_part}{issued} (gọi tắt là Chương trình); căn cứ số liệu "
        f"hệ thống theo dõi ghi nhận đến ngày {data.day:%d/%m/%Y} của {data.unit_name} và báo cáo "
        f"của các cơ quan, đơn vị, {header.issuer} báo cáo như sau:"
    )


def _leadership(doc: PartyDocument, data: ReviewData) -> None:
    doc.heading(PART_I_SECTIONS[0])
    organising = [g for g in data.task_groups if g.section.startswith("III")]
    for group in organising:
        for line in group.lines:
            _task_line(doc, line)
    doc.body(
        f"Các cơ quan, đơn vị đã nộp và được duyệt {data.reports_approved} báo cáo định kỳ "
        f"trong kỳ; {len(data.late_reports)} báo cáo đến hạn chưa được duyệt."
    )
    doc.note(
        "Người viết bổ sung: văn bản lãnh đạo, chỉ đạo, kế hoạch đã ban hành; hội nghị quán triệt "
        "(số cuộc, số lượt người dự); hình thức tuyên truyền."
    )


def _task_groups(doc: PartyDocument, data: ReviewData) -> None:
    doc.heading(PART_I_SECTIONS[1])
    groups = [g for g in data.task_groups if not g.section.startswith("III")]
    for index, group in enumerate(groups, start=1):
        doc.heading(f"2.{index}. {group.title}", italic=True)
        for line in group.lines:
            _task_line(doc, line)


def _task_line(doc: PartyDocument, line) -> None:
    task = line.task
    named = task.lead_text if task.lead_text and "không nêu" not in task.lead_text else ""
    leads = ", ".join(u.name for u in line.responsible) or named or "chưa phân công"
    text = task.text if len(task.text) <= 220 else task.text[:217].rstrip() + "…"
    doc.body(f"- {text} (chủ trì: {leads}; tình trạng: {line.status_label.lower()}).")
    for note in line.notes[-3:]:
        doc.body(f"+ {note.unit.name} ({note.date:%d/%m/%Y}): {note.note}")


def _targets(doc: PartyDocument, data: ReviewData) -> None:
    doc.heading(PART_I_SECTIONS[2])
    year = data.year_to
    header = ["STT", "Chỉ tiêu", "Mức chỉ tiêu", f"Năm {year}", "Lũy kế", "Đánh giá"]
    rows = []
    for index, row in enumerate(data.last.rows, start=1):
        by_horizon = row.target is not None and row.target.kind == TargetKind.BY_YEAR
        rows.append(
            [
                str(index),
                f"{row.indicator.name} ({row.indicator.unit_of_measure})",
                target_text(row.target, year),
                number(row.value),
                number(row.judged_value) if by_horizon else "",
                row.assessment.label if row.target else "—",
            ]
        )
    doc.table(header, rows, numeric_from=3, widths=[0.9, 7.1, 2.6, 1.8, 1.7, 2.4])
    for row in data.last.rows:
        if row.target is None:
            continue
        kind = "lũy kế" if row.target.kind == TargetKind.BY_YEAR else f"năm {year}"
        doc.body(
            f"- {row.indicator.name}: {kind} đạt {number(row.judged_value)} "
            f"{row.indicator.unit_of_measure}/chỉ tiêu {target_text(row.target, year)} — "
            f"{row.assessment.label.lower()}."
            + (f" {row.assessment.warning}" if row.assessment.warning else "")
        )


def _assessment(doc: PartyDocument, data: ReviewData) -> None:
    doc.heading(PART_I_SECTIONS[3])
    doc.heading("4.1. Ưu điểm", italic=True)
    if data.met:
        names = "; ".join(row.indicator.name.lower() for row in data.met)
        doc.body(f"Các chỉ tiêu đạt hoặc đúng tiến độ: {names}.")
    doc.note("Người viết nêu ưu điểm nổi bật, mô hình, cách làm hay.")
    doc.heading("4.2. Hạn chế, nguyên nhân", italic=True)
    doc.note(
        "Người viết nêu hạn chế và nguyên nhân (khách quan, chủ quan), căn cứ các số liệu dưới đây."
    )
    for row in data.missed:
        doc.body(
            f"- Chỉ tiêu {row.indicator.name.lower()}: {row.assessment.label.lower()} "
            f"(đạt {number(row.judged_value)}/{target_text(row.target, data.year_to)})."
        )
    no_data = [
        row
        for row in data.last.rows
        if row.target and row.assessment.state == TargetState.NO_DATA and row.assessment.warning
    ]
    for row in no_data:
        doc.body(f"- Chỉ tiêu {row.indicator.name.lower()}: chưa có số liệu được duyệt.")
    for line in data.overdue:
        doc.body(
            f"- Nhiệm vụ quá hạn chưa hoàn thành: {line.task.section} — {line.task.text[:160]}."
        )
    for report in data.late_reports:
        doc.body(
            f"- {report.unit.name} chưa có báo cáo được duyệt kỳ {report.period_start:%d/%m/%Y} – "
            f"{report.period_end:%d/%m/%Y} (hạn {report.due_date:%d/%m/%Y}; "
            f"{report.get_status_display().lower()})."
        )
    doc.heading("4.3. Bài học kinh nghiệm", italic=True)
    doc.note("Người viết rút ra bài học kinh nghiệm.")


def _directions(doc: PartyDocument, data: ReviewData) -> None:
    doc.heading(PART_II)
    program = data.program
    if data.year_to < program.end_year:
        doc.body(
            f"Tiếp tục thực hiện Chương trình đến năm {program.end_year}, tập trung vào các chỉ "
            "tiêu chưa đạt và các nhiệm vụ chưa hoàn thành:"
        )
    for row in data.missed:
        doc.body(f"- {row.indicator.name}: phấn đấu đạt {target_text(row.target, data.year_to)}.")
    for line in data.open_tasks:
        doc.body(f"- {line.task.text[:200]}")
    doc.note("Người viết bổ sung phương hướng, nhiệm vụ, giải pháp trọng tâm thời gian tới.")


def _appendix_tables(doc: PartyDocument, data: ReviewData) -> None:
    doc.new_section(landscape=True)
    doc.line(APPENDIX, "type_name", bold=True)
    doc.line(
        f"(Kèm theo báo cáo; số liệu đến ngày {data.day:%d/%m/%Y})", "body", italic=True, after=6
    )
    doc.heading(APPENDIX_BY_YEAR)
    years = data.all_years
    rows = []
    for index, row in enumerate(data.last.rows, start=1):
        source = "BC" if row.indicator.source == IndicatorSource.REPORTED else "DL"
        rows.append(
            [
                f"({index})",
                row.indicator.name,
                row.indicator.unit_of_measure,
                source,
                *[number(value) for _, value in row.series],
            ]
        )
    fixed = [1.3, 8.3, 2.2, 1.6]
    width = (doc.text_width_cm() - sum(fixed)) / max(len(years), 1)
    doc.table(
        ["STT", "Chỉ tiêu", "Đơn vị tính", "Nguồn", *map(str, years)],
        rows,
        numeric_from=4,
        widths=[*fixed, *[width] * len(years)],
    )
    doc.body("Nguồn: DL — tính từ dữ liệu hệ thống; BC — tổng hợp báo cáo được duyệt của đơn vị.")
    column_of = {row.indicator.pk: index for index, row in enumerate(data.last.rows, start=1)}
    for year in data.years:
        board = data.boards[year]
        if not board.unit_table:
            continue
        doc.heading(APPENDIX_BY_UNIT.format(year=year))
        doc.body("Các cột (1), (2)… theo số thứ tự chỉ tiêu tại Phụ lục 1.", italic=True)
        header = ["Đơn vị", *[f"({column_of[i.pk]})" for i in board.unit_table_indicators]]
        rows = [[r.unit.name, *[number(v) for v in r.values]] for r in board.unit_table]
        count = len(board.unit_table_indicators)
        width = (doc.text_width_cm() - 5.5) / max(count, 1)
        doc.table(header, rows, numeric_from=1, widths=[5.5, *[width] * count])


def _appendix_charts(doc: PartyDocument, data: ReviewData) -> int:
    doc.new_section(landscape=False)
    doc.heading(APPENDIX_CHARTS)
    drawn = 0
    for row in data.last.rows:
        if not any(value for _, value in row.series) and row.target is None:
            continue
        doc.picture(charts.indicator_chart(row, set(data.years)), width_cm=15.5)
        drawn += 1
    return drawn
