"""State changes of import batches: upload, check, decide, commit. Views, jobs and the command call
these; the pipeline itself is in ``engine.py`` and each kind's module."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from django.utils import timezone

from trithuc.accounts.models import User
from trithuc.accounts.scoping import Action, unit_ids_in_scope
from trithuc.orgunits.models import OrgUnit

from . import engine
from .choices import BatchStatus
from .kinds import get_kind
from .models import ImportBatch
from .readers import FileProblem, read_sheets
from .writers import error_report

logger = logging.getLogger(__name__)
Echo = Callable[[str, int, int], None]


def max_upload_bytes() -> int:
    return getattr(settings, "TRITHUC_IMPORT_MAX_BYTES", 100 * 1024 * 1024)


def check_may_import(actor: User | None, unit: OrgUnit) -> None:
    """A batch is filed under a unit whose records the uploader may change."""
    if actor is None or actor.is_superuser:
        return
    if unit.pk not in unit_ids_in_scope(actor, Action.CHANGE):
        raise PermissionDenied(f"Bạn không được nhập dữ liệu cho đơn vị «{unit.name}».")


def batch_create(
    *, actor: User | None, kind: str, unit: OrgUnit, filename: str, content: bytes
) -> ImportBatch:
    if get_kind(kind) is None:
        raise ValidationError(f"Không có loại dữ liệu «{kind}».")
    check_may_import(actor, unit)
    if len(content) > max_upload_bytes():
        raise ValidationError(
            f"Tệp nặng {len(content) // 1_048_576} MB, quá {max_upload_bytes() // 1_048_576} MB "
            "cho phép; hãy chia thành nhiều tệp nhỏ hơn."
        )
    return ImportBatch.objects.create(
        kind=kind, unit=unit, uploaded_by=actor, filename=filename[:255], content=bytes(content)
    )


class BatchProgress:
    """Progress kept on the batch for the page to poll, and echoed to a terminal if given.

    Inside the commit's transaction the batch row cannot be updated through the same connection
    (nobody else would see it before the end), so on PostgreSQL a second connection writes it; on
    SQLite, which has one writer at a time, the page shows the stage without a moving bar.
    """

    def __init__(self, batch_id: int, echo: Echo | None = None):
        self.batch_id, self.echo = batch_id, echo
        self.last = 0.0
        self.side: Any = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.echo is not None:
            self.echo(stage, done, total)
        now = time.monotonic()
        if now - self.last < 0.5 and done < total:
            return
        self.last = now
        fields = {"progress_stage": stage[:100], "progress_done": done, "progress_total": total}
        try:
            if not connection.in_atomic_block:
                ImportBatch.objects.filter(pk=self.batch_id).update(**fields)
            elif connection.vendor == "postgresql":
                self._side_update(fields)
        except Exception:  # progress is a courtesy: it never stops an import
            logger.warning("import progress not written", exc_info=True)

    def _side_update(self, fields: dict[str, Any]) -> None:
        if self.side is None:
            self.side = connections.create_connection("default")
        with self.side.cursor() as cursor:
            cursor.execute(
                "UPDATE imports_importbatch SET progress_stage = %s, progress_done = %s, "
                "progress_total = %s WHERE id = %s",
                [
                    fields["progress_stage"],
                    fields["progress_done"],
                    fields["progress_total"],
                    self.batch_id,
                ],
            )

    def close(self) -> None:
        if self.side is not None:
            self.side.close()
            self.side = None


def _context(batch: ImportBatch, actor: User | None, progress: BatchProgress) -> engine.Context:
    kind = get_kind(batch.kind)
    assert kind is not None  # noqa: S101 — batch_create checked it
    return engine.Context(
        kind=kind,
        unit=batch.unit,
        actor=actor,
        batch_id=batch.pk,
        decisions=dict(batch.decisions),
        progress=progress,
    )


def batch_check(
    *, batch_id: int, echo: Echo | None = None
) -> tuple[ImportBatch, engine.Outcome | None]:
    """Read and check the batch's file against the database; stores what a preview shows."""
    batch = ImportBatch.objects.select_related("unit", "uploaded_by").get(pk=batch_id)
    _set_status(batch, BatchStatus.VALIDATING)
    progress = BatchProgress(batch.pk, echo)
    ctx = _context(batch, batch.uploaded_by, progress)
    try:
        outcome = engine.check(ctx.kind, bytes(batch.content), batch.filename, ctx)
    except FileProblem as problem:
        batch.status, batch.file_problem = BatchStatus.UNREADABLE, problem.message
        batch.save(update_fields=["status", "file_problem"])
        return batch, None
    finally:
        progress.close()
    earlier = (
        ImportBatch.objects.filter(fingerprint=outcome.fingerprint, status=BatchStatus.COMMITTED)
        .exclude(pk=batch.pk)
        .first()
    )
    batch.fingerprint = outcome.fingerprint
    batch.same_as = earlier
    batch.summary = outcome.summary()
    batch.errors = [issue.as_dict() for issue in outcome.errors]
    batch.uncertain = outcome.uncertain
    batch.status = BatchStatus.VALIDATED
    batch.progress_stage, batch.progress_done = "Đã kiểm tra xong", batch.progress_total
    batch.save()
    return batch, outcome


