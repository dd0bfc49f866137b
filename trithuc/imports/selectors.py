"""Reads of import batches: a batch is seen by its uploader and by officers whose reach holds its
unit; anyone else gets the same 404 as for a batch that does not exist."""

from __future__ import annotations

from django.db.models import QuerySet

from trithuc.accounts.models import User
from trithuc.accounts.scoping import Action, get_in_scope_or_404, restrict

from .models import ImportBatch


def batch_get(*, user: User, pk: int, action: Action = Action.VIEW) -> ImportBatch:
    batches = ImportBatch.objects.select_related("unit", "uploaded_by", "same_as")
    return get_in_scope_or_404(batches, user, action, pk=pk)


def batch_list(*, user: User, limit: int = 30) -> QuerySet[ImportBatch]:
    batches = restrict(ImportBatch.objects.all(), user, Action.VIEW)
    return batches.select_related("unit", "uploaded_by").defer("content")[:limit]
