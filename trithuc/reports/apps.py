from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "trithuc.reports"
    label = "reports"
    verbose_name = "Báo cáo sơ kết, tổng kết"
