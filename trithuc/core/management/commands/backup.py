"""``trithuc backup -o FILE`` writes a backup; ``trithuc backup --verify FILE`` proves one."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from trithuc.core.backup import BackupError, backup_create, backup_verify


class Command(BaseCommand):
    help = (
        "Sao lưu CSDL (SQLite: sao lưu trực tuyến; PostgreSQL: pg_dump) kèm bảng kê số dòng và mã "
        "băm từng bảng; --verify khôi phục thử vào CSDL tạm và đối chiếu."
    )

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("-o", "--output", help="tệp sao lưu để ghi")
        group.add_argument("--verify", metavar="FILE", help="tệp sao lưu cần kiểm tra")

    def handle(self, *args, output: str | None, verify: str | None, **options):
        try:
            if verify:
                self._verify(Path(verify))
            else:
                manifest = backup_create(Path(output))
                rows = sum(t["rows"] for t in manifest["tables"].values())
                self.stdout.write(
                    f"Đã sao lưu {len(manifest['tables'])} bảng, {rows} dòng vào {output}."
                )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc

    def _verify(self, path: Path) -> None:
        if not path.exists():
            raise CommandError(f"Không có tệp «{path}».")
        result = backup_verify(path)
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(problem)
            raise CommandError(f"Bản sao lưu «{path}» KHÔNG đạt: {len(result.problems)} sai lệch.")
        self.stdout.write(f"Bản sao lưu «{path}» đạt: {result.tables} bảng khớp số dòng và mã băm.")
