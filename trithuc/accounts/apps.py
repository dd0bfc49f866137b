from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "trithuc.accounts"
    label = "accounts"
    verbose_name = "Tài khoản và phân quyền"

    def ready(self) -> None:
        # Connects the sign-in time receiver used by the session timeouts, and the receivers that
        # drop a kept user when it or its assignments change.
        from . import security, usercache  # noqa: F401
