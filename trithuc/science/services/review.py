"""Applications, the council, declarations, scores, and the selection decision."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from trithuc.accounts.models import User
from trithuc.orgunits.models import OrgUnit
from trithuc.people.models import Person

from ..access import (
    check_may_run,
    council_of,
    may_file_application,
    membership,
    score_refusal,
)
from ..choices import DEFAULT_CRITERIA, ApplicationStatus, CouncilRole, TaskStatus, TeamRole
from ..models import (
    Application,
    ConflictDeclaration,
    Council,
    CouncilMember,
    Criterion,
    DeclaredRelative,
    ScienceTask,
    Score,
    TeamMember,
)
from ._common import move, require_status, save


@transaction.atomic
def application_submit(
    *,
    actor: User | None,
    task: ScienceTask,
    lead: Person,
    submitting_unit: OrgUnit,
    host_name: str,
    budget: Decimal,
    submitted_on: dt.date,
    host_unit: OrgUnit | None = None,
    co_leads: Iterable[Person] = (),
    members: Iterable[Person] = (),
    summary: str = "",
) -> Application:
    if actor is not None and not may_file_application(actor, submitting_unit.pk, lead):
        raise PermissionDenied(
            "Chỉ cán bộ của đơn vị nộp hồ sơ, cơ quan quản lý nhiệm vụ, hoặc chính người chủ "
            "nhiệm mới được nộp hồ sơ đăng ký."
        )
    require_status(task, TaskStatus.CALLED, what="nộp hồ sơ đăng ký chủ trì")
    if task.call and submitted_on > task.call.deadline:
        raise ValidationError(
            f"Đã quá hạn nộp hồ sơ ({task.call.deadline:%d/%m/%Y}) của thông báo {task.call.number}."
        )
    team = [(lead, TeamRole.LEAD)]
    team += [(p, TeamRole.CO_LEAD) for p in co_leads]
    team += [(p, TeamRole.MEMBER) for p in members]
    people = [p.pk for p, _ in team]
    if len(set(people)) != len(people):
        raise ValidationError("Một người chỉ giữ một vai trò trong nhóm thực hiện.")
    application = Application(
        task=task,
        lead=lead,
        submitting_unit=submitting_unit,
        host_unit=host_unit,
        host_name=host_name or (host_unit.name if host_unit else ""),
        budget=budget,
        summary=summary,
        submitted_on=submitted_on,
    )
    save(application, actor)
    TeamMember.objects.bulk_create(
        [TeamMember(application=application, person=p, role=r) for p, r in team]
    )
    return application


@transaction.atomic
def council_form(
    *,
    actor: User | None,
    task: ScienceTask,
    decision_number: str,
    formed_on: dt.date,
    members: Iterable[tuple[Person, str]],
    criteria: Iterable[tuple[str, int]] | None = None,
) -> Council:
    """Form the council for a task whose call has closed; ``members`` are (person, role) and each
    member signs in with the account linked to their profile (``Person.user``)."""
    check_may_run(actor, task.managing_unit_id, "thành lập hội đồng")
    require_status(task, TaskStatus.CALLED, what="thành lập hội đồng")
    applications = task.applications.filter(status=ApplicationStatus.SUBMITTED)
    if not applications.exists():
        raise ValidationError(f"Nhiệm vụ {task.code} chưa có hồ sơ đăng ký nào để đánh giá.")
    seats = list(members)
    if sum(1 for _, role in seats if role == CouncilRole.CHAIR) != 1:
        raise ValidationError("Hội đồng cần đúng một chủ tịch.")
    if len({p.pk for p, _ in seats}) != len(seats):
        raise ValidationError("Một người chỉ giữ một ghế trong hội đồng.")
    on_teams = set(
        TeamMember.objects.filter(application__in=applications).values_list("person", flat=True)
    )
    clash = [str(p) for p, _ in seats if p.pk in on_teams]
    if clash:
        raise ValidationError(
            "Người tham gia hồ sơ đăng ký không được là thành viên hội đồng: " + ", ".join(clash)
        )
    council = Council(task=task, decision_number=decision_number, formed_on=formed_on)
    save(council, actor)
    CouncilMember.objects.bulk_create(
        [CouncilMember(council=council, person=p, user=p.user, role=r) for p, r in seats]
    )
    Criterion.objects.bulk_create(
        [
            Criterion(council=council, name=name, max_score=top, order=i)
            for i, (name, top) in enumerate(criteria or DEFAULT_CRITERIA, start=1)
        ]
    )
    move(task, TaskStatus.REVIEWING, actor)
    return council


def _seat_of(actor: User | None, application: Application) -> CouncilMember:
    seat = membership(actor, council_of(application))
    if seat is None:
        raise PermissionDenied("Bạn không phải thành viên hội đồng đánh giá hồ sơ này.")
    return seat


@transaction.atomic
def conflict_declare(
    *,
    actor: User,
    application: Application,
    has_conflict: bool,
    declared_on: dt.date,
    reason: str = "",
) -> ConflictDeclaration:
    """A member's signed declaration on one application; made once, by the member themselves."""
    seat = _seat_of(actor, application)
    if seat.council.is_closed:
        raise ValidationError("Hội đồng đã kết thúc phiên đánh giá.")
    if ConflictDeclaration.objects.filter(member=seat, application=application).exists():
        raise ValidationError("Bạn đã khai báo với hồ sơ này; bản khai không sửa được.")
    if has_conflict and not reason.strip():
        raise ValidationError({"reason": "Cần nêu nội dung xung đột lợi ích."})
    declaration = ConflictDeclaration(
        member=seat,
        application=application,
        has_conflict=has_conflict,
        reason=reason,
        declared_on=declared_on,
    )
    save(declaration, actor)
    return declaration


