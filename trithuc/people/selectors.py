"""Reads of the person registry. Every read starts from the user's scope (accounts/scoping.py)."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import Future
from dataclasses import dataclass
from functools import partial
from typing import NamedTuple

from django.conf import settings
from django.core.paginator import Page
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet

from trithuc.accounts.models import User
from trithuc.accounts.scoping import Action, get_in_scope_or_404, scope_condition
from trithuc.core.beside import read_beside, result_or_read_here
from trithuc.core.dates import today
from trithuc.core.expressions import IdIn, is_id_list
from trithuc.core.paginator import CappedPaginator
from trithuc.core.text import search_tokens
from trithuc.orgunits.models import OrgUnit
from trithuc.orgunits.selectors import orgunit_reach_ids

from .choices import KINH_ETHNICITY_CODE, DerivedGroup, Gender
from .models import Employment, Person, Qualification
from .search import (
    expected_matches,
    first_by_keys,
    first_in_name_order,
    first_matches,
    list_walk_entries,
    looks_broad,
    matches_to_read,
    person_search,
    walk_bound,
)


@dataclass
class PersonFilters:
    q: str = ""
    expertise: str = ""
    unit: OrgUnit | None = None
    field_id: int | None = None
    degree_id: int | None = None
    group: str = ""
    age_band: str = ""


def person_list(
    *, user: User, filters: PersonFilters | None = None, many: bool = False
) -> QuerySet[Person]:
    """The people ``user`` may see that match ``filters``, in name order. ``many``: the search is
    known to match many people (see ``person_page``), so find them by walking the name order."""
    return _listed(_matching(user, filters or PersonFilters(), many=many))


@dataclass(frozen=True)
class _Reach:
    """The scope rule and the unit filter of one request, worked out once for the querysets
    that share them (each may read the ids a small reach keeps, people/keepers.py)."""

    scope: Q
    unit: Q | None

    @property
    def is_list(self) -> bool:
        """Is the scope, or the unit filtered by, the list of the ids a small reach keeps? A
        search then checks those people's names one by one, which is cheaper than finding every
        match in the registry and keeping those on the list ("hoa" matches a tenth of
        everyone)."""
        return is_id_list(self.scope) or (self.unit is not None and is_id_list(self.unit))

    @classmethod
    def of(cls, user: User, filters: PersonFilters) -> _Reach:
        unit = filters.unit
        return cls(
            scope=scope_condition(Person, user, Action.VIEW),
            unit=None if unit is None else Person.scope_q_for_units(orgunit_reach_ids({unit.pk})),
        )


def _matching(
    user: User,
    filters: PersonFilters,
    *,
    many: bool = False,
    search: bool = True,
    reach: _Reach | None = None,
) -> QuerySet[Person]:
    # The search before the scope: SQLite checks the conditions in the order they are written, and
    # the scope's probe is the dearer one (a walk of the name order reads many non-matching rows).
    reach = reach or _Reach.of(user, filters)
    people = Person.objects.all()
    if search:
        people = person_search(people, name=filters.q, expertise=filters.expertise, many=many)
    people = people.filter(reach.scope)
    if reach.unit is not None:
        people = people.filter(reach.unit)
    if filters.field_id:
        people = people.filter(fields__id=filters.field_id)
    if filters.degree_id:
        people = people.filter(
            Exists(Qualification.objects.filter(person=OuterRef("pk"), level_id=filters.degree_id))
        )
    people = _filter_by_group(people, filters.group)
    return _filter_by_age_band(people, filters.age_band)


def _listed(people: QuerySet[Person]) -> QuerySet[Person]:
    current_jobs = Employment.objects.current().select_related("unit").order_by("pk")
    return (
        people.select_related("ethnicity", "political_theory")
        .prefetch_related(
            Prefetch("employments", queryset=current_jobs, to_attr="current_employments")
        )
        # No DISTINCT: every filter above matches a person at most once (one field, one tag, EXISTS),
        # and without it the paginator's count is a plain COUNT(*) instead of a count over a
        # de-duplicated subquery of every column.
        .order_by("sort_key", "pk")
    )


def person_page(*, user: User, filters: PersonFilters, number: str | int | None) -> Page:
    """One page of the person list with the count it shows, which stops at
    ``PEOPLE_COUNT_LIMIT``.

    A search reads the ids of at most limit + 1 matches through the word index, in any order,
    each with its name-order key; on PostgreSQL, when the statistics expect at most twice that
    many, it reads them all, up to three times that (people/search.py, ``matches_to_read``).
    When that is all of them, it is the count, the matches are put
    in name order here and only the page's rows are read (the word index is not searched a
    second time, and the rows of the other matches are not read again to sort them). When there
    are more, the search matches so many people that
    walking the name order finds a page sooner than reading and sorting every match
    (people/search.py); on PostgreSQL its first page may be walked on a second connection while
    the matches are counted (``_first_page_beside``). Words alone in a probed reach that the
    statistics expect an eighth of the registry to hold twice limit + 1 of are counted in that
    eighth first (people/search.py, ``eighth_holds``): past the limit there, past it in the whole.
    The rows are the same either way."""
    limit = settings.PEOPLE_COUNT_LIMIT
    if not (filters.q or filters.expertise):
        people = _matching(user, filters)
        return CappedPaginator(
            people, page_size(), limit=limit, rows=partial(_walked_page, people)
        ).get_page(number)
    # Each queryset below is built only on the path that reads it: building one (the scope
    # rule, the filters) costs about a millisecond of the page's time.
    reach = _Reach.of(user, filters)
    first = _first_of_broad_words(user, filters, reach, limit=limit + 1)
    if first is not None:
        # The first limit + 1 matches in name order: the count, and the rows of every page.
        return CappedPaginator(
            first, page_size(), limit=limit, counted=len(first), rows=partial(_page_of_ids, first)
        ).get_page(number)
    typed = {"name": filters.q, "expertise": filters.expertise}
    expected = expected_matches(Person.objects.db, **typed)
    wanted = matches_to_read(Person.objects.db, **typed, limit=limit)
    walk, first_page = _first_page_beside(user, filters, reach, number, expected, wanted)
    found = first_matches(
        _matching(user, filters, search=False, reach=reach),
        name=filters.q,
        expertise=filters.expertise,
        limit=wanted,
        scan=reach.is_list,
        keys=True,
        # The other filters thin out the matches by an amount the statistics do not tell.
        eighth_first=not _narrowed(filters),
    )
    if len(found) < wanted:
        # Every match. Ids from the scoped search: the rows read by them are in scope. The keys
        # are hex text, which sorts the same in Python and in the database.
        ordered = [pk for _key, pk in sorted((key, pk) for pk, key in found)]
        paginator = CappedPaginator(
            ordered,
            page_size(),
            limit=limit,
            counted=len(found),
            rows=partial(_page_of_ids, ordered),
        )
    else:
        # The paginator is given the count, so it reads its object list only through ``many``.
        walk = walk if walk is not None else _matching(user, filters, many=True, reach=reach)
        paginator = CappedPaginator(
            walk,
            page_size(),
            limit=limit,
            counted=len(found),
            many=partial(_page_past_the_limit, user, filters, reach, walk, found, first_page),
        )
    return paginator.get_page(number)


def _first_page_beside(
    user: User,
    filters: PersonFilters,
    reach: _Reach,
    number: str | int | None,
    expected: float | None,
    wanted: int,
) -> tuple[QuerySet[Person] | None, Future[list[Person] | None] | None]:
    """For words the statistics say match more than the count limit, and more than are read
    whole (``matches_to_read``), the walk of the name order and the first page walked on
    another connection (core/beside.py) while the count is read; (None, None) otherwise. Only
    for the words alone in a large reach, as ``looks_broad``: the other filters and a small
    reach thin out the matches by an amount the statistics do not tell, and the walk would be
    read for nothing."""
    if str(number or 1) != "1" or reach.is_list or _narrowed(filters):
        return None, None
    if expected is None or expected <= settings.PEOPLE_COUNT_LIMIT:
        return None, None
    if wanted > settings.PEOPLE_COUNT_LIMIT + 1:  # every match is read: the page is among them
        return None, None
    walk = _matching(user, filters, many=True, reach=reach)
    return walk, read_beside(partial(_walked_within_bound, walk, 0, page_size()), using=walk.db)


def _page_past_the_limit(
    user: User,
    filters: PersonFilters,
    reach: _Reach,
    walk: QuerySet[Person],
    counted: list[tuple[int, str]],
    first_page: Future[list[Person] | None] | None,
    bottom: int,
    top: int,
) -> list[Person]:
    """A page of a search matching more than the count limit: walked in name order, within the
    bound a broad word's walk has (``list_walk_entries``), or already walked beside the count
    (``first_page``). When the page lies further (a given name late in the alphabet, "yến": its
    16 000 matches at a million people are the last entries of the name order, and the walk
    passed 960 000 entries, 300 ms), it is read by the keys of the limit + 1 matches ``counted``
    (``first_by_keys``)."""
    walked_beside = first_page if (bottom, top) == (0, page_size()) else None
    rows = result_or_read_here(walked_beside, partial(_walked_within_bound, walk, bottom, top))
    if rows is not None:
        return rows
    ordered = first_by_keys(
        _matching(user, filters, search=False, reach=reach),
        name=filters.q,
        expertise=filters.expertise,
        counted=counted,
        wanted=top,
        scan=reach.is_list,
    )
    return _page_of_ids(ordered, bottom, top)


def _first_of_broad_words(
    user: User, filters: PersonFilters, reach: _Reach, *, limit: int
) -> list[int] | None:
    """For words the statistics rate as broad (people/search.py, ``looks_broad``), the ids of
    the first ``limit`` matches in name order, found by walking it; None when the words are not
    rated so, or the walk gave up. Only for the words alone in a large reach: a list-shaped
    reach is searched person by person already, and the other filters thin out the matches
    the walk passes by an amount the statistics of the words do not tell."""
    if reach.is_list or _narrowed(filters):
        return None
    if not looks_broad(Person.objects.db, name=filters.q, expertise=filters.expertise):
        return None
    return first_in_name_order(_matching(user, filters, many=True, reach=reach), limit=limit)


def _narrowed(filters: PersonFilters) -> bool:
    return bool(
        filters.unit or filters.field_id or filters.degree_id or filters.group or filters.age_band
    )


def _page_of_ids(ordered: list[int], bottom: int, top: int) -> list[Person]:
    return _as_table(Person.objects.filter(IdIn(ordered[bottom:top])))


def _walked_page(walk: QuerySet[Person], bottom: int, top: int) -> list[Person]:
    return _as_table(_walked_ids(walk, bottom, top))


def _walked_within_bound(walk: QuerySet[Person], bottom: int, top: int) -> list[Person] | None:
    """The page's rows with their current jobs, walked in name order within the bound of the
    list's walks (``list_walk_entries``); None when the walk did not find the whole page there."""
    bound = walk_bound(walk.db, list_walk_entries())
    # The rows first, their jobs only once the walk has found the whole page.
    walked = walk if bound is None else walk.filter(sort_key__lte=bound)
    rows = _table_rows(_walked_ids(walked, bottom, top))
    return _with_current_jobs(rows) if len(rows) == top - bottom else None


