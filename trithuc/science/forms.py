"""Forms of the science pages: shape only; the services decide the rest."""

from __future__ import annotations

from django import forms

from trithuc.accounts.scoping import Action
from trithuc.people.models import Field
from trithuc.people.widgets import PersonPicker

from .choices import (
    DEFAULT_CRITERIA,
    AcceptanceRating,
    CouncilRole,
    EffectScope,
    InitiativeKind,
    TaskKind,
)

DATE = forms.DateInput(attrs={"type": "date"})


def _people_field(
    label: str,
    people,
    *,
    multiple: bool = False,
    required: bool = True,
    action: Action = Action.VIEW,
):
    """A person field; ``action`` is the scope ``people`` was drawn from, which the picker's
    search keeps to."""
    field_class = forms.ModelMultipleChoiceField if multiple else forms.ModelChoiceField
    widget = PersonPicker(action=action, multiple=multiple)
    return field_class(label=label, queryset=people, required=required, widget=widget)


def _unit_field(label: str, units) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, choices=[(u.pk, u.name) for u in units], coerce=int)


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

    def __init__(self, *args, units=(), managers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposing_unit"] = _unit_field("Đơn vị đề xuất", units)
        self.fields["managing_unit"] = _unit_field("Cơ quan tiếp nhận", managers)


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


# --- Lifecycle steps (shape only: the services check states, roles and dates) ---


class OrderingListForm(forms.Form):
    year = forms.IntegerField(label="Năm đặt hàng", min_value=2000, max_value=2100)
    title = forms.CharField(label="Tên danh mục", max_length=300)
    decision_number = forms.CharField(label="Quyết định phê duyệt số", max_length=100)
    decision_date = forms.DateField(label="Ngày phê duyệt", widget=DATE)

    def __init__(self, *args, units=(), needs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["managing_unit"] = _unit_field("Cơ quan quản lý", units)
        self.fields["needs"] = forms.ModelMultipleChoiceField(
            label="Đề xuất đưa vào danh mục",
            queryset=needs,
            widget=forms.CheckboxSelectMultiple,
        )


class NeedRejectForm(forms.Form):
    reason = forms.CharField(label="Lý do không đưa vào danh mục", widget=forms.Textarea)


class TaskCancelForm(forms.Form):
    cancel_reason = forms.CharField(label="Lý do hủy nhiệm vụ", widget=forms.Textarea)


class ConfirmRemoveForm(forms.Form):
    confirm = forms.BooleanField(
        label="Tôi xác nhận ghi nhận này được nhập nhầm và cần xóa (vẫn lưu trong lịch sử)."
    )


class CallForm(forms.Form):
    number = forms.CharField(label="Thông báo số", max_length=100)
    published_on = forms.DateField(label="Ngày đăng", widget=DATE)
    deadline = forms.DateField(label="Hạn nộp hồ sơ", widget=DATE)
    channel = forms.CharField(label="Nơi đăng", max_length=300, required=False)

    def __init__(self, *args, tasks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tasks"] = forms.ModelMultipleChoiceField(
            label="Nhiệm vụ được thông báo",
            queryset=tasks,
            widget=forms.CheckboxSelectMultiple,
        )


class ApplicationForm(forms.Form):
    host_name = forms.CharField(label="Tổ chức chủ trì", max_length=300)
    budget = forms.DecimalField(label="Kinh phí đề nghị (triệu đồng)", min_value=0, max_digits=14)
    submitted_on = forms.DateField(label="Ngày nộp", widget=DATE)
    summary = forms.CharField(label="Tóm tắt thuyết minh", widget=forms.Textarea, required=False)

    def __init__(self, *args, units=(), people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submitting_unit"] = _unit_field("Đơn vị nộp hồ sơ", units)
        self.fields["lead"] = _people_field("Chủ nhiệm", people)
        self.fields["co_leads"] = _people_field(
            "Đồng chủ nhiệm", people, multiple=True, required=False
        )
        self.fields["members"] = _people_field("Thành viên", people, multiple=True, required=False)


def _default_criteria() -> str:
    return "\n".join(f"{name} | {top}" for name, top in DEFAULT_CRITERIA)


class CouncilForm(forms.Form):
    decision_number = forms.CharField(label="Quyết định thành lập số", max_length=100)
    formed_on = forms.DateField(label="Ngày thành lập", widget=DATE)
    criteria = forms.CharField(
        label="Tiêu chí đánh giá",
        widget=forms.Textarea(attrs={"rows": 6}),
        initial=_default_criteria,
        help_text="Mỗi dòng một tiêu chí: tên | điểm tối đa.",
    )

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"] = _people_field("Chủ tịch hội đồng", people)
        self.fields["secretary"] = _people_field("Thư ký khoa học", people, required=False)
        self.fields["reviewers"] = _people_field(
            "Ủy viên phản biện", people, multiple=True, required=False
        )
        self.fields["members"] = _people_field("Ủy viên", people, multiple=True, required=False)

    def clean_criteria(self) -> list[tuple[str, int]]:
        rows = []
        for line in self.cleaned_data["criteria"].splitlines():
            if not line.strip():
                continue
            name, _, top = line.rpartition("|")
            if not name.strip() or not top.strip().isdigit():
                raise forms.ValidationError(f"Dòng «{line.strip()}» chưa đúng dạng: tên | điểm.")
            rows.append((name.strip(), int(top)))
        return rows

    def seats(self) -> list[tuple]:
        data = self.cleaned_data
        seats = [(data["chair"], CouncilRole.CHAIR)]
        if data.get("secretary"):
            seats.append((data["secretary"], CouncilRole.SECRETARY))
        seats += [(p, CouncilRole.REVIEWER) for p in data.get("reviewers", [])]
        seats += [(p, CouncilRole.MEMBER) for p in data.get("members", [])]
        return seats


class CouncilCloseForm(forms.Form):
    closed_on = forms.DateField(label="Ngày kết thúc phiên họp", widget=DATE)
    conclusion = forms.CharField(
        label="Kết luận của hội đồng", widget=forms.Textarea, required=False
    )


class SelectionForm(forms.Form):
    decision_number = forms.CharField(label="Quyết định phê duyệt chủ trì số", max_length=100)
    decided_on = forms.DateField(label="Ngày quyết định", widget=DATE)

    def __init__(self, *args, applications=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"] = forms.ModelChoiceField(
            label="Hồ sơ được chọn", queryset=applications, widget=forms.RadioSelect
        )


class ContractForm(forms.Form):
    number = forms.CharField(label="Hợp đồng số", max_length=100)
    signed_on = forms.DateField(label="Ngày ký", widget=DATE)
    start_date = forms.DateField(label="Thực hiện từ", widget=DATE)
    end_date = forms.DateField(label="Đến", widget=DATE)
    amount = forms.DecimalField(label="Kinh phí (triệu đồng)", min_value=0, max_digits=14)


class MilestoneForm(forms.Form):
    title = forms.CharField(label="Mốc, sản phẩm", max_length=300)
    due_date = forms.DateField(label="Hạn", widget=DATE)


class MilestoneReportForm(forms.Form):
    reported_on = forms.DateField(label="Ngày báo cáo", widget=DATE)
    report = forms.CharField(label="Báo cáo tiến độ", widget=forms.Textarea)
    evidence = forms.CharField(label="Minh chứng (văn bản, tệp)", max_length=300, required=False)


class AcceptanceForm(forms.Form):
    decision_number = forms.CharField(label="Quyết định công nhận kết quả số", max_length=100)
    accepted_on = forms.DateField(label="Ngày nghiệm thu", widget=DATE)
    rating = forms.ChoiceField(label="Xếp loại", choices=AcceptanceRating.choices)
    notes = forms.CharField(
        label="Kết luận, sản phẩm giao nộp", widget=forms.Textarea, required=False
    )


class InitiativeForm(forms.Form):
    kind = forms.ChoiceField(label="Loại", choices=InitiativeKind.choices)
    title = forms.CharField(label="Tên", max_length=400)
    description = forms.CharField(label="Nội dung", widget=forms.Textarea)
    effect = forms.CharField(label="Hiệu quả áp dụng", widget=forms.Textarea, required=False)
    submitted_on = forms.DateField(label="Ngày nộp đơn", widget=DATE)
    field = forms.ModelChoiceField(
        label="Lĩnh vực", queryset=Field.objects.filter(parent__isnull=False), required=False
    )

    def __init__(self, *args, units=(), people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = _unit_field("Đơn vị áp dụng", units)
        self.fields["authors"] = _people_field("Tác giả", people, multiple=True)


class InitiativeRecogniseForm(forms.Form):
    decision_number = forms.CharField(label="Quyết định công nhận số", max_length=100)
    decided_on = forms.DateField(label="Ngày quyết định", widget=DATE)
    scope = forms.ChoiceField(label="Phạm vi ảnh hưởng", choices=EffectScope.choices)
    effect = forms.CharField(label="Hiệu quả áp dụng", widget=forms.Textarea, required=False)


class InitiativeRejectForm(forms.Form):
    decided_on = forms.DateField(label="Ngày xét", widget=DATE)
    reason = forms.CharField(label="Lý do không công nhận", widget=forms.Textarea)


class CooperationForm(forms.Form):
    title = forms.CharField(label="Tên chương trình, nội dung hợp tác", max_length=300)
    partner = forms.CharField(label="Chuyên gia, tổ chức hợp tác", max_length=300)
    start_date = forms.DateField(label="Bắt đầu", widget=DATE)
    end_date = forms.DateField(label="Kết thúc", widget=DATE, required=False)
    topic = forms.CharField(label="Chủ đề, lĩnh vực chuyển giao", max_length=300, required=False)
    field = forms.ModelChoiceField(
        label="Lĩnh vực", queryset=Field.objects.filter(parent__isnull=False), required=False
    )
    description = forms.CharField(
        label="Nội dung chuyển giao tri thức", widget=forms.Textarea, required=False
    )
    expert_names = forms.CharField(
        label="Chuyên gia khác (mỗi người một dòng)", widget=forms.Textarea, required=False
    )
    participants = forms.CharField(
        label="Người tham gia tiếp nhận", widget=forms.Textarea, required=False
    )
    participant_count = forms.IntegerField(label="Số người tham gia", min_value=0, required=False)
    outputs = forms.CharField(
        label="Sản phẩm, kết quả chuyển giao", widget=forms.Textarea, required=False
    )

    def __init__(self, *args, units=(), people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organising_unit"] = _unit_field("Đơn vị tổ chức", units)
        self.fields["experts"] = _people_field(
            "Chuyên gia (trong hồ sơ)", people, multiple=True, required=False
        )


class CooperationOutputsForm(forms.Form):
    outputs = forms.CharField(label="Sản phẩm, kết quả chuyển giao", widget=forms.Textarea)
    participants = forms.CharField(
        label="Người tham gia tiếp nhận", widget=forms.Textarea, required=False
    )
    participant_count = forms.IntegerField(label="Số người tham gia", min_value=0, required=False)
    end_date = forms.DateField(label="Kết thúc", widget=DATE, required=False)


class RelativeForm(forms.Form):
    """A family tie declared for conflict-of-interest checks (the expert finder flags it)."""

    relation = forms.CharField(
        label="Quan hệ (vợ, chồng, cha, mẹ, con, anh chị em…)", max_length=60
    )

    def __init__(self, *args, people=None, relatives=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"] = _people_field("Người khai báo", people, action=Action.CHANGE)
        self.fields["relative"] = _people_field("Người thân", relatives)
        self.order_fields(["person", "relative", "relation"])
