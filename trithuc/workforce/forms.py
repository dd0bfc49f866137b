"""Forms of the workforce pages. They check the shape of input; the services decide what is allowed
and what makes sense (transitions, duplicates, scores within their maximum). The people and units a
form offers are those the view passes in, read through the scoping rule."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from trithuc.accounts.scoping import Action
from trithuc.core.dates import today
from trithuc.orgunits.models import OrgUnit
from trithuc.people.forms import UnitChoiceField
from trithuc.people.models import Person
from trithuc.people.widgets import PersonPicker

from .choices import (
    AttractionStatus,
    CareerEventKind,
    CourseKind,
    NominationStatus,
    RatingLevel,
    SuccessionStatus,
)
from .models import (
    AttractionPolicy,
    AwardCriterion,
    AwardNomination,
    AwardType,
    PositionStandard,
    SuccessionPlan,
    TrainingCourse,
)

ALL = "Tất cả"


def _date(label: str, *, required: bool = True, **kwargs) -> forms.DateField:
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    return forms.DateField(label=label, required=required, widget=widget, **kwargs)


def _year(label: str = "Năm", *, required: bool = True, **kwargs) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, required=required, min_value=1945, max_value=2100, **kwargs
    )


def _set_units(field: forms.ModelChoiceField, units: list[OrgUnit], empty: str) -> None:
    field.queryset = OrgUnit.objects.filter(pk__in=[u.pk for u in units])
    field.choices = [("", empty)] + [(u.pk, field.label_from_instance(u)) for u in units]


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return obj.full_name


def _person_field(label: str) -> PersonChoiceField:
    return PersonChoiceField(
        label=label,
        queryset=Person.objects.none(),
        empty_label="— Chọn —",
        widget=PersonPicker(action=Action.CHANGE),
    )


class ScopedForm(forms.Form):
    """A form whose unit fields offer ``units`` and whose person field offers ``people``."""

    unit_fields: tuple[str, ...] = ()
    unit_empty = "— Chọn đơn vị —"

    def __init__(self, *args, units: list[OrgUnit], people=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in self.unit_fields:
            _set_units(self.fields[name], units, self.unit_empty)
        if people is not None and "person" in self.fields:
            self.fields["person"].queryset = people


# --- filters (GET, all optional) ---------------------------------------------------------------


class FilterForm(ScopedForm):
    unit_fields = ("don_vi",)
    unit_empty = "Tất cả đơn vị được phân quyền"

    don_vi = UnitChoiceField(label="Đơn vị", required=False, queryset=OrgUnit.objects.none())
    nam = _year(required=False)


class CourseFilterForm(forms.Form):
    loai = forms.ChoiceField(
        label="Loại hình", required=False, choices=[("", ALL), *CourseKind.choices]
    )
    nam = _year(required=False)


class RatingFilterForm(FilterForm):
    muc = forms.ChoiceField(
        label="Mức xếp loại", required=False, choices=[("", ALL), *RatingLevel.choices]
    )


class SuccessionFilterForm(FilterForm):
    chuc_danh = forms.ModelChoiceField(
        label="Chức danh", required=False, queryset=PositionStandard.objects.all(), empty_label=ALL
    )
    nhiem_ky = forms.ChoiceField(label="Nhiệm kỳ", required=False)
    trang_thai = forms.ChoiceField(
        label="Tình trạng", required=False, choices=[("", ALL), *SuccessionStatus.choices]
    )

    def __init__(self, *args, terms: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["nam"]
        self.fields["nhiem_ky"].choices = [("", ALL), *((t, t) for t in terms)]


class CareerFilterForm(FilterForm):
    loai = forms.ChoiceField(
        label="Loại", required=False, choices=[("", ALL), *CareerEventKind.choices]
    )


class NominationFilterForm(FilterForm):
    hinh_thuc = forms.ModelChoiceField(
        label="Hình thức", required=False, queryset=AwardType.objects.all(), empty_label=ALL
    )
    trang_thai = forms.ChoiceField(
        label="Tình trạng", required=False, choices=[("", ALL), *NominationStatus.choices]
    )


class AwardFilterForm(FilterForm):
    hinh_thuc = forms.ModelChoiceField(
        label="Hình thức", required=False, queryset=AwardType.objects.all(), empty_label=ALL
    )


class CaseFilterForm(FilterForm):
    chinh_sach = forms.ModelChoiceField(
        label="Chính sách", required=False, queryset=AttractionPolicy.objects.all(), empty_label=ALL
    )
    trang_thai = forms.ChoiceField(
        label="Tình trạng", required=False, choices=[("", ALL), *AttractionStatus.choices]
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["nam"]


class UnitYearForm(ScopedForm):
    """The unit and year a summary table is about (training plan, awards by type)."""

    unit_fields = ("don_vi",)
    don_vi = UnitChoiceField(label="Đơn vị", queryset=OrgUnit.objects.none())
    nam = _year(required=False)


class UnitDayForm(ScopedForm):
    unit_fields = ("don_vi",)
    don_vi = UnitChoiceField(label="Đơn vị", queryset=OrgUnit.objects.none())
    ngay = _date("Tính đến ngày", required=False)


class CandidateFilterForm(UnitDayForm):
    chuc_danh = forms.ModelChoiceField(
        label="Chức danh", queryset=PositionStandard.objects.all(), empty_label="— Chọn chức danh —"
    )


class BudgetFilterForm(forms.Form):
    nam = _year()


# --- records -----------------------------------------------------------------------------------


class CourseForm(forms.ModelForm):
    class Meta:
        model = TrainingCourse
        fields = ["kind", "name", "institution", "start_date", "end_date", "degree_code"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {"degree_code": "Chỉ với khóa sau đại học: ví dụ thac-si, tien-si."}

    def _post_clean(self) -> None:
        # The service builds and validates the course.
        pass


class EnrollmentForm(ScopedForm):
    unit_fields = ("sending_unit",)

    person = _person_field("Người được cử đi")
    sending_unit = UnitChoiceField(label="Đơn vị cử đi", queryset=OrgUnit.objects.none())
    commits_to_serve_years = forms.IntegerField(
        label="Cam kết phục vụ (năm)", required=False, min_value=0, max_value=50
    )


class EnrollmentStatusForm(forms.Form):
    status = forms.ChoiceField(label="Tình trạng mới", choices=[])

    def __init__(self, *args, **kwargs) -> None:
        from .choices import EnrollmentStatus

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = EnrollmentStatus.choices


class TrainingPlanForm(forms.Form):
    """One number per course kind: how many people the unit plans to send in the year."""

    def __init__(self, *args, plans: dict[str, int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for kind in CourseKind:
            self.fields[kind.value] = forms.IntegerField(
                label=kind.label, required=False, min_value=0, initial=plans.get(kind.value)
            )

    def planned(self) -> dict[str, int]:
        return {k: v for k, v in self.cleaned_data.items() if v is not None}


class RatingForm(ScopedForm):
    unit_fields = ("unit",)

    person = _person_field("Người được đánh giá")
    year = _year(initial=lambda: today().year - 1)
    level = forms.ChoiceField(label="Mức xếp loại", choices=RatingLevel.choices)
    unit = UnitChoiceField(label="Đơn vị đánh giá", queryset=OrgUnit.objects.none())
    note = forms.CharField(label="Ghi chú", required=False, max_length=500)


class SuccessionForm(ScopedForm):
    unit_fields = ("unit",)

    person = _person_field("Cán bộ")
    unit = UnitChoiceField(label="Đơn vị", queryset=OrgUnit.objects.none())
    position = forms.ModelChoiceField(
        label="Chức danh quy hoạch", queryset=PositionStandard.objects.all()
    )
    term = forms.CharField(label="Nhiệm kỳ", max_length=20, help_text="Ví dụ: 2025-2030")
    decision_number = forms.CharField(label="Số quyết định", max_length=60, required=False)
    decision_date = _date("Ngày quyết định", required=False)


class PlanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: SuccessionPlan) -> str:
        return f"{obj.person.full_name} — {obj.position.name} ({obj.term})"


class CareerEventForm(ScopedForm):
    unit_fields = ("unit", "from_unit")

    person = _person_field("Cán bộ")
    kind = forms.ChoiceField(label="Loại", choices=CareerEventKind.choices)
    from_unit = UnitChoiceField(label="Từ đơn vị", required=False, queryset=OrgUnit.objects.none())
    unit = UnitChoiceField(label="Đến đơn vị", queryset=OrgUnit.objects.none())
    position = forms.CharField(label="Chức vụ", max_length=200)
    decision_number = forms.CharField(label="Số quyết định", max_length=60)
    decision_date = _date("Ngày quyết định")
    effective_date = _date("Ngày hiệu lực")
    fills_plan = PlanChoiceField(
        label="Bổ nhiệm từ quy hoạch",
        required=False,
        queryset=SuccessionPlan.objects.none(),
        empty_label="— Không —",
        help_text="Chọn nếu người được bổ nhiệm đang trong quy hoạch: quy hoạch được ghi là đã bổ nhiệm.",
    )

    def __init__(self, *args, plans, from_units: list[OrgUnit], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fills_plan"].queryset = plans
        _set_units(self.fields["from_unit"], from_units, "— Không —")


class NominationForm(ScopedForm):
    unit_fields = ("unit",)

    person = _person_field("Người được đề nghị")
    award_type = forms.ModelChoiceField(
        label="Hình thức", queryset=AwardType.objects.filter(is_active=True)
    )
    year = _year(initial=lambda: today().year)
    unit = UnitChoiceField(label="Đơn vị đề nghị", queryset=OrgUnit.objects.none())
    tasks_accepted = forms.CharField(
        label="Nhiệm vụ KH&CN được nghiệm thu",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    initiatives = forms.CharField(
        label="Sáng kiến được công nhận", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    publications = forms.CharField(
        label="Công trình công bố", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    results_applied = forms.CharField(
        label="Kết quả được ứng dụng", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    EVIDENCE = ("tasks_accepted", "initiatives", "publications", "results_applied")

    def evidence(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in self.EVIDENCE}


def score_field(criterion: AwardCriterion) -> str:
    return f"diem_{criterion.pk}"


class NominationScoreForm(forms.Form):
    """A points field per rubric criterion, each up to the criterion's maximum."""

    def __init__(
        self, *args, rubric: list[tuple[AwardCriterion, Decimal | None]], **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = [criterion for criterion, _ in rubric]
        for criterion, points in rubric:
            self.fields[score_field(criterion)] = forms.DecimalField(
                label=f"{criterion.name} (tối đa {criterion.max_points.normalize():f})",
                required=False,
                min_value=0,
                max_digits=6,
                decimal_places=2,
                initial=points,
            )

    def points(self) -> dict[int, Decimal]:
        found = {c.pk: self.cleaned_data.get(score_field(c)) for c in self.criteria}
        return {pk: value for pk, value in found.items() if value is not None}


class NominationDecideForm(forms.Form):
    approve = forms.TypedChoiceField(
        label="Kết luận",
        choices=[("1", "Đề nghị khen thưởng"), ("0", "Không đề nghị")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    council_note = forms.CharField(
        label="Kết luận của hội đồng", widget=forms.Textarea(attrs={"rows": 3})
    )


class NominationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: AwardNomination) -> str:
        return f"{obj.person.full_name} — {obj.award_type.name} {obj.year}"


class AwardForm(ScopedForm):
    unit_fields = ("unit",)

    person = _person_field("Người được khen thưởng")
    award_type = forms.ModelChoiceField(
        label="Hình thức", queryset=AwardType.objects.filter(is_active=True)
    )
    year = _year(initial=lambda: today().year)
    decision_number = forms.CharField(label="Số quyết định", max_length=60)
    decision_date = _date("Ngày quyết định")
    granting_body = forms.CharField(label="Cơ quan quyết định", max_length=200)
    unit = UnitChoiceField(label="Đơn vị", queryset=OrgUnit.objects.none())
    nomination = NominationChoiceField(
        label="Theo hồ sơ đề nghị",
        required=False,
        queryset=AwardNomination.objects.none(),
        empty_label="— Ghi nhận trực tiếp —",
    )

    def __init__(self, *args, nominations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nomination"].queryset = nominations


class CaseApplyForm(ScopedForm):
    unit_fields = ("unit",)

    person = _person_field("Người được thu hút")
    policy = forms.ModelChoiceField(label="Chính sách", queryset=AttractionPolicy.objects.all())
    unit = UnitChoiceField(label="Đơn vị tiếp nhận", queryset=OrgUnit.objects.none())
    applied_on = _date("Ngày nộp hồ sơ", initial=today)


class CaseAppraiseForm(forms.Form):
    passed = forms.TypedChoiceField(
        label="Kết quả",
        choices=[("1", "Đạt, đề nghị thu hút"), ("0", "Không đạt")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label="Kết quả thẩm định", widget=forms.Textarea(attrs={"rows": 3}))


class CaseDecideForm(forms.Form):
    decision_number = forms.CharField(label="Số quyết định thu hút", max_length=60)
    decision_date = _date("Ngày quyết định", initial=today)


class CaseStartForm(forms.Form):
    service_start = _date("Ngày bắt đầu công tác", initial=today)


class CaseEndForm(forms.Form):
    ended_on = _date("Ngày kết thúc cam kết", initial=today)


class DisbursementForm(forms.Form):
    date = _date("Ngày chi", initial=today)
    amount = forms.DecimalField(label="Số tiền (đồng)", max_digits=14, decimal_places=0)
    note = forms.CharField(label="Nội dung", max_length=300, required=False)