def _walked_ids(walk: QuerySet[Person], bottom: int, top: int) -> QuerySet[Person]:
    # The walk selects ids only, so that for a name, a group, or no filter, it reads the
    # name-order index alone (which holds the folded name, the owner column the scope rule asks
    # for and the columns of the group filters); the page's rows are then read by id. Read
    # whole, the rows walked past would be read too: for a commune's officer at a million
    # people, some 9 000 rows for the first page, 2 s when they are not in memory. They are rows
    # of the scoped walk, so the scope holds.
    ids = walk.order_by("sort_key", "pk").values("pk")
    return Person.objects.filter(pk__in=ids[bottom:top])


def _as_table(people: QuerySet[Person]) -> list[Person]:
    return _with_current_jobs(_table_rows(people))


def _table_rows(people: QuerySet[Person]) -> list[Person]:
    """The rows of a page with the columns the list's table shows
    (templates/people/_person_table.html), and no more: building a page of 50 people with every
    column and reference was most of its cost."""
    return list(
        people.annotate(political_theory_name=F("political_theory__name"))
        .only(*TABLE_COLUMNS)
        .order_by("sort_key", "pk")
    )


def _with_current_jobs(rows: list[Person]) -> list[Person]:
    """``rows``, each with its current jobs as (position, unit name) pairs, read in one query: a
    prefetch built two model instances per job and matched its filter against every person of
    the page, about 2.5 ms of a page's CPU at a million people."""
    jobs: dict[int, list[CurrentJob]] = {person.pk: [] for person in rows}
    if jobs:
        current = (
            Employment.objects.current()
            .filter(IdIn(jobs, column="person_id"))
            .order_by("pk")
            .values_list("person_id", "position", "unit__name")
        )
        for person_id, position, unit_name in current:
            jobs[person_id].append(CurrentJob(position, unit_name))
    for person in rows:
        person.current_employments = jobs[person.pk]  # type: ignore[attr-defined]
    return rows


