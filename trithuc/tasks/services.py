"""State changes of tasks and unit reports. Every change goes through here: access is checked,
history attributed to the actor, closed years refused, and concurrent edits refused, not lost.

Errors a user can fix are ``ValidationError``s that say what to do; actions a user's role does not
allow are ``PermissionDenied`` (the pages answer 403); records outside the user's scope never reach
a service from a page (the selectors answer 404).
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from trithuc.accounts.models import User
from trithuc.core.dates import today
from trithuc.orgunits.models import OrgUnit
from trithuc.programs.choices import IndicatorSource
from trithuc.programs.models import Indicator, Program
from trithuc.programs.services import reported_figures_refresh

from . import access, selectors
from .choices import Recurrence, ReportFrequency, ReportStatus
from .models import (
    ClosedPeriod,
    ReportObligation,
    Task,
    TaskEvidence,
    TaskProgress,
    UnitReport,
    UnitReportFigure,
)

EVIDENCE_EXTENSIONS = frozenset(
    {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods", ".jpg", ".jpeg", ".png", ".zip"}
)
EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
# How each allowed type begins: a program or a web page renamed to .pdf is refused.
EVIDENCE_SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".doc": (_OLE,),
    ".xls": (_OLE,),
    ".docx": _ZIP,
    ".xlsx": _ZIP,
    ".odt": _ZIP,
    ".ods": _ZIP,
    ".zip": _ZIP,
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}
EDITABLE_STATUSES = (ReportStatus.DUE, ReportStatus.RETURNED)
PROGRAM_OFFICE_NAME = "cơ quan thường trực Chương trình (Ban Tuyên giáo và Dân vận)"


def _with_actor(obj: Any, actor: User | None) -> None:
    obj._history_user = actor


# --- Tasks -----------------------------------------------------------------------------------


@transaction.atomic
def task_progress_add(
    *,
    actor: User,
    task: Task,
    unit: OrgUnit,
    date: dt.date,
    note: str,
    files: list[tuple[UploadedFile, str]] | None = None,
) -> TaskProgress:
    """A dated note of what ``unit`` did for ``task``, with its evidence files."""
    if not access.may_add_progress(actor, task, unit.pk):
        raise PermissionDenied(
            f"Bạn không thể ghi tiến độ cho «{unit}»: chỉ cán bộ của cơ quan chủ trì, phối hợp "
            f"nhiệm vụ này (hoặc đơn vị kế thừa) và {PROGRAM_OFFICE_NAME} được ghi."
        )
    if date > today():
        raise ValidationError({"date": "Ngày thực hiện không được sau hôm nay."})
    progress = TaskProgress(task=task, unit=unit, date=date, note=note.strip(), author=actor)
    progress.full_clean()
    _with_actor(progress, actor)
    progress.save()
    for upload, description in files or []:
        _evidence_add(actor=actor, progress=progress, upload=upload, description=description)
    return progress


def _evidence_add(
    *, actor: User, progress: TaskProgress, upload: UploadedFile, description: str
) -> TaskEvidence:
    extension = os.path.splitext(upload.name or "")[1].lower()
    name = (upload.name or "")[:120]  # as the user knows it, shortened for the messages
    if extension not in EVIDENCE_EXTENSIONS:
        allowed = ", ".join(sorted(e.lstrip(".") for e in EVIDENCE_EXTENSIONS))
        raise ValidationError(
            {"files": f"Tệp «{name}» không đúng định dạng. Hãy gửi tệp {allowed}."}
        )
    if not upload.size:
        raise ValidationError({"files": f"Tệp «{name}» rỗng. Hãy chọn đúng tệp minh chứng."})
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(
            {"files": f"Tệp «{name}» lớn hơn 20 MB. Hãy nén hoặc tách thành nhiều tệp nhỏ hơn."}
        )
    if not _content_matches(upload, extension):
        raise ValidationError(
            {
                "files": f"Nội dung tệp «{name}» không phải tệp {extension.lstrip('.')} như tên "
                "tệp ghi; hãy mở tệp bằng chương trình gốc, lưu lại đúng định dạng rồi gửi lại."
            }
        )
    # The file is kept under a name made here (never a path or markup sent by the browser).
    upload.name = _stored_name(name, extension)
    evidence = TaskEvidence(progress=progress, file=upload, description=description.strip())
    evidence.full_clean()
    _with_actor(evidence, actor)
    evidence.save()
    return evidence


def _content_matches(upload: UploadedFile, extension: str) -> bool:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return head.startswith(EVIDENCE_SIGNATURES[extension])


def _stored_name(name: str, extension: str) -> str:
    """A plain ASCII name from the sent one, made unique, short enough for the file field."""
    stem = slugify(os.path.splitext(os.path.basename(name.replace("\\", "/")))[0])[:50]
    return f"{stem or 'minh-chung'}-{uuid.uuid4().hex[:8]}{extension}"


def _require_task_manager(actor: User, task: Task) -> None:
    if not access.may_manage_tasks(actor, task.program):
        raise PermissionDenied(
            f"Chỉ {PROGRAM_OFFICE_NAME} hoặc quản trị hệ thống được đánh dấu hoàn thành "
            "hay mở lại nhiệm vụ."
        )


@transaction.atomic
def task_create(
    *,
    actor: User,
    program: Program,
    section: str,
    section_title: str,
    text: str,
    assigned_by: str,
    lead_units: list[OrgUnit] | None = None,
    supporting_units: list[OrgUnit] | None = None,
    lead_text: str = "",
    recurrence: str = Recurrence.ONCE,
    deadline: dt.date | None = None,
) -> Task:
    """A task added to the program after it was loaded (a leader's commitment at a dialogue, a
    new instruction); it takes the next place in the program's order."""
    if not access.may_manage_tasks(actor, program):
        raise PermissionDenied(
            f"Chỉ {PROGRAM_OFFICE_NAME} hoặc quản trị hệ thống được thêm nhiệm vụ vào Chương trình."
        )
    if not text.strip():
        raise ValidationError({"text": "Cần nhập nội dung nhiệm vụ."})
    last = Task.objects.select_for_update().filter(program=program).order_by("-order").first()
    task = Task(
        program=program,
        section=section,
        section_title=section_title,
        order=(last.order if last else 0) + 1,
        text=text.strip(),
        assigned_by=assigned_by,
        lead_text=lead_text,
        recurrence=recurrence,
        deadline=deadline,
    )
    task.full_clean()
    _with_actor(task, actor)
    task.save()
    task.lead_units.set(lead_units or [])
    task.supporting_units.set(supporting_units or [])
    return task


