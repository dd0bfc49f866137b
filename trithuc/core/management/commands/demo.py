"""``trithuc demo``: set up the embedded database with demo data and serve it with the job worker."""

import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from trithuc.accounts.demo import DEMO_PASSWORD, demo_accounts
from trithuc.core.setup import system_setup


class Command(BaseCommand):
    help = "Chạy bản trình diễn: CSDL nhúng, dữ liệu mẫu, tài khoản mẫu, máy chủ web và tiến trình nền."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--persons", type=int, default=3000)
        parser.add_argument(
            "--no-serve", action="store_true", help="Chỉ chuẩn bị dữ liệu, không chạy máy chủ."
        )

    def handle(self, *args, port: int, persons: int, no_serve: bool, **options):
        call_command("migrate", interactive=False, verbosity=0)
        system_setup(demo=True, persons=persons, say=self.stdout.write)
        self._print_accounts(port)
        if no_serve:
            return
        # The worker runs beside the web server so that background jobs (imports, reports) proceed.
        worker = subprocess.Popen([sys.executable, "-m", "trithuc.cli", "db_worker"])  # noqa: S603
        try:
            call_command(
                "runserver", f"127.0.0.1:{port}", use_reloader=False, insecure_serving=True
            )
        finally:
            worker.terminate()
            worker.wait(timeout=10)

    def _print_accounts(self, port: int) -> None:
        self.stdout.write(self.style.SUCCESS(f"\nTrang web: http://127.0.0.1:{port}/"))
        self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
        for account in demo_accounts():
            unit = account.unit_code or "hồ sơ cá nhân"
            self.stdout.write(f"  {account.username:<10} {account.role.label} — {unit}")
        if settings.TRITHUC_MFA_REQUIRED:
            self.stdout.write(
                "Xác thực hai lớp đang bật: sau mật khẩu, tài khoản cán bộ được dẫn tới trang cài "
                "ứng dụng xác thực (quét mã QR)."
            )
        else:
            self.stdout.write(
                "Xác thực hai lớp tắt trong bản trình diễn (bật khi TRITHUC_ENV=production hoặc "
                "TRITHUC_MFA_REQUIRED=1)."
            )
