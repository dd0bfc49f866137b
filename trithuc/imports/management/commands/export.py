"""``trithuc export KIND --unit CODE -o FILE.xlsx [--purpose TEXT]``: the rows of a unit (and the
units whose history leads into it) under the same headers as the import template. Every person in
the file is written to the personal-data access log with the purpose."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from trithuc.accounts.models import User
from trithuc.imports.kinds import KINDS
from trithuc.imports.services import export_file
from trithuc.orgunits.models import OrgUnit

DEFAULT_PURPOSE = "Quản trị hệ thống: xuất bằng dòng lệnh"


class Command(BaseCommand):
    help = "Xuất dữ liệu của một đơn vị ra tệp Excel theo đúng tiêu đề của tệp mẫu nhập liệu."

    def add_arguments(self, parser):
        parser.add_argument("kind", help=f"loại dữ liệu: {', '.join(KINDS)}")
        parser.add_argument("--unit", required=True, help="mã đơn vị")
        parser.add_argument("-o", "--output", required=True, help="tệp .xlsx để ghi")
        parser.add_argument(
            "--user", help="chỉ xuất những gì người dùng này được xem; mặc định: hệ thống (tất cả)"
        )
        parser.add_argument(
            "--purpose",
            default=DEFAULT_PURPOSE,
            help=f"mục đích xuất, ghi vào nhật ký truy cập; mặc định: «{DEFAULT_PURPOSE}»",
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
        if not options["purpose"].strip():
            raise CommandError('Ghi mục đích xuất dữ liệu cá nhân: --purpose "...".')
        content, rows = export_file(
            actor=user,
            kind=kind,
            unit=unit,
            purpose=options["purpose"],
            path=f"trithuc export {options['kind']} --unit {unit.code}",
        )
        Path(options["output"]).write_bytes(content)
        self.stdout.write(f"Đã ghi {rows} dòng vào {options['output']}.")
