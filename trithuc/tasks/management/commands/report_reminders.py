"""Create the periodic unit reports due so far and remind units of those falling due soon.

Meant to run once a day (cron or a systemd timer): ``trithuc report_reminders``."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandParser

from trithuc.core.dates import today
from trithuc.tasks import selectors, services


class Command(BaseCommand):
    help = "Tạo các báo cáo định kỳ đến kỳ và nhắc các đơn vị sắp đến hạn nộp."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--ngay",
            type=dt.date.fromisoformat,
            default=None,
            help="Chạy như thể hôm nay là ngày này (YYYY-MM-DD); mặc định là hôm nay.",
        )

    def handle(self, *args, ngay: dt.date | None = None, **options) -> None:
        day = ngay or today()
        for program in selectors.program_list():
            created = services.unit_reports_generate(program=program, up_to=day)
            self.stdout.write(f"{program.code}: đã tạo {created} báo cáo định kỳ mới.")
        reminded = services.unit_reports_remind(day=day)
        self.stdout.write(f"Đã gửi thư nhắc cho {reminded} báo cáo sắp đến hạn nộp.")
