"""Builders of science records through the services (``actor=None``: the system itself)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from trithuc.accounts.models import User
from trithuc.orgunits.models import OrgUnit
from trithuc.people.models import AcademicTitle, DegreeLevel, Field, Person, Qualification
from trithuc.people.services import person_create
from trithuc.science import services
from trithuc.science.choices import CouncilRole, TaskKind


def person(
    full_name: str,
    unit: OrgUnit | None = None,
    *,
    user: User | None = None,
    fields: list[Field] = (),  # type: ignore[assignment]
    degree: str = "",
    title: str = "",
    expertise: str = "",
) -> Person:
    made = person_create(
        actor=None,
        full_name=full_name,
        gender="male",
        unit=unit,
        expertise=expertise,
        academic_title=AcademicTitle.objects.get(code=title) if title else None,
    )
    if fields:
        made.fields.set(fields)
    if degree:
        Qualification.objects.create(person=made, level=DegreeLevel.objects.get(code=degree))
    if user is not None:
        made.user = user
        made.save(update_fields=["user"])
    return made


def called_task(
    managing_unit: OrgUnit,
    proposing_unit: OrgUnit,
    *,
    title: str = "Nuôi tôm càng xanh trong ruộng lúa",
    field: Field | None = None,
    keywords: str = "tôm càng xanh, thủy sản",
    year: int = 2025,
    deadline: dt.date = dt.date(2025, 4, 30),
):
    need = services.need_propose(
        actor=None,
        proposing_unit=proposing_unit,
        managing_unit=managing_unit,
        kind=TaskKind.TOPIC,
        title=title,
        field=field,
        keywords=keywords,
        year=year,
        proposed_on=dt.date(year - 1, 10, 1),
    )
    ordering = services.ordering_list_approve(
        actor=None,
        managing_unit=managing_unit,
        year=year,
        title=f"Danh mục đặt hàng năm {year}",
        decision_number=f"{year}/QĐ-UBND",
        decision_date=dt.date(year, 1, 15),
        needs=[need],
    )
    services.call_publish(
        actor=None,
        ordering_list=ordering,
        number=f"TB-{year}-{need.pk}",
        published_on=dt.date(year, 2, 1),
        deadline=deadline,
    )
    return ordering.tasks.get()


def apply(task, lead: Person, unit: OrgUnit, *, co_leads=(), members=(), on=None):
    return services.application_submit(
        actor=None,
        task=task,
        lead=lead,
        submitting_unit=unit,
        host_unit=unit,
        host_name=unit.name,
        budget=Decimal("450"),
        submitted_on=on or dt.date(task.year, 3, 1),
        co_leads=co_leads,
        members=members,
    )


def done_task(task, application, *, accepted_on=dt.date(2025, 12, 1), chair: Person):
    """Council (closed without scores needed: the chair declares a conflict), selection, contract,
    acceptance: a task ready for its results to be applied."""
    council = services.council_form(
        actor=None,
        task=task,
        decision_number=f"HĐ-{task.code}",
        formed_on=dt.date(task.year, 5, 2),
        members=[(chair, CouncilRole.CHAIR)],
    )
    seat = council.members.get()
    from trithuc.science.models import ConflictDeclaration

    for each in task.applications.all():
        ConflictDeclaration.objects.create(
            member=seat,
            application=each,
            has_conflict=True,
            reason="x",
            declared_on=dt.date(task.year, 5, 3),
        )
    services.council_close(actor=None, council=council, closed_on=dt.date(task.year, 5, 20))
    services.selection_decide(
        actor=None,
        task=task,
        application=application,
        decision_number=f"CHON-{task.code}",
        decided_on=dt.date(task.year, 6, 1),
    )
    services.contract_sign(
        actor=None,
        task=task,
        number=f"HĐ/{task.code}",
        signed_on=dt.date(task.year, 6, 15),
        start_date=dt.date(task.year, 7, 1),
        end_date=dt.date(task.year, 11, 30),
        amount=Decimal("400"),
    )
    services.acceptance_record(
        actor=None,
        task=task,
        decision_number=f"NT-{task.code}",
        accepted_on=accepted_on,
        rating="passed",
    )
    task.refresh_from_db()
    return task
