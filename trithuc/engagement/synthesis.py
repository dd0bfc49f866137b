"""The synthesis table of a consultation ("bảng tổng hợp, tiếp thu, giải trình ý kiến"), as XLSX and
DOCX.

Its columns are the usual ones of such tables; no single official layout binds every agency, so
the set and order are a setting (``TRITHUC_SYNTHESIS_COLUMNS``, keys of ``COLUMNS``), with the
headers as data here. One row per top-level comment shown (replies, hidden and withdrawn comments
are not in it), in the order of the draft.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

import xlsxwriter
from django.conf import settings
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from trithuc.imports.writers import safe

from .choices import CommentKind, CommentResult
from .models import Comment, Consultation
from .selectors import comments_for_synthesis

TITLE = "BẢNG TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý"
NOT_ANSWERED = "Chưa trả lời"
GENERAL = "Ý kiến chung về dự thảo"


def _section_cell(comment: Comment, numbered_versions: bool) -> str:
    if comment.section is None:
        return GENERAL
    text = comment.section.heading
    if comment.paragraph:
        text += f", đoạn {comment.paragraph}"
    if numbered_versions:
        text += f" (dự thảo lần {comment.section.version.number})"
    return text


def _comment_cell(comment: Comment) -> str:
    text = comment.text
    if comment.kind == CommentKind.CRITIQUE:
        text = f"[Phản biện] {text}"
    if comment.proposed_text:
        text += f"\nĐề nghị sửa thành: «{comment.proposed_text}»"
    return text


def contributor_name(comment: Comment) -> str:
    if comment.on_behalf_of:
        return comment.on_behalf_of
    person = getattr(comment.author, "person", None)
    if person is None:
        return str(comment.author)
    job = person.employments.filter(end_date__isnull=True).select_related("unit").first()
    return f"{person.full_name} ({job.unit.name})" if job else person.full_name


def _result_cell(comment: Comment) -> str:
    return CommentResult(comment.result).label if comment.result else NOT_ANSWERED


@dataclass(frozen=True)
class Column:
    header: str
    width: int
    value: Callable[[int, Comment, bool], object]


COLUMNS: dict[str, Column] = {
    "stt": Column("STT", 6, lambda n, c, v: n),
    "section": Column(
        "Nội dung dự thảo (điều, khoản, mục)", 28, lambda n, c, v: _section_cell(c, v)
    ),
    "comment": Column("Ý kiến góp ý", 45, lambda n, c, v: _comment_cell(c)),
    "contributor": Column(
        "Cơ quan, tổ chức, cá nhân góp ý", 25, lambda n, c, v: contributor_name(c)
    ),
    "response": Column("Nội dung tiếp thu, giải trình", 45, lambda n, c, v: c.response),
    "result": Column("Kết quả", 16, lambda n, c, v: _result_cell(c)),
}
DEFAULT_COLUMNS = ("stt", "section", "comment", "contributor", "response", "result")


def columns() -> list[Column]:
    return [COLUMNS[key] for key in settings.TRITHUC_SYNTHESIS_COLUMNS]


@dataclass(frozen=True)
class SynthesisTable:
    title: str
    subtitle: str
    headers: list[str]
    rows: list[list[object]]
    summary: str
    widths: list[int]


def synthesis_table(consultation: Consultation) -> SynthesisTable:
    chosen = columns()
    numbered = consultation.versions.count() > 1
    comments = list(comments_for_synthesis(consultation).select_related("section__version"))
    rows = [[col.value(n, c, numbered) for col in chosen] for n, c in enumerate(comments, start=1)]
    counts = {r: sum(1 for c in comments if c.result == r) for r in CommentResult}
    summary = (
        f"Tổng số ý kiến: {len(comments)}; "
        + "; ".join(f"{r.label.lower()}: {counts[r]}" for r in CommentResult)
        + f"; chưa trả lời: {sum(1 for c in comments if not c.result)}."
    )
    last_day = consultation.closed_early_on or consultation.closes_on
    subtitle = (
        f"Dự thảo: {consultation.title}. Cơ quan lấy ý kiến: {consultation.unit.name}. "
        f"Thời gian lấy ý kiến: {consultation.opens_on:%d/%m/%Y} – {last_day:%d/%m/%Y}."
    )
    return SynthesisTable(
        TITLE, subtitle, [c.header for c in chosen], rows, summary, [c.width for c in chosen]
    )


# Rows of the XLSX before the header row: title, subtitle, blank.
XLSX_HEADER_ROW = 3


def synthesis_xlsx(consultation: Consultation) -> bytes:
    table = synthesis_table(consultation)
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True})
    sheet = book.add_worksheet("Tổng hợp ý kiến")
    bold = book.add_format({"bold": True, "font_size": 13})
    header = book.add_format(
        {"bold": True, "text_wrap": True, "valign": "vcenter", "align": "center", "border": 1}
    )
    cell = book.add_format({"text_wrap": True, "valign": "top", "border": 1})
    sheet.write_string(0, 0, table.title, bold)
    sheet.write_string(1, 0, safe(table.subtitle))
    for c, (title, width) in enumerate(zip(table.headers, table.widths, strict=True)):
        sheet.write_string(XLSX_HEADER_ROW, c, title, header)
        sheet.set_column(c, c, width)
    for r, values in enumerate(table.rows, start=XLSX_HEADER_ROW + 1):
        for c, value in enumerate(values):
            if isinstance(value, int):
                sheet.write_number(r, c, value, cell)
            else:
                sheet.write_string(r, c, safe(str(value)), cell)
    sheet.write_string(XLSX_HEADER_ROW + len(table.rows) + 2, 0, table.summary)
    sheet.freeze_panes(XLSX_HEADER_ROW + 1, 0)
    book.close()
    return output.getvalue()


FONT = "Times New Roman"


def synthesis_docx(consultation: Consultation) -> bytes:
    table = synthesis_table(consultation)
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(12)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    title = document.add_paragraph()
    title.alignment = 1
    title.add_run(table.title).bold = True
    document.add_paragraph(table.subtitle).alignment = 1
    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.headers))
    grid.style = "Table Grid"
    for c, text in enumerate(table.headers):
        grid.rows[0].cells[c].paragraphs[0].add_run(text).bold = True
    for r, values in enumerate(table.rows, start=1):
        for c, value in enumerate(values):
            grid.rows[r].cells[c].text = str(value)
    document.add_paragraph(table.summary)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