@transaction.atomic
def task_mark_done(*, actor: User, task: Task, completed_on: dt.date) -> Task:
    _require_task_manager(actor, task)
    if completed_on > today():
        raise ValidationError({"completed_on": "Ngày hoàn thành không được sau hôm nay."})
    task.completed_on = completed_on
    task.full_clean()
    _with_actor(task, actor)
    task.save(update_fields=["completed_on"])
    return task


@transaction.atomic
def task_reopen(*, actor: User, task: Task) -> Task:
    _require_task_manager(actor, task)
    task.completed_on = None
    _with_actor(task, actor)
    task.save(update_fields=["completed_on"])
    return task


# --- Generating and reminding unit reports -----------------------------------------------------


def report_periods(frequency: str, year: int) -> list[tuple[dt.date, dt.date]]:
    """The calendar periods of ``year`` for a reporting frequency, as (first day, last day)."""
    months = {ReportFrequency.QUARTERLY: 3, ReportFrequency.HALF_YEARLY: 6}.get(frequency, 12)
    periods = []
    for first_month in range(1, 13, months):
        start = dt.date(year, first_month, 1)
        last_month = first_month + months - 1
        end = (
            dt.date(year, 12, 31)
            if last_month == 12
            else dt.date(year, last_month + 1, 1) - dt.timedelta(days=1)
        )
        periods.append((start, end))
    return periods


