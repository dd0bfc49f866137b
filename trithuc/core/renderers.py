"""The form renderer: Django's widget templates (which the project's templates may override),
except the plain drop-down, which is written here.

A province's unit filter holds over a hundred options, and the template engine spent about 55 µs
on each of them (7.6 ms of CPU for the 133 units of Cần Thơ at a million people, the largest
share of the person list's own work after the search). Written here, the same HTML costs a few
microseconds per option. core/tests/test_renderers.py holds it to what Django's templates write.
"""

from __future__ import annotations

from typing import Any

from django.forms.renderers import TemplatesSetting
from django.utils.html import conditional_escape

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


class FormRenderer(TemplatesSetting):
    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        widget = context.get("widget")
        if template_name == SELECT_TEMPLATE and widget and _plain_options(widget):
            return select_html(widget)
        return super().render(template_name, context, request)


def _plain_options(widget: dict[str, Any]) -> bool:
    # An option with a template of its own (none in the project today) is left to the templates.
    return all(
        option["template_name"] == OPTION_TEMPLATE
        for _group, options, _index in widget["optgroups"]
        for option in options
    )


def select_html(widget: dict[str, Any]) -> str:
    """What Django's select.html, select_option.html and attrs.html write for ``widget`` (the
    context a Select or SelectMultiple gives), line for line."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            parts.append(
                f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")  # a renderer strips what a template writes
    return "".join(parts)


def _attrs(attrs: dict[str, Any]) -> str:
    # attrs.html: a False value leaves the attribute out, True writes its name alone.
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )
