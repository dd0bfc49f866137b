"""`trithuc report review --program CODE --year YYYY [--unit CODE] -o FILE.docx` (the contract in
DESIGN.md), plus `trithuc report statistics … -o FILE.xlsx`. The work runs here, in the foreground,
with its progress on the terminal; the report is stored like one made from the web page."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from trithuc.core.dates import today
from trithuc.orgunits.models import OrgUnit
from trithuc.programs.models import Program
from trithuc.reports import services
from trithuc.reports.choices import PeriodKind, ReportStatus
from trithuc.reports.selectors import default_scope
from trithuc.reports.statistics import statistics_sheets, write_workbook


class Command(BaseCommand):
    help = "Lập báo cáo sơ kết, tổng kết (DOCX, PDF) hoặc sổ thống kê (XLSX) từ dữ liệu."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="kind", required=True)
        review = sub.add_parser("review", help="Báo cáo kết quả năm, sơ kết, tổng kết (DOCX).")
        stats = sub.add_parser("statistics", help="Sổ thống kê (XLSX).")
        for p in (review, stats):
            p.add_argument("--program", required=True, help="Mã chương trình, ví dụ CTr-45.")
            p.add_argument("--year", type=int, required=True, help="Năm (cuối kỳ) báo cáo.")
            p.add_argument("--unit", help="Mã đơn vị: phạm vi số liệu (mặc định: toàn tỉnh/thành).")
            p.add_argument("-o", "--output", required=True, help="Tệp kết quả.")
        review.add_argument(
            "--period",
            choices=[k.value for k in PeriodKind],
            default=PeriodKind.YEAR,
            help="year: một năm; midterm: sơ kết từ đầu Chương trình; final: tổng kết.",
        )
        review.add_argument(
            "--issuer", help="Mã cơ quan ban hành (mặc định: cơ quan chịu trách nhiệm)."
        )
        review.add_argument("--number", default="", help="Số văn bản (để trống khi là dự thảo).")
        review.add_argument("--signer", default="", help="Họ tên người ký.")

    def handle(self, *args, kind: str, **options):
        program = _get(Program, options["program"], "chương trình")
        unit = _get(OrgUnit, options["unit"], "đơn vị") if options["unit"] else None
        output = Path(options["output"])
        if kind == "statistics":
            unit = unit or default_scope(program, today())
            sheets = statistics_sheets(
                program=program, unit=unit, year=options["year"], day=today()
            )
            write_workbook(sheets, str(output), heading=f"{unit.name}; đến ngày {today():%d/%m/%Y}")
            self.stdout.write(f"Đã ghi {output}")
            return
        issuer = _get(OrgUnit, options["issuer"], "đơn vị") if options["issuer"] else None
        report = services.review_report_create(
            actor=None,
            program=program,
            period=options["period"],
            year=options["year"],
            unit=unit,
            issuer=issuer,
            number=options["number"],
            signer_name=options["signer"],
            enqueue=False,
        )
        report = services.review_report_generate(report_id=report.pk, on_progress=self._progress)
        if report.status != ReportStatus.DONE:
            raise CommandError(f"Không lập được báo cáo: {report.error}")
        output.parent.mkdir(parents=True, exist_ok=True)
        with report.docx.open("rb") as source, output.open("wb") as target:
            shutil.copyfileobj(source, target)
        self.stdout.write(
            f"Đã ghi {output} (báo cáo số {report.pk}, số liệu đến {report.data_as_of:%d/%m/%Y})"
        )
        if report.pdf:
            pdf_path = output.with_suffix(".pdf")
            with report.pdf.open("rb") as source, pdf_path.open("wb") as target:
                shutil.copyfileobj(source, target)
            self.stdout.write(f"Đã ghi {pdf_path}")
        else:
            self.stderr.write(report.pdf_note)

    def _progress(self, percent: int, message: str) -> None:
        bar = "#" * (percent // 5)
        self.stdout.write(f"[{bar:<20}] {percent:3d}% {message}")


def _get(model, code: str, what: str):
    try:
        return model.objects.get(code=code)
    except model.DoesNotExist as exc:
        raise CommandError(f"Không có {what} mã {code}.") from exc
