"""Reading a program's text as Party programs are laid out.

Roman numerals open parts (I. MỤC TIÊU, II. NHIỆM VỤ …), arabic numerals open sections, "-" opens an
item and "+" a sub-item of the item above it. Part III (organisation of implementation) is written in
paragraphs rather than items, so each of its paragraphs is an item. The text ends at "Trên đây là"
or "Nơi nhận". Only the layout is read here; what each item means is said in ``program45.py``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

SEED_DIR = Path(__file__).parent / "seed"
PROGRAM_45_TEXT = SEED_DIR / "chuong-trinh-45-NQ-TW-hau-giang-du-thao.txt"

_PART = re.compile(r"^(I|II|III|IV|V)\.\s+(.+)$")
_SECTION = re.compile(r"^(\d+)\.\s+(.+)$")
_END = ("Trên đây là", "Nơi nhận")


@dataclass
class Section:
    part: str
    number: str
    title: str
    items: list[str] = field(default_factory=list)

    @property
    def code(self) -> str:
        return f"{self.part}.{self.number}"


def clean_line(line: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", line)).strip()


def read_outline(text: str) -> list[Section]:
    """The sections of the program, each with its items in the order written."""
    sections: list[Section] = []
    part = ""
    for raw in text.splitlines():
        line = clean_line(raw)
        if not line:
            continue
        if line.startswith(_END):
            break
        if match := _PART.match(line):
            part = match.group(1)
            continue
        if not part:
            continue  # the header and the preamble
        if match := _SECTION.match(line):
            title = match.group(2)
            sections.append(Section(part, match.group(1), title))
            if part == "III":
                # Part III is prose: its first sentence is already an instruction.
                sections[-1].items.append(title)
            continue
        if not sections:
            continue
        section = sections[-1]
        if line.startswith("+") and section.items:
            section.items.append(f"{_parent_lead(section.items)} {line[1:].strip()}")
            continue
        if line.startswith("-") or part == "III":
            section.items.append(line.lstrip("- ").strip())
    return _drop_bare_leads(sections)


def _parent_lead(items: list[str]) -> str:
    """The words that introduce the "+" sub-items ("Phấn đấu đến năm 2030:")."""
    for item in reversed(items):
        if item.endswith(":"):
            return item
    return ""


def _drop_bare_leads(sections: list[Section]) -> list[Section]:
    """An item that only introduces sub-items ("Phấn đấu đến năm 2030:") is not an item itself."""
    for section in sections:
        section.items = [item for item in section.items if not item.endswith(":")]
    return sections


def program_45_outline() -> list[Section]:
    return read_outline(PROGRAM_45_TEXT.read_text(encoding="utf-8"))
