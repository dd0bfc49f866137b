"""Word-prefix search over folded names and expertise, one interface for both databases.

Every typed word must begin a word of the text, in any order; both sides are folded
(`core.text.fold`: no marks, đ/Đ/Ð → d, lower case), so "nguyen van duc" finds "Nguyễn Văn Đức"
and "Hoà" finds "Hòa". The folded text lives in two columns of ``people_person`` (``search_text``
for the name, ``expertise_text`` for the expertise) and is indexed per database by migration
``people.0003``:

* SQLite: the FTS5 table ``people_person_fts`` (kept in step by triggers), queried with
  ``"word"*`` prefix terms;
* PostgreSQL: GIN full-text indexes on ``trithuc_word_prefixes(column)`` (every beginning of
  every word as a term, migration ``people.0004``), queried with whole terms; for a name typed
  in several words, none the beginning of another, the GIN index of the name's words two by two
  in the order they are written
  (``trithuc_word_pairs``, migration ``people.0011``), which finds the people having them all
  without intersecting the long lists of each common word.

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

On PostgreSQL, words whose statistics say they match a large share of the registry skip the word
index altogether (``looks_broad``, ``first_in_name_order``): GIN would list every match before
returning the first, so the name order is walked to the 1 001st match, within a bound. For the
same reason a count that many people match is read first in an eighth of the registry, through
partial twins of the word indexes (``eighth_holds``, migration ``people.0012``): more than the
limit there is more than the limit in all.
"""

from __future__ import annotations

import math
import time
from bisect import bisect_left
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import Any

from django.conf import settings
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
    for column, query in ((SearchColumn.NAME, name), (SearchColumn.EXPERTISE, expertise)):
        tokens = search_tokens(query)
        if tokens:
            condition = (
                _walk_condition(column, tokens) if many else _condition(people.db, column, tokens)
            )
            people = people.filter(condition)
    return people


def first_matches(
    people: QuerySet[Person],
    *,
    name: str = "",
    expertise: str = "",
    limit: int | None,
    scan: bool = False,
    keys: bool = False,
    eighth_first: bool = False,
) -> list[Any]:
    """Ids of at most ``limit`` (None: all) of ``people`` whose name and expertise match, in any order.
    ``scan``: ``people`` are few (a list of ids), so each one's text is checked instead of
    finding every match through the word index. ``keys``: (id, name-order key) pairs instead,
    read from the rows the search visits anyway, so that the caller can put the matches in
    name order without reading them again. ``eighth_first``: when the statistics expect an
    eighth of the registry to hold twice ``limit`` matches (``eighth_holds``), they are looked
    for there first, through the word indexes of that eighth (migration ``people.0012``), and
    the whole is searched only when the eighth held fewer than ``limit``; not with ``scan`` or
    without a limit. Fewer than ``limit`` matches are all of them either way.

    On SQLite the FTS5 table leads the query (a join), so that it stops at ``limit``: as the
    condition ``id IN (SELECT rowid …)`` that ``person_search`` writes, SQLite first lists every
    match (100 000 rows for "hoà" at a million people: 41 ms, against 6 ms joined)."""
    columns = ("pk", "sort_key") if keys else ("pk",)
    if scan:
        people = person_search(people, name=name, expertise=expertise, many=True)
        return list(people.order_by().values_list(*columns, flat=not keys)[:limit])
    if (
        eighth_first
        and limit
        and eighth_holds(people.db, name=name, expertise=expertise, wanted=limit)
    ):
        found = _indexed_matches(people.filter(in_eighth()), name, expertise, columns, limit)
        if len(found) == limit:
            return found
    return _indexed_matches(people, name, expertise, columns, limit)


