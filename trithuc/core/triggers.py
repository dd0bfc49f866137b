"""Setting a SQLite row trigger aside for a bulk write, and doing its work once for the batch.

SQLite has only row triggers: a trigger that keeps a derived table in step (the FTS5 index of
names, the keepers of each person) runs its statements once per inserted row, which for a staff
list of 100 000 people costs more than writing the rows themselves. A bulk writer drops the
trigger, writes, does the trigger's work for all the rows in a few set-based statements, and
creates the trigger again. All of it runs inside the caller's transaction: no other connection
ever sees the table without its trigger (SQLite has one writer, and the schema change is not
visible before the commit), and a crash rolls the drop back with the rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connections

# Under SQLite's limit of bound parameters per statement.
SQLITE_IDS_PER_STATEMENT = 500


@contextmanager
def sqlite_trigger_set_aside(name: str, using: str = "default") -> Iterator[bool]:
    """Drop the SQLite trigger ``name`` for the block and create it again after it; yields
    whether there was such a trigger (False, and nothing done, on another database or when the
    trigger does not exist there). The caller does the trigger's work itself before the block
    ends."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        yield False
        return
    if not connection.in_atomic_block:
        raise RuntimeError(f"the trigger {name} may only be set aside inside a transaction")
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = %s", [name])
        found = cursor.fetchone()
    if found is None:
        yield False
        return
    with connection.cursor() as cursor:
        cursor.execute(f'DROP TRIGGER "{name}"')
    try:
        yield True
    finally:
        with connection.cursor() as cursor:
            cursor.execute(found[0])


def in_chunks(ids: list[int], size: int = SQLITE_IDS_PER_STATEMENT) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def placeholders(values: list[int]) -> str:
    return ", ".join(["%s"] * len(values))
