"""Inserting many new rows, each with its history row, without the ORM's per-object cost.

A staff list can hold 100 000 people; building that many model instances and letting Django's
compiler prepare every value costs more than reading, checking and matching them together. Here
rows are plain dicts of column values: ids are reserved first (the sequence on PostgreSQL; the
next free ids under the write lock SQLite's transaction already holds), then the rows and their
``simple_history`` rows (history type "+", the importer, the reason) are written with ``COPY`` on
PostgreSQL and ``executemany`` on SQLite, inside the caller's transaction. The result is the same
rows ``bulk_create_with_history`` writes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.db.models import Model
from django.utils import timezone

BATCH = 5000


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
    fields = [f.attname for f in model._meta.concrete_fields]
    _insert(model._meta.db_table, fields, rows)
    history = model.history.model  # type: ignore[attr-defined]
    history_fields = [f.attname for f in history._meta.concrete_fields if f.attname != "history_id"]
    extra = {
        "history_date": now,
        "history_change_reason": reason[:100],
        "history_type": "+",
        "history_user_id": user_id,
    }
    _insert(history._meta.db_table, history_fields, [{**row, **extra} for row in rows])


def _insert(table: str, fields: list[str], rows: list[dict[str, Any]]) -> None:
    columns = ", ".join(f'"{name}"' for name in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f'COPY "{table}" ({columns}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row([row.get(name) for name in fields])
            return
        marks = ", ".join("%s" for _ in fields)
        sql = f'INSERT INTO "{table}" ({columns}) VALUES ({marks})'  # noqa: S608 — model tables
        values = [[_sqlite(row.get(name)) for name in fields] for row in rows]
        for start in range(0, len(values), BATCH):
            cursor.executemany(sql, values[start : start + BATCH])


def _sqlite(value: Any) -> Any:
    """Values as Django's SQLite backend stores them: dates as ISO text, aware datetimes in UTC."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def model_values(obj: Model) -> dict[str, Any]:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