def _indexed_matches(
    people: QuerySet[Person], name: str, expertise: str, columns: tuple[str, ...], limit: int | None
) -> list[Any]:
    matches = _fts5_match(name, expertise) if connections[people.db].vendor == "sqlite" else ""
    if matches:
        people = people.extra(  # noqa: S610 - fixed SQL; the words are a parameter
            tables=["people_person_fts"],
            where=['people_person_fts.rowid = "people_person"."id"', "people_person_fts MATCH %s"],
            params=[matches],
        )
    else:
        people = person_search(people, name=name, expertise=expertise)
    return list(people.order_by().values_list(*columns, flat=len(columns) == 1)[:limit])


# A search whose words match at least this share of the registry (by the database's statistics)
# is looked for by walking the name order first (``first_in_name_order``). On PostgreSQL the word
# index must list every match before it returns one: for "hoà", a tenth of a million people, the
# count through it took 27 ms, the walk to the 1 001st match 12 ms.
BROAD_SHARE = 0.05
# The walk gives up after this many entries of the name order per match it wants: a density of
# 1 in 40 (2.5 %), half the share above, so that a word the statistics rate rightly is found
# within the span, and a wrong rating (a scope or a word that thins out the matches) costs a
# bounded walk before the word index is asked as usual.
WALK_SPAN = 40


def looks_broad(using: str, *, name: str = "", expertise: str = "") -> bool:
    """Do the database's statistics rate these words as matching at least ``BROAD_SHARE`` of
    the registry? The share of each word is read from the statistics ``ANALYZE`` keeps of the
    word indexes (their most common terms, PostgreSQL); the words of a box are taken as
    independent, as the planner takes them. A word not among the most common is rare. SQLite
    keeps no such statistics, and its word index stops at the first matches anyway: never."""
    share = _estimated_share(using, name=name, expertise=expertise, together=False)
    return share is not None and share >= BROAD_SHARE


def expected_matches(
    using: str, *, name: str = "", expertise: str = "", at_most: bool = False
) -> float | None:
    """How many people the database's statistics expect these words to match, taken as they
    come together: the words of a name through the statistics of its word pairs ("nguyen thi
    hoa": each word a tenth of a million people or more, taken as independent 3 270, by the
    pairs 998; there are 1 525), those of an expertise as one phrase ("chuyen doi so": each
    word 3 to 6 %, the phrase 3 %). A word not among the most common terms counts as none (a
    walk beside the count is started only for words known to be common), or with ``at_most``
    as often as the rarest of them, which it is not more than (every match is read only when
    even that stays small: at a million people, a name word outside them may still have 8 900
    people, an expertise word 28 000). None on SQLite, which keeps no such statistics, or
    before the first ``ANALYZE``."""
    share = _estimated_share(using, name=name, expertise=expertise, together=True, at_most=at_most)
    return None if share is None else share * _registry_size(using)


# A count expected to be at most READ_ALL_EXPECTED times the one the list reads (limit + 1)
# reads every match, up to READ_ALL_UP_TO times it, with its name-order key: past the limit,
# the first page is then put in order from what was read, instead of walking the name order
# for it. A walk finds a page quickly only when the matches are spread along the name order; a
# name whose given name was typed has its matches together where that given name sorts
# ("nguyen thi hoa": the walk gave up at its bound before "Hoa", and the page was read a second
# time through the word index, 37 ms at a million people; read whole, 16 ms). Past twice the
# limit a walk pays: reading each further match costs about 4.5 µs.
READ_ALL_EXPECTED = 2
READ_ALL_UP_TO = 3


def matches_to_read(using: str, *, name: str = "", expertise: str = "", limit: int) -> int:
    """How many matches a page reads to count them: ``limit`` + 1, or all of them up to
    ``READ_ALL_UP_TO`` × (``limit`` + 1) when the statistics expect at most
    ``READ_ALL_EXPECTED`` × (``limit`` + 1) even of words they do not know
    (``expected_matches`` with ``at_most``). Never on SQLite, whose word index stops at the
    limit and whose pages past it are walked on its one connection."""
    expected = expected_matches(using, name=name, expertise=expertise, at_most=True)
    if expected is None or expected > READ_ALL_EXPECTED * (limit + 1):
        return limit + 1
    return READ_ALL_UP_TO * (limit + 1)


