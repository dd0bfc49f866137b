"""Kind "people": the unit's staff list. One row is one person working in the unit.

A row that is a person the registry already has (from any unit) updates that person and adds the
unit's employment; it never makes a second record. Empty cells never erase what is stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from trithuc.accounts.scoping import Action, restrict
from trithuc.core.dates import format_partial_date, today
from trithuc.core.text import collation_key, fold, split_full_name
from trithuc.people.cccd import encrypt_cccd, mask_cccd
from trithuc.people.choices import Gender, Sector
from trithuc.people.keepers_bulk import keepers_refresh_deferred
from trithuc.people.models import (
    AcademicTitle,
    Employment,
    Ethnicity,
    Person,
    PoliticalTheoryLevel,
    StateManagementLevel,
)
from trithuc.people.search import search_index_deferred
from trithuc.people.services import person_apply_expertise, person_apply_name

from ..engine import Column, Context, Kind, Row
from ..fastwrite import bulk_writing, insert_with_history, reserve_ids
from ..matching import PersonIndex
from ..values import choice_lookup, parse_choice, parse_date, parse_yes_no, show
from .common import (
    BIRTH_DATE,
    CCCD,
    FULL_NAME,
    GENDER,
    Reference,
    check_cccd,
    decided,
    fold_name,
    probe_of,
    uncertain_entry,
    visible,
)

_SECTORS = choice_lookup(
    {label: value for value, label in Sector.choices},
    {
        "Công": "Khu vực công",
        "Tư": "Khu vực tư",
        "Nhà nước": "Khu vực công",
        "Ngoài nhà nước": "Khu vực tư",
    },
)
# Spellings of ethnic groups common in files that the official list writes otherwise.
ETHNICITY_SYNONYMS = {
    "Khmer": "05",
    "Khơ me": "05",
    "Mông": "08",
    "H'Mông": "08",
    "Hmong": "08",
    "Ba Na": "13",
    "Xơ Đăng": "14",
    "Cơ Ho": "16",
    "Ra Glai": "21",
    "Vân Kiều": "23",
    "Khơ Mú": "29",
}
_SECTOR_LABELS = [label for _v, label in Sector.choices]
_PUBLIC = Sector.PUBLIC.value


def _names(model: Any) -> list[str]:
    return list(model.objects.filter(is_active=True).values_list("name", flat=True))


# No kind uses the number a row is given: it is only shown, so it is read as shown (without
# the text clean-up, which costs a call for every row, since every number is distinct).
STT = Column(
    "stt",
    "STT",
    show,
    synonyms=("Số thứ tự", "TT", "Số TT"),
    help="Số thứ tự (không bắt buộc).",
    width=6,
)
ETHNICITY = Column(
    "ethnicity",
    "Dân tộc",
    help="Tên dân tộc theo danh mục 54 dân tộc.",
    choices=lambda: _names(Ethnicity),
    width=12,
)
HOMETOWN = Column("hometown", "Quê quán", synonyms=("Nguyên quán",), width=24)
POSITION = Column(
    "position",
    "Chức vụ, vị trí việc làm",
    synonyms=("Chức vụ", "Vị trí việc làm", "Chức danh", "Chức vụ hiện nay"),
    width=24,
)
SECTOR = Column(
    "sector",
    "Khu vực",
    lambda v: parse_choice(v, _SECTORS, _SECTOR_LABELS),
    help="«Khu vực công» (mặc định) hoặc «Khu vực tư».",
    choices=lambda: _SECTOR_LABELS,
)
START_DATE = Column(
    "start_date",
    "Ngày về đơn vị",
    parse_date,
    synonyms=("Ngày bắt đầu công tác", "Ngày nhận công tác", "Từ ngày", "Ngày vào cơ quan"),
    help="Ngày bắt đầu làm việc tại đơn vị (không bắt buộc).",
    width=14,
    is_date=True,
)
PARTY = Column(
    "is_party_member",
    "Đảng viên",
    parse_yes_no,
    synonyms=("Là đảng viên", "Đảng viên (có/không)"),
    help="«Có» hoặc «Không».",
    choices=lambda: ["Có", "Không"],
    width=10,
)
PARTY_JOINED = Column(
    "party_joined_on",
    "Ngày vào Đảng",
    parse_date,
    synonyms=("Ngày vào đảng chính thức", "Ngày kết nạp Đảng", "Ngày kết nạp"),
    width=14,
    is_date=True,
)
THEORY = Column(
    "political_theory",
    "Lý luận chính trị",
    synonyms=("Trình độ lý luận chính trị", "LLCT", "Trình độ LLCT"),
    choices=lambda: _names(PoliticalTheoryLevel),
)
STATE_MANAGEMENT = Column(
    "state_management",
    "Quản lý nhà nước",
    synonyms=("Trình độ quản lý nhà nước", "QLNN", "Trình độ QLNN"),
    choices=lambda: _names(StateManagementLevel),
)
TITLE = Column(
    "academic_title",
    "Học hàm",
    synonyms=("Học hàm (GS, PGS)",),
    choices=lambda: _names(AcademicTitle),
    width=12,
)
EXPERTISE = Column(
    "expertise",
    "Chuyên môn sâu",
    synonyms=("Lĩnh vực chuyên môn sâu", "Chuyên môn", "Từ khóa chuyên môn"),
    width=28,
)

# Person fields a row may set, and the column each comes from.
_PERSON_FIELDS = (
    "birth_date",
    "birth_date_precision",
    "gender",
    "ethnicity_id",
    "hometown",
    "is_party_member",
    "party_joined_on",
    "political_theory_id",
    "state_management_id",
    "academic_title_id",
    "expertise",
)
_LENGTHS = {FULL_NAME: 150, HOMETOWN: 255, POSITION: 255}


class PeopleKind(Kind):
    code = "people"
    label = "Nhân sự (trí thức, cán bộ)"
    sheet_title = "Nhân sự"
    columns = (
        STT,
        FULL_NAME,
        BIRTH_DATE,
        GENDER,
        CCCD,
        ETHNICITY,
        HOMETOWN,
        POSITION,
        SECTOR,
        START_DATE,
        PARTY,
        PARTY_JOINED,
        THEORY,
        STATE_MANAGEMENT,
        TITLE,
        EXPERTISE,
    )
    instructions = (
        "Mỗi dòng là một người đang công tác tại đơn vị. Người đã có trong hệ thống (cùng số CCCD, "
        "hoặc cùng họ tên và ngày sinh) được cập nhật, không tạo hồ sơ thứ hai; nếu người đó đang "
        "thuộc đơn vị khác, hệ thống thêm quá trình công tác tại đơn vị bạn.",
        "Ô để trống không xóa thông tin đã có.",
        "Những dòng chỉ gần giống một hồ sơ đã có được liệt kê để bạn quyết định: cùng người hay người khác.",
    )

    def check_row(self, row: Row, ctx: Context) -> None:
        refs = _references(ctx)
        for column, limit in _LENGTHS.items():
            value = row.values.get(column.key)
            if value and len(value) > limit:
                row.error(
                    column, f"dài {len(value)} ký tự, quá {limit} ký tự cho phép; hãy viết gọn lại."
                )
        birth = row.values.get("birth_date")
        if birth:
            if "today" not in ctx.cache:
                ctx.cache["today"] = today()
            day = ctx.cache["today"]
            age = day.year - birth[0].year
            if birth[0] > day or age < 15 or age > 100:
                row.error(
                    BIRTH_DATE,
                    f"«{format_partial_date(*birth)}» cho tuổi {age}, ngoài khoảng 15–100; hãy kiểm tra lại năm sinh.",
                )
        joined = row.values.get("party_joined_on")
        if joined:
            if row.values.get("is_party_member") is False:
                row.error(
                    PARTY_JOINED,
                    "có ngày vào Đảng nhưng cột «Đảng viên» ghi «Không»; hãy sửa một trong hai ô.",
                )
            elif birth and joined[0].year < birth[0].year + 16:
                row.error(
                    PARTY_JOINED, "ngày vào Đảng trước khi người này đủ 16 tuổi; hãy kiểm tra lại."
                )
            else:
                row.values["is_party_member"] = True
        row.values["_digest"] = check_cccd(row, row.values.get("gender"))
        for column, key in (
            (ETHNICITY, "ethnicity"),
            (THEORY, "political_theory"),
            (STATE_MANAGEMENT, "state_management"),
            (TITLE, "academic_title"),
        ):
            row.values[f"{column.key}_id"] = refs[key].resolve(row, column)

    # --- planning ------------------------------------------------------------------------------

    def plan(self, rows: list[Row], ctx: Context) -> list[dict[str, Any]]:
        probes = {row.number: probe_of(row, row.values["_digest"]) for row in rows if row.ok}
        index = PersonIndex.for_probes(Person.objects.all(), list(probes.values()))
        uncertain: list[dict[str, Any]] = []
        targets: dict[int, Any] = {}  # row number → stored person id, or the creating row number
        for row in rows:
            if not row.ok:
                continue
            probe = probes[row.number]
            match = decided(ctx, row, index.match(probe))
            if match.kind == "conflict":
                row.error(
                    CCCD,
                    "số CCCD này đã có trong một hồ sơ khác có họ tên khác; hãy kiểm tra lại số CCCD "
                    "hoặc họ tên.",
                )
            elif match.kind == "uncertain":
                uncertain.append(uncertain_entry(row, match))
                row.error(
                    FULL_NAME,
                    "có thể là cùng một người với hồ sơ đã có ("
                    + "; ".join(e.label for e, _s in match.candidates)
                    + "); hãy quyết định trên trang xem trước: cùng người hay người khác.",
                )
            elif match.kind == "certain" and match.entry is not None:
                row.duplicate = True
                ref = match.entry.ref
                targets[row.number] = targets.get(ref[1]) if isinstance(ref, tuple) else ref
            else:
                targets[row.number] = ("new", row.number)
                index.add(probe)
        _hide_names_out_of_scope(uncertain, rows, ctx)
        self._plan_changes(rows, targets, ctx)
        return uncertain

    def _plan_changes(self, rows: list[Row], targets: dict[int, Any], ctx: Context) -> None:
        stored_ids = {t for t in targets.values() if isinstance(t, int)}
        people = _load_people(stored_ids)
        jobs = _current_jobs(stored_ids, ctx.unit.pk)
        seen: set[Any] = set()
        for row in rows:
            target = targets.get(row.number)
            if not row.ok or target is None:
                continue
            row.values["_target"] = target
            if isinstance(target, tuple):
                row.action = "create" if target not in seen else "merged"
                seen.add(target)
                continue
            person = people[target]
            changes = _person_changes(person, row)
            job = jobs.get(target)
            job_change = job is None or (
                row.values.get("position") and job.position != row.values["position"]
            )
            if changes or job_change:
                _apply(person, changes)
                if job is not None and job_change:
                    job.position = row.values["position"]
                elif job is None:
                    jobs[target] = Employment(person_id=target, unit=ctx.unit, position="")
                row.values["_changes"] = changes
                row.action = "update"
            else:
                row.action = "unchanged"

    # --- storing -------------------------------------------------------------------------------

    def store(self, rows: list[Row], ctx: Context) -> None:
        with bulk_writing():
            self._store(rows, ctx)

    def _store(self, rows: list[Row], ctx: Context) -> None:
        reason = f"Nhập từ tệp Excel (lô {ctx.batch_id})" if ctx.batch_id else "Nhập từ tệp Excel"
        history = {"default_user": ctx.actor, "default_change_reason": reason}
        user_id = ctx.actor.pk if ctx.actor is not None else None
        now = timezone.now()
        new_rows = [row for row in rows if row.action == "create"]
        merged = _merged_values(rows)
        defaults, names = _person_defaults(), {}
        people = [
            _new_person(row, merged.get(row.values["_target"], []), defaults, names, now)
            for row in new_rows
        ]
        for values, pk in zip(people, reserve_ids(Person, len(people)), strict=True):
            values["id"] = pk
        ctx.report("Đang lưu hồ sơ mới", 0, len(rows))
        with search_index_deferred() as index_later:
            insert_with_history(Person, people, user_id=user_id, reason=reason)
            index_later([values["id"] for values in people])
        jobs = [_job(row, p["id"], ctx.unit.pk) for row, p in zip(new_rows, people, strict=True)]
        ctx.report("Đang cập nhật hồ sơ đã có", len(new_rows), len(rows))
        updates = [row for row in rows if row.action == "update"]
        stored_ids = {row.values["_target"] for row in updates}
        to_update = _load_people(stored_ids, lock=True)
        current = _current_jobs(stored_ids, ctx.unit.pk)
        changed_people, changed_fields, changed_jobs = {}, {"version", "updated_at"}, {}
        for row in updates:
            person_id = row.values["_target"]
            person = to_update[person_id]
            changes = _person_changes(person, row)
            if changes:
                _apply(person, changes)
                changed_fields |= set(changes)
                person.version += 1 if person_id not in changed_people else 0
                person.updated_at = now
                changed_people[person_id] = person
            job = current.get(person_id)
            if job is None:
                jobs.append(_job(row, person_id, ctx.unit.pk))
                current[person_id] = Employment(person_id=person_id, position=jobs[-1]["position"])
            elif row.values.get("position") and job.position != row.values["position"]:
                job.position = row.values["position"]
                changed_jobs[job.pk] = job
        if changed_people:
            bulk_update_with_history(
                list(changed_people.values()),
                Person,
                sorted(changed_fields),
                batch_size=1000,
                **history,
            )
        if changed_jobs:
            bulk_update_with_history(
                list(changed_jobs.values()), Employment, ["position"], batch_size=1000, **history
            )
        for job, pk in zip(jobs, reserve_ids(Employment, len(jobs)), strict=True):
            job["id"] = pk
        with keepers_refresh_deferred() as keepers_later:
            insert_with_history(Employment, jobs, user_id=user_id, reason=reason)
            keepers_later([job["person_id"] for job in jobs])
        ctx.report("Đang cập nhật số liệu chỉ tiêu", len(rows), len(rows))
        _refresh_figures(ctx.unit.pk, set(changed_people))

    # --- export --------------------------------------------------------------------------------

    def export_records(self, *, user: Any, unit: Any) -> Any:
        people = visible(Person.objects.all(), user)
        if unit is not None:
            from trithuc.orgunits.selectors import orgunit_reach_ids

            people = people.filter(Person.scope_q_for_units(orgunit_reach_ids({unit.pk})))
        return people

    def export_rows(self, *, user: Any, unit: Any) -> Iterable[list[Any]]:
        people = self.export_records(user=user, unit=unit)
        people = people.select_related(
            "ethnicity", "political_theory", "state_management", "academic_title"
        ).order_by("sort_key", "pk")
        jobs: dict[int, Employment] = {}
        current = (
            Employment.objects.current().filter(person__in=people).order_by("-start_date", "-pk")
        )
        if unit is not None:
            from trithuc.orgunits.selectors import orgunit_reach_ids

            current = current.filter(unit_id__in=orgunit_reach_ids({unit.pk}))
        for job in current.only("person_id", "position", "sector", "start_date"):
            jobs.setdefault(job.person_id, job)
        for number, person in enumerate(people.iterator(chunk_size=2000), start=1):
            job = jobs.get(person.pk)
            yield [
                number,
                person.full_name,
                person.birth_date_display,
                Gender(person.gender).label if person.gender else "",
                person.cccd_masked,
                person.ethnicity.name if person.ethnicity else "",
                person.hometown,
                job.position if job else "",
                Sector(job.sector).label if job else "",
                job.start_date.strftime("%d/%m/%Y") if job and job.start_date else "",
                "Có" if person.is_party_member else "Không",
                person.party_joined_on.strftime("%d/%m/%Y") if person.party_joined_on else "",
                person.political_theory.name if person.political_theory else "",
                person.state_management.name if person.state_management else "",
                person.academic_title.name if person.academic_title else "",
                person.expertise,
            ]


def _job(row: Row, person_id: int, unit_id: int) -> dict[str, Any]:
    start = row.values.get("start_date")
    return {
        "person_id": person_id,
        "unit_id": unit_id,
        "position": row.values.get("position") or "",
        "sector": row.values.get("sector") or _PUBLIC,
        "start_date": start[0] if start else None,
        "end_date": None,
    }


def _references(ctx: Context) -> dict[str, Reference]:
    if "references" not in ctx.cache:
        ctx.cache["references"] = {
            "ethnicity": Reference(Ethnicity, ETHNICITY_SYNONYMS),
            "political_theory": Reference(PoliticalTheoryLevel),
            "state_management": Reference(StateManagementLevel),
            "academic_title": Reference(AcademicTitle),
        }
    return ctx.cache["references"]


def _row_fields(row: Row) -> dict[str, Any]:
    """The person fields this row gives (blank cells give nothing)."""
    values = row.values
    fields: dict[str, Any] = {}
    if values.get("birth_date"):
        fields["birth_date"], fields["birth_date_precision"] = values["birth_date"]
    if values.get("party_joined_on"):
        fields["party_joined_on"] = values["party_joined_on"][0]
    for name in ("gender", "hometown", "expertise", "is_party_member"):
        value = values.get(name)
        if value is not None and value != "":
            fields[name] = value
    for name in ("ethnicity_id", "political_theory_id", "state_management_id", "academic_title_id"):
        value = values.get(name)
        if value:
            fields[name] = value
    return fields


def _person_changes(person: Person, row: Row) -> dict[str, Any]:
    changes = {
        name: value for name, value in _row_fields(row).items() if getattr(person, name) != value
    }
    if (
        fold(person.full_name) == fold(row.values["full_name"])
        and person.full_name != row.values["full_name"]
    ):
        pass  # same name written with other tone placement or case: the stored spelling stays
    elif person.full_name != row.values["full_name"]:
        changes["full_name"] = row.values["full_name"]
    if row.values.get("_digest") and person.cccd_digest != row.values["_digest"]:
        changes["cccd"] = row.values["cccd"]
    return changes


def _apply(person: Person, changes: dict[str, Any]) -> None:
    for name, value in changes.items():
        if name == "full_name":
            person_apply_name(person, value, "", "", "")
        elif name == "cccd":
            person.cccd_ciphertext = encrypt_cccd(value)
            from trithuc.people.cccd import cccd_digest

            person.cccd_digest = cccd_digest(value)
            person.cccd_masked = mask_cccd(value)
        else:
            setattr(person, name, value)
    if "full_name" in changes:
        changes.update(
            {
                "family_name": None,
                "middle_name": None,
                "given_name": None,
                "sort_key": None,
                "search_text": None,
            }
        )
    if "expertise" in changes:
        person_apply_expertise(person)
        changes["expertise_text"] = None
    if "cccd" in changes:
        changes.pop("cccd")
        changes.update({"cccd_ciphertext": None, "cccd_digest": None, "cccd_masked": None})


def _new_person(
    row: Row,
    later_rows: list[Row],
    defaults: dict[str, Any],
    names: dict[str, dict[str, Any]],
    now: Any,
) -> dict[str, Any]:
    """The new person's column values: what ``Person(**fields)`` and ``person_apply_name`` would
    give, without building a model instance per row (the import writes them with fastwrite)."""
    fields = _row_fields(row)
    name, digest, number = (
        row.values["full_name"],
        row.values.get("_digest"),
        row.values.get("cccd"),
    )
    for later in later_rows:  # the same person listed again further down: later cells complete it
        fields.update(_row_fields(later))
        if later.values.get("_digest") and not digest:
            digest, number = later.values["_digest"], later.values["cccd"]
    if name not in names:  # names repeat a great deal: each distinct one is worked out once
        names[name] = _name_columns(name)
    values = {**defaults, **fields, **names[name], "created_at": now, "updated_at": now}
    # The folded copy of the expertise that search indexes (people.services.person_apply_expertise).
    values["expertise_text"] = fold_name(values.get("expertise") or "")
    if digest:
        values["cccd_ciphertext"] = encrypt_cccd(number)
        values["cccd_digest"] = digest
        values["cccd_masked"] = mask_cccd(number)
    return values


def _person_defaults() -> dict[str, Any]:
    return {field.attname: field.get_default() for field in Person._meta.concrete_fields}


def _name_columns(full_name: str) -> dict[str, Any]:
    """The name columns ``person_apply_name(person, full_name, "", "", "")`` sets: NFC proper case,
    họ/đệm/tên, ICU sort key, folded search text. The cell was read by ``parse_name``, so it is
    already in NFC proper case with single spaces (proper case of it is itself): what is left is
    the split, the key and the folded text (folded once per name already, for matching)."""
    family, middle, given = split_full_name(full_name)
    return {
        "full_name": full_name,
        "family_name": family,
        "middle_name": middle,
        "given_name": given,
        "sort_key": collation_key(" ".join((given, family, middle))),
        "search_text": fold_name(full_name),
    }


def _merged_values(rows: list[Row]) -> dict[Any, list[Row]]:
    merged: dict[Any, list[Row]] = {}
    for row in rows:
        if row.action == "merged":
            merged.setdefault(row.values["_target"], []).append(row)
    return merged


def _load_people(ids: set[int], *, lock: bool = False) -> dict[int, Person]:
    people = Person.objects.filter(pk__in=ids)
    if lock and transaction.get_connection().in_atomic_block:
        people = people.select_for_update()
    found: dict[int, Person] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), 5000):
        found.update(people.filter(pk__in=ordered[start : start + 5000]).in_bulk())
    return found


def _current_jobs(ids: set[int], unit_id: int) -> dict[int, Employment]:
    jobs: dict[int, Employment] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), 5000):
        for job in Employment.objects.current().filter(
            person_id__in=ordered[start : start + 5000], unit_id=unit_id
        ):
            jobs.setdefault(job.person_id, job)
    return jobs


def _hide_names_out_of_scope(
    uncertain: list[dict[str, Any]], rows: list[Row], ctx: Context
) -> None:
    """A candidate the uploader may not see is described without name (a CCCD or a name must not
    become a way to look people up)."""
    if ctx.actor is None or ctx.actor.is_superuser:
        return
    ids = {c["person_id"] for item in uncertain for c in item["candidates"] if c["person_id"]}
    visible_ids = set(
        restrict(Person.objects.filter(pk__in=ids), ctx.actor, Action.VIEW).values_list(
            "pk", flat=True
        )
    )
    hidden = ids - visible_ids
    if not hidden:
        return
    for item in uncertain:
        for candidate in item["candidates"]:
            if candidate["person_id"] in hidden:
                candidate["label"] = (
                    "một hồ sơ do đơn vị khác quản lý (cùng ngày sinh, họ tên gần giống)"
                )
    by_number = {row.number: row for row in rows}
    for item in uncertain:
        row = by_number[item["row"]]
        for issue in row.errors:
            if issue.column == FULL_NAME.header and issue.text.startswith("có thể là"):
                issue.text = (
                    "có thể là cùng một người với hồ sơ đã có ("
                    + "; ".join(c["label"] for c in item["candidates"])
                    + "); hãy quyết định trên trang xem trước: cùng người hay người khác."
                )


def _refresh_figures(unit_id: int, updated_people: set[int]) -> None:
    from trithuc.programs.computations import STAFF
    from trithuc.programs.services import computed_figures_refresh

    units = {unit_id}
    if updated_people:
        units |= set(
            Employment.objects.filter(person_id__in=updated_people).values_list(
                "unit_id", flat=True
            )
        )
    computed_figures_refresh(source=STAFF, unit_ids=units)
