"""A paginator that stops counting at a limit.

Counting every person a province office may see means checking the scope rule for each of them:
at a million people that took seconds per page view (benchmarks/results/load.txt), while nobody
pages past the first twenty pages; they narrow the search. Past ``limit`` rows the list says
"more than <limit>" and offers the pages up to it.

A list may also say how to read its pages: ``rows(bottom, top)`` gives the rows of every page
(people/selectors.py: the ids of a page found in the name-order index alone, then their rows),
``many(bottom, top)`` those of a page once the count has passed the limit, found another way that
suits many matches (people/search.py: walk the name order and stop after a page, rather than read
and sort every match the word index finds). Either gives the rows the object list would.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property
from typing import Any

from django.core.paginator import Paginator


class CappedPaginator(Paginator):
    def __init__(
        self,
        object_list,
        per_page: int,
        *,
        limit: int,
        many: Callable[[int, int], Sequence[Any]] | None = None,
        rows: Callable[[int, int], Sequence[Any]] | None = None,
        counted: int | None = None,
        **kwargs,
    ) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.limit = limit
        self.many = many
        self.rows = rows
        if counted is not None:  # the caller counted (past the limit, or all) already
            self._counted = counted

    @cached_property
    def _counted(self) -> int:
        # COUNT over the first limit + 1 rows in any order: the database stops there. (In list
        # order it would have to find and sort every row first.)
        return self.object_list.order_by()[: self.limit + 1].count()

    def page(self, number):
        number = self.validate_number(number)
        read = self.many if self.capped and self.many is not None else self.rows
        if read is None:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        return self._get_page(read(bottom, top), number, self)

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.limit)

    @property
    def capped(self) -> bool:
        return self._counted > self.limit
