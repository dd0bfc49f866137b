"""Bulk row writing for generated data: COPY on PostgreSQL, executemany on SQLite.

The generator bypasses the ORM (and django-simple-history) on purpose: a million people through
``bulk_create`` would take most of an hour. Rows are tuples of the generated columns; the other
columns of the model get their defaults once, here.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import Max, Model
from django.utils import timezone


class Table:
    """A model's columns in insert order: the generated ones, then the rest at their defaults."""

    def __init__(self, model: type[Model], generated: list[str]) -> None:
        fields = {f.attname: f for f in model._meta.concrete_fields}
        missing = [name for name in generated if name not in fields]
        if missing:
            raise RuntimeError(f"{model.__name__} has no field(s) {missing}: update datagen")
        rest = [f for f in model._meta.concrete_fields if f.attname not in generated]
        now = timezone.now()
        tail = []
        for f in rest:
            stamped = getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
            tail.append(f.get_db_prep_save(now if stamped else f.get_default(), connection))
        self.model = model
        self.table = model._meta.db_table
        self.columns = [fields[name].column for name in generated] + [f.column for f in rest]
        self.tail = tuple(tail)

    def next_id(self) -> int:
        return (self.model._default_manager.aggregate(m=Max("pk"))["m"] or 0) + 1


def write_rows(table: Table, rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    qn = connection.ops.quote_name
    columns = ", ".join(qn(c) for c in table.columns)
    tail = table.tail
    if connection.vendor == "postgresql":
        sql = f"COPY {qn(table.table)} ({columns}) FROM STDIN"
        with connection.cursor() as cursor, cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row + tail)
        return
    marks = ", ".join("?" * len(table.columns))
    sql = f"INSERT INTO {qn(table.table)} ({columns}) VALUES ({marks})"  # noqa: S608 - names from the model
    connection.ensure_connection()
    connection.connection.executemany(sql, (row + tail for row in rows))


def after_load(models: list[type[Model]]) -> None:
    """What every bulk load needs: sequences past the new ids (PostgreSQL) and fresh statistics."""
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
            tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models)
            # VACUUM cannot run in a transaction (a test's); ANALYZE alone can.
            vacuum = "" if connection.in_atomic_block else "VACUUM "
            cursor.execute(f"{vacuum}ANALYZE {tables}")
        else:
            cursor.execute("ANALYZE")
