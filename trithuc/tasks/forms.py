"""Forms of the task pages: they check shape only; the services decide what is allowed."""

from __future__ import annotations

from django import forms

from trithuc.core.dates import today
from trithuc.orgunits.models import OrgUnit
from trithuc.programs.models import Indicator, Program

from .choices import TaskStatus
from .models import Task
from .selectors import REPORT_STATES

EVIDENCE_SLOTS = 3


class TaskFilterForm(forms.Form):
    trang_thai = forms.ChoiceField(
        label="Tình trạng", required=False, choices=[("", "Tất cả")] + TaskStatus.choices
    )
    muc = forms.ChoiceField(label="Nhóm nhiệm vụ", required=False)
    don_vi = forms.ModelChoiceField(
        label="Đơn vị", required=False, queryset=OrgUnit.objects.none(), empty_label="Tất cả"
    )

    def __init__(self, *args, sections: list[tuple[str, str]], units: list[OrgUnit], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["muc"].choices = [("", "Tất cả"), *sections]
        self.fields["don_vi"].queryset = OrgUnit.objects.filter(pk__in=[u.pk for u in units])


class ProgressForm(forms.Form):
    unit = forms.ModelChoiceField(label="Đơn vị báo cáo", queryset=OrgUnit.objects.none())
    date = forms.DateField(
        label="Ngày thực hiện", widget=forms.DateInput(attrs={"type": "date"}), initial=today
    )
    note = forms.CharField(label="Kết quả thực hiện", widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, units: list[OrgUnit], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(pk__in=[u.pk for u in units])
        if len(units) == 1:
            self.fields["unit"].initial = units[0].pk
        for slot in range(1, EVIDENCE_SLOTS + 1):
            self.fields[f"file_{slot}"] = forms.FileField(
                label=f"Tệp minh chứng {slot}", required=False
            )
            self.fields[f"description_{slot}"] = forms.CharField(
                label=f"Mô tả tệp {slot}", required=False, max_length=300
            )

    def files_with_descriptions(self) -> list:
        data = self.cleaned_data
        return [
            (data[f"file_{slot}"], data[f"description_{slot}"])
            for slot in range(1, EVIDENCE_SLOTS + 1)
            if data.get(f"file_{slot}")
        ]


class TaskDoneForm(forms.Form):
    completed_on = forms.DateField(
        label="Ngày hoàn thành", widget=forms.DateInput(attrs={"type": "date"}), initial=today
    )


class ReportFilterForm(forms.Form):
    trang_thai = forms.ChoiceField(
        label="Tình trạng", required=False, choices=[("", "Tất cả"), *REPORT_STATES]
    )
    nam = forms.TypedChoiceField(label="Năm", required=False, coerce=int, empty_value=None)
    don_vi = forms.ModelChoiceField(
        label="Đơn vị", required=False, queryset=OrgUnit.objects.none(), empty_label="Tất cả"
    )

    def __init__(self, *args, program: Program | None, units: list[OrgUnit], **kwargs):
        super().__init__(*args, **kwargs)
        years = program.years if program else []
        self.fields["nam"].choices = [("", "Tất cả"), *((y, y) for y in years)]
        self.fields["don_vi"].queryset = OrgUnit.objects.filter(pk__in=[u.pk for u in units])


def figure_field(indicator: Indicator) -> str:
    return f"chi_tieu_{indicator.pk}"


def note_field(task: Task) -> str:
    return f"nhiem_vu_{task.pk}"


class UnitReportForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    summary = forms.CharField(
        label="Tóm tắt kết quả thực hiện trong kỳ",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, indicators: list[Indicator], tasks: list[Task], **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators, self.tasks = indicators, tasks
        for indicator in indicators:
            self.fields[figure_field(indicator)] = forms.DecimalField(
                label=f"{indicator.name} ({indicator.unit_of_measure})",
                required=False,
                min_value=0,
                max_digits=14,
                decimal_places=2,
                help_text=indicator.method[:300],
            )
        for task in tasks:
            self.fields[note_field(task)] = forms.CharField(
                label=f"Nhiệm vụ {task.section}.{task.order}: {task.text[:160]}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def figure_fields(self):
        return [self[figure_field(i)] for i in self.indicators]

    def note_fields(self):
        return [self[note_field(t)] for t in self.tasks]

    def figures(self) -> dict:
        return {i.pk: self.cleaned_data[figure_field(i)] for i in self.indicators}

    def task_notes(self) -> dict[int, str]:
        return {t.pk: self.cleaned_data[note_field(t)] for t in self.tasks}


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label="Nội dung đơn vị cần sửa, bổ sung",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PeriodCloseForm(forms.Form):
    year = forms.TypedChoiceField(label="Năm khóa sổ", coerce=int)

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in program.years]
