#!/usr/bin/env python
"""Review report benchmark: how long drafting the report takes on the demo data set, beside the
limit python-docx itself sets (writing an empty document of the same page count).

Runs on a scratch database: ``TRITHUC_VAR_DIR`` (SQLite, default a temporary folder) or
``DATABASE_URL`` (PostgreSQL, a database you made for it). ``trithuc setup --demo`` fills it unless
``--no-setup`` is given. Times, each the median of ``--runs``:

* reading the numbers (``review_data``: one dashboard per year of the period, tasks, reports);
* writing the DOCX (text, appendix tables, charts drawn with matplotlib);
* the statistics workbook;
* the PDF with LibreOffice, when ``soffice`` is installed (it also gives the page count);
* raw python-docx: an empty document with as many pages, saved.

Usage::

    .venv/bin/python benchmarks/review_report.py --period final --year 2030
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/trithuc_bench \\
        .venv/bin/python benchmarks/review_report.py
"""

from __future__ import annotations

import argparse
import io
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path


def _median(fn, runs: int):
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--period", default="year", choices=["year", "midterm", "final"])
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-setup", action="store_true")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        os.environ.setdefault("TRITHUC_VAR_DIR", tempfile.mkdtemp(prefix="trithuc-bench-"))
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trithuc.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from docx import Document

    from trithuc.core.dates import today
    from trithuc.programs.models import Program
    from trithuc.reports import pdf, selectors
    from trithuc.reports.models import ReviewReport
    from trithuc.reports.review_docx import write_review
    from trithuc.reports.services import default_place, default_signature
    from trithuc.reports.statistics import statistics_sheets, write_workbook

    if not args.no_setup:
        start = time.perf_counter()
        call_command("setup", demo=True, verbosity=0)
        print(f"setup --demo: {time.perf_counter() - start:.1f} s")
    program = Program.objects.get(code="CTr-45")
    day = today()
    unit, issuer = selectors.default_scope(program, day), selectors.default_issuer(program, day)
    year_from, year_to = selectors.period_years(program, args.period, args.year)
    authority, title = default_signature(issuer)
    report = ReviewReport(
        program=program,
        unit=unit,
        issuer=issuer,
        period=args.period,
        year_from=year_from,
        year_to=year_to,
        report_date=day,
        place=default_place(issuer, day),
        sign_authority=authority,
        signer_title=title,
    )
    header = selectors.header_as_of(issuer, day)
    read, data = _median(
        lambda: selectors.review_data(
            program=program, unit=unit, year_from=year_from, year_to=year_to, day=day
        ),
        args.runs,
    )

    def docx() -> bytes:
        out = io.BytesIO()
        write_review(report, data, header, out, lambda *_: None)
        return out.getvalue()

    write, content = _median(docx, args.runs)

    def workbook() -> None:
        sheets = statistics_sheets(program=program, unit=unit, year=year_to, day=day)
        write_workbook(sheets, io.BytesIO(), heading="bench")

    book, _ = _median(workbook, args.runs)
    pages, pdf_time = None, None
    if pdf.soffice():
        pdf_time, rendered = _median(lambda: pdf.docx_to_pdf(content), 1)
        pages = len(re.findall(rb"/Type\s*/Page[^s]", rendered))

    def empty() -> None:
        document = Document()
        for _ in range((pages or 1) - 1):
            document.add_page_break()
        document.save(io.BytesIO())

    raw, _ = _median(empty, args.runs)
    print(
        f"{args.period} {year_from}–{year_to}, unit {unit.code}, {len(data.last.unit_table)} units below"
    )
    print(f"  read numbers      {read * 1000:8.0f} ms")
    print(f"  write DOCX        {write * 1000:8.0f} ms  ({len(content) // 1024} KiB)")
    print(f"  statistics XLSX   {book * 1000:8.0f} ms")
    if pdf_time is not None:
        print(f"  PDF (LibreOffice) {pdf_time * 1000:8.0f} ms  ({pages} pages)")
    else:
        print("  PDF               skipped: soffice not installed (page count unknown, 1 assumed)")
    print(
        f"  raw python-docx   {raw * 1000:8.0f} ms  (empty document, {pages or 1} pages: the limit)"
    )


if __name__ == "__main__":
    main()
