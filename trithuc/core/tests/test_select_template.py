"""Every drop-down of the site is Django's <select>, written by the project's own copy of its
template (templates/django/forms/widgets/select.html), which writes each option in place rather
than through a template per option: a unit list holds hundreds. The HTML must be Django's own,
option for option."""

from __future__ import annotations

from django import forms
from django.forms.renderers import DjangoTemplates, TemplatesSetting
from django.test.html import parse_html

CHOICES = [
    ("", "Tất cả đơn vị"),
    ("Tỉnh Mới", [(1, "Xã Mới"), (2, 'Xã <Khác> & "cũ"')]),
    (3, "Sở Nội vụ"),
]


class UnitFilter(forms.Form):
    unit = forms.ChoiceField(choices=CHOICES, required=False)
    units = forms.MultipleChoiceField(choices=CHOICES, required=False)
    kind = forms.ChoiceField(
        choices=[("a", "A"), ("b", "B")], widget=forms.Select(attrs={"class": "narrow"})
    )


def rendered(data: dict | None, renderer) -> list:
    form = UnitFilter(data, renderer=renderer)
    return [parse_html(str(field)) for field in form]


def test_the_project_select_writes_what_django_writes_with_groups_and_choices_made():
    data = {"unit": "2", "units": ["1", "3"], "kind": "b"}
    assert rendered(data, TemplatesSetting()) == rendered(data, DjangoTemplates())


def test_the_project_select_writes_what_django_writes_with_nothing_chosen():
    ours = rendered(None, TemplatesSetting())
    assert ours == rendered(None, DjangoTemplates())
    assert "Xã &lt;Khác&gt; &amp; &quot;cũ&quot;" in str(ours[0])
