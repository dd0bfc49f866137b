"""Forms check the shape of input; the rules live in the services."""

from __future__ import annotations

from django import forms

from trithuc.orgunits.models import OrgUnit
from trithuc.people.choices import Gender
from trithuc.people.models import Field, Person

from .choices import Audience, CommentKind, CommentResult, QuestionStatus

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SECTIONS_HELP = (
    "Mỗi mục bắt đầu bằng một dòng «## Tên mục» (ví dụ: «## Điều 1. Phạm vi điều chỉnh»), tiếp "
    "theo là nội dung; mỗi dòng nội dung là một đoạn để góp ý riêng."
)


def parse_sections(text: str) -> list[tuple[str, str]]:
    """«## heading» lines start sections; the lines after them are the section's text."""
    sections: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("##"):
            sections.append((line.lstrip("#").strip(), []))
        elif sections:
            sections[-1][1].append(line)
        elif line.strip():
            sections.append(("Nội dung", [line]))
    return [(heading, "\n".join(lines).strip()) for heading, lines in sections]


def _fields() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label="Lĩnh vực",
        queryset=Field.objects.filter(is_active=True).order_by("order", "code"),
        required=False,
    )


class ConsultationForm(forms.Form):
    unit = forms.ModelChoiceField(label="Cơ quan lấy ý kiến", queryset=OrgUnit.objects.none())
    title = forms.CharField(label="Tên dự thảo", max_length=300)
    summary = forms.CharField(
        label="Tóm tắt, mục đích", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    opens_on = forms.DateField(label="Ngày bắt đầu", widget=DATE)
    closes_on = forms.DateField(label="Ngày kết thúc", widget=DATE)
    audience = forms.ChoiceField(label="Đối tượng", choices=Audience.choices)
    field = _fields()
    invited = forms.ModelMultipleChoiceField(
        label="Chuyên gia được mời",
        queryset=Person.objects.none(),
        required=False,
        help_text="Khi lấy ý kiến chuyên gia được mời.",
    )
    sections = forms.CharField(
        label="Nội dung dự thảo", widget=forms.Textarea(attrs={"rows": 14}), help_text=SECTIONS_HELP
    )
    attachment = forms.FileField(label="Tệp đính kèm (tờ trình, phụ lục)", required=False)

    def __init__(self, *args, units: list[OrgUnit], experts, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(pk__in=[u.pk for u in units])
        self.fields["invited"].queryset = experts


class VersionForm(forms.Form):
    note = forms.CharField(label="Thay đổi so với lần trước", max_length=300)
    sections = forms.CharField(
        label="Nội dung dự thảo mới",
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=SECTIONS_HELP,
    )


class CommentForm(forms.Form):
    section = forms.IntegerField(required=False, widget=forms.HiddenInput)
    paragraph = forms.IntegerField(required=False, widget=forms.HiddenInput)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(
        label="Loại ý kiến", choices=CommentKind.choices, initial=CommentKind.COMMENT
    )
    text = forms.CharField(label="Ý kiến", widget=forms.Textarea(attrs={"rows": 3}))
    proposed_text = forms.CharField(
        label="Câu chữ đề nghị thay thế", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    on_behalf_of = forms.CharField(
        label="Góp ý thay mặt cơ quan, tổ chức (nếu có)", max_length=300, required=False
    )


class HideForm(forms.Form):
    reason = forms.CharField(label="Lý do ẩn", max_length=300)


class AnswerForm(forms.Form):
    result = forms.ChoiceField(label="Kết quả", choices=CommentResult.choices)
    response = forms.CharField(
        label="Nội dung tiếp thu, giải trình", widget=forms.Textarea(attrs={"rows": 2})
    )


class IdeaForm(forms.Form):
    title = forms.CharField(label="Tên hiến kế", max_length=300)
    text = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 8}))
    field = _fields()
    is_public = forms.BooleanField(
        label="Công khai hiến kế",
        required=False,
        help_text="Không đánh dấu: chỉ bạn và cơ quan được giao trả lời đọc được.",
    )