class CurrentJob(NamedTuple):
    position: str
    unit_name: str


TABLE_COLUMNS = [
    "full_name",
    "sort_key",
    "birth_date",
    "birth_date_precision",
    "gender",
]


def _filter_by_group(people: QuerySet[Person], group: str) -> QuerySet[Person]:
    if group == DerivedGroup.YOUNG:
        limit = settings.TRITHUC_YOUNG_AGE_LIMIT
        return people.filter(birth_date__gt=_years_before(today(), limit))
    if group == DerivedGroup.WOMEN:
        return people.filter(gender=Gender.FEMALE)
    if group == DerivedGroup.ETHNIC_MINORITY:
        return people.filter(ethnicity__isnull=False).exclude(ethnicity__code=KINH_ETHNICITY_CODE)
    if group == DerivedGroup.PARTY_MEMBER:
        return people.filter(is_party_member=True)
    if group.startswith("tag:"):
        return people.filter(tags__code=group.removeprefix("tag:"))
    return people


def _filter_by_age_band(people: QuerySet[Person], band: str) -> QuerySet[Person]:
    for code, _label, low, high in settings.TRITHUC_AGE_BANDS:
        if code == band:
            day = today()
            # Aged between low and high on `day`: born after (day - (high+1) years), on or before
            # (day - low years).
            return people.filter(
                birth_date__gt=_years_before(day, high + 1), birth_date__lte=_years_before(day, low)
            )
    return people


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def person_get(*, user: User, pk: int, action: Action = Action.VIEW) -> Person:
    people = Person.objects.select_related(
        "ethnicity", "academic_title", "political_theory", "state_management", "user"
    ).prefetch_related("fields", "pillars", "tags")
    return get_in_scope_or_404(people, user, action, pk=pk)


