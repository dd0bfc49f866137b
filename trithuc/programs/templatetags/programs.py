from django import template

from trithuc.tasks.choices import TaskStatus

register = template.Library()


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key)


@register.filter
def task_status_label(value: str) -> str:
    return TaskStatus(value).label
