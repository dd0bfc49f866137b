"""A person picker that scales to a province: the select holds only the people picked and the
first matches of what was typed, fetched with htmx from one scoped endpoint, instead of an
option for everyone in reach (tens of thousands of them)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from trithuc.accounts.scoping import Action


class PersonPicker(forms.SelectMultiple):
    template_name = "people/widgets/person_picker.html"

    def __init__(self, *, action: Action = Action.VIEW, multiple: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.action = action
        self.allow_multiple_selected = multiple

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict[str, Any]:
        # Only the picked people and the first matches become options: iterating the field's
        # whole queryset is exactly what this widget exists to avoid.
        queryset = getattr(self.choices, "queryset", None)
        if queryset is not None:
            picked = [int(v) for v in self.format_value(value) if str(v).isdigit()]
            limit = settings.TRITHUC_PERSON_PICKER_LIMIT
            people = list(queryset.filter(pk__in=picked)) + list(
                queryset.exclude(pk__in=picked).order_by("sort_key", "pk")[:limit]
            )
            empty = [] if self.allow_multiple_selected else [("", "— Chọn —")]
            self.choices = empty + [(p.pk, p.full_name) for p in people]
        context = super().get_context(name, value, attrs)
        context["widget"]["action"] = "sua" if self.action == Action.CHANGE else "xem"
        context["widget"]["limit"] = settings.TRITHUC_PERSON_PICKER_LIMIT
        return context

    def value_from_datadict(self, data, files, name):
        if self.allow_multiple_selected:
            return super().value_from_datadict(data, files, name)
        return data.get(name)

    def format_value(self, value: Any) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, (tuple, list)):
            value = [value]
        return [str(v) for v in value if v is not None]
