"""``trithuc generate-data --persons N [--seed S]``: a large synthetic province for benchmarks."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from trithuc.core.datagen import generate_data, records_default
from trithuc.core.progress import TerminalProgress


class Command(BaseCommand):
    help = (
        "Sinh dữ liệu tổng hợp cỡ lớn để đo hiệu năng: hồ sơ trí thức với quá trình công tác, "
        "văn bằng, lĩnh vực, cử đi đào tạo, xếp loại, khen thưởng (cùng seed cho cùng dữ liệu)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--persons", type=int, required=True, help="Số hồ sơ cần sinh.")
        parser.add_argument("--seed", type=int, default=45, help="Hạt giống ngẫu nhiên (45).")
        parser.add_argument(
            "--records",
            type=int,
            default=None,
            help="Số dòng công tác + cử đi đào tạo (mặc định 5 × số hồ sơ).",
        )
        parser.add_argument("--chunk", type=int, default=50_000, help="Số hồ sơ mỗi giao dịch.")

    def handle(self, *args, persons: int, seed: int, records: int | None, chunk: int, **options):
        from trithuc.people.models import Person
        from trithuc.programs.services import figures_rebuild

        if persons <= 0:
            raise CommandError("--persons phải lớn hơn 0.")
        if Person.objects.exists():
            raise CommandError(
                "Sổ đăng ký đã có hồ sơ. Chỉ sinh dữ liệu trên CSDL mới "
                "(trithuc setup, không --demo), để số CCCD và số liệu không lẫn với dữ liệu thật."
            )
        records = records_default(persons) if records is None else records
        bar = TerminalProgress(persons, "Sinh dữ liệu", "hồ sơ")
        started = time.perf_counter()
        try:
            data = generate_data(
                persons=persons,
                seed=seed,
                records=records,
                chunk=chunk,
                progress=lambda done, rows: bar.update(done, f"{rows:,} dòng"),
            )
        finally:
            bar.close()
        elapsed = time.perf_counter() - started
        counts = ", ".join(f"{name} {n:,}" for name, n in data.counts.items())
        self.stdout.write(f"Đã ghi {data.rows:,} dòng trong {elapsed:.1f} s ({counts}).")
        started = time.perf_counter()
        written = figures_rebuild()
        self.stdout.write(
            f"Số liệu chỉ tiêu: {written} dòng tổng hợp, {time.perf_counter() - started:.1f} s."
        )
