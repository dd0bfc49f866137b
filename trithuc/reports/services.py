"""Making review reports: ask for one (a row, then a background job), and the job's work."""

from __future__ import annotations

import datetime as dt
import io
import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from trithuc.accounts.models import User
from trithuc.core.dates import today
from trithuc.orgunits.choices import OrgUnitKind
from trithuc.orgunits.models import OrgUnit
from trithuc.orgunits.selectors import orgunit_name_as_of
from trithuc.programs.models import Program

from . import pdf, selectors
from .choices import PeriodKind, ReportStatus
from .models import ReviewReport
from .review_docx import write_review
from .statistics import statistics_sheets, write_workbook

log = logging.getLogger(__name__)

DEFAULT_RECIPIENTS = [
    "Ban Tuyên giáo và Dân vận Trung ương (để báo cáo)",
    "Các đồng chí Ủy viên Ban Thường vụ",
    "Các cơ quan, đơn vị liên quan",
    "Lưu Văn phòng.",
]
PLACE_PREFIXES = ("Thành phố ", "Tỉnh ", "thành phố ", "tỉnh ")


def default_signature(issuer: OrgUnit) -> tuple[str, str]:
    """(authority, signer's title) as such bodies sign: a committee collectively ("T/M TỈNH ỦY",
    "BÍ THƯ"), a commission for its head ("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN")."""
    if issuer.kind == OrgUnitKind.PARTY_COMMITTEE:
        return f"T/M {(issuer.short_name or issuer.name).upper()}", "BÍ THƯ"
    if issuer.kind == OrgUnitKind.PARTY_COMMISSION:
        return "K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"
    return "", "THỦ TRƯỞNG CƠ QUAN"


def default_place(issuer: OrgUnit, day: dt.date) -> str:
    """The territory's name without its kind: "Thành phố Cần Thơ" → "Cần Thơ"."""
    unit = issuer
    while unit.parent_id is not None:
        unit = unit.parent
    name = orgunit_name_as_of(unit, day)
    for prefix in PLACE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


@transaction.atomic
def review_report_create(
    *,
    actor: User | None,
    program: Program,
    period: str,
    year: int | None = None,
    unit: OrgUnit | None = None,
    issuer: OrgUnit | None = None,
    number: str = "",
    report_date: dt.date | None = None,
    place: str = "",
    sign_authority: str | None = None,
    signer_title: str | None = None,
    signer_name: str = "",
    recipients: list[str] | None = None,
    enqueue: bool = True,
) -> ReviewReport:
    """Record the request and start the job (after commit). Only the program office, leaders and
    administrators may ask, and only for units their assignments reach; ``actor`` None is the
    server's operator at the command line, who runs the work at once (``enqueue=False``)."""
    day = report_date or today()
    unit = unit or selectors.default_scope(program, day)
    issuer = issuer or (
        selectors.default_issuer(program, day)
        if unit == selectors.default_scope(program, day)
        else unit
    )
    allowed = None if actor is None else selectors.report_unit_ids(actor)
    if allowed is not None and not {unit.pk, issuer.pk} <= allowed:
        raise PermissionDenied("Tài khoản không được lập báo cáo cho đơn vị này.")
    year = year or selectors.default_period_year(program, period, day)
    if year not in program.years:
        raise ValidationError(
            {
                "year": f"Năm phải trong thời gian Chương trình ({program.start_year}–{program.end_year})."
            }
        )
    year_from, year_to = selectors.period_years(program, period, year)
    authority, title = default_signature(issuer)
    report = ReviewReport(
        program=program,
        unit=unit,
        issuer=issuer,
        period=PeriodKind(period),
        year_from=year_from,
        year_to=year_to,
        number=number,
        report_date=day,
        place=place or default_place(issuer, day),
        sign_authority=authority if sign_authority is None else sign_authority,
        signer_title=title if signer_title is None else signer_title,
        signer_name=signer_name,
        recipients="\n".join(DEFAULT_RECIPIENTS if recipients is None else recipients),
        created_by=actor,
    )
    report.full_clean()
    report.save()
    if enqueue:
        transaction.on_commit(lambda: _enqueue(report.pk))
    return report


def _enqueue(report_id: int) -> None:
    from .jobs import review_report_generate_job

    review_report_generate_job.enqueue(report_id)


def _progress(report: ReviewReport, percent: int, message: str) -> None:
    """Written at once (not in the job's transaction) so the page polling it sees it move."""
    report.progress, report.progress_message = percent, message
    ReviewReport.objects.filter(pk=report.pk).update(progress=percent, progress_message=message)


def review_report_generate(
    *, report_id: int, on_progress: Callable[[int, str], None] | None = None
) -> ReviewReport:
    """Draw the numbers, write the DOCX, the statistics workbook and (with LibreOffice) the PDF."""
    report = ReviewReport.objects.select_related("program", "unit", "issuer").get(pk=report_id)

    def progress(percent: int, message: str) -> None:
        _progress(report, percent, message)
        if on_progress is not None:
            on_progress(percent, message)

    ReviewReport.objects.filter(pk=report.pk).update(status=ReportStatus.RUNNING)
    try:
        _generate(report, progress)
    except Exception as exc:  # the report says what went wrong; the worker goes on
        log.exception("review report %s failed", report.pk)
        ReviewReport.objects.filter(pk=report.pk).update(
            status=ReportStatus.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        report.refresh_from_db()
        return report
    report.refresh_from_db()
    return report


def _generate(report: ReviewReport, progress: Callable[[int, str], None]) -> None:
    day = today()
    progress(5, "Đọc số liệu")
    data = selectors.review_data(
        program=report.program,
        unit=report.unit,
        year_from=report.year_from,
        year_to=report.year_to,
        day=day,
    )
    header = selectors.header_as_of(report.issuer, report.report_date)
    report.issuer_name, report.higher_body_name, report.symbol = (
        header.issuer,
        header.higher_body,
        header.symbol,
    )
    progress(30, "Viết báo cáo")
    out = io.BytesIO()
    write_review(report, data, header, out, progress)
    docx = out.getvalue()
    stem = f"bao-cao-{report.pk}-{report.period}-{report.year_to}"
    report.docx.save(f"{stem}.docx", ContentFile(docx), save=False)
    progress(80, "Sổ thống kê")
    sheets = statistics_sheets(
        program=report.program, unit=report.unit, year=report.year_to, day=day
    )
    book = io.BytesIO()
    write_workbook(sheets, book, heading=f"{data.unit_name}; số liệu đến ngày {day:%d/%m/%Y}")
    report.xlsx.save(f"{stem}.xlsx", ContentFile(book.getvalue()), save=False)
    progress(90, "Bản PDF")
    if getattr(settings, "TRITHUC_REPORT_PDF", True):
        try:
            report.pdf.save(f"{stem}.pdf", ContentFile(pdf.docx_to_pdf(docx)), save=False)
            report.pdf_note = ""
        except RuntimeError as exc:
            report.pdf_note = str(exc)[:300]
    else:
        report.pdf_note = pdf.TURNED_OFF
    report.data_as_of = day
    report.status = ReportStatus.DONE
    report.progress, report.progress_message = 100, "Đã lập xong"
    report.finished_at = timezone.now()
    report.save()
    progress(100, "Đã lập xong")
