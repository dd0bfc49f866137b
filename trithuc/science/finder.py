"""Expert finder: people of the registry ranked by fit for a science task, with their review load
and conflicts of interest, each component and each flag explained in Vietnamese.

Fit (points): field (same level-2 field 30, same group 15), highest degree (up to 15), academic
title (GS 10, PGS 7), past tasks and their acceptance ratings (up to 20), keywords of the task
found in the person's expertise and past tasks (up to 25, rapidfuzz on folded text, so "thủy
sản", "THUỶ SẢN" and "thuy san" match alike). Load: minus 5 for each council seat still open.

Conflicts with the task's applications: on an applying team (excluded from the council, always
listed last), same host organisation, co-worker of an applicant on a task of the last three
years, declared relative of an applicant.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from rapidfuzz import fuzz

from trithuc.core.dates import today
from trithuc.core.text import fold
from trithuc.people.models import Field, Person

from .choices import LEADING_ROLES, AcceptanceRating, ApplicationStatus, TeamRole
from .models import Application, CouncilMember, DeclaredRelative, ScienceTask, TeamMember

FIELD_EXACT, FIELD_GROUP = 30, 15
DEGREE_POINTS = {"tskh": 15, "tien-si": 12, "ck2": 10, "thac-si": 6, "ck1": 6, "dai-hoc": 2}
TITLE_POINTS = {"gs": 10, "pgs": 7}
RATING_POINTS = {
    AcceptanceRating.EXCELLENT: 6,
    AcceptanceRating.PASSED: 4,
    AcceptanceRating.FAILED: -3,
}
PAST_TASKS_CAP = 20
KEYWORDS_MAX = 25
KEYWORD_MATCH = 85  # rapidfuzz partial_ratio at which a keyword counts as found
LOAD_PENALTY = 5
CO_WORK_YEARS = 3


class ConflictKind:
    TEAM = "team"
    SAME_HOST = "same_host"
    CO_WORKER = "co_worker"
    RELATIVE = "relative"


@dataclass
class Component:
    label: str
    points: float
    detail: str


@dataclass
class Flag:
    kind: str
    detail: str
    excludes: bool = False


@dataclass
class Candidate:
    person: Person
    components: list[Component] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    open_seats: int = 0

    @property
    def score(self) -> float:
        return round(sum(c.points for c in self.components), 1)

    @property
    def excluded(self) -> bool:
        return any(f.excludes for f in self.flags)


def keywords_of(text: str) -> list[str]:
    """The keywords of a task, folded: separated by commas, semicolons or new lines."""
    return [k for k in (fold(part) for part in re.split(r"[,;\n]+", text or "")) if k]


def expert_find(
    *,
    people: QuerySet[Person],
    task: ScienceTask | None = None,
    field_: Field | None = None,
    keywords: str = "",
    on: dt.date | None = None,
    exclude_conflicts: bool = False,
    limit: int = 50,
) -> list[Candidate]:
    """Rank ``people`` (already scoped to the reader) for ``task`` (its field and keywords, and its
    applications for the conflicts), or for a field and keywords alone."""
    day = on or today()
    field_ = field_ or (task.field if task else None)
    wanted = keywords_of(keywords or (task.keywords if task else ""))
    pool = _pool(people, field_, wanted)
    ids = [p.pk for p in pool]
    history = _past_work(ids)
    seats = _open_seats(ids)
    conflicts = _conflicts(task, ids, day) if task else {}
    candidates = []
    for person in pool:
        candidate = Candidate(person=person, open_seats=seats.get(person.pk, 0))
        candidate.components = [
            c
            for c in (
                _field_fit(person, field_),
                _degree_fit(person),
                _title_fit(person),
                _past_tasks_fit(history.get(person.pk, [])),
                _keywords_fit(person, history.get(person.pk, []), wanted),
                _load(candidate.open_seats),
            )
            if c is not None
        ]
        candidate.flags = conflicts.get(person.pk, [])
        if exclude_conflicts and candidate.flags:
            continue
        candidates.append(candidate)
    candidates.sort(key=lambda c: (c.excluded, -c.score, c.open_seats, c.person.sort_key))
    return candidates[:limit]


def _pool(people: QuerySet[Person], field_: Field | None, wanted: list[str]) -> list[Person]:
    """People with something to rank: a field, a degree above bachelor, a title, expertise or
    a past task. Reading them with everything the ranking needs, in a fixed number of queries."""
    has_something = (
        Q(fields__isnull=False)
        | Q(academic_title__isnull=False)
        | Q(qualifications__level__code__in=[c for c, p in DEGREE_POINTS.items() if p > 2])
        | ~Q(expertise="")
        | Q(pk__in=TeamMember.objects.values("person"))
    )
    ids = people.filter(has_something).values("pk").distinct()
    return list(
        Person.objects.filter(pk__in=ids)
        .select_related("academic_title")
        .prefetch_related("fields", "qualifications__level")
        .order_by("sort_key", "pk")
    )


@dataclass
class _Work:
    task: ScienceTask
    role: str
    rating: str


def _past_work(ids: list[int]) -> dict[int, list[_Work]]:
    """Each person's places on selected applications, with the task's acceptance rating."""
    rows = TeamMember.objects.filter(
        person_id__in=ids, application__status=ApplicationStatus.SELECTED
    ).select_related("application__task__acceptance")
    found: dict[int, list[_Work]] = {}
    for row in rows:
        task = row.application.task
        acceptance = getattr(task, "acceptance", None)
        rating = acceptance.rating if acceptance else ""
        found.setdefault(row.person_id, []).append(_Work(task, row.role, rating))
    return found


def _open_seats(ids: list[int]) -> dict[int, int]:
    seats: dict[int, int] = {}
    for person_id in CouncilMember.objects.filter(
        person_id__in=ids, council__closed_on__isnull=True
    ).values_list("person_id", flat=True):
        seats[person_id] = seats.get(person_id, 0) + 1
    return seats


def _field_fit(person: Person, field_: Field | None) -> Component | None:
    if field_ is None:
        return None
    fields = list(person.fields.all())
    if any(f.pk == field_.pk for f in fields):
        return Component("Lĩnh vực", FIELD_EXACT, f"Đúng lĩnh vực «{field_.name}» của nhiệm vụ.")
    group = field_.parent_id or field_.pk
    same = [f for f in fields if (f.parent_id or f.pk) == group]
    if same:
        return Component(
            "Lĩnh vực",
            FIELD_GROUP,
            f"Lĩnh vực «{same[0].name}» cùng nhóm với lĩnh vực «{field_.name}» của nhiệm vụ.",
        )
    return Component("Lĩnh vực", 0, "Không có lĩnh vực trùng hoặc cùng nhóm với nhiệm vụ.")


def _degree_fit(person: Person) -> Component | None:
    levels = [q.level for q in person.qualifications.all()]
    best = max(levels, key=lambda lv: DEGREE_POINTS.get(lv.code, 0), default=None)
    if best is None or DEGREE_POINTS.get(best.code, 0) == 0:
        return None
    return Component("Trình độ", DEGREE_POINTS[best.code], f"Trình độ cao nhất: {best.name}.")


def _title_fit(person: Person) -> Component | None:
    title = person.academic_title
    if title is None or title.code not in TITLE_POINTS:
        return None
    return Component("Học hàm", TITLE_POINTS[title.code], f"Học hàm {title.name}.")


def _past_tasks_fit(work: list[_Work]) -> Component | None:
    if not work:
        return None
    points, parts = 0.0, []
    for item in work:
        gained = RATING_POINTS.get(item.rating, 1)
        gained = gained if item.role in LEADING_ROLES else gained / 2
        points += gained
        rating = AcceptanceRating(item.rating).label if item.rating else "chưa nghiệm thu"
        parts.append(f"{TeamRole(item.role).label} {item.task.code} ({rating})")
    points = min(points, PAST_TASKS_CAP)
    return Component("Nhiệm vụ đã thực hiện", points, "; ".join(parts) + ".")


def _keywords_fit(person: Person, work: list[_Work], wanted: list[str]) -> Component | None:
    if not wanted:
        return None
    corpus = fold(
        " ".join([person.expertise, *(f"{w.task.title} {w.task.keywords}" for w in work)])
    )
    found = [k for k in wanted if corpus and fuzz.partial_ratio(k, corpus) >= KEYWORD_MATCH]
    points = round(KEYWORDS_MAX * len(found) / len(wanted), 1)
    if found:
        detail = f"Khớp {len(found)}/{len(wanted)} từ khóa: {', '.join(found)}."
    else:
        detail = f"Không khớp từ khóa nào trong {len(wanted)} từ khóa của nhiệm vụ."
    return Component("Từ khóa chuyên môn", points, detail)


def _load(seats: int) -> Component | None:
    if not seats:
        return None
    return Component(
        "Đang bận hội đồng",
        -LOAD_PENALTY * seats,
        f"Đang là thành viên {seats} hội đồng chưa kết thúc.",
    )


def _conflicts(task: ScienceTask, ids: list[int], day: dt.date) -> dict[int, list[Flag]]:
    """Flags of each person against the task's applications (submitted or decided)."""
    applications = list(
        task.applications.exclude(status=ApplicationStatus.WITHDRAWN).prefetch_related(
            "team__person"
        )
    )
    flags: dict[int, list[Flag]] = {}

    def add(person_id: int, flag: Flag) -> None:
        flags.setdefault(person_id, []).append(flag)

    applicants: dict[int, tuple[Person, Application]] = {}
    for application in applications:
        for member in application.team.all():
            applicants[member.person_id] = (member.person, application)
            if member.person_id in ids:
                add(
                    member.person_id,
                    Flag(
                        ConflictKind.TEAM,
                        f"Là {member.get_role_display().lower()} của hồ sơ «{application.host_name}».",
                        excludes=True,
                    ),
                )
    _same_host(applications, ids, day, add)
    _co_workers(task, applicants, ids, day, add)
    for row in DeclaredRelative.objects.filter(
        Q(person_id__in=ids, relative_id__in=applicants)
        | Q(relative_id__in=ids, person_id__in=applicants)
    ):
        mine, theirs = (
            (row.person_id, row.relative_id)
            if row.person_id in ids and row.relative_id in applicants
            else (row.relative_id, row.person_id)
        )
        person, application = applicants[theirs]
        add(
            mine,
            Flag(
                ConflictKind.RELATIVE,
                f"Người thân đã khai báo ({row.relation}) của {person.full_name}, "
                f"thuộc hồ sơ «{application.host_name}».",
            ),
        )
    return flags


