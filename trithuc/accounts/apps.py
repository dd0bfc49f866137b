from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "trithuc.accounts"
    label = "accounts"
    verbose_name = "Tài khoản và phân quyền"

    def ready(self) -> None:
        # Connects the sign-in time receiver used by the session timeouts.
        from . import security  # noqa: F401