def batch_decide(
    *, actor: User | None, batch: ImportBatch, decisions: dict[str, str]
) -> ImportBatch:
    """Record what a person decided for uncertain rows: "new", or the id of the stored person."""
    allowed = {
        str(item["row"]): {"new"}
        | {str(c["person_id"]) for c in item["candidates"] if c["person_id"]}
        for item in batch.uncertain
    }
    for row, choice in decisions.items():
        if choice and choice in allowed.get(row, set()):
            batch.decisions[row] = choice
    batch.save(update_fields=["decisions"])
    return batch


def batch_commit(
    *, actor: User | None, batch_id: int, echo: Echo | None = None
) -> tuple[ImportBatch, engine.Outcome | None]:
    """Store the batch in one transaction. Raises nothing for a file already imported: the batch
    then points at the earlier one (``same_as``) and nothing changes."""
    batch = ImportBatch.objects.select_related("unit", "uploaded_by").get(pk=batch_id)
    check_may_import(actor, batch.unit)
    if batch.status == BatchStatus.COMMITTED:
        return batch, None
    _set_status(batch, BatchStatus.COMMITTING)
    progress = BatchProgress(batch.pk, echo)
    ctx = _context(batch, actor, progress)
    try:
        outcome = engine.commit(ctx.kind, bytes(batch.content), batch.filename, ctx, batch)
    except engine.AlreadyImported as exc:
        batch.refresh_from_db()
        batch.same_as, batch.status = exc.batch, BatchStatus.VALIDATED
        batch.summary = exc.outcome.summary() if exc.outcome else batch.summary
        batch.save(update_fields=["same_as", "status", "summary"])
        return batch, exc.outcome
    except FileProblem as problem:
        batch.refresh_from_db()
        batch.status, batch.file_problem = BatchStatus.UNREADABLE, problem.message
        batch.save(update_fields=["status", "file_problem"])
        return batch, None
    except Exception as exc:
        batch.refresh_from_db()
        batch.status = BatchStatus.FAILED
        batch.file_problem = _failure_message(exc)
        batch.save(update_fields=["status", "file_problem"])
        logger.exception("import batch %s failed", batch.pk)
        return batch, None
    finally:
        progress.close()
    ImportBatch.objects.filter(pk=batch.pk).update(
        committed_at=timezone.now(),
        committed_by=actor,
        progress_stage="Đã lưu xong",
        progress_done=len(outcome.rows),
        progress_total=len(outcome.rows),
    )
    batch.refresh_from_db()
    return batch, outcome


def _failure_message(exc: Exception) -> str:
    detail = "; ".join(exc.messages) if isinstance(exc, ValidationError) else ""
    return (
        "Lưu không thành công, cơ sở dữ liệu giữ nguyên như trước khi lưu"
        + (f": {detail}" if detail else " (lỗi hệ thống đã được ghi lại cho quản trị viên)")
        + ". Bạn có thể lưu lại lô này, hoặc sửa tệp rồi gửi lại."
    )


def _set_status(batch: ImportBatch, status: str) -> None:
    batch.status = status
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=status, progress_stage="", progress_done=0, progress_total=0
    )


def batch_error_report(batch: ImportBatch) -> bytes:
    """The sheet the unit sent, with a «Lỗi» column saying what to fix on each row."""
    kind = get_kind(batch.kind)
    assert kind is not None  # noqa: S101
    table = engine.locate(kind, read_sheets(bytes(batch.content), batch.filename))
    errors: dict[int, list[str]] = {}
    for error in batch.errors:
        text = error["message"].removeprefix(f"Dòng {error['row']}, ")
        errors.setdefault(error["row"], []).append(text[:1].upper() + text[1:])
    return error_report(table, errors)


def export_file(
    *, actor: User | None, kind: engine.Kind, unit: OrgUnit | None, purpose: str, path: str = ""
) -> tuple[bytes, int]:
    """The XLSX of ``kind`` that ``actor`` may see (``unit``'s reach when given), and the number
    of rows. Every person in it is written to the personal-data access log with ``purpose``
    (``actor`` None: the system operator at the command line)."""
    from trithuc.privacy.choices import AccessAction
    from trithuc.privacy.services import access_record

    from .writers import export

    if not purpose.strip():
        raise ValidationError({"muc_dich": "Chọn mục đích xuất dữ liệu cá nhân."})
    rows = list(kind.export_rows(user=actor, unit=unit))
    access_record(
        actor,
        kind.export_person_ids(user=actor, unit=unit),
        AccessAction.EXPORT,
        purpose=purpose,
        path=path,
    )
    return export(kind, rows), len(rows)
