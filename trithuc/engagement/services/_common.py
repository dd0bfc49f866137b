from __future__ import annotations

from typing import Any

from trithuc.accounts.models import User


def with_actor(obj: Any, actor: User | None, reason: str = "") -> None:
    """History of the next save names ``actor`` (and ``reason``, kept in the history row)."""
    obj._history_user = actor
    if reason:
        obj._change_reason = reason
