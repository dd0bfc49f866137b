"""``trithuc restore FILE``: replace the database's content with a verified backup."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from trithuc.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Khôi phục CSDL từ tệp sao lưu (kiểm tra bản sao lưu trước khi ghi đè)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp sao lưu do «trithuc backup» tạo")

    def handle(self, *args, file: str, **options):
        path = Path(file)
        if not path.exists():
            raise CommandError(f"Không có tệp «{path}».")
        try:
            manifest = backup_restore(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Đã khôi phục {len(manifest['tables'])} bảng từ bản sao lưu lúc {manifest['created_at']}."
        )
