from __future__ import annotations

from django import forms

from trithuc.orgunits.models import OrgUnit

from .kinds import KINDS


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label="Loại dữ liệu", choices=[(k.code, k.label) for k in KINDS.values()]
    )
    unit = forms.ModelChoiceField(label="Đơn vị gửi", queryset=OrgUnit.objects.none())
    file = forms.FileField(
        label="Tệp bảng tính",
        help_text="Tệp .xlsx, .xls, .ods hoặc .csv theo tệp mẫu.",
    )

    def __init__(self, *args, units: list[OrgUnit], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        field.queryset = OrgUnit.objects.filter(pk__in=[u.pk for u in units]).order_by("path")
        field.label_from_instance = lambda unit: unit.name
        if len(units) == 1:
            field.initial = units[0].pk
