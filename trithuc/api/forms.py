"""The token form checks shape only; the rules (name, days) live in services.token_create."""

from __future__ import annotations

from django import forms
from django.conf import settings


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label="Tên gợi nhớ",
        max_length=100,
        help_text="Ví dụ: «Báo cáo quý của Sở Nội vụ», để biết khóa dùng vào việc gì.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["days"] = forms.IntegerField(
            label="Thời hạn (ngày)",
            min_value=1,
            max_value=settings.TRITHUC_API_TOKEN_MAX_DAYS,
            initial=settings.TRITHUC_API_TOKEN_DAYS,
            help_text="Khóa tự hết hạn sau số ngày này.",
        )
