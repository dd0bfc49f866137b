"""The signed-in user and their assignments, kept between requests.

Every page reads the user (``AuthenticationMiddleware``, through the backend's ``get_user``) and
their assignments (the scope, the menu, the role checks): two queries whose ORM work was a third of
a kept dashboard's cost. Both are kept in the shared cache as one entry under a version of the
user, which moves whenever the user or one of their assignments is saved or deleted: the
services, the admin and deletions that cascade all send the model signals received here. So a
removed assignment, a deactivated account or a changed password count from the next request on
(``accounts/tests/test_user_cache.py``). ``TRITHUC_USER_CACHE_SECONDS`` (300) bounds how long a
change made without signals (SQL, ``QuerySet.update``) can go unseen; 0 turns the cache off.

The version is moved at once and again when the transaction commits: a request that read the
old rows between the two cannot keep them under the new version. A version that has gone missing
from the cache (evicted) starts again from the clock, never from a value an old entry may hold.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from trithuc.core import generations

from .models import UnitAssignment, User
from .scoping import user_assignments

_VERSION = "accounts:user-version:{}"
_ENTRY = "accounts:user:{}:{}"


def cached_user(user_id: object) -> User | None:
    """The user with this id and their assignments (``user_assignments`` answers without a
    query), from the cache or the database; None when there is no such user."""
    seconds = settings.TRITHUC_USER_CACHE_SECONDS
    if seconds <= 0:
        return _read(user_id)
    version = generations.current(_VERSION.format(user_id))
    key = _ENTRY.format(user_id, version)
    user = cache.get(key)
    if user is None:
        user = _read(user_id)
        if user is None:
            return None
        user_assignments(user)  # read now, kept with the user (in its __dict__)
        cache.set(key, user, seconds)
    return user


def _read(user_id: object) -> User | None:
    try:
        return User._default_manager.get(pk=user_id)
    except (User.DoesNotExist, ValueError, TypeError):
        return None


def user_changed(user_id: int) -> None:
    """Drop the kept copy of this user: now, and once more when the transaction commits."""
    _next_version(user_id)
    transaction.on_commit(lambda: _next_version(user_id))


def _next_version(user_id: int) -> None:
    generations.move(_VERSION.format(user_id))


@receiver([post_save, post_delete], sender=User, dispatch_uid="usercache-user")
def _user_saved(sender, instance: User, **kwargs) -> None:
    user_changed(instance.pk)


@receiver([post_save, post_delete], sender=UnitAssignment, dispatch_uid="usercache-assignment")
def _assignment_saved(sender, instance: UnitAssignment, **kwargs) -> None:
    user_changed(instance.user_id)
