from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model

from trithuc.accounts.models import User

from ..choices import TASK_TRANSITIONS, TaskStatus


def save(obj: Model, actor: User | None, **save_kwargs: Any) -> None:
    obj.full_clean()
    obj._history_user = actor  # type: ignore[attr-defined]
    obj.save(**save_kwargs)


def move(task, target: str, actor: User | None) -> None:
    """Move ``task`` to ``target`` if the lifecycle allows it, else say what is allowed."""
    allowed_now = TASK_TRANSITIONS[task.status]
    if target not in allowed_now:
        allowed = ", ".join(f"«{s.label}»" for s in TaskStatus if s in allowed_now) or "không"
        raise ValidationError(
            f"Nhiệm vụ {task.code} đang ở trạng thái «{TaskStatus(task.status).label}», không "
            f"chuyển sang «{TaskStatus(target).label}» được. Từ trạng thái này chỉ chuyển được "
            f"sang: {allowed}."
        )
    task.status = target
    save(task, actor)


def require_status(task, *statuses: str, what: str) -> None:
    if task.status not in statuses:
        wanted = " hoặc ".join(f"«{TaskStatus(s).label}»" for s in statuses)
        raise ValidationError(
            f"Chỉ {what} khi nhiệm vụ ở trạng thái {wanted}; nhiệm vụ {task.code} đang "
            f"«{TaskStatus(task.status).label}»."
        )