@transaction.atomic
def unit_reports_generate(*, program: Program, up_to: dt.date) -> int:
    """Create every report the obligations of ``program`` expect, for each period of the program's
    years that has started by ``up_to``; what exists stays as it is. Returns how many were made.

    A unit reports only for periods that begin while it exists: a commune dissolved on 1 July 2025
    owes nothing for the second half of 2025, its successor does."""
    created = 0
    obligations = ReportObligation.objects.filter(program=program).select_related("unit")
    existing = set(
        UnitReport.objects.filter(program=program).values_list(
            "unit_id", "period_start", "period_end"
        )
    )
    for obligation in obligations:
        unit = obligation.unit
        for year in program.years:
            for start, end in report_periods(obligation.frequency, year):
                if start > up_to or (unit.pk, start, end) in existing:
                    continue
                if (unit.valid_to and start >= unit.valid_to) or (
                    unit.valid_from and end < unit.valid_from
                ):
                    continue
                report = UnitReport(
                    program=program,
                    unit=unit,
                    year=year,
                    period_start=start,
                    period_end=end,
                    due_date=end + dt.timedelta(days=obligation.days_to_submit),
                )
                report.full_clean()
                report.save()
                existing.add((unit.pk, start, end))
                created += 1
    return created


def unit_reports_remind(*, day: dt.date) -> int:
    """Email the officers of each unit whose report falls due within the reminder window and is
    not in yet; each report is reminded once. Returns how many reports were reminded.

    Not one transaction: the mail leaves the building when sent, so each report is marked reminded
    right after its own mail went out, and a failure part-way leaves the rest for the next run."""
    window_end = day + dt.timedelta(days=settings.TRITHUC_REPORT_REMINDER_DAYS)
    reports = UnitReport.objects.filter(
        status__in=EDITABLE_STATUSES,
        reminded_on__isnull=True,
        due_date__gte=day,
        due_date__lte=window_end,
    ).select_related("unit", "program")
    reminded = 0
    for report in reports:
        recipients = sorted(
            User.objects.filter(
                is_active=True,
                assignments__unit=report.unit,
                assignments__role__in=access.REPORTING_ROLES,
            )
            .exclude(email="")
            .values_list("email", flat=True)
            .distinct()
        )
        if not recipients:
            continue
        send_mail(
            subject=f"Nhắc nộp báo cáo định kỳ: {report.unit}, hạn {report.due_date:%d/%m/%Y}",
            message=(
                f"Báo cáo định kỳ của {report.unit} về «{report.program}» "
                f"(kỳ {report.period_start:%d/%m/%Y}–{report.period_end:%d/%m/%Y}) "
                f"phải nộp trước ngày {report.due_date:%d/%m/%Y} và chưa được nộp.\n"
                "Xin vào mục «Báo cáo định kỳ» của hệ thống để cập nhật và nộp báo cáo."
            ),
            from_email=None,
            recipient_list=recipients,
        )
        report.reminded_on = day
        report.save(update_fields=["reminded_on"])
        reminded += 1
    return reminded


# --- Editing and reviewing unit reports --------------------------------------------------------


class ReportConflict(Exception):
    """Someone saved the report after the editor opened it; nothing of the editor's was saved."""

    def __init__(self, report: UnitReport, changed_by: str, changed_at: dt.datetime | None):
        self.report, self.changed_by, self.changed_at = report, changed_by, changed_at
        super().__init__(f"{report.pk} changed by {changed_by}")

    @property
    def message(self) -> str:
        when = (
            timezone.localtime(self.changed_at).strftime("%H:%M %d/%m/%Y")
            if self.changed_at
            else ""
        )
        return (
            f"Báo cáo vừa được {self.changed_by} cập nhật lúc {when}, sau khi bạn mở biểu mẫu. "
            "Nội dung của bạn chưa được lưu và vẫn còn trong biểu mẫu: hãy đối chiếu với bản "
            "mới nhất rồi bấm «Lưu» lần nữa."
        )


def _require_open_period(report: UnitReport) -> None:
    closed = (
        ClosedPeriod.objects.filter(program_id=report.program_id, year=report.year)
        .select_related("closed_by")
        .first()
    )
    if closed is not None:
        who = f" ({closed.closed_by})" if closed.closed_by else ""
        raise ValidationError(
            f"Năm {report.year} của chương trình đã khóa sổ ngày "
            f"{timezone.localtime(closed.closed_at):%d/%m/%Y}{who}: báo cáo của kỳ này không "
            f"còn sửa, nộp, duyệt hay trả lại được. Nếu cần điều chỉnh, hãy đề nghị "
            f"{PROGRAM_OFFICE_NAME} mở lại kỳ."
        )


