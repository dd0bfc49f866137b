"""Forms of the science pages: shape only; the services decide the rest."""

from __future__ import annotations

from django import forms

from trithuc.people.models import Field

from .choices import TaskKind

DATE = forms.DateInput(attrs={"type": "date"})


class NeedForm(forms.Form):
    kind = forms.ChoiceField(label="Loại nhiệm vụ", choices=TaskKind.choices)
    title = forms.CharField(label="Tên nhiệm vụ đề xuất", max_length=400)
    field = forms.ModelChoiceField(
        label="Lĩnh vực", queryset=Field.objects.filter(parent__isnull=False), required=False
    )
    keywords = forms.CharField(label="Từ khóa (cách nhau bởi dấu phẩy)", required=False)
    rationale = forms.CharField(label="Tính cấp thiết", widget=forms.Textarea, required=False)
    expected_result = forms.CharField(
        label="Kết quả, sản phẩm dự kiến", widget=forms.Textarea, required=False
    )
    year = forms.IntegerField(label="Năm đặt hàng", min_value=2000, max_value=2100)
    proposed_on = forms.DateField(label="Ngày đề xuất", widget=DATE)
    document = forms.CharField(label="Văn bản đề xuất (số, ngày)", required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(u.pk, u.name) for u in units]
        self.fields["proposing_unit"] = forms.TypedChoiceField(
            label="Đơn vị đề xuất", choices=choices, coerce=int
        )
        self.fields["managing_unit"] = forms.TypedChoiceField(
            label="Cơ quan tiếp nhận", choices=choices, coerce=int
        )


class DeclarationForm(forms.Form):
    has_conflict = forms.BooleanField(label="Tôi có xung đột lợi ích với hồ sơ này", required=False)
    reason = forms.CharField(label="Nội dung", widget=forms.Textarea, required=False)


class ScoreForm(forms.Form):
    criterion = forms.IntegerField(widget=forms.HiddenInput)
    value = forms.DecimalField(label="Điểm", min_value=0, decimal_places=1)
    comment = forms.CharField(label="Nhận xét", required=False)


class ResultApplicationForm(forms.Form):
    place = forms.CharField(label="Nơi áp dụng", max_length=300)
    applied_by = forms.CharField(label="Người, tổ chức áp dụng", max_length=300)
    since = forms.DateField(label="Áp dụng từ ngày", widget=DATE)
    change = forms.CharField(label="Thay đổi, hiệu quả mang lại", widget=forms.Textarea)
    evidence = forms.CharField(label="Minh chứng (văn bản xác nhận)", max_length=300)


class FinderForm(forms.Form):
    keywords = forms.CharField(label="Từ khóa", required=False)
    exclude = forms.BooleanField(label="Ẩn người có xung đột lợi ích", required=False)
