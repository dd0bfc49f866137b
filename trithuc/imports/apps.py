from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "trithuc.imports"
    label = "imports"
    verbose_name = "Nhập, xuất dữ liệu Excel"
