"""Labels of the computed task status (an annotation, so it has no get_..._display)."""

from __future__ import annotations

from django import template

from trithuc.tasks.choices import TaskStatus

register = template.Library()


@register.filter
def task_status_label(value: str) -> str:
    try:
        return TaskStatus(value).label
    except ValueError:
        return value
