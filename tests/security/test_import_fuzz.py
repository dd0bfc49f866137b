"""Fuzzing the import: at least 1,000 generated malformed spreadsheets go through the engine's
check (what the upload page runs before anything is stored). Every one either reads (with row
errors, a clear Vietnamese message each) or is refused as a whole with a Vietnamese
:class:`FileProblem`; none raises anything else, and nothing is stored.

The generator is deterministic (``malformed_sheets.SEED``): a failing case is reproduced from its
number. All 1,000 run on SQLite; on PostgreSQL a fixed sample of 250 keeps CI short (the engine's
reading is the same code on both; only the database lookups differ). ``TRITHUC_FUZZ_CASES``
overrides the count, for a longer run by hand.
"""

from __future__ import annotations

import os
import re
import traceback

from django.db import connection

from trithuc.imports import engine
from trithuc.imports.readers import FileProblem

from .conftest import changed_tables, database_fingerprint
from .malformed_sheets import malformed_sheets

VIETNAMESE = re.compile(r"[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]")


def _count() -> int:
    if os.environ.get("TRITHUC_FUZZ_CASES"):
        return int(os.environ["TRITHUC_FUZZ_CASES"])
    return 1000 if connection.vendor == "sqlite" else 250


def test_a_thousand_malformed_spreadsheets_raise_nothing_unhandled(units, users, reference):
    before = database_fingerprint()
    crashes, refused, read = [], 0, 0
    messages: list[tuple[int, str]] = []
    for case in malformed_sheets(_count()):
        ctx = engine.Context(kind=case.kind, unit=units.new_commune, actor=users["program_office"])
        try:
            outcome = engine.check(case.kind, case.content, case.filename, ctx)
        except FileProblem as problem:
            refused += 1
            messages.append((case.number, problem.message))
        except Exception:  # noqa: BLE001 — the point of the test: report every crash
            crashes.append(
                f"#{case.number} {case.kind.code} ({case.recipe}):\n{traceback.format_exc()}"
            )
        else:
            read += 1
            messages += [(case.number, issue.message) for issue in outcome.errors]
    assert not crashes, f"{len(crashes)} tệp gây lỗi không xử lý:\n" + "\n".join(crashes[:5])
    unclear = [(number, text) for number, text in messages if not VIETNAMESE.search(text)]
    assert not unclear, unclear[:5]
    # The generator makes both kinds of file: some read (with row errors), some refused whole.
    assert refused > _count() // 10
    assert read > _count() // 10
    assert changed_tables(before, database_fingerprint()) == []
