"""Deterministic demo science records: four needs (two ordered, one turned down, one waiting), one
ordering list, one call, two applications, and one task taken through its council, contract and
acceptance to a result applied in 2025, so the dashboard's «de-tai-ap-dung» has a figure. The
cooperation programmes come with the workforce demo (``workforce/demo.py``).

Everything goes through the services as the system (``actor=None``), except the council's
declarations and scores: demo council members have no accounts to sign them with."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from trithuc.orgunits.models import OrgUnit
from trithuc.people.models import Employment

from . import services
from .choices import CouncilRole, TaskKind
from .models import ConflictDeclaration, ScienceTask, Score

MANAGING_CODES = ["HG.SKHCN", "CT.SKHCN"]  # the 2025 list was approved under Hậu Giang
NEEDS = [
    (TaskKind.TOPIC, "Nuôi tôm càng xanh xen canh trong ruộng lúa", "tôm càng xanh, lúa", 2025),
    (TaskKind.PROJECT, "Ứng dụng chuyển đổi số trong quản lý hồ sơ cấp xã", "chuyển đổi số", 2025),
    (TaskKind.TOPIC, "Khảo sát nhu cầu nhà ở xã hội cho công nhân", "nhà ở xã hội", 2025),
    (
        TaskKind.SCHEME,
        "Phát triển vùng khóm Cầu Đúc theo chuỗi giá trị",
        "khóm, chuỗi giá trị",
        2026,
    ),
]


def _people(day: dt.date, count: int) -> list[tuple[int, int]]:
    """(person, unit) of the first ``count`` distinct people at work on ``day``, by job id."""
    jobs = (
        Employment.objects.current()
        .exclude(start_date__gt=day)
        .order_by("pk")
        .values_list("person_id", "unit_id")
    )
    chosen: dict[int, int] = {}
    for person_id, unit_id in jobs.iterator():
        chosen.setdefault(person_id, unit_id)
        if len(chosen) == count:
            break
    return list(chosen.items())


@transaction.atomic
def demo_science_create() -> int:
    """The demo science records; returns how many tasks it made (0 when there are some already)."""
    managing = OrgUnit.objects.filter(code__in=MANAGING_CODES).order_by("code").first()
    picked = _people(dt.date(2025, 1, 1), 4)
    if ScienceTask.objects.exists() or managing is None or len(picked) < 4:
        return 0
    from trithuc.people.models import Person

    people = Person.objects.in_bulk([p for p, _ in picked])
    (lead, lead_unit), (rival, rival_unit), (chair, _), (member, _) = [
        (people[p], OrgUnit.objects.get(pk=u)) for p, u in picked
    ]
    needs = [
        services.need_propose(
            actor=None,
            proposing_unit=lead_unit if n % 2 == 0 else rival_unit,
            managing_unit=managing,
            kind=kind,
            title=title,
            keywords=keywords,
            year=year,
            proposed_on=dt.date(year - 1, 10, 1 + n),
        )
        for n, (kind, title, keywords, year) in enumerate(NEEDS)
    ]
    services.need_reject(
        actor=None, need=needs[2], reason="Trùng với nhiệm vụ cấp bộ đang thực hiện."
    )
    ordering = services.ordering_list_approve(
        actor=None,
        managing_unit=managing,
        year=2025,
        title="Danh mục nhiệm vụ khoa học và công nghệ đặt hàng năm 2025",
        decision_number="25/QĐ-UBND",
        decision_date=dt.date(2025, 1, 15),
        needs=needs[:2],
    )
    task = ordering.tasks.order_by("code").first()
    services.call_publish(
        actor=None,
        ordering_list=ordering,
        number="01/TB-SKHCN",
        published_on=dt.date(2025, 2, 1),
        deadline=dt.date(2025, 3, 31),
        channel="Cổng thông tin điện tử của tỉnh",
        tasks=[task],
    )
    chosen = _apply(task, lead, lead_unit, Decimal("450"))
    _apply(task, rival, rival_unit, Decimal("520"))
    _review(task, chair, member, chosen)
    services.selection_decide(
        actor=None,
        task=task,
        application=chosen,
        decision_number="60/QĐ-SKHCN",
        decided_on=dt.date(2025, 4, 25),
    )
    _carry_out(task)
    services.result_application_record(
        actor=None,
        task=task,
        place=f"Hợp tác xã nông nghiệp ở {lead_unit.name}",
        applying_unit=lead_unit,
        applied_by="Hợp tác xã nông nghiệp",
        since=dt.date(2025, 12, 15),
        change="Năng suất tôm tăng khoảng 20%, giảm chi phí thức ăn.",
        evidence="Giấy xác nhận áp dụng số 12/XN-HTX",
    )
    return ordering.tasks.count()


def _apply(task, lead, unit, budget):
    return services.application_submit(
        actor=None,
        task=task,
        lead=lead,
        submitting_unit=unit,
        host_unit=unit,
        host_name=unit.name,
        budget=budget,
        submitted_on=dt.date(2025, 3, 20),
    )


def _review(task, chair, member, chosen) -> None:
    council = services.council_form(
        actor=None,
        task=task,
        decision_number="45/QĐ-SKHCN",
        formed_on=dt.date(2025, 4, 5),
        members=[(chair, CouncilRole.CHAIR), (member, CouncilRole.REVIEWER)],
    )
    criteria = list(council.criteria.all())
    for seat in council.members.all():
        for application in task.applications.all():
            ConflictDeclaration.objects.create(
                member=seat,
                application=application,
                has_conflict=False,
                declared_on=dt.date(2025, 4, 10),
            )
            share = Decimal("0.9") if application.pk == chosen.pk else Decimal("0.7")
            Score.objects.bulk_create(
                Score(member=seat, application=application, criterion=c, value=c.max_score * share)
                for c in criteria
            )
    services.council_close(
        actor=None,
        council=council,
        closed_on=dt.date(2025, 4, 18),
        conclusion="Đề nghị giao hồ sơ có điểm trung bình cao nhất chủ trì.",
    )


def _carry_out(task) -> None:
    services.contract_sign(
        actor=None,
        task=task,
        number="07/HĐ-SKHCN",
        signed_on=dt.date(2025, 5, 5),
        start_date=dt.date(2025, 5, 15),
        end_date=dt.date(2025, 11, 15),
        amount=Decimal("430"),
    )
    milestone = services.milestone_add(
        actor=None,
        task=task,
        title="Báo cáo kết quả vụ nuôi thứ nhất",
        due_date=dt.date(2025, 8, 31),
    )
    services.milestone_report(
        actor=None,
        milestone=milestone,
        reported_on=dt.date(2025, 8, 28),
        report="Đã thả nuôi trên 3 ha ruộng lúa; tỷ lệ sống đạt 65%.",
    )
    services.acceptance_record(
        actor=None,
        task=task,
        decision_number="120/QĐ-SKHCN",
        accepted_on=dt.date(2025, 11, 28),
        rating="passed",
        notes="Quy trình nuôi và sổ tay hướng dẫn cho nông dân.",
    )