# The partial word indexes of migration people.0012 cover the people whose id is a multiple of
# 8: an eighth of the registry, spread evenly over it (ids are given in the order people are
# filed, so an eighth of every unit's, name's and expertise's).
EIGHTH_SHARE = 1 / 8
# An eighth is searched first only when the statistics expect it to hold twice the matches
# wanted: they rate the words, not the scope or the spread of the words over the eighth, and
# a wrong guess costs the search of the eighth (2 ms for an expertise phrase at a million).
EIGHTH_MARGIN = 2


def eighth_holds(using: str, *, name: str = "", expertise: str = "", wanted: int) -> bool:
    """Do the statistics (``expected_matches``) expect the eighth of
    the registry that the partial word indexes cover to hold ``EIGHTH_MARGIN`` × ``wanted``
    matches? PostgreSQL only: SQLite's word index stops at the first ``wanted`` anyway."""
    expected = expected_matches(using, name=name, expertise=expertise)
    return expected is not None and expected * EIGHTH_SHARE >= EIGHTH_MARGIN * wanted


def in_eighth() -> RawSQL:
    """The eighth of the registry that the partial word indexes cover, written exactly as their
    predicate, so that PostgreSQL sees that they cover a query with it."""
    return RawSQL('"people_person"."id" %% 8 = 0', [], output_field=BooleanField())


def _estimated_share(
    using: str, *, name: str, expertise: str, together: bool, at_most: bool = False
) -> float | None:
    """The share of the registry that the words of both boxes match by PostgreSQL's statistics
    of the word indexes (a word not among their most common terms counts as none, or with
    ``at_most`` as the rarest of them); None on another database, when no word was typed, or
    before the first ``ANALYZE``. The boxes are taken as independent, and so are the words of a
    box, unless ``together``: then the words of a name are taken through its word pairs
    (``_name_share_by_pairs``) and those of the expertise as one phrase, which matches at most
    as many as its rarest word."""
    if connections[using].vendor != "postgresql":
        return None
    share, typed = 1.0, False
    for column, query in ((SearchColumn.NAME, name), (SearchColumn.EXPERTISE, expertise)):
        tokens = search_tokens(query)
        if not tokens:
            continue
        typed = True
        shares = _word_shares(using, _WORD_INDEXES[column])
        if not shares:  # never analysed
            return None
        unknown = min(shares.values()) if at_most else 0.0
        words = [shares.get(token, unknown) for token in tokens]
        if not together:
            share *= math.prod(words)
        elif column is SearchColumn.EXPERTISE:
            share *= min(words)
        elif _words_of_their_own(tokens):
            share *= _name_share_by_pairs(using, dict(zip(tokens, words, strict=True)))
        else:
            share *= math.prod(words)
    return share if typed else None


def _name_share_by_pairs(using: str, words: dict[str, float]) -> float:
    """The share of the registry whose names have all these words (each with its share of the
    registry), as the search looks for them (``_pairs_condition``): the rarest word, and each
    other word as often beside it as the statistics of the pairs index say. The words of a
    name are far from independent: a family name excludes another ("tran" and "hoa", which
    begins "Hoàng"), "Thị" goes with women's given names. A pair not among the most common
    terms is taken as independent, but no more common than the rarest of those; before the
    pairs index is analysed, every word is."""
    terms, frequencies = _pair_terms(using)
    if not terms:
        return math.prod(words.values())
    rarest = min(frequencies)

    def beginning(prefix: str) -> float:
        # The terms the search's 'prefix':* finds: those from the prefix up to the same with the
        # character after "z" (terms are [0-9a-z+]), in sorted order.
        first, last = bisect_left(terms, prefix), bisect_left(terms, prefix + "{")
        return sum(frequencies[first:last])

    pivot = min(words, key=words.__getitem__)
    share = words[pivot]
    for token, alone in words.items():
        if token == pivot or share == 0.0:
            continue
        beside = beginning(f"{pivot}+{token}") + beginning(f"{token}+{pivot}")
        if not beside:
            beside = min(words[pivot] * alone, rarest)
        share *= min(beside / words[pivot], 1.0)
    return share


