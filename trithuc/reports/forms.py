"""Forms of the reports pages: shape only; who may pick which unit comes from the selectors."""

from __future__ import annotations

from django import forms

from trithuc.core.dates import today

from .choices import PeriodKind


class ReviewReportForm(forms.Form):
    period = forms.ChoiceField(label="Kỳ báo cáo", choices=PeriodKind.choices)
    year = forms.IntegerField(label="Năm (cuối kỳ)")
    unit = forms.TypedChoiceField(label="Phạm vi số liệu", coerce=int)
    issuer = forms.TypedChoiceField(label="Cơ quan ban hành", coerce=int)
    number = forms.CharField(label="Số văn bản", required=False, max_length=20)
    report_date = forms.DateField(label="Ngày báo cáo", required=False)
    signer_name = forms.CharField(label="Người ký", required=False, max_length=100)

    def __init__(self, *args, units, default_unit, default_issuer, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(u.pk, u.name) for u in units]
        self.fields["unit"].choices = choices
        self.fields["issuer"].choices = choices
        self.fields["unit"].initial = default_unit.pk if default_unit else None
        self.fields["issuer"].initial = default_issuer.pk if default_issuer else None
        self.fields["year"].initial = today().year
        self.fields["report_date"].widget = forms.DateInput(attrs={"type": "date"})


class ScopeForm(forms.Form):
    """Unit and year of the structure pages and the statistics workbook."""

    don_vi = forms.TypedChoiceField(label="Đơn vị", coerce=int, required=False)
    nam = forms.IntegerField(label="Năm", required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["don_vi"].choices = [(u.pk, u.name) for u in units]
