from django.core.management.base import BaseCommand

from trithuc.programs.services import figures_rebuild


class Command(BaseCommand):
    help = "Tính lại toàn bộ số liệu chỉ tiêu tính từ dữ liệu (sau khi nạp dữ liệu hàng loạt)."

    def handle(self, *args, **options):
        self.stdout.write(f"Đã tính lại {figures_rebuild()} dòng số liệu chỉ tiêu.")
