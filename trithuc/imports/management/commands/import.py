"""``trithuc import KIND FILE --unit CODE [--commit] [--json]``: check (and store) a spreadsheet.

Exit status 0 when the file was read, even with row errors; 2 when the file itself cannot be read;
1 for a wrong command line (unknown kind, unit or user; a unit the user may not change).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from trithuc.accounts.models import User
from trithuc.imports import services
from trithuc.imports.choices import BatchStatus
from trithuc.imports.kinds import KINDS
from trithuc.orgunits.models import OrgUnit

SHOWN_ERRORS = 50


class Command(BaseCommand):
    help = "Kiểm tra (và với --commit thì lưu) một bảng tính nhập liệu."

    def add_arguments(self, parser):
        parser.add_argument("kind", help=f"loại dữ liệu: {', '.join(KINDS)}")
        parser.add_argument("file", help="tệp .xlsx, .xls, .ods hoặc .csv")
        parser.add_argument("--unit", required=True, help="mã đơn vị gửi dữ liệu")
        parser.add_argument("--commit", action="store_true", help="lưu các dòng hợp lệ")
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
        parser.add_argument(
            "--user",
            help="tên đăng nhập của người nhập (kiểm tra quyền với đơn vị); mặc định: hệ thống",
        )

    def handle(self, *args, **options):
        kind, path = options["kind"], Path(options["file"])
        if kind not in KINDS:
            raise CommandError(
                f"Không có loại dữ liệu «{kind}»; chọn một trong: {', '.join(KINDS)}."
            )
        unit = OrgUnit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(f"Không có đơn vị mã «{options['unit']}».")
        actor = None
        if options["user"]:
            actor = User.objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"Không có người dùng «{options['user']}».")
        if not path.is_file():
            return self._unreadable(options, f"Không tìm thấy tệp «{path}».")
        try:
            batch = services.batch_create(
                actor=actor, kind=kind, unit=unit, filename=path.name, content=path.read_bytes()
            )
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            return self._unreadable(options, " ".join(exc.messages))
        echo = _ProgressBar() if sys.stderr.isatty() and not options["json"] else None
        if options["commit"]:
            batch, outcome = services.batch_commit(actor=actor, batch_id=batch.pk, echo=echo)
        else:
            batch, outcome = services.batch_check(batch_id=batch.pk, echo=echo)
        if echo is not None:
            echo.finish()
        if batch.status == BatchStatus.UNREADABLE:
            return self._unreadable(options, batch.file_problem)
        if batch.status == BatchStatus.FAILED:
            self._report(options, batch, outcome)
            raise CommandError(batch.file_problem, returncode=3)
        self._report(options, batch, outcome)
        return None

    def _report(self, options, batch, outcome) -> None:
        summary = batch.summary
        errors = [issue.as_dict() for issue in outcome.errors] if outcome else batch.errors
        result = {
            "rows": summary.get("rows", 0),
            "created": summary.get("created", 0),
            "updated": summary.get("updated", 0),
            "duplicates": summary.get("duplicates", 0),
            "errors": errors,
            "committed": batch.status == BatchStatus.COMMITTED,
            "batch": batch.pk,
        }
        if batch.same_as_id:
            result["created"] = result["updated"] = 0
            result["already_imported_as"] = batch.same_as_id
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        verb = "Đã lưu" if result["committed"] else "Kiểm tra xong (chưa lưu; thêm --commit để lưu)"
        if batch.same_as_id:
            verb = f"Tệp này đã được nhập ở lô {batch.same_as_id}: không có gì thay đổi"
        self.stdout.write(
            f"{verb}. Lô {batch.pk}: {result['rows']} dòng, {result['created']} thêm mới, "
            f"{result['updated']} cập nhật, {result['duplicates']} trùng với hồ sơ đã có hoặc dòng "
            f"trước, {len(errors)} lỗi."
        )
        for error in errors[:SHOWN_ERRORS]:
            self.stdout.write(f"  - {error['message']}")
        if len(errors) > SHOWN_ERRORS:
            self.stdout.write(f"  … và {len(errors) - SHOWN_ERRORS} lỗi khác (xem --json).")

    def _unreadable(self, options, message: str) -> None:
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "rows": 0,
                        "created": 0,
                        "updated": 0,
                        "duplicates": 0,
                        "errors": [{"row": None, "column": None, "message": message}],
                        "file_error": message,
                    },
                    ensure_ascii=False,
                )
            )
        raise CommandError(message, returncode=2)


class _ProgressBar:
    """A one-line progress bar on the terminal: stage, bar, count."""

    def __init__(self) -> None:
        self.stage = ""

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage and self.stage:
            sys.stderr.write("\n")
        self.stage = stage
        width = 30
        filled = int(width * done / total) if total else 0
        sys.stderr.write(
            f"\r{stage[:40]:<40} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
        )
        sys.stderr.flush()

    def finish(self) -> None:
        if self.stage:
            sys.stderr.write("\n")
