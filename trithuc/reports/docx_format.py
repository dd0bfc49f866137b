"""The layout of a Party document in python-docx: A4 with set margins, Times New Roman in the sizes
of Hướng dẫn 36-HD/VPTW, the two-column header, headings, tables, "Nơi nhận" and the signature.

The sizes and margins are read from ``conf.page_format()``; nothing here fixes a number of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from .conf import PageFormat

A4 = (Mm(210), Mm(297))
CENTER, JUSTIFY, LEFT = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
    WD_ALIGN_PARAGRAPH.LEFT,
)


@dataclass
class HeaderText:
    higher_body: str
    issuer: str
    number_line: str
    place_date: str


class PartyDocument:
    """A python-docx document that writes in the Party format ``fmt`` describes."""

    def __init__(self, fmt: PageFormat) -> None:
        self.fmt = fmt
        self.doc = Document()
        normal = self.doc.styles["Normal"]
        normal.font.name = fmt.font
        normal.font.size = Pt(fmt.sizes["body"])
        normal.element.rPr.rFonts.set(qn("w:eastAsia"), fmt.font)
        normal.paragraph_format.space_after = Pt(0)
        self._page(self.doc.sections[0], landscape=False)

    # --- page ---------------------------------------------------------------------------------

    def _page(self, section, *, landscape: bool) -> None:
        width, height = A4
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (height, width) if landscape else (width, height)
        top, bottom, left, right = self.fmt.margins_mm
        section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
        section.left_margin, section.right_margin = Mm(left), Mm(right)

    def new_section(self, *, landscape: bool) -> None:
        self._page(self.doc.add_section(), landscape=landscape)

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # --- text ---------------------------------------------------------------------------------

    def run(self, paragraph: Paragraph, text: str, size: str, **style: bool):
        run = paragraph.add_run(text)
        run.font.name = self.fmt.font
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), self.fmt.font)
        run.font.size = Pt(self.fmt.sizes[size])
        run.bold = style.get("bold", False)
        run.italic = style.get("italic", False)
        run.underline = style.get("underline", False)
        return run

    def line(
        self,
        text: str,
        size: str,
        *,
        align=CENTER,
        container=None,
        before: float = 0,
        after: float = 0,
        **style: bool,
    ) -> Paragraph:
        target = container if container is not None else self.doc
        paragraph = target.add_paragraph()
        paragraph.alignment = align
        paragraph.paragraph_format.space_before = Pt(before)
        paragraph.paragraph_format.space_after = Pt(after)
        if text:
            self.run(paragraph, text, size, **style)
        return paragraph

    def body(self, text: str, **style: bool) -> Paragraph:
        paragraph = self.line(text, "body", align=JUSTIFY, after=6, **style)
        paragraph.paragraph_format.first_line_indent = Cm(self.fmt.first_line_indent_cm)
        paragraph.paragraph_format.line_spacing = self.fmt.line_spacing
        return paragraph

    def heading(self, text: str, *, italic: bool = False) -> Paragraph:
        paragraph = self.line(
            text, "heading", align=JUSTIFY, before=6, after=6, bold=True, italic=italic
        )
        paragraph.paragraph_format.first_line_indent = Cm(self.fmt.first_line_indent_cm)
        paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def note(self, text: str) -> Paragraph:
        """A prompt left for the writer: italic, in square brackets."""
        return self.body(f"[{text}]", italic=True)

    # --- blocks -------------------------------------------------------------------------------

    def header(self, text: HeaderText, *, type_name: str, summary: str) -> None:
        table = self._borderless(1, 2, widths=(Cm(6.5), Cm(10.0)))
        left, right = table.rows[0].cells
        left.paragraphs[0].alignment = CENTER
        if text.higher_body:
            self.run(left.paragraphs[0], text.higher_body.upper(), "higher_body")
            self.line(text.issuer.upper(), "issuing_body", container=left, bold=True)
        else:
            self.run(left.paragraphs[0], text.issuer.upper(), "issuing_body", bold=True)
        self.line("*", "star", container=left)
        self.line(text.number_line, "number", container=left)
        right.paragraphs[0].alignment = CENTER
        self.run(right.paragraphs[0], "ĐẢNG CỘNG SẢN VIỆT NAM", "party_title", bold=True)
        _rule_under(right.paragraphs[0], indent=Cm(0.6))
        self.line(text.place_date, "place_date", container=right, before=6, italic=True)
        self.line(type_name.upper(), "type_name", before=18, bold=True)
        self.line(summary, "summary", bold=True)
        self.line("-----", "summary", after=12)

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        widths: Sequence[float] | None = None,
        numeric_from: int = 1,
    ) -> Table:
        """A bordered table; columns from ``numeric_from`` on are right-aligned numbers."""
        table = self.doc.add_table(rows=1 + len(rows), cols=len(header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for index, title in enumerate(header):
            cell = table.rows[0].cells[index]
            self._cell_text(cell, title, bold=True, align=CENTER)
        for r, values in enumerate(rows, start=1):
            for c, value in enumerate(values):
                align = WD_ALIGN_PARAGRAPH.RIGHT if c >= numeric_from else LEFT
                self._cell_text(table.rows[r].cells[c], value, align=align)
        _set_widths(table, [Cm(w) for w in widths or self._spread(len(header))])
        self.line("", "body", after=6)
        return table

    def text_width_cm(self) -> float:
        section = self.doc.sections[-1]
        return (section.page_width - section.left_margin - section.right_margin) / 360000

    def _spread(self, columns: int) -> list[float]:
        return [self.text_width_cm() / columns] * columns

    def recipients_and_signature(
        self,
        recipients: Sequence[str],
        *,
        authority: str,
        title: str,
        name: str,
    ) -> None:
        table = self._borderless(1, 2, widths=(Cm(8.0), Cm(8.0)))
        left, right = table.rows[0].cells
        left.paragraphs[0].alignment = LEFT
        self.run(left.paragraphs[0], "Nơi nhận:", "recipients_title", underline=True)
        for item in recipients:
            self.line(f"- {item}", "recipients", align=LEFT, container=left)
        right.paragraphs[0].alignment = CENTER
        lines = [part for part in (authority, title) if part]
        self.run(right.paragraphs[0], lines[0].upper() if lines else "", "signature", bold=True)
        for extra in lines[1:]:
            self.line(extra.upper(), "signature", container=right, bold=True)
        for _ in range(4):
            self.line("", "signature", container=right)
        self.line(name, "signature", container=right, bold=True)

    def picture(self, png: bytes, *, width_cm: float) -> None:
        import io

        self.doc.add_picture(io.BytesIO(png), width=Cm(width_cm))
        self.doc.paragraphs[-1].alignment = CENTER

    def save(self, target) -> None:
        self.doc.save(target)

    # --- helpers ------------------------------------------------------------------------------

    def _cell_text(self, cell: _Cell, text: str, *, bold: bool = False, align=LEFT) -> None:
        paragraph = cell.paragraphs[0]
        paragraph.alignment = align
        self.run(paragraph, text, "table", bold=bold)

    def _borderless(self, rows: int, cols: int, *, widths: Sequence) -> Table:
        table = self.doc.add_table(rows=rows, cols=cols)
        _set_widths(table, list(widths))
        return table


def _set_widths(table: Table, widths: list) -> None:
    """Fixed column widths, written both on the grid and on each cell (Word and LibreOffice read
    different ones)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _rule_under(paragraph: Paragraph, *, indent) -> None:
    """The short rule under "ĐẢNG CỘNG SẢN VIỆT NAM": a bottom border narrowed by indents."""
    paragraph.paragraph_format.left_indent = indent
    paragraph.paragraph_format.right_indent = indent
    properties = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    properties.insert_element_before(borders, *_AFTER_PBDR)


# The elements a paragraph's properties may hold after ``w:pBdr``, in schema order.
_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