class IdeaAssignForm(forms.Form):
    agency = forms.ModelChoiceField(label="Cơ quan trả lời", queryset=OrgUnit.objects.none())

    def __init__(self, *args, units: list[OrgUnit], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = OrgUnit.objects.filter(pk__in=[u.pk for u in units])


class TextForm(forms.Form):
    text = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 3}))


class SessionForm(forms.Form):
    unit = forms.ModelChoiceField(label="Cơ quan tổ chức", queryset=OrgUnit.objects.none())
    topic = forms.CharField(label="Chủ đề", max_length=300)
    leader_name = forms.CharField(label="Người chủ trì đối thoại", max_length=200)
    leader_title = forms.CharField(label="Chức vụ", max_length=200, required=False)
    starts_at = forms.DateTimeField(
        label="Thời gian", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    place = forms.CharField(label="Địa điểm", max_length=300)

    def __init__(self, *args, units: list[OrgUnit], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(pk__in=[u.pk for u in units])


class QuestionForm(forms.Form):
    text = forms.CharField(label="Câu hỏi", widget=forms.Textarea(attrs={"rows": 3}))
    is_anonymous = forms.BooleanField(
        label="Ẩn tên tôi với người tham dự khác",
        required=False,
        help_text="Ban tổ chức vẫn biết người hỏi để trả lời, theo dõi.",
    )


class ModerateForm(forms.Form):
    status = forms.ChoiceField(label="Tình trạng", choices=QuestionStatus.choices)
    group = forms.CharField(label="Nhóm", max_length=120, required=False)
    note = forms.CharField(label="Ghi chú (bắt buộc khi ẩn)", max_length=300, required=False)


class CommitmentForm(forms.Form):
    text = forms.CharField(
        label="Nội dung cam kết, chỉ đạo", widget=forms.Textarea(attrs={"rows": 2})
    )
    lead_unit = forms.ModelChoiceField(
        label="Cơ quan chủ trì thực hiện", queryset=OrgUnit.objects.none()
    )
    deadline = forms.DateField(label="Thời hạn", widget=DATE, required=False)
    question = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, units: list[OrgUnit], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = OrgUnit.objects.filter(pk__in=[u.pk for u in units])


class MembershipForm(forms.Form):
    person = forms.ModelChoiceField(
        label="Hội viên (trong danh sách nhân sự)", queryset=Person.objects.none()
    )
    association = forms.ModelChoiceField(label="Hội", queryset=None)
    position = forms.CharField(label="Chức danh trong hội", max_length=200, required=False)
    joined_on = forms.DateField(label="Ngày vào hội", widget=DATE, required=False)

    def __init__(self, *args, people, associations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["association"].queryset = associations


class SignUpForm(forms.Form):
    full_name = forms.CharField(label="Họ và tên", max_length=150)
    gender = forms.ChoiceField(label="Giới tính", choices=Gender.choices)
    birth_date = forms.DateField(label="Ngày sinh", widget=DATE)
    cccd = forms.CharField(
        label="Số CCCD",
        max_length=20,
        help_text="Dùng để nhận đúng hồ sơ của bạn nếu đã có trong hệ thống; được mã hóa khi lưu.",
    )
    email = forms.EmailField(label="Thư điện tử", required=False)
    username = forms.CharField(label="Tên đăng nhập", max_length=150)
    password = forms.CharField(label="Mật khẩu", widget=forms.PasswordInput, strip=False)
    consent = forms.BooleanField(
        label="Tôi đã đọc và đồng ý với thông báo xử lý dữ liệu cá nhân ở trên", required=False
    )


class ProfileForm(forms.Form):
    hometown = forms.CharField(label="Quê quán", max_length=255, required=False)
    expertise = forms.CharField(
        label="Chuyên môn sâu, từ khóa", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    fields = forms.ModelMultipleChoiceField(
        label="Lĩnh vực", queryset=Field.objects.filter(is_active=True), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