@transaction.atomic
def score_record(
    *,
    actor: User,
    application: Application,
    criterion: Criterion,
    value: Decimal,
    comment: str = "",
) -> Score:
    refusal = score_refusal(actor, application)
    if refusal:
        raise PermissionDenied(refusal)
    seat = _seat_of(actor, application)
    if criterion.council_id != seat.council_id:
        raise ValidationError("Tiêu chí không thuộc hội đồng này.")
    if not Decimal(0) <= value <= criterion.max_score:
        raise ValidationError(
            {"value": f"Điểm của tiêu chí «{criterion.name}» từ 0 đến {criterion.max_score}."}
        )
    score = Score.objects.filter(member=seat, application=application, criterion=criterion).first()
    score = score or Score(member=seat, application=application, criterion=criterion)
    score.value = value
    score.comment = comment
    save(score, actor)
    return score


def council_missing(council: Council) -> list[str]:
    """What is still missing before the council can close: declarations and scores."""
    missing: list[str] = []
    applications = list(council.task.applications.filter(status=ApplicationStatus.SUBMITTED))
    criteria = council.criteria.count()
    declared = {
        (d.member_id, d.application_id): d.has_conflict
        for d in ConflictDeclaration.objects.filter(member__council=council)
    }
    scored: dict[tuple[int, int], int] = {}
    for member_id, application_id in Score.objects.filter(member__council=council).values_list(
        "member", "application"
    ):
        scored[(member_id, application_id)] = scored.get((member_id, application_id), 0) + 1
    for seat in council.members.select_related("person"):
        for application in applications:
            key = (seat.pk, application.pk)
            if key not in declared:
                missing.append(f"{seat.person} chưa khai báo xung đột lợi ích với «{application}».")
            elif not declared[key] and scored.get(key, 0) < criteria:
                missing.append(f"{seat.person} chưa chấm đủ các tiêu chí cho «{application}».")
    return missing


@transaction.atomic
def council_close(
    *, actor: User | None, council: Council, closed_on: dt.date, conclusion: str = ""
) -> Council:
    """End the council's session: scores are final and become visible to every member."""
    check_may_run(actor, council.task.managing_unit_id, "kết thúc phiên họp hội đồng")
    if council.is_closed:
        raise ValidationError("Hội đồng đã kết thúc phiên đánh giá.")
    missing = council_missing(council)
    if missing:
        raise ValidationError(["Chưa kết thúc được phiên đánh giá:", *missing])
    council.closed_on = closed_on
    council.conclusion = conclusion
    save(council, actor)
    return council


@transaction.atomic
def selection_decide(
    *,
    actor: User | None,
    task: ScienceTask,
    application: Application,
    decision_number: str,
    decided_on: dt.date,
) -> ScienceTask:
    """The decision naming the host and lead: the chosen application is selected, the others not."""
    check_may_run(actor, task.managing_unit_id, "quyết định phê duyệt tổ chức, cá nhân chủ trì")
    council = Council.objects.filter(task=task).first()
    if council is None or not council.is_closed:
        raise ValidationError("Chỉ quyết định chọn chủ trì sau khi hội đồng kết thúc đánh giá.")
    if application.task_id != task.pk or application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError("Hồ sơ được chọn phải là hồ sơ đã nộp của nhiệm vụ này.")
    move(task, TaskStatus.SELECTED, actor)
    task.selection_decision = decision_number
    task.selection_date = decided_on
    save(task, actor)
    for other in task.applications.exclude(status=ApplicationStatus.WITHDRAWN):
        other.status = (
            ApplicationStatus.SELECTED
            if other.pk == application.pk
            else ApplicationStatus.NOT_SELECTED
        )
        save(other, actor)
    return task


@transaction.atomic
def relative_declare(
    *, actor: User | None, person: Person, relative: Person, relation: str
) -> DeclaredRelative:
    """A declared family tie, kept both ways for conflict checks. Declared by the person
    themselves or by an officer who may change their record."""
    from trithuc.accounts.scoping import Action, can

    if actor is not None and person.user_id != actor.pk and not can(actor, Action.CHANGE, person):
        raise PermissionDenied("Bạn không được khai báo người thân cho hồ sơ này.")
    if person.pk == relative.pk:
        raise ValidationError("Không khai báo một người là người thân của chính mình.")
    row, _ = DeclaredRelative.objects.get_or_create(
        person=person, relative=relative, defaults={"relation": relation}
    )
    return row
