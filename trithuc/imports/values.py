"""Reading one cell: dates in the forms real files hold, names, genders, CCCD numbers, yes/no, lists.

Each parser takes the raw cell value (a string from CSV; a string, number, date or bool from a
workbook) and returns the clean value or raises :class:`CellError` with a Vietnamese message that
says what is wrong and how to write it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from trithuc.core.dates import DatePrecision
from trithuc.core.text import fold, normalize_text, proper_case

DATE_ADVICE = "hãy ghi theo dạng ngày/tháng/năm (ví dụ 05/03/1985), tháng/năm hoặc năm"
_EXCEL_EPOCH = dt.date(1899, 12, 30)


class CellError(Exception):
    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def show(value: Any) -> str:
    """A cell value as the user typed it, for messages."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    text = str(value).strip()
    # Our own exports write "'=…" so that no cell is taken for a formula: take the guard off.
    if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@"):
        return text[1:]
    return text


def text(value: Any) -> str:
    return normalize_text(show(value)) if not is_blank(value) else ""


# dd/mm/yyyy, d-m-yyyy, dd.mm.yyyy; yyyy-mm-dd; mm/yyyy; yyyy; "ngày 5 tháng 3 năm 1985".
_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2,4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2})?)?$")
_MY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_Y = re.compile(r"^(\d{4})$")
_WORDS = re.compile(
    r"^(?:ngay\s*(\d{1,2})\s*)?(?:thang\s*(\d{1,2})\s*[/,]?\s*)?(?:nam\s*)?(\d{4})$"
)
_WORDS_SHORT = re.compile(r"^(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})$")


def parse_date(value: Any) -> tuple[dt.date, str]:
    """(date, precision): a full day, a month and year (stored as the 1st) or a year (1 January)."""
    if isinstance(value, dt.datetime):
        return value.date(), DatePrecision.DAY
    if isinstance(value, dt.date):
        return value, DatePrecision.DAY
    if isinstance(value, bool):
        raise CellError(f"«{show(value)}» không phải ngày; {DATE_ADVICE}.")
    if isinstance(value, int | float):
        return _from_number(value)
    raw = show(value)
    cleaned = fold(raw).replace(",", " ").strip()
    cleaned = re.sub(r"\s+", " ", cleaned)
    if match := _DMY.match(cleaned):
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) != 4:
            raise CellError(f"«{raw}»: năm phải đủ 4 chữ số; {DATE_ADVICE}.")
        return _day(raw, year, month, day), DatePrecision.DAY
    if match := _YMD.match(cleaned):
        year, month, day = (int(g) for g in match.groups())
        return _day(raw, year, month, day), DatePrecision.DAY
    if match := _MY.match(cleaned):
        month, year = int(match.group(1)), int(match.group(2))
        return _day(raw, year, month, 1, month_only=True), DatePrecision.MONTH
    if match := _Y.match(cleaned):
        return _year(raw, int(match.group(1))), DatePrecision.YEAR
    if match := (_WORDS_SHORT.match(cleaned) or _WORDS.match(cleaned)):
        day_s, month_s, year_s = match.groups()
        year = int(year_s)
        if day_s and month_s:
            return _day(raw, year, int(month_s), int(day_s)), DatePrecision.DAY
        if month_s:
            return _day(raw, year, int(month_s), 1, month_only=True), DatePrecision.MONTH
        if not day_s:
            return _year(raw, year), DatePrecision.YEAR
    if re.fullmatch(r"\d+(\.\d+)?", cleaned):
        return _from_number(float(cleaned))
    raise CellError(f"«{raw}» không đọc được là ngày; {DATE_ADVICE}.")


def _from_number(number: float) -> tuple[dt.date, str]:
    """A bare year (1985) or an Excel date serial (31112 is 06/03/1985)."""
    if float(number).is_integer() and 1000 <= number <= 2200:
        return _year(show(number), int(number)), DatePrecision.YEAR
    if 1 <= number < 2958466:
        return _EXCEL_EPOCH + dt.timedelta(days=int(number)), DatePrecision.DAY
    raise CellError(f"«{show(number)}» không phải ngày; {DATE_ADVICE}.")


def _day(raw: str, year: int, month: int, day: int, *, month_only: bool = False) -> dt.date:
    try:
        return dt.date(_check_year(raw, year), month, day)
    except ValueError as exc:
        what = "tháng có thật" if month_only or not 1 <= month <= 12 else "ngày có thật"
        raise CellError(f"«{raw}» không phải {what}; {DATE_ADVICE}.") from exc


