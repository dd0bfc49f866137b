"""Pieces every kind uses: the columns that say who a row is about, reference-list lookups, and
finding the stored person a record belongs to."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.db.models import QuerySet
from rapidfuzz import process

from trithuc.core.dates import DatePrecision
from trithuc.core.text import fold
from trithuc.people.cccd import cccd_digest, cccd_problems

from ..engine import Column, Context, Row
from ..matching import Entry, Match, PersonIndex
from ..values import parse_cccd, parse_date, parse_gender, parse_name

FULL_NAME = Column(
    "full_name",
    "Họ và tên",
    parse_name,
    required=True,
    synonyms=("Họ tên", "Tên cán bộ", "Họ và tên cán bộ", "Họ và tên khai sinh", "Full name"),
    help="Họ, đệm và tên đầy đủ, có dấu; hệ thống tự viết hoa chữ đầu và tách họ, đệm, tên.",
    width=28,
)
BIRTH_DATE = Column(
    "birth_date",
    "Ngày sinh",
    parse_date,
    required=True,
    synonyms=("Ngày tháng năm sinh", "Ngày, tháng, năm sinh", "Năm sinh", "Sinh ngày", "NTNS"),
    help="Ngày/tháng/năm (05/03/1985); nếu chỉ biết tháng hoặc năm thì ghi 03/1985 hoặc 1985.",
    width=14,
    is_date=True,
)
GENDER = Column(
    "gender",
    "Giới tính",
    parse_gender,
    required=True,
    synonyms=("Phái", "Nam/Nữ", "Nam nữ", "Giới"),
    help="«Nam» hoặc «Nữ».",
    choices=lambda: ["Nam", "Nữ"],
    width=10,
)
CCCD = Column(
    "cccd",
    "Số CCCD",
    parse_cccd,
    synonyms=(
        "CCCD",
        "Căn cước công dân",
        "Số căn cước công dân",
        "Số căn cước",
        "Số định danh cá nhân",
        "Số định danh",
        "CMND/CCCD",
        "Số CMND/CCCD",
    ),
    help="12 chữ số; định dạng cột là Văn bản (Text) để Excel không bỏ số 0 ở đầu.",
    width=16,
)


# The decision behind a record (award, appointment): shared by the kinds that carry one.
DECISION_NUMBER = Column(
    "decision_number",
    "Số quyết định",
    required=True,
    synonyms=("Số QĐ", "Quyết định số", "Số, ký hiệu quyết định"),
    width=18,
)
DECISION_DATE = Column(
    "decision_date",
    "Ngày quyết định",
    parse_date,
    required=True,
    synonyms=("Ngày QĐ", "Ngày ký quyết định", "Ngày ký"),
    width=14,
    is_date=True,
)


def check_cccd(row: Row, gender: str | None) -> str | None:
    """The row's CCCD digest when the number is well formed, else None with the error recorded."""
    number = row.values.get("cccd")
    if not number:
        return None
    birth = row.values.get("birth_date")
    birth_year = birth[0].year if birth else None
    problems = cccd_problems(number, gender=gender, birth_year=birth_year)
    if problems:
        row.error(CCCD, " ".join(problems) + " Hãy đối chiếu với thẻ căn cước.")
        return None
    return cccd_digest(number)


# Names repeat a great deal in a staff list; folding each distinct one once is enough.
fold_name = lru_cache(maxsize=32768)(fold)


def probe_of(row: Row, digest: str | None) -> Entry:
    birth = row.values.get("birth_date")
    return Entry(
        ref=("row", row.number),
        digest=digest,
        folded=fold_name(row.values["full_name"]),
        birth=birth[0] if birth else None,
        precision=birth[1] if birth else DatePrecision.DAY,
        gender=row.values.get("gender") or "",
        label=row.values["full_name"],
    )


def uncertain_entry(row: Row, match: Match) -> dict[str, Any]:
    """What the preview lists for a row that needs a decision."""
    return {
        "row": row.number,
        "name": row.values["full_name"],
        "candidates": [
            {
                "ref": entry.ref if isinstance(entry.ref, int) else f"dòng {entry.ref[1]}",
                "person_id": entry.ref if isinstance(entry.ref, int) else None,
                "label": entry.label,
                "score": round(score),
            }
            for entry, score in match.candidates
        ],
    }