def _same_host(applications, ids, day, add) -> None:
    from trithuc.people.models import Employment

    jobs = (
        Employment.objects.filter(person_id__in=ids)
        .exclude(start_date__gt=day)
        .exclude(end_date__lte=day)
        .select_related("unit")
    )
    for job in jobs:
        for application in applications:
            same_unit = (
                application.host_unit_id is not None and job.unit_id == application.host_unit_id
            )
            if same_unit or fold(job.unit.name) == fold(application.host_name):
                add(
                    job.person_id,
                    Flag(
                        ConflictKind.SAME_HOST,
                        f"Đang công tác tại {job.unit.name}, cùng cơ quan với tổ chức chủ trì "
                        f"của hồ sơ «{application.host_name}».",
                    ),
                )


def _co_workers(task, applicants, ids, day, add) -> None:
    since = (
        day.replace(year=day.year - CO_WORK_YEARS)
        if day.month != 2 or day.day != 29
        else (dt.date(day.year - CO_WORK_YEARS, 2, 28))
    )
    recent = TeamMember.objects.filter(
        application__status=ApplicationStatus.SELECTED,
        application__submitted_on__gte=since,
    ).exclude(application__task=task)
    teams: dict[int, list[TeamMember]] = {}
    for row in recent.filter(
        application__in=recent.filter(person_id__in=applicants).values("application")
    ).select_related("application__task"):
        teams.setdefault(row.application_id, []).append(row)
    for rows in teams.values():
        people = {r.person_id for r in rows}
        for row in rows:
            if row.person_id not in ids or row.person_id in applicants:
                continue
            for other in sorted(people & set(applicants)):
                person, application = applicants[other]
                task_done = row.application.task
                add(
                    row.person_id,
                    Flag(
                        ConflictKind.CO_WORKER,
                        f"Cùng thực hiện nhiệm vụ {task_done.code} "
                        f"({row.application.submitted_on.year}) với {person.full_name}, "
                        f"thuộc hồ sơ «{application.host_name}».",
                    ),
                )
