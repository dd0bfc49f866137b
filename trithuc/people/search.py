"""Word-prefix search over folded names and expertise, one interface for both databases.

Every typed word must begin a word of the text, in any order; both sides are folded
(`core.text.fold`: no marks, đ/Đ/Ð → d, lower case), so "nguyen van duc" finds "Nguyễn Văn Đức"
and "Hoà" finds "Hòa". The folded text lives in two columns of ``people_person`` (``search_text``
for the name, ``expertise_text`` for the expertise) and is indexed per database by migration
``people.0003``:

* SQLite: the FTS5 table ``people_person_fts`` (kept in step by triggers), queried with
  ``"word"*`` prefix terms;
* PostgreSQL: GIN full-text indexes on ``trithuc_word_prefixes(column)`` (every beginning of
  every word as a term, migration ``people.0004``), queried with whole terms.

Any other database falls back to :func:`scan_condition`, the ``LIKE`` scan the benchmark shows
beside the indexes. The condition only narrows a queryset: the caller's scope (``restrict``)
stays on it.

The indexes find the matches, which must then all be read, checked against the scope and sorted
by name before the first page can be shown: cheap for a name (tens or hundreds of matches), not
for "hoà" (a tenth of everyone) or an expertise keyword (thousands). When the caller knows there
are many matches (``many=True``: the list's capped count was reached), the same words are matched
with :func:`scan_condition` instead, which lets the database walk the name-order index
(``people_person_name_order``, migrations ``people.0005`` and ``0010``, holding the folded name
and the columns the group filters read) and stop once it has a page: with a tenth of the people
matching, a page is found within about 500 index entries, whatever the size of the registry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import Any

from django.db import connections
from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from trithuc.core.text import search_tokens
from trithuc.core.triggers import in_chunks, placeholders, sqlite_trigger_set_aside

from .models import Person


class SearchColumn(StrEnum):
    NAME = "search_text"
    EXPERTISE = "expertise_text"


def person_search(
    people: QuerySet[Person], *, name: str = "", expertise: str = "", many: bool = False
) -> QuerySet[Person]:
    """``people`` narrowed to those whose name and expertise match what was typed in each box;
    ``many``: the caller knows the words match many people and will read one page in name
    order (the same rows, found by walking the name order instead of through the word index)."""
    vendor = connections[people.db].vendor
    for column, query in ((SearchColumn.NAME, name), (SearchColumn.EXPERTISE, expertise)):
        tokens = search_tokens(query)
        if tokens:
            condition = (
                _walk_condition(column, tokens) if many else _condition(vendor, column, tokens)
            )
            people = people.filter(condition)
    return people


def first_matches(
    people: QuerySet[Person],
    *,
    name: str = "",
    expertise: str = "",
    limit: int,
    scan: bool = False,
    keys: bool = False,
) -> list[Any]:
    """Ids of at most ``limit`` of ``people`` whose name and expertise match, in any order.
    ``scan``: ``people`` are few (a list of ids), so each one's text is checked instead of
    finding every match through the word index. ``keys``: (id, name-order key) pairs instead,
    read from the rows the search visits anyway, so that the caller can put the matches in
    name order without reading them again.

    On SQLite the FTS5 table leads the query (a join), so that it stops at ``limit``: as the
    condition ``id IN (SELECT rowid …)`` that ``person_search`` writes, SQLite first lists every
    match (100 000 rows for "hoà" at a million people: 41 ms, against 6 ms joined)."""
    columns = ("pk", "sort_key") if keys else ("pk",)
    if scan:
        people = person_search(people, name=name, expertise=expertise, many=True)
        return list(people.order_by().values_list(*columns, flat=not keys)[:limit])
    matches = _fts5_match(name, expertise) if connections[people.db].vendor == "sqlite" else ""
    if matches:
        people = people.extra(  # noqa: S610 - fixed SQL; the words are a parameter
            tables=["people_person_fts"],
            where=['people_person_fts.rowid = "people_person"."id"', "people_person_fts MATCH %s"],
            params=[matches],
        )
    else:
        people = person_search(people, name=name, expertise=expertise)
    return list(people.order_by().values_list(*columns, flat=not keys)[:limit])


def _fts5_match(name: str, expertise: str) -> str:
    # Tokens are [0-9a-z]+ (search_tokens), so quoting them cannot break the MATCH syntax.
    return " AND ".join(
        f'{column} : "{token}"*'
        for column, query in ((SearchColumn.NAME, name), (SearchColumn.EXPERTISE, expertise))
        for token in search_tokens(query)
    )


def _walk_condition(column: SearchColumn, tokens: list[str]) -> Case:
    # The LIKE scan, inside a CASE: PostgreSQL estimates each word's LIKE on its own and
    # multiplies them, so three words of one phrase ("chuyen doi so", found together in 3 % of
    # people) look like one person in a million, and it would rather read the whole table than
    # walk the name order. A CASE it cannot see into is estimated at one row in two, so it walks,
    # which is what the caller knows to be right. (SQLite walks the name order anyway.)
    return Case(
        When(scan_condition(column, tokens), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def _condition(vendor: str, column: SearchColumn, tokens: list[str]) -> Q | RawSQL:
    if vendor == "sqlite":
        return _fts5_condition(column, tokens)
    if vendor == "postgresql":
        return _tsquery_condition(column, tokens)
    return scan_condition(column, tokens)


def _fts5_condition(column: SearchColumn, tokens: list[str]) -> RawSQL:
    # Tokens are [0-9a-z]+ (search_tokens), so quoting them cannot break the MATCH syntax.
    match = " AND ".join(f'{column} : "{token}"*' for token in tokens)
    return RawSQL(
        '"people_person"."id" IN '
        "(SELECT rowid FROM people_person_fts WHERE people_person_fts MATCH %s)",
        [match],
        output_field=BooleanField(),
    )


def _tsquery_condition(column: SearchColumn, tokens: list[str]) -> RawSQL:
    # The index holds every beginning of every word (migration people.0004), so each typed word
    # is a whole term: "le & minh & tuan". The expression must be the indexed one, word for word.
    # The column name comes from SearchColumn, never from input; the query is a parameter.
    query = " & ".join(tokens)
    return RawSQL(  # noqa: S611
        f'trithuc_word_prefixes("people_person"."{column}") '
        "@@ to_tsquery('simple'::regconfig, %s)",
        [query],
        output_field=BooleanField(),
    )


def scan_condition(column: SearchColumn, tokens: list[str]) -> Q:
    """The same matching without an index: each word begins the text or follows a space. A
    leading wildcard (``LIKE '% word%'``) makes every row be read; kept as the fallback and as the
    benchmark's baseline."""
    condition = Q()
    for token in tokens:
        condition &= Q(**{f"{column}__startswith": token}) | Q(
            **{f"{column}__contains": f" {token}"}
        )
    return condition


# The trigger of migration people.0003 that feeds the FTS5 table one new person at a time.
_FTS_INSERT_TRIGGER = "people_person_fts_insert"


@contextmanager
def search_index_deferred(using: str = "default") -> Iterator[Callable[[list[int]], None]]:
    """For a bulk insert of new people: on SQLite the trigger that indexes each new row one at a
    time is set aside (``core.triggers``), and the rows whose ids are given to the yielded
    function are indexed by one ``INSERT … SELECT`` per chunk at the end — about ten times cheaper
    for a staff list of 100 000. On PostgreSQL the GIN indexes are ordinary indexes and there is
    nothing to defer."""
    pending: list[int] = []
    with sqlite_trigger_set_aside(_FTS_INSERT_TRIGGER, using) as set_aside:
        yield pending.extend if set_aside else (lambda ids: None)
        with connections[using].cursor() as cursor:
            for part in in_chunks(pending):
                cursor.execute(
                    "INSERT INTO people_person_fts(rowid, search_text, expertise_text) "  # noqa: S608
                    "SELECT id, search_text, expertise_text FROM people_person "
                    f"WHERE id IN ({placeholders(part)}) ORDER BY id",
                    part,
                )