def _pair_terms(using: str) -> tuple[list[str], list[float]]:
    """The most common terms of the pairs index in sorted order, and their shares."""

    def read() -> tuple[list[str], list[float]]:
        pairs = sorted(_word_shares(using, _PAIRS_INDEX).items())
        return [term for term, _ in pairs], [frequency for _, frequency in pairs]

    return _kept_for(using, ("sorted", _PAIRS_INDEX), read)


def first_in_name_order(
    walk: QuerySet[Person], *, limit: int, entries: int | None = None
) -> list[int] | None:
    """The ids of the first ``limit`` people of ``walk`` (a search with ``many=True``) in name
    order, if they lie within the first ``entries`` (``WALK_SPAN × limit``) entries of the name
    order; else None, and the caller finds them through the word index instead. The bound is a
    key of the name order (``walk_bound``), so the walk stops there however few people the scope
    lets through."""
    bound = walk_bound(walk.db, entries or WALK_SPAN * limit)
    if bound is not None:
        walk = walk.filter(sort_key__lte=bound)
    ids = list(walk.order_by("sort_key", "pk").values_list("pk", flat=True)[:limit])
    return ids if len(ids) == limit else None


def list_walk_entries() -> int:
    """How far the list's walks may go: ``WALK_SPAN`` entries per match it counts. Over fewer,
    even a broad word's matches come and go (the first 800 people at a million, given name An,
    have no "ng": their family names come before Ngô)."""
    return WALK_SPAN * (settings.PEOPLE_COUNT_LIMIT + 1)


def first_by_keys(
    people: QuerySet[Person],
    *,
    name: str = "",
    expertise: str = "",
    counted: list[tuple[int, str]],
    wanted: int,
    scan: bool = False,
) -> list[int]:
    """The ids of the first ``wanted`` of ``people`` that match, in name order, when they lie
    too far down the name order for a walk: ``counted`` holds (id, key) of matches (at least
    ``wanted`` of them, found through the word index), so the first ``wanted`` all have a key up
    to the ``wanted``-th smallest of those; the matches up to it are read with their keys and
    sorted here."""
    last = sorted(key for _pk, key in counted)[min(wanted, len(counted)) - 1]
    found = first_matches(
        people.filter(sort_key__lte=last),
        name=name,
        expertise=expertise,
        limit=None,
        scan=scan,
        keys=True,
    )
    return [pk for _key, pk in sorted((key, pk) for pk, key in found)][:wanted]


_WORD_INDEXES = {
    SearchColumn.NAME: "people_person_name_prefixes",
    SearchColumn.EXPERTISE: "people_person_expertise_prefixes",
}
_PAIRS_INDEX = "people_person_name_pairs"
# (database, what) → (value, until when it holds)
_kept: dict[tuple[str, Any], tuple[Any, float]] = {}


def _word_shares(using: str, index: str) -> dict[str, float]:
    """The most common terms of a word index, each with the share of the registry that has it,
    as ``ANALYZE`` last read them; none before it."""

    def read() -> dict[str, float]:
        with connections[using].cursor() as cursor:
            cursor.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
                "WHERE schemaname = current_schema() AND tablename = %s",
                [index],
            )
            row = cursor.fetchone()
        if row is None or row[0] is None:  # never analysed
            return {}
        # The frequencies end with three summary figures; zip stops at the last term.
        return dict(zip(row[0], row[1], strict=False))

    return _kept_for(using, index, read)


