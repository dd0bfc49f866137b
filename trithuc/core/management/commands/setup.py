from django.core.management import call_command
from django.core.management.base import BaseCommand

from trithuc.core.setup import system_setup


class Command(BaseCommand):
    help = "Tạo/cập nhật CSDL, nạp danh mục, cơ cấu tổ chức và Chương trình 45; --demo thêm dữ liệu mẫu."

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo", action="store_true", help="Thêm dữ liệu mẫu cố định và tài khoản mẫu."
        )
        parser.add_argument(
            "--persons", type=int, default=3000, help="Số hồ sơ mẫu (mặc định 3000)."
        )

    def handle(self, *args, demo: bool, persons: int, verbosity: int, **options):
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        system_setup(demo=demo, persons=persons, say=self.stdout.write)