def person_employments(person: Person) -> QuerySet[Employment]:
    return person.employments.select_related("unit").order_by("end_date", "-start_date", "pk")


def person_qualifications(person: Person) -> QuerySet[Qualification]:
    return person.qualifications.select_related("level").order_by("-level__order", "pk")


def person_history(person: Person, limit: int = 50) -> list:
    """The person's change log, newest first, each entry with the fields it changed."""
    records = list(
        person.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    entries = []
    for newer, older in zip(records, records[1:] + [None], strict=False):
        changed = []
        if older is not None:
            delta = newer.diff_against(
                older,
                excluded_fields=[
                    "version",
                    "updated_at",
                    "sort_key",
                    "search_text",
                    "expertise_text",
                    "cccd_ciphertext",
                    "cccd_digest",
                ],
            )
            changed = [str(Person._meta.get_field(c.field).verbose_name) for c in delta.changes]
        entries.append({"record": newer, "changed": changed})
    return entries[:limit]


def page_size() -> int:
    return settings.PEOPLE_PAGE_SIZE


def person_options(
    *, user: User, action: Action, query: str = "", selected: list[int] | None = None, limit: int
) -> list[Person]:
    """The people a picker offers: those already picked first (so a search never drops them),
    then the first ``limit`` whose name matches ``query``, in name order; all within scope."""
    scope = scope_condition(Person, user, action)
    people = Person.objects.filter(scope)
    columns = ("pk", "full_name", "sort_key")
    picked = list(people.filter(pk__in=selected or []).only(*columns).order_by("sort_key", "pk"))
    matches = _name_matches(
        people, query, wanted=limit + len(picked), listed=is_id_list(scope)
    ).exclude(pk__in=[p.pk for p in picked])
    # The ids first, then their rows: walking the name order for a broad name then reads the
    # name-order index alone (it holds the folded name and the owner column) instead of a table
    # row per entry read: about 110 ms for "pham ngoc" at a million people on PostgreSQL, 20 ms so.
    first = matches.order_by("sort_key", "pk").values("pk")[:limit]
    chosen = people.filter(pk__in=first).only(*columns).order_by("sort_key", "pk")
    return picked + list(chosen)


def _name_matches(
    people: QuerySet[Person], query: str, *, wanted: int, listed: bool
) -> QuerySet[Person]:
    """``people`` whose name matches ``query``, at least the first ``wanted`` of them in name
    order, found as the list finds a page (person_page): words rated broad by walking the name
    order; else a name matching up to PEOPLE_COUNT_LIMIT people (or more that are read whole,
    ``matches_to_read``) by the ids the word index found; past that, by walking the name order
    within its bound (a picker's "ng" matches most of a province), or, for matches further down
    it ("yen"), by the keys counted. ``listed``: the scope is a list of ids, whose names are
    checked one by one instead."""
    if not search_tokens(query):
        return people
    limit = settings.PEOPLE_COUNT_LIMIT
    walk = person_search(people, name=query, many=True)
    entries = list_walk_entries()
    if not listed and looks_broad(people.db, name=query):
        first = first_in_name_order(walk, limit=wanted, entries=entries)
        if first is not None:
            return people.filter(IdIn(first))
    # At least one more than wanted: the keys of fewer would not bound the first ``wanted``
    # (``first_by_keys``) when many are picked already.
    read = max(matches_to_read(people.db, name=query, limit=limit), wanted + 1)
    found = first_matches(people, name=query, limit=read, scan=listed, keys=True, eighth_first=True)
    if len(found) < read:  # every match: the first in name order are among them
        return people.filter(
            IdIn([pk for _key, pk in sorted((key, pk) for pk, key in found)][:wanted])
        )
    first = first_in_name_order(walk, limit=wanted, entries=entries)
    if first is not None:
        return people.filter(IdIn(first))
    first = first_by_keys(people, name=query, counted=found, wanted=wanted, scan=listed)
    return people.filter(IdIn(first))
