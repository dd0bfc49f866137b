"""Every drop-down of the site is Django's <select>, written by the project's form renderer
(core/renderers.py) in Python rather than through a template per option: a unit list holds
hundreds. The HTML must be Django's own, option for option."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.test.html import parse_html

from trithuc.core.renderers import FormRenderer

CHOICES = [
    ("", "Tất cả đơn vị"),
    ("Tỉnh Mới", [(1, "Xã Mới"), (2, 'Xã <Khác> & "cũ"')]),
    (3, "Sở Nội vụ"),
]


class UnitFilter(forms.Form):
    unit = forms.ChoiceField(choices=CHOICES, required=False)
    units = forms.MultipleChoiceField(choices=CHOICES, required=False)
    kind = forms.ChoiceField(
        choices=[("a", "A"), ("b", "B")],
        widget=forms.Select(attrs={"class": "narrow", "disabled": True, "hidden": False}),
    )


def rendered(data: dict | None, renderer) -> list[str]:
    form = UnitFilter(data, renderer=renderer)
    return [str(field) for field in form]


def test_the_project_select_writes_what_django_writes_with_groups_and_choices_made():
    data = {"unit": "2", "units": ["1", "3"], "kind": "b"}
    assert rendered(data, FormRenderer()) == rendered(data, DjangoTemplates())


def test_the_project_select_writes_what_django_writes_with_nothing_chosen():
    ours = rendered(None, FormRenderer())
    assert ours == rendered(None, DjangoTemplates())
    assert "Xã &lt;Khác&gt; &amp; &quot;cũ&quot;" in ours[0]
    assert ' disabled class="narrow"' in ours[2] or ' class="narrow" disabled' in ours[2]
    assert "hidden" not in ours[2]


@pytest.mark.django_db
def test_the_person_filter_is_written_as_django_writes_it(units, users):
    from trithuc.accounts.scoping import Action, units_in_scope
    from trithuc.people.forms import PersonFilterForm

    office = users["program_office"]
    in_scope = units_in_scope(office, Action.VIEW)
    chosen = {"unit": str(in_scope[-1].pk), "group": "women"}

    def written(renderer) -> list:
        form = PersonFilterForm(chosen, units=in_scope, renderer=renderer)
        return [parse_html(str(field)) for field in form]

    assert written(FormRenderer()) == written(DjangoTemplates())
