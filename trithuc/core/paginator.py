"""A paginator that stops counting at a limit.

Counting every person a province office may see means checking the scope rule for each of them:
at a million people that took seconds per page view (benchmarks/results/load.txt), while nobody
pages past the first hundred pages; they narrow the search. Past ``limit`` rows the list says
"more than <limit>" and offers the pages up to it.
"""

from __future__ import annotations

from functools import cached_property

from django.core.paginator import Paginator


class CappedPaginator(Paginator):
    def __init__(self, object_list, per_page: int, *, limit: int, **kwargs) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.limit = limit

    @cached_property
    def _counted(self) -> int:
        # COUNT over the first limit + 1 rows only: the database stops there.
        return self.object_list[: self.limit + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.limit)

    @property
    def capped(self) -> bool:
        return self._counted > self.limit