def _require_editor(actor: User, report: UnitReport) -> None:
    if not access.may_edit_report(actor, report):
        raise PermissionDenied(
            f"Chỉ cán bộ được phân công của {report.unit} (hoặc đơn vị kế thừa) được cập nhật và "
            "nộp báo cáo này."
        )


def _require_reviewer(actor: User, report: UnitReport) -> None:
    if not access.may_review_report(actor, report):
        raise PermissionDenied(
            f"Chỉ {PROGRAM_OFFICE_NAME} được duyệt hoặc trả lại báo cáo của đơn vị."
        )
    if report.submitted_by_id == actor.pk:
        raise PermissionDenied(
            "Bạn đã nộp báo cáo này nên không thể tự duyệt hay trả lại: hãy nhờ một cán bộ khác "
            f"của {PROGRAM_OFFICE_NAME} xem xét."
        )


def _status_error(report: UnitReport, action: str) -> ValidationError:
    return ValidationError(
        f"Không thể {action}: báo cáo đang ở trạng thái «{report.get_status_display()}». "
        "Hãy tải lại trang để xem trạng thái mới nhất."
    )


def _latest_change(report: UnitReport) -> tuple[str, dt.datetime | None]:
    latest = report.history.select_related("history_user").order_by("-history_date").first()
    if latest is None:
        return "một người dùng khác", None
    return str(latest.history_user or "một người dùng khác"), latest.history_date


def _claim(report: UnitReport, *, statuses: tuple[str, ...], version: int | None = None) -> bool:
    """Bump the version if the report is still in ``statuses`` (and at ``version``): one
    conditional UPDATE, so of two concurrent actions exactly one goes through on either database."""
    rows = UnitReport.objects.filter(pk=report.pk, status__in=statuses)
    if version is not None:
        rows = rows.filter(version=version)
    return bool(rows.update(version=F("version") + 1))


@transaction.atomic
def unit_report_save(
    *,
    actor: User,
    report: UnitReport,
    version: int,
    summary: str,
    figures: dict[int, Decimal | None],
    task_notes: dict[int, str],
) -> UnitReport:
    """Save the draft of a report over the version the editor loaded, or raise
    :class:`ReportConflict`. Figures are the program's reported indicators; each task note becomes
    the progress row of that task in this report."""
    _require_editor(actor, report)
    _require_open_period(report)
    indicators = set(
        Indicator.objects.filter(
            program_id=report.program_id, source=IndicatorSource.REPORTED, is_active=True
        ).values_list("pk", flat=True)
    )
    if unknown := set(figures) - indicators:
        raise ValidationError(
            f"Chỉ tiêu {sorted(unknown)} không phải chỉ tiêu do đơn vị báo cáo của chương trình."
        )
    tasks = {t.pk: t for t in selectors.unit_report_tasks(report)}
    if unknown := set(task_notes) - set(tasks):
        raise ValidationError(
            f"Nhiệm vụ {sorted(unknown)} không do {report.unit} chủ trì hay phối hợp thực hiện."
        )
    if any(value is not None and value < 0 for value in figures.values()):
        raise ValidationError("Số liệu chỉ tiêu không được âm.")
    if not _claim(report, statuses=EDITABLE_STATUSES, version=version):
        report.refresh_from_db()
        if report.status not in EDITABLE_STATUSES:
            raise _status_error(report, "lưu báo cáo")
        raise ReportConflict(report, *_latest_change(report))
    report.refresh_from_db()
    report.summary = summary.strip()
    report.full_clean()
    _with_actor(report, actor)
    report.save()
    _figures_set(actor, report, figures)
    _task_notes_set(actor, report, tasks, task_notes)
    return report


