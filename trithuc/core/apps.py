from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "trithuc.core"
    label = "core"
    verbose_name = "Dùng chung"

    def ready(self) -> None:
        from .history import keep_history_manager_classes

        keep_history_manager_classes()
