"""The import pipeline shared by every kind: find the table, read each row, plan, store.

A kind (``kinds/``) declares its columns and how one checked row becomes a record; everything else
lives here: which sheet and row hold the headers, tolerant header matching, required cells, messages
naming row and column, the fingerprint of the data, and the one transaction that stores a batch.
"""

from __future__ import annotations

import gc
import hashlib
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction

from trithuc.core.text import fold

from .readers import FileProblem, Sheet, read_sheets
from .values import CellError, is_blank, show

if TYPE_CHECKING:
    from trithuc.accounts.models import User
    from trithuc.orgunits.models import OrgUnit

Progress = Callable[[str, int, int], None]
HEADER_SEARCH_ROWS = 20


@dataclass(frozen=True)
class Column:
    """One column of a kind's sheet: its header in the template, how a cell is read, and help."""

    key: str
    header: str
    parse: Callable[[Any], Any] | None = None  # None: text, NFC, single spaces
    required: bool = False
    synonyms: tuple[str, ...] = ()
    help: str = ""
    # The allowed values, for the template's drop-down list and the instructions sheet.
    choices: Callable[[], list[str]] | None = None
    width: int = 18
    is_date: bool = False

    def header_keys(self) -> set[str]:
        return {header_key(self.header), header_key(self.key)} | {
            header_key(s) for s in self.synonyms
        }


def header_key(text: str) -> str:
    """Headers compared without case, marks, spaces, notes in brackets or a required-star."""
    text = re.sub(r"\(.*?\)|\[.*?\]", " ", str(text))
    return re.sub(r"[^0-9a-z]+", "", fold(text))


@dataclass
class Issue:
    row: int
    column: str
    text: str

    @property
    def message(self) -> str:
        where = f"Dòng {self.row}, cột «{self.column}»" if self.column else f"Dòng {self.row}"
        return f"{where}: {self.text}"

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class Row:
    number: int  # as the spreadsheet program shows it
    values: dict[str, Any]
    errors: list[Issue] = field(default_factory=list)
    # Filled by the kind's planning step.
    action: str = ""  # "create" | "update" | "unchanged" | "skip"
    duplicate: bool = False

    def error(self, column: Column | None, text: str) -> None:
        self.errors.append(Issue(self.number, column.header if column else "", text))

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class Table:
    sheet: Sheet
    header_index: int  # 0-based index of the header row in sheet.rows
    columns: dict[str, int]  # column key → 0-based cell index
    unknown_headers: list[str]

    @property
    def header_row(self) -> int:
        return self.header_index + 1