def _figures_set(actor: User, report: UnitReport, figures: dict[int, Decimal | None]) -> None:
    current = {f.indicator_id: f for f in report.figures.all()}
    for indicator_id, value in figures.items():
        figure = current.get(indicator_id)
        if value is None:
            if figure is not None:
                _with_actor(figure, actor)
                figure.delete()
            continue
        if figure is not None and figure.value == value:
            continue
        figure = figure or UnitReportFigure(report=report, indicator_id=indicator_id)
        figure.value = value
        figure.full_clean()
        _with_actor(figure, actor)
        figure.save()


def _task_notes_set(
    actor: User, report: UnitReport, tasks: dict[int, Task], notes: dict[int, str]
) -> None:
    current = {p.task_id: p for p in report.task_progress.all()}
    for task_id, raw in notes.items():
        note, progress = raw.strip(), current.get(task_id)
        if not note:
            if progress is not None:
                _with_actor(progress, actor)
                progress.delete()
            continue
        if progress is not None and progress.note == note:
            continue
        if progress is None:
            progress = TaskProgress(
                task=tasks[task_id], unit=report.unit, report=report, author=actor
            )
        progress.note, progress.date = note, today()
        progress.full_clean()
        _with_actor(progress, actor)
        progress.save()


@transaction.atomic
def unit_report_submit(*, actor: User, report: UnitReport) -> UnitReport:
    _require_editor(actor, report)
    _require_open_period(report)
    if not _claim(report, statuses=EDITABLE_STATUSES):
        report.refresh_from_db()
        raise _status_error(report, "nộp báo cáo")
    report.refresh_from_db()
    if not report.summary.strip():
        raise ValidationError("Hãy nhập phần tóm tắt kết quả và bấm «Lưu» trước khi nộp báo cáo.")
    report.status = ReportStatus.SUBMITTED
    report.submitted_at, report.submitted_by = timezone.now(), actor
    report.full_clean()
    _with_actor(report, actor)
    report.save()
    return report


@transaction.atomic
def unit_report_return(*, actor: User, report: UnitReport, comment: str) -> UnitReport:
    _require_reviewer(actor, report)
    _require_open_period(report)
    if not comment.strip():
        raise ValidationError(
            {"comment": "Hãy ghi rõ nội dung đơn vị cần sửa, bổ sung trước khi trả lại báo cáo."}
        )
    if not _claim(report, statuses=(ReportStatus.SUBMITTED,)):
        report.refresh_from_db()
        raise _status_error(report, "trả lại báo cáo")
    report.refresh_from_db()
    report.status = ReportStatus.RETURNED
    report.review_comment = comment.strip()
    report.reviewed_at, report.reviewed_by = timezone.now(), actor
    report.full_clean()
    _with_actor(report, actor)
    report.save()
    return report


@transaction.atomic
def unit_report_approve(*, actor: User, report: UnitReport) -> UnitReport:
    """Approve a submitted report; its reported figures then count for the unit's year."""
    _require_reviewer(actor, report)
    _require_open_period(report)
    if not _claim(report, statuses=(ReportStatus.SUBMITTED,)):
        report.refresh_from_db()
        raise _status_error(report, "duyệt báo cáo")
    report.refresh_from_db()
    report.status = ReportStatus.APPROVED
    report.reviewed_at, report.reviewed_by = timezone.now(), actor
    report.full_clean()
    _with_actor(report, actor)
    report.save()
    reported_figures_refresh(program=report.program, unit=report.unit, year=report.year)
    return report


@transaction.atomic
def period_close(*, actor: User, program: Program, year: int) -> ClosedPeriod:
    """Close a year of the program: its reports can no longer change."""
    if not access.is_program_office_for_program(actor, program):
        raise PermissionDenied(f"Chỉ {PROGRAM_OFFICE_NAME} được khóa sổ kỳ báo cáo.")
    if year not in program.years:
        raise ValidationError(
            {"year": f"Chương trình chỉ có các năm {program.start_year}–{program.end_year}."}
        )
    if ClosedPeriod.objects.filter(program=program, year=year).exists():
        raise ValidationError({"year": f"Năm {year} đã được khóa sổ trước đó."})
    closed = ClosedPeriod(program=program, year=year, closed_by=actor)
    closed.full_clean()
    _with_actor(closed, actor)
    closed.save()
    return closed
