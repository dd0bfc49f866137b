"""Inserting many new rows, each with its history row, without the ORM's per-object cost.

A staff list can hold 100 000 people; building that many model instances and letting Django's
compiler prepare every value costs more than reading, checking and matching them together. Here
rows are plain dicts of column values: ids are reserved first (the sequence on PostgreSQL; the
next free ids under the write lock SQLite's transaction already holds), then the rows are written
with ``COPY`` on PostgreSQL and ``executemany`` on SQLite, and their ``simple_history`` rows
(history type "+", the importer, the reason) are copied from them by one ``INSERT … SELECT``
inside the database, all inside the caller's transaction. The result is the same rows
``bulk_create_with_history`` writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

from django.db import connection
from django.db.models import DateTimeField, Model
from django.utils import timezone

BATCH = 5000


# SQLite's page cache while a batch is written (its default, 2 MB, makes every insert into the
# people tables' eleven indexes read pages back from the OS); negative means KiB.
SQLITE_BULK_CACHE_KIB = 256 * 1024


@contextmanager
def bulk_writing() -> Iterator[None]:
    """Around the writes of a large batch: a larger page cache on SQLite, restored afterwards."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_BULK_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


def reserve_ids(model: type[Model], count: int) -> list[int]:
    table = model._meta.db_table
    if count == 0:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
        # AUTOINCREMENT tables never reuse an id, even of a deleted row: start past both.
        cursor.execute(f'SELECT COALESCE(MAX("id"), 0) FROM "{table}"')  # noqa: S608
        highest = cursor.fetchone()[0]
        cursor.execute("SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = %s", [table])
        start = max(highest, cursor.fetchone()[0]) + 1
    return list(range(start, start + count))


def insert_with_history(
    model: type[Model], rows: list[dict[str, Any]], *, user_id: int | None, reason: str
) -> None:
    """Insert ``rows`` (column values by attname, ``id`` included) and one history row each."""
    if not rows:
        return
    now = timezone.now()
    concrete = model._meta.concrete_fields
    fields = [f.attname for f in concrete]
    if fields[0] != "id":
        raise ValueError(f"{model.__name__}: the first column must be the id")
    values = _tuples(rows, fields)
    datetimes = [i for i, f in enumerate(concrete) if isinstance(f, DateTimeField)]
    _insert(model._meta.db_table, fields, values, datetimes)
    history = model.history.model  # type: ignore[attr-defined]
    extra = {
        "history_date": now,
        "history_change_reason": reason[:100],
        "history_type": "+",
        "history_user_id": user_id,
    }
    # A history row is the model's row followed by who, when and why (the same for the batch).
    history_fields = [f.attname for f in history._meta.concrete_fields if f.attname != "history_id"]
    extra_fields = [name for name in history_fields if name not in set(fields)]
    if set(extra_fields) - set(extra) or not set(fields) <= set(history_fields):
        raise ValueError(f"{history.__name__} has columns this writer does not fill")
    # The history rows are copied from the rows just written, inside the database: the same values
    # without binding each of them a second time from Python.
    columns = ", ".join(f'"{name}"' for name in fields + extra_fields)
    picked = ", ".join(
        [f'"{name}"' for name in fields] + [_param(history, n) for n in extra_fields]
    )
    tail = [_stored(extra[name]) for name in extra_fields]
    table, source = history._meta.db_table, model._meta.db_table
    sql = f'INSERT INTO "{table}" ({columns}) SELECT {picked} FROM "{source}" WHERE '  # noqa: S608
    with connection.cursor() as cursor:
        for where, params in _id_filters([row[0] for row in values]):
            cursor.execute(sql + where + ' ORDER BY "id"', [*tail, *params])


def _id_filters(ids: list[int]) -> list[tuple[str, list[Any]]]:
    """WHERE clauses that select exactly the rows with these ids: a range when they follow each
    other (SQLite's reserved ids do), else lists."""
    if not ids:
        return []
    low, high = min(ids), max(ids)
    if high - low + 1 == len(ids) == len(set(ids)):
        return [('"id" BETWEEN %s AND %s', [low, high])]
    if connection.vendor == "postgresql":
        return [('"id" = ANY(%s)', [ids])]
    size = 500  # under SQLite's limit of bound parameters
    return [
        (f'"id" IN ({", ".join(["%s"] * len(part))})', part)
        for part in (ids[start : start + size] for start in range(0, len(ids), size))
    ]


def _param(model: type[Model], name: str) -> str:
    """A placeholder in a SELECT list; PostgreSQL needs its type (an untyped NULL would be text)."""
    if connection.vendor != "postgresql":
        return "%s"
    field = next(f for f in model._meta.concrete_fields if f.attname == name)
    return f"CAST(%s AS {field.db_type(connection)})"


def _stored(value: Any) -> Any:
    return _sqlite(value) if connection.vendor == "sqlite" else value


def _tuples(rows: list[dict[str, Any]], fields: list[str]) -> list[tuple[Any, ...]]:
    """Each row's values in ``fields`` order (a missing column is NULL)."""
    if len(fields) == 1:
        return [(row.get(fields[0]),) for row in rows]
    pick = itemgetter(*fields)
    try:
        return [pick(row) for row in rows]
    except KeyError:
        return [tuple(row.get(name) for name in fields) for row in rows]


def _insert(
    table: str, fields: list[str], rows: list[tuple[Any, ...]], datetimes: list[int]
) -> None:
    columns = ", ".join(f'"{name}"' for name in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f'COPY "{table}" ({columns}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join("%s" for _ in fields)
        sql = f'INSERT INTO "{table}" ({columns}) VALUES ({marks})'  # noqa: S608 — model tables
        if datetimes:
            rows = _sqlite_datetimes(rows, datetimes)
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])


def _sqlite_datetimes(rows: list[tuple[Any, ...]], positions: list[int]) -> list[list[Any]]:
    """Aware datetimes as Django's SQLite backend stores them: naive UTC in ISO text. (Dates,
    booleans and text need nothing: Django registers the date adapter with sqlite3.) The batch's
    rows mostly share one timestamp, so each distinct one is converted once."""
    seen: dict[Any, Any] = {None: None}
    out = []
    for row in rows:
        row = list(row)
        for i in positions:
            value = row[i]
            if value not in seen:
                seen[value] = _sqlite(value)
            row[i] = seen[value]
        out.append(row)
    return out


def _sqlite(value: Any) -> Any:
    """Values as Django's SQLite backend stores them: dates as ISO text, aware datetimes in UTC."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
