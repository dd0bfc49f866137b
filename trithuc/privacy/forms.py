"""Forms of the privacy pages. Shape only: the rules are in services.py."""

from __future__ import annotations

from django import forms
from django.conf import settings

from .choices import AccessAction, IncidentStatus, RequestKind, RequestStatus

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
OTHER = "khac"


class ExportPurposeForm(forms.Form):
    """Asked before any file of personal data is produced: why it is needed (Decree 13: data are
    processed for a stated purpose). The purposes are a setting, ``TRITHUC_EXPORT_PURPOSES``."""

    muc_dich = forms.ChoiceField(label="Mục đích xuất dữ liệu", choices=())
    ghi_ro = forms.CharField(
        label="Ghi rõ mục đích",
        max_length=200,
        required=False,
        help_text="Bắt buộc khi chọn «Khác».",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["muc_dich"].choices = [("", "— chọn mục đích —"), *purpose_choices()]

    def clean(self):
        data = super().clean()
        if data.get("muc_dich") == OTHER and not (data.get("ghi_ro") or "").strip():
            self.add_error("ghi_ro", "Đã chọn «Khác» thì phải ghi rõ mục đích xuất dữ liệu.")
        return data

    def purpose(self) -> str:
        """The purpose in words, as the access log keeps it."""
        code = self.cleaned_data["muc_dich"]
        if code == OTHER:
            return f"Khác: {self.cleaned_data['ghi_ro'].strip()}"
        label = dict(purpose_choices())[code]
        note = (self.cleaned_data.get("ghi_ro") or "").strip()
        return f"{label}: {note}" if note else label


def purpose_choices() -> list[tuple[str, str]]:
    return [(code, label) for code, label in settings.TRITHUC_EXPORT_PURPOSES]


class AccessLogFilterForm(forms.Form):
    nguoi = forms.CharField(label="Người được truy cập", required=False)
    nguoi_dung = forms.CharField(label="Người truy cập (tài khoản, họ tên)", required=False)
    tu_ngay = forms.DateField(label="Từ ngày", required=False, widget=DATE)
    den_ngay = forms.DateField(label="Đến ngày", required=False, widget=DATE)
    hanh_dong = forms.ChoiceField(
        label="Hành động", required=False, choices=[("", "Tất cả"), *AccessAction.choices]
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("tu_ngay"), data.get("den_ngay")
        if start and end and start > end:
            self.add_error("den_ngay", "«Đến ngày» phải sau hoặc bằng «Từ ngày».")
        return data


class SubjectRequestForm(forms.Form):
    kind = forms.ChoiceField(label="Loại yêu cầu", choices=RequestKind.choices)
    details = forms.CharField(label="Nội dung yêu cầu", widget=forms.Textarea(attrs={"rows": 3}))
    received_on = forms.DateField(label="Ngày tiếp nhận", widget=DATE)


class SubjectRequestUpdateForm(forms.Form):
    status = forms.ChoiceField(label="Tình trạng", choices=RequestStatus.choices)
    resolution = forms.CharField(
        label="Kết quả giải quyết / lý do từ chối",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class IncidentForm(forms.Form):
    title = forms.CharField(label="Tên sự cố", max_length=255)
    description = forms.CharField(
        label="Mô tả, dữ liệu bị ảnh hưởng", widget=forms.Textarea(attrs={"rows": 3})
    )
    detected_at = forms.DateTimeField(
        label="Thời điểm phát hiện", widget=DATETIME, input_formats=["%Y-%m-%dT%H:%M"]
    )
    people_affected = forms.IntegerField(label="Số người bị ảnh hưởng (ước tính)", min_value=0)
    measures = forms.CharField(
        label="Biện pháp đã thực hiện", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class IncidentUpdateForm(forms.Form):
    status = forms.ChoiceField(label="Tình trạng", choices=IncidentStatus.choices)
    measures = forms.CharField(
        label="Biện pháp đã thực hiện", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    notified_to = forms.CharField(label="Cơ quan đã thông báo", max_length=255, required=False)
    notified_at = forms.DateTimeField(
        label="Thời điểm thông báo (để trống: bây giờ)",
        required=False,
        widget=DATETIME,
        input_formats=["%Y-%m-%dT%H:%M"],
    )
