"""``trithuc export KIND --unit CODE -o FILE.xlsx``: the rows of a unit (and the units whose history
leads into it) under the same headers as the import template."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from trithuc.accounts.models import User
from trithuc.imports import writers
from trithuc.imports.kinds import KINDS
from trithuc.orgunits.models import OrgUnit


class Command(BaseCommand):
    help = "Xuất dữ liệu của một đơn vị ra tệp Excel theo đúng tiêu đề của tệp mẫu nhập liệu."

    def add_arguments(self, parser):
        parser.add_argument("kind", help=f"loại dữ liệu: {', '.join(KINDS)}")
        parser.add_argument("--unit", required=True, help="mã đơn vị")
        parser.add_argument("-o", "--output", required=True, help="tệp .xlsx để ghi")
        parser.add_argument(
            "--user", help="chỉ xuất những gì người dùng này được xem; mặc định: hệ thống (tất cả)"
        )

    def handle(self, *args, **options):
        kind = KINDS.get(options["kind"])
        if kind is None:
            raise CommandError(
                f"Không có loại dữ liệu «{options['kind']}»; chọn: {', '.join(KINDS)}."
            )
        unit = OrgUnit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(f"Không có đơn vị mã «{options['unit']}».")
        user = None
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"Không có người dùng «{options['user']}».")
        rows = list(kind.export_rows(user=user, unit=unit))
        Path(options["output"]).write_bytes(writers.export(kind, rows))
        self.stdout.write(f"Đã ghi {len(rows)} dòng vào {options['output']}.")
