"""Change history (django-simple-history) without its per-access class.

``Model.history`` is a descriptor that builds a new manager class (``Manager.from_queryset``,
which inspects every queryset method) on each access, and every saved record accesses it once to
write its history row. Measured over the role tables' fixtures, that class building was a
sixteenth of the time spent saving. The class depends only on the descriptor, so it is built
once per model here; the manager made from it is the same as before.
"""

from __future__ import annotations

from functools import cached_property

from django.apps import apps
from simple_history.manager import HistoryDescriptor


class KeptHistoryDescriptor(HistoryDescriptor):
    @cached_property
    def _manager_class(self) -> type:
        return self.manager_class.from_queryset(self.queryset_class)

    def __get__(self, instance, owner):
        return self._manager_class(self.model, instance)


def keep_history_manager_classes() -> None:
    for model in apps.get_models():
        for name, attribute in list(vars(model).items()):
            if type(attribute) is HistoryDescriptor:
                kept = KeptHistoryDescriptor(
                    attribute.model,
                    manager=attribute.manager_class,
                    queryset=attribute.queryset_class,
                )
                setattr(model, name, kept)