@dataclass
class Context:
    kind: Kind
    unit: OrgUnit
    actor: User | None
    batch_id: int | None = None
    decisions: dict[str, str] = field(default_factory=dict)
    progress: Progress | None = None
    cache: dict[str, Any] = field(default_factory=dict)

    def report(self, stage: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(stage, done, total)


@dataclass
class Outcome:
    rows: list[Row]
    table: Table
    fingerprint: str
    uncertain: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> list[Issue]:
        return [issue for row in self.rows for issue in row.errors]

    def summary(self) -> dict[str, int]:
        actions = [row.action for row in self.rows]
        return {
            "rows": len(self.rows),
            "created": actions.count("create"),
            "updated": actions.count("update"),
            "unchanged": actions.count("unchanged"),
            "duplicates": sum(1 for row in self.rows if row.duplicate and row.ok),
            "skipped": sum(1 for row in self.rows if not row.ok),
            "errors": len(self.errors),
        }


class Kind:
    """What one kind of spreadsheet holds. Subclasses set the class attributes and implement
    :meth:`check_row` (rules across cells) and :meth:`plan`/:meth:`store`."""

    code: str = ""
    label: str = ""
    sheet_title: str = ""
    columns: tuple[Column, ...] = ()
    instructions: tuple[str, ...] = ()

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def check_row(self, row: Row, ctx: Context) -> None:
        """Rules that involve more than one cell; cell-level reading is already done."""

    def plan(self, rows: list[Row], ctx: Context) -> list[dict[str, Any]]:
        """Decide for each good row: create, update, unchanged (setting ``row.action``), and mark
        duplicates. Reads the database, writes nothing. Returns the rows needing a human decision."""
        raise NotImplementedError

    def store(self, rows: list[Row], ctx: Context) -> None:
        """Write the planned rows. Runs inside the batch's transaction."""
        raise NotImplementedError

    def export_records(self, *, user: User | None, unit: OrgUnit | None) -> Any:
        """The queryset an export of this kind reads (``user``'s view, ``unit``'s reach)."""
        raise NotImplementedError

    def export_person_ids(self, *, user: User | None, unit: OrgUnit | None) -> set[int]:
        """Whose data an export holds, for the personal-data access log."""
        records = self.export_records(user=user, unit=unit)
        column = "pk" if records.model._meta.model_name == "person" else "person_id"
        return set(records.values_list(column, flat=True))

    def export_rows(self, *, user: User, unit: OrgUnit | None) -> Iterable[list[Any]]:
        raise NotImplementedError


# --- Finding the table -------------------------------------------------------------------------


def locate(kind: Kind, sheets: list[Sheet]) -> Table:
    """The sheet and row holding this kind's headers, or the reason there is none."""
    if not any(_row_has_data(row) for sheet in sheets for row in sheet.rows):
        raise FileProblem("Tệp không có dữ liệu (mọi trang tính đều trống); hãy kiểm tra lại tệp.")
    lookup = {key: column for column in kind.columns for key in column.header_keys()}
    best: tuple[int, Sheet, int, dict[str, int], list[str]] | None = None
    for sheet in sheets:
        for index, cells in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
            found: dict[str, int] = {}
            unknown: list[str] = []
            for position, cell in enumerate(cells):
                if is_blank(cell):
                    continue
                column = lookup.get(header_key(show(cell)))
                if column is None:
                    unknown.append(show(cell))
                elif column.key not in found:
                    found[column.key] = position
            score = len(found)
            if score and (best is None or score > best[0]):
                best = (score, sheet, index, found, unknown)
    required = [c for c in kind.columns if c.required]
    if best is None or best[0] < min(2, len(kind.columns)):
        names = ", ".join(f"«{s.name}»" for s in sheets)
        raise FileProblem(
            f"Không tìm thấy trang tính nào có tiêu đề cột của mẫu «{kind.label}» (tệp có các trang: "
            f"{names}); hãy dán dữ liệu vào trang «{kind.sheet_title}» của tệp mẫu, dòng tiêu đề giữ "
            "nguyên, hoặc chọn đúng loại dữ liệu."
        )
    _score, sheet, index, found, unknown = best
    _refuse_merged_header(sheet, index)
    missing = [c.header for c in required if c.key not in found]
    if missing:
        listed = ", ".join(f"«{name}»" for name in missing)
        raise FileProblem(
            f"Trang «{sheet.name}» thiếu cột bắt buộc: {listed} (dòng tiêu đề là dòng {index + 1}); "
            "hãy thêm các cột này với đúng tiêu đề như tệp mẫu."
        )
    if not any(_row_has_data(row) for row in sheet.rows[index + 1 :]):
        raise FileProblem(
            f"Trang «{sheet.name}» chỉ có dòng tiêu đề, không có dòng dữ liệu nào; hãy nhập dữ liệu "
            f"từ dòng {index + 2}."
        )
    return Table(sheet, index, found, unknown)


def _refuse_merged_header(sheet: Sheet, index: int) -> None:
    for (top, left), (bottom, right) in sheet.merged:
        if top <= index <= bottom:
            span = f"{_column_letter(left)}{top + 1}:{_column_letter(right)}{bottom + 1}"
            raise FileProblem(
                f"Dòng tiêu đề (dòng {index + 1}, trang «{sheet.name}») có ô gộp ({span}); hãy bỏ gộp ô "
                "(Trang đầu › Gộp và căn giữa) để mỗi cột có một tiêu đề riêng, rồi gửi lại."
            )


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _row_has_data(cells: list[Any]) -> bool:
    for cell in cells:  # is_blank() inlined: this runs twice for each row of the file
        if isinstance(cell, str):
            if cell.strip():
                return True
        elif cell is not None:
            return True
    return False


# --- Reading rows ------------------------------------------------------------------------------


def data_columns(table: Table) -> tuple[list[int], dict[str, list[Any]]]:
    """The rows of the table that hold data, read column by column: the row numbers as the
    spreadsheet program shows them, and each known column's cells in that order (an empty cell
    where a row stops short). Worked out once per table: the checks and the fingerprint both
    work on whole columns, so that each distinct cell is handled once, not once per row."""
    cached = getattr(table, "_columns", None)
    if cached is not None:
        return cached
    first = table.header_index + 1
    width = _width(table)
    numbers: list[int] = []
    rows: list[list[Any]] = []
    for offset, cells in enumerate(table.sheet.rows[first:], start=first + 1):
        if _row_has_data(cells):
            numbers.append(offset)
            rows.append(cells if len(cells) >= width else [*cells, *[""] * (width - len(cells))])
    columns = {key: [cells[position] for cells in rows] for key, position in table.columns.items()}
    table._columns = (numbers, columns)  # type: ignore[attr-defined]
    return numbers, columns


# 1, 1.0 and True are equal as dict keys but are different cells («1» and «TRUE»).
_NUMBER_TYPES = frozenset((bool, int, float))


def _by_distinct(cells: list[Any], read: Callable[[Any], Any]) -> tuple[list[Any], dict[Any, Any]]:
    """``read`` of every cell, called once per distinct cell (by type and value): the keys in
    cell order and the results by key. Parsers are pure, so this is the same as calling it for
    each cell; staff lists repeat names, dates, places and list values a great deal."""
    try:
        distinct = set(cells)
        if any(cell != cell for cell in distinct if cell.__class__ is float):
            raise TypeError("NaN is not equal to itself: no key finds it")
    except TypeError:  # an unhashable cell: every cell is its own key
        keys: list[Any] = list(range(len(cells)))
        return keys, {i: read(cell) for i, cell in enumerate(cells)}
    if len(_NUMBER_TYPES.intersection(map(type, distinct))) <= 1:
        return cells, {cell: read(cell) for cell in distinct}
    keys = list(zip(map(type, cells), cells, strict=True))
    return keys, {key: read(key[1]) for key in set(keys)}


def fingerprint(kind: Kind, unit: OrgUnit, table: Table) -> str:
    """A digest of what the file says (the known columns of every row with data, as shown): the
    same data sent again, in another file or format, has the same fingerprint."""
    digest = hashlib.sha256(f"{kind.code}\x1f{unit.pk}\x1e".encode())
    _numbers, columns = data_columns(table)
    shown: list[list[str]] = []
    for key in sorted(columns):
        keys, texts = _by_distinct(columns[key], show)
        shown.append(list(map(texts.__getitem__, keys)))
    if _numbers:  # each row: its cells joined by \x1f, ended by \x1e
        lines = map("\x1f".join, zip(*shown, strict=True))
        digest.update(("\x1e".join(lines) + "\x1e").encode())
    return digest.hexdigest()


def read_rows(kind: Kind, table: Table, ctx: Context) -> list[Row]:
    numbers, columns = data_columns(table)
    total = len(numbers)
    ctx.report("Đang kiểm tra từng dòng", 0, total)
    present = [kind.column(key) for key in table.columns]
    missing = [column.key for column in kind.columns if column.key not in table.columns]
    values: list[list[Any]] = []
    problems: list[tuple[Column, list[Any], dict[Any, str]]] = []
    for column in present:
        keys, results = _by_distinct(columns[column.key], lambda raw, c=column: _read_cell(c, raw))
        values.append([results[key][0] for key in keys])
        wrong = {key: problem for key, (_v, problem) in results.items() if problem is not None}
        if wrong:
            problems.append((column, keys, wrong))
    names = [column.key for column in present] + missing
    blanks = (None,) * len(missing)
    rows = (
        [
            Row(number=number, values=dict(zip(names, (*cells, *blanks), strict=True)))
            for number, cells in zip(numbers, zip(*values, strict=True), strict=True)
        ]
        if values
        else [Row(number=number, values=dict.fromkeys(missing)) for number in numbers]
    )
    for column, keys, wrong in problems:  # in column order, as the messages were always listed
        for row, key in zip(rows, keys, strict=True):
            if key in wrong:
                row.error(column, wrong[key])
    check = kind.check_row
    for done, row in enumerate(rows):
        if not row.errors:
            check(row, ctx)
        if done % 5000 == 0:
            ctx.report("Đang kiểm tra từng dòng", done, total)
    ctx.report("Đang kiểm tra từng dòng", total, total)
    return rows


def _width(table: Table) -> int:
    return max(table.columns.values(), default=0) + 1


def _read_cell(column: Column, raw: Any) -> tuple[Any, str | None]:
    """(value, None), or (None, what is wrong). A pure function of the cell, so that
    :func:`read_rows` keeps each result by the cell's type and value."""
    if is_blank(raw):
        return None, (f"ô trống; cần ghi «{column.header}»." if column.required else None)
    try:
        return (column.parse(raw) if column.parse else _text(raw)), None
    except CellError as exc:
        return None, exc.message


def _text(raw: Any) -> str:
    from trithuc.core.text import normalize_text

    return normalize_text(show(raw))


@contextmanager
def _without_cycle_collector() -> Iterator[None]:
    """A file of 100 000 rows makes millions of objects that live until the end; Python's cycle
    collector would walk them all again and again (a third of the time). Memory is still freed by
    reference counting; the collector resumes afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check(kind: Kind, content: bytes, filename: str, ctx: Context) -> Outcome:
    """Read and check the file and plan every row; writes nothing. Raises :class:`FileProblem`."""
    with _without_cycle_collector():
        return _check(kind, content, filename, ctx)


def _check(kind: Kind, content: bytes, filename: str, ctx: Context) -> Outcome:
    ctx.report("Đang đọc tệp", 0, 1)
    table = locate(kind, read_sheets(content, filename))
    rows = read_rows(kind, table, ctx)
    outcome = Outcome(rows, table, fingerprint(kind, ctx.unit, table))
    ctx.report("Đang đối chiếu với dữ liệu đã có", 0, 1)
    outcome.uncertain = kind.plan(rows, ctx)
    return outcome


# --- Storing -----------------------------------------------------------------------------------


class AlreadyImported(Exception):
    def __init__(self, batch: Any, outcome: Outcome | None = None):
        self.batch, self.outcome = batch, outcome
        super().__init__(f"already imported as batch {batch.pk}")


def commit(kind: Kind, content: bytes, filename: str, ctx: Context, batch: Any) -> Outcome:
    """Check the file again against the database as it is now and store it, in one transaction:
    either every good row is stored and ``batch`` is marked committed, or nothing changes.

    Imports are serialised (an advisory lock on PostgreSQL; SQLite's writer lock does it there), so
    two units sending the same person at the same moment still make one person. A batch whose data
    was already committed changes nothing (:class:`AlreadyImported`).
    """
    from .choices import BatchStatus
    from .models import ImportBatch

    with _without_cycle_collector(), transaction.atomic():
        _lock_imports()
        outcome = check(kind, content, filename, ctx)
        earlier = (
            ImportBatch.objects.filter(
                fingerprint=outcome.fingerprint, status=BatchStatus.COMMITTED
            )
            .exclude(pk=batch.pk)
            .first()
        )
        if earlier is not None:
            raise AlreadyImported(earlier, outcome)
        good = [
            row for row in outcome.rows if row.ok and row.action in ("create", "update", "merged")
        ]
        ctx.report("Đang lưu vào cơ sở dữ liệu", 0, len(good))
        kind.store(good, ctx)
        _test_pause()
        batch.fingerprint = outcome.fingerprint
        batch.status = BatchStatus.COMMITTED
        batch.summary = outcome.summary()
        batch.errors = [issue.as_dict() for issue in outcome.errors]
        batch.uncertain = outcome.uncertain
        batch.save()
    return outcome


def _lock_imports() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [45_0001])


def _test_pause() -> None:
    """Test hook: with TRITHUC_IMPORT_PAUSE_FILE set, announce that every row is written but the
    transaction not yet committed by creating that file, then wait, so that a test can kill the
    process at exactly this point."""
    marker = os.environ.get("TRITHUC_IMPORT_PAUSE_FILE")
    if not marker:
        return
    with open(marker, "w") as handle:
        handle.write(str(os.getpid()))
    sys.stderr.write("TRITHUC_IMPORT_PAUSED\n")
    sys.stderr.flush()
    time.sleep(float(os.environ.get("TRITHUC_IMPORT_PAUSE_SECONDS", "60")))
