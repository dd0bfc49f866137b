from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "trithuc.privacy"
    label = "privacy"
    verbose_name = "Bảo vệ dữ liệu cá nhân"
