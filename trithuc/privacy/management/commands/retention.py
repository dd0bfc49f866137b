"""``trithuc retention [--apply]``: list (dry run) or anonymise the records of people who left longer
ago than ``TRITHUC_RETENTION_YEARS_AFTER_LEAVING`` years."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from trithuc.privacy.services import retention_apply, retention_candidates


class Command(BaseCommand):
    help = (
        "Liệt kê (chạy thử, mặc định) hoặc ẩn danh (--apply) hồ sơ người đã nghỉ việc quá thời hạn "
        "lưu trữ; số liệu thống kê theo năm được giữ."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--apply", action="store_true", help="ẩn danh thật (mặc định: chạy thử)"
        )
        parser.add_argument("--today", help="tính đến ngày (YYYY-MM-DD), mặc định hôm nay")

    def handle(self, *args, apply: bool, today: str | None, **options):
        try:
            day = dt.date.fromisoformat(today) if today else None
        except ValueError as exc:
            raise CommandError("--today phải có dạng YYYY-MM-DD, ví dụ 2026-12-31.") from exc
        years = settings.TRITHUC_RETENTION_YEARS_AFTER_LEAVING
        candidates = list(retention_candidates(today=day))
        for person in candidates:
            self.stdout.write(f"{person.pk}\t{person.full_name}\tnghỉ từ {person.left_on:%d/%m/%Y}")
        if not apply:
            self.stdout.write(
                f"Chạy thử: {len(candidates)} hồ sơ nghỉ việc quá {years} năm sẽ được ẩn danh "
                "(thêm --apply để thực hiện)."
            )
            return
        done = retention_apply(actor=None, today=day)
        self.stdout.write(f"Đã ẩn danh {len(done)} hồ sơ.")
