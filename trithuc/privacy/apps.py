from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "trithuc.privacy"
    label = "privacy"
    verbose_name = "Bảo vệ dữ liệu cá nhân"

    def ready(self) -> None:
        from . import signals  # noqa: F401