def _registry_size(using: str) -> float:
    # The planner's own estimate of the rows of people_person (kept by ANALYZE and VACUUM).
    def read() -> float:
        with connections[using].cursor() as cursor:
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE oid = %s::regclass",
                [Person._meta.db_table],
            )
            row = cursor.fetchone()
        return max(float(row[0]), 0.0) if row else 0.0

    return _kept_for(using, "registry size", read)


def walk_bound(using: str, entries: int) -> str | None:
    """The name-order key of the entry ``entries`` places in (None in a smaller registry): a
    walk filtered by ``sort_key <= bound`` passes at most about that many entries. Found by
    walking the index alone (about 12 ms for 40 000 entries at a million people), so it is kept
    for a while; a stale bound only moves where a walk gives up."""

    def read() -> str | None:
        keys = Person.objects.using(using).order_by("sort_key", "pk").values_list("sort_key")
        last = list(keys[entries - 1 : entries])
        return last[0][0] if last else None

    return _kept_for(using, ("bound", entries), read)


def _kept_for(using: str, what: Any, read: Callable[[], Any]) -> Any:
    seconds = settings.PEOPLE_SEARCH_STATS_SECONDS
    value, until = _kept.get((using, what), (None, 0.0))
    if until > time.monotonic():
        return value
    value = read()
    if seconds > 0:
        _kept[(using, what)] = (value, time.monotonic() + seconds)
    return value


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


def _condition(using: str, column: SearchColumn, tokens: list[str]) -> Q | RawSQL:
    vendor = connections[using].vendor
    if max(map(len, tokens)) > _LONGEST_TEXT[column]:
        # No word of the text can begin with it. (PostgreSQL refuses a term of over 2 047
        # bytes in a tsquery, and to_tsquery would drop it, finding people without it.)
        return Q(pk__in=[])
    if vendor == "sqlite":
        return _fts5_condition(column, tokens)
    if vendor == "postgresql":
        if column is SearchColumn.NAME and _words_of_their_own(tokens):
            return _pairs_condition(using, tokens)
        return _tsquery_condition(column, tokens)
    return scan_condition(column, tokens)


# The longest a typed word can be and still begin a word of the folded column.
_LONGEST_TEXT = {
    SearchColumn.NAME: Person._meta.get_field("search_text").max_length,
    SearchColumn.EXPERTISE: 2_000,  # a text column; PostgreSQL's limit for a term is 2 047 bytes
}


def _words_of_their_own(tokens: list[str]) -> bool:
    """Two typed words or more, none the beginning of another (nor the same): then no word of a
    name can begin with two of them, so a name matches only with a word of its own for each,
    and every match is found by the pairs of its words (``_pairs_condition``). "nguyen ng" is not:
    "Nguyễn Văn An" matches it with one word for both."""
    return len(tokens) >= 2 and not any(
        i != j and tokens[i].startswith(tokens[j])
        for i in range(len(tokens))
        for j in range(len(tokens))
    )


def _pairs_condition(using: str, tokens: list[str]) -> RawSQL:
    # The index of word pairs (migration people.0011) holds, for a word a of a name and a word b
    # after it, each beginning of a, "+", and the whole of b; 'hoa+tran':* | 'tran+hoa':* finds
    # the names with a word beginning with "hoa" and another beginning with "tran", in either
    # order. The rarest word (by the word index's statistics) is paired with each of the others,
    # so that every list read is short.
    # Tokens are [0-9a-z]+ (search_tokens), so quoting them cannot break the tsquery syntax.
    shares = _word_shares(using, _WORD_INDEXES[SearchColumn.NAME])
    pivot = min(tokens, key=lambda token: shares.get(token, 0.0))
    query = " & ".join(
        f"('{pivot}+{token}':* | '{token}+{pivot}':*)" for token in tokens if token != pivot
    )
    return RawSQL(
        'trithuc_word_pairs("people_person"."search_text") @@ %s::tsquery',
        [query],
        output_field=BooleanField(),
    )


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
