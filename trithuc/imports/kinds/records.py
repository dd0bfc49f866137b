"""Kinds that record something about people already in the registry (training, ratings, awards).

A row names its person (name and birth date, CCCD when known); the person must be one the uploader
may see. The record is found by its natural key (person + course, person + year, person + award +
decision): an existing one is updated, a missing one created. Rows are written through the
workforce services, one at a time, so each keeps the rules those services enforce (status
transitions, the degree a graduate earns, history, the program's figures); such files hold hundreds
of rows, not the hundred thousand a staff list can.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

from trithuc.accounts.scoping import Action, restrict
from trithuc.people.models import Person

from ..engine import Context, Kind, Row
from ..matching import PersonIndex
from .common import stored_person


class RecordKind(Kind):
    def key(self, row: Row, person_id: int) -> tuple:
        raise NotImplementedError

    def existing(self, keys: set[tuple], ctx: Context) -> dict[tuple, Any]:
        """The stored records having these keys."""
        raise NotImplementedError

    def compare(self, record: Any, row: Row) -> str | None:
        """``"unchanged"``, ``"update"``, or an error message when the change is not allowed."""
        raise NotImplementedError

    def write(self, row: Row, person: Person, record: Any, ctx: Context) -> None:
        raise NotImplementedError

    def people(self, ctx: Context):
        people = Person.objects.all()
        if ctx.actor is not None:
            people = restrict(people, ctx.actor, Action.VIEW)
        return people

    def plan(self, rows: list[Row], ctx: Context) -> list[dict[str, Any]]:
        index = PersonIndex.of_people(self.people(ctx))
        uncertain: list[dict[str, Any]] = []
        for row in rows:
            if row.ok:
                row.values["_person"] = stored_person(row, ctx, index, uncertain)
        keyed = {row.number: self.key(row, row.values["_person"]) for row in rows if row.ok}
        stored = self.existing(set(keyed.values()), ctx)
        first_row: dict[tuple, Row] = {}
        for row in rows:
            if not row.ok:
                continue
            key = keyed[row.number]
            row.values["_key"] = key
            if key in first_row:
                earlier = first_row[key]
                row.duplicate = True
                if self.compare_rows(earlier, row):
                    row.error(
                        None,
                        f"trùng với dòng {earlier.number} (cùng người, cùng nội dung chính) nhưng khác "
                        "chi tiết; hãy giữ lại một dòng đúng.",
                    )
                else:
                    row.action = "merged"
                continue
            first_row[key] = row
            record = stored.get(key)
            if record is None:
                row.action = "create"
                continue
            row.duplicate = True
            verdict = self.compare(record, row)
            if verdict in ("unchanged", "update"):
                row.action = verdict
            else:
                row.error(None, verdict or "không cập nhật được bản ghi đã có.")
        return uncertain

    def compare_rows(self, earlier: Row, later: Row) -> bool:
        """True when two rows with the same key say different things."""
        keys = [c.key for c in self.columns if c.key != "stt"]
        return any(earlier.values.get(k) != later.values.get(k) for k in keys)

    def store(self, rows: list[Row], ctx: Context) -> None:
        rows = [row for row in rows if row.action in ("create", "update")]
        people = Person.objects.in_bulk({row.values["_person"] for row in rows})
        stored = self.existing({row.values["_key"] for row in rows}, ctx)
        for done, row in enumerate(rows, start=1):
            try:
                self.write(row, people[row.values["_person"]], stored.get(row.values["_key"]), ctx)
            except (ValidationError, PermissionDenied) as exc:
                # The plan checked every rule it knows; a service refusing now is a rule the plan
                # does not, and storing the rest would leave the batch half done: refuse it all.
                text = "; ".join(getattr(exc, "messages", [str(exc)]))
                raise ValidationError(f"Dòng {row.number}: {text}") from exc
            if done % 200 == 0:
                ctx.report("Đang lưu", done, len(rows))