def _year(raw: str, year: int) -> dt.date:
    return dt.date(_check_year(raw, year), 1, 1)


def _check_year(raw: str, year: int) -> int:
    if not 1900 <= year <= 2100:
        raise CellError(f"«{raw}»: năm {year} nằm ngoài khoảng 1900–2100; hãy kiểm tra lại.")
    return year


def parse_year(value: Any) -> int:
    if isinstance(value, int | float) and float(value).is_integer():
        year = int(value)
    elif isinstance(value, dt.date):
        year = value.year
    else:
        raw = show(value)
        if not re.fullmatch(r"\d{4}", raw.strip()):
            raise CellError(f"«{raw}» không phải năm; hãy ghi năm đủ 4 chữ số, ví dụ 2024.")
        year = int(raw)
    return _check_year(show(value), year)


def parse_positive_int(value: Any) -> int:
    if isinstance(value, int | float) and float(value).is_integer() and value >= 0:
        return int(value)
    raw = show(value)
    if raw.isdigit():
        return int(raw)
    raise CellError(f"«{raw}» không phải số nguyên không âm; hãy ghi một số, ví dụ 5.")


_NAME_CHARS = re.compile(r"^[^\W\d_]+(?:[ '\-][^\W\d_]+)*$")


def parse_name(value: Any) -> str:
    """NFC, single spaces, proper case; only letters, spaces, hyphens and apostrophes."""
    name = proper_case(show(value))
    if not _NAME_CHARS.match(name):
        raise CellError(
            f"«{show(value)}» có ký tự không phải chữ cái (số hoặc dấu câu); hãy ghi họ và tên bằng chữ."
        )
    return name


_GENDERS = {
    "nam": "male",
    "male": "male",
    "m": "male",
    "nu": "female",
    "female": "female",
    "f": "female",
}


def parse_gender(value: Any) -> str:
    gender = _GENDERS.get(fold(show(value)))
    if gender is None:
        raise CellError(f"«{show(value)}» không phải giới tính; hãy ghi «Nam» hoặc «Nữ».")
    return gender


_YES = {"co", "x", "yes", "y", "1", "true", "dang vien", "la dang vien"}
_NO = {"khong", "no", "n", "0", "false", "-"}


def parse_yes_no(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    answer = fold(show(value))
    if answer in _YES:
        return True
    if answer in _NO:
        return False
    raise CellError(f"«{show(value)}» không rõ có hay không; hãy ghi «Có» hoặc «Không».")


def parse_cccd(value: Any) -> str:
    """The 12 digits of a CCCD as text. Excel turns an unformatted number into a number and drops
    the leading zero (every province code starts with 0): a whole number of 10–11 digits gets it back.
    A number Excel already wrote in scientific notation has lost digits and is refused."""
    if value.__class__ is str and value.isdigit():  # the usual cell: nothing to take out
        return value
    if isinstance(value, float | int) and not isinstance(value, bool):
        if not float(value).is_integer():
            raise CellError(_cccd_as_number(value))
        digits = str(int(value))
        return digits.zfill(12) if 10 <= len(digits) <= 12 else digits
    raw = show(value)
    if "*" in raw:  # a masked number, as our own exports write it: no number given
        return ""
    if re.fullmatch(r"\d(\.\d+)?e\+?\d+", raw.strip().lower()):
        raise CellError(_cccd_as_number(raw))
    return "".join(ch for ch in raw if not ch.isspace() and ch not in ".-'")


def _cccd_as_number(value: Any) -> str:
    return (
        f"«{show(value)}»: Excel đã đổi số CCCD thành số mũ nên mất chữ số; hãy định dạng cột "
        "«Số CCCD» là Văn bản (Text) và gõ lại số."
    )


def choice_lookup(choices: dict[str, Any], extra: dict[str, str] | None = None) -> dict[str, Any]:
    """A folded-label → value table for a list column (labels, codes and synonyms alike)."""
    table = {fold(label): value for label, value in choices.items()}
    for synonym, label in (extra or {}).items():
        table[fold(synonym)] = choices[label]
    return table


def parse_choice(value: Any, table: dict[str, Any], labels: list[str]) -> Any:
    found = table.get(fold(show(value)))
    if found is None:
        listed = "; ".join(f"«{label}»" for label in labels[:12])
        more = "…" if len(labels) > 12 else ""
        raise CellError(
            f"«{show(value)}» không có trong danh mục; hãy chọn một trong: {listed}{more}."
        )
    return found
