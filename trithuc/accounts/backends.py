"""Django's model backend, reading the signed-in user through the user cache (usercache.py)."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend

from .models import User
from .usercache import cached_user


class CachedModelBackend(ModelBackend):
    def get_user(self, user_id: object) -> User | None:
        user = cached_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
