from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "trithuc.core"
    label = "core"
    verbose_name = "Dùng chung"
