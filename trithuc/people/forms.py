"""Forms check the shape of input; the rules live in services.py."""

from __future__ import annotations

from django import forms
from django.conf import settings

from trithuc.orgunits.models import OrgUnit

from .choices import DerivedGroup, Sector
from .models import DegreeLevel, Field, GroupTag, Person, Qualification


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: OrgUnit) -> str:
        return f"{'— ' * max(obj.depth, 0)}{obj.name}"


class PersonFilterForm(forms.Form):
    q = forms.CharField(
        label="Tìm theo tên",
        required=False,
        widget=forms.TextInput(
            attrs={"placeholder": "Ví dụ: dang van, Nguyễn Thị Hoà", "type": "search"}
        ),
    )
    expertise = forms.CharField(
        label="Tìm theo chuyên môn",
        required=False,
        widget=forms.TextInput(
            attrs={"placeholder": "Ví dụ: thủy sản, chuyển đổi số", "type": "search"}
        ),
    )
    unit = UnitChoiceField(
        label="Đơn vị",
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label="Tất cả đơn vị được phân quyền",
    )
    field = forms.ModelChoiceField(
        label="Lĩnh vực",
        queryset=Field.objects.none(),
        required=False,
        empty_label="Tất cả lĩnh vực",
    )
    degree = forms.ModelChoiceField(
        label="Trình độ",
        queryset=DegreeLevel.objects.none(),
        required=False,
        empty_label="Tất cả trình độ",
    )
    group = forms.ChoiceField(label="Nhóm", required=False)
    age = forms.ChoiceField(label="Độ tuổi", required=False)

    def __init__(self, *args, units: list[OrgUnit], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(pk__in=[u.pk for u in units])
        self.fields["unit"].choices = [("", self.fields["unit"].empty_label)] + [
            (u.pk, self.fields["unit"].label_from_instance(u)) for u in units
        ]
        self.fields["field"].queryset = Field.objects.filter(is_active=True).order_by("order")
        self.fields["degree"].queryset = DegreeLevel.objects.filter(is_active=True)
        tags = [(f"tag:{t.code}", t.name) for t in GroupTag.objects.filter(is_active=True)]
        self.fields["group"].choices = [("", "Tất cả nhóm"), *DerivedGroup.choices, *tags]
        self.fields["age"].choices = [("", "Mọi độ tuổi")] + [
            (code, label) for code, label, _low, _high in settings.TRITHUC_AGE_BANDS
        ]


class PersonForm(forms.ModelForm):
    """The fields of a person an officer edits. ``version`` carries the version the form was made
    from, so that a save over someone else's newer save is refused rather than silently lost."""

    cccd = forms.CharField(
        label="Số CCCD",
        required=False,
        max_length=20,
        help_text="12 chữ số. Để trống nếu không đổi; số đã lưu chỉ hiện 3 số cuối.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Person
        fields = [
            "full_name",
            "family_name",
            "middle_name",
            "given_name",
            "birth_date",
            "birth_date_precision",
            "gender",
            "ethnicity",
            "hometown",
            "academic_title",
            "political_theory",
            "state_management",
            "fields",
            "pillars",
            "tags",
            "expertise",
            "is_party_member",
            "party_joined_on",
        ]
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "party_joined_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "fields": forms.SelectMultiple(attrs={"size": 6}),
            "pillars": forms.CheckboxSelectMultiple,
            "tags": forms.CheckboxSelectMultiple,
            "expertise": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "family_name": "Tự tách từ họ và tên nếu để trống.",
            "birth_date_precision": "Chọn «Năm» nếu hồ sơ chỉ ghi năm sinh (nhập ngày 01/01).",
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("family_name", "middle_name", "given_name"):
            self.fields[name].required = False
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def _post_clean(self) -> None:
        # The form only checks shape: services.py builds and validates the Person (name parts are
        # derived there), and the instance must stay as loaded so a conflict can be shown against it.
        pass


class PersonCreateForm(PersonForm):
    unit = UnitChoiceField(label="Đơn vị công tác", queryset=OrgUnit.objects.none())
    position = forms.CharField(label="Chức vụ, vị trí việc làm", required=False, max_length=255)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, units: list[OrgUnit], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(pk__in=[u.pk for u in units])
        self.fields["unit"].choices = [("", "— Chọn đơn vị —")] + [
            (u.pk, self.fields["unit"].label_from_instance(u)) for u in units
        ]


class EmploymentForm(forms.Form):
    unit = UnitChoiceField(label="Cơ quan, đơn vị", queryset=OrgUnit.objects.none())
    position = forms.CharField(label="Chức vụ, vị trí việc làm", required=False, max_length=255)
    sector = forms.ChoiceField(label="Khu vực", choices=Sector.choices, initial=Sector.PUBLIC)
    start_date = forms.DateField(
        label="Từ ngày", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label="Đến ngày",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Để trống nếu đang công tác.",
    )

    def __init__(self, *args, units: list[OrgUnit], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(pk__in=[u.pk for u in units])
        self.fields["unit"].choices = [("", "— Chọn đơn vị —")] + [
            (u.pk, self.fields["unit"].label_from_instance(u)) for u in units
        ]


class QualificationForm(forms.ModelForm):
    class Meta:
        model = Qualification
        fields = ["level", "major", "institution", "country", "year"]
