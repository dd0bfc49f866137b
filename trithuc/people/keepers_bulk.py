"""The keepers of many people at once, for bulk writers of jobs (imports).

``people_personkeeper`` is rewritten for a person by triggers on ``people_employment`` whenever a
job of theirs is added, changed or removed (migration ``people.0005``). On PostgreSQL they are
statement triggers and a COPY of 100 000 jobs runs their query once. SQLite has only row triggers:
a delete and an insert-select for every job, a quarter of the time an import of 100 000 new
people took. For such a batch the insert trigger is set aside and the keepers of all the batch's
people are rewritten by the same two statements, each over a chunk of people.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import connections

from trithuc.core.triggers import in_chunks, placeholders, sqlite_trigger_set_aside

# The rule of the triggers (migration people.0005): the units of a person's current jobs, or
# every unit they worked in when they hold none.
_KEEPERS_OF = """
    SELECT DISTINCT e.person_id, e.unit_id FROM people_employment e
    WHERE e.person_id IN ({persons}) AND (e.end_date IS NULL OR NOT EXISTS (
        SELECT 1 FROM people_employment c WHERE c.person_id = e.person_id AND c.end_date IS NULL))
"""
_INSERT_TRIGGER = "people_employment_keepers_insert"


@contextmanager
def keepers_refresh_deferred(using: str = "default") -> Iterator[Callable[[list[int]], None]]:
    """Around an insert of many jobs, inside a transaction: the yielded function takes the ids of
    the people whose jobs were inserted, and their keepers are rewritten at the end of the block.
    Elsewhere than SQLite the triggers do it and the function does nothing."""
    pending: set[int] = set()
    with sqlite_trigger_set_aside(_INSERT_TRIGGER, using) as set_aside:
        yield pending.update if set_aside else (lambda ids: None)
        with connections[using].cursor() as cursor:
            for part in in_chunks(sorted(pending)):
                marks = placeholders(part)
                cursor.execute(
                    f"DELETE FROM people_personkeeper WHERE person_id IN ({marks})",  # noqa: S608
                    part,
                )
                cursor.execute(
                    "INSERT INTO people_personkeeper (person_id, unit_id) "  # noqa: S608
                    + _KEEPERS_OF.format(persons=marks),
                    part,
                )
