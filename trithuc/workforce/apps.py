from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "trithuc.workforce"
    label = "workforce"
    verbose_name = "Đào tạo, bồi dưỡng, sử dụng cán bộ"
