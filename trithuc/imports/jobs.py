"""Background work of imports: large files are checked and stored by the worker, with progress on
the batch. Jobs take ids and call a service."""

from __future__ import annotations

from django_tasks import task

from trithuc.accounts.models import User

from . import services


@task()
def batch_check_job(batch_id: int) -> str:
    batch, _outcome = services.batch_check(batch_id=batch_id)
    return batch.status


@task()
def batch_commit_job(batch_id: int, user_id: int | None) -> str:
    actor = User.objects.get(pk=user_id) if user_id else None
    batch, _outcome = services.batch_commit(actor=actor, batch_id=batch_id)
    return batch.status