def decided(ctx: Context, row: Row, match: Match) -> Match:
    """Apply a person's decision on an uncertain row: the chosen candidate, or a new person."""
    choice = ctx.decisions.get(str(row.number))
    if match.kind != "uncertain" or not choice:
        return match
    if choice == "new":
        return Match("none")
    for entry, _score in match.candidates:
        if str(entry.ref) == choice:
            return Match("certain", entry)
    return match


def stored_person(row: Row, ctx: Context, index: PersonIndex, uncertain: list) -> int | None:
    """For the kinds that record something about a person already in the registry: the person's
    id, or None with the error (or the decision needed) recorded on the row."""
    digest = check_cccd(row, row.values.get("gender"))
    if not row.ok:
        return None
    match = decided(ctx, row, index.match(probe_of(row, digest)))
    if match.kind == "certain" and match.entry is not None:
        return match.entry.ref
    if match.kind == "uncertain":
        uncertain.append(uncertain_entry(row, match))
        row.error(
            FULL_NAME,
            "có thể là một trong các hồ sơ: "
            + "; ".join(e.label for e, _s in match.candidates)
            + ". Hãy chọn đúng người trên trang xem trước, hoặc ghi thêm số CCCD.",
        )
        return None
    if match.kind == "conflict":
        row.error(CCCD, "số CCCD này thuộc một hồ sơ có họ tên khác; hãy kiểm tra lại số CCCD.")
        return None
    row.error(
        FULL_NAME,
        f"không tìm thấy «{row.values['full_name']}» sinh {_birth_text(row)} trong danh sách "
        "nhân sự bạn quản lý; hãy nhập hồ sơ người này (mẫu «Nhân sự») trước, hoặc sửa họ tên, "
        "ngày sinh cho khớp.",
    )
    return None


def _birth_text(row: Row) -> str:
    from trithuc.core.dates import format_partial_date

    birth = row.values.get("birth_date")
    return format_partial_date(*birth) if birth else "(không rõ)"


def _key(text: str) -> str:
    """Reference names compared folded and without spaces or punctuation ("Khơ-me" = "kho me")."""
    return "".join(ch for ch in fold(text) if ch.isalnum())


class Reference:
    """A reference list (ethnic groups, political-theory levels…) looked up by name or code,
    folded, with a "did you mean" for the near misses."""

    def __init__(self, source: Any, synonyms: dict[str, str] | None = None):
        """``source``: a reference model (its active rows) or a queryset of rows with a code."""
        queryset = source if isinstance(source, QuerySet) else source.objects.filter(is_active=True)
        rows = list(queryset.values_list("pk", "code", "name"))
        self.names = [name for _pk, _code, name in rows]
        self.table = {_key(name): pk for pk, _code, name in rows}
        self.table.update({_key(code): pk for pk, code, _name in rows})
        by_code = {code: pk for pk, code, _name in rows}
        for synonym, code in (synonyms or {}).items():
            if code in by_code:
                self.table[_key(synonym)] = by_code[code]
        self.folded = list(self.table)
        self.found: dict[str, int] = {}  # cell text → pk, for the values already resolved

    def resolve(self, row: Row, column: Column) -> int | None:
        value = row.values.get(column.key)
        if not value:
            return None
        found = self.found.get(value)
        if found is not None:
            return found
        found = self.table.get(_key(value))
        if found is not None:
            self.found[value] = found
            return found
        names = {_key(n): n for n in self.names}
        guess = process.extractOne(_key(value), list(names), score_cutoff=75)
        hint = f" Có phải «{names[guess[0]]}»?" if guess is not None else ""
        row.error(
            column,
            f"«{value}» không có trong danh mục «{column.header}».{hint} Hãy chọn trong danh sách "
            "của tệp mẫu.",
        )
        return None


def visible(queryset: Any, user: Any) -> Any:
    """Rows ``user`` may see; a command run without a user (the system operator) sees them all."""
    if user is None:
        return queryset
    from trithuc.accounts.scoping import Action, restrict

    return restrict(queryset, user, Action.VIEW)
