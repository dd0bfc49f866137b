from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "trithuc.programs"
    label = "programs"
    verbose_name = "Chương trình, mục tiêu, chỉ tiêu"

    def ready(self) -> None:
        # Connects the receivers that drop kept dashboards when a program, indicator or target
        # is saved.
        from . import dashboard_cache  # noqa: F401
