"""Deterministic demo engagement: an open consultation with comments (one hidden), a closed one
with every comment answered (its synthesis table downloads), ideas (public answered, private
waiting), a held dialogue with answered questions and a commitment that became a program task, a
planned one with questions, member associations with members.

Runs after the demo accounts exist: the actions are made by the demo officers, as the pages would
(services check who may act). Demo intellectuals beside the «trithuc» account get accounts with the
demo password and a consent."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from trithuc.accounts.models import User
from trithuc.accounts.services import user_create
from trithuc.core.dates import today
from trithuc.orgunits import reference as ref
from trithuc.orgunits.models import OrgUnit
from trithuc.people.models import Person
from trithuc.privacy.services import consent_give
from trithuc.programs.models import Program

from . import services
from .choices import CommentKind, CommentResult
from .models import Association, Consultation

DEMO_PASSWORD = "demo-trithuc-45"  # noqa: S105 - the demo accounts' shared password
POLICY = [
    (
        "Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng",
        "Quy định này quy định chính sách thu hút, trọng dụng nhân tài vào cơ quan, đơn vị của "
        "thành phố.\nĐối tượng: người có trình độ tiến sĩ, thạc sĩ, bác sĩ chuyên khoa II; sinh "
        "viên tốt nghiệp xuất sắc.",
    ),
    (
        "Điều 2. Mức hỗ trợ",
        "Tiến sĩ được hỗ trợ một lần 200 triệu đồng.\nThạc sĩ được hỗ trợ một lần 100 triệu đồng.",
    ),
    ("Điều 3. Cam kết công tác", "Người được thu hút cam kết công tác ít nhất 5 năm."),
]


def _intellectuals(count: int) -> list[User]:
    """The «trithuc» demo account and demo experts with accounts made for them, all consenting."""
    users = list(User.objects.filter(username="trithuc"))
    free = Person.objects.filter(user__isnull=True, tags__code="chuyen-gia").order_by("pk")
    for n, person in enumerate(free[: count - len(users)], start=1):
        user = user_create(
            username=f"chuyengia{n}", password=DEMO_PASSWORD, full_name=person.full_name
        )
        person.user = user
        person.save(update_fields=["user"])
        users.append(user)
    for user in users:
        consent_give(user)
    return users


def _consultations(officer: User, office: User, people: list[User], unit: OrgUnit) -> None:
    day = today()
    open_one = services.consultation_create(
        actor=officer,
        unit=unit,
        title="Dự thảo Quy định chính sách thu hút, trọng dụng nhân tài giai đoạn 2026 - 2030",
        summary="Lấy ý kiến đội ngũ trí thức theo Chương trình thực hiện Nghị quyết 45-NQ/TW.",
        opens_on=day - dt.timedelta(days=5),
        closes_on=day + dt.timedelta(days=25),
        sections=POLICY,
    )
    services.consultation_publish(actor=officer, consultation=open_one)
    one, two, _three = open_one.current_version.sections.order_by("order")
    first = services.comment_add(
        actor=people[0],
        consultation=open_one,
        section=one,
        paragraph=2,
        kind=CommentKind.AMENDMENT,
        text="Nên bổ sung người có thành tích nghiên cứu nổi bật dù chưa có học vị.",
        proposed_text="…; người có công trình khoa học được công nhận ở cấp quốc gia.",
    )
    services.comment_add(
        actor=people[1 % len(people)], consultation=open_one, parent=first, text="Tán thành."
    )
    services.comment_add(
        actor=people[-1],
        consultation=open_one,
        kind=CommentKind.CRITIQUE,
        text="Cần đánh giá tác động ngân sách và so sánh với mức hỗ trợ của các tỉnh lân cận.",
        on_behalf_of="Liên hiệp các Hội Khoa học và Kỹ thuật thành phố Cần Thơ",
    )
    spam = services.comment_add(
        actor=people[-1], consultation=open_one, section=two, text="Mời mua bảo hiểm giá rẻ."
    )
    services.comment_hide(actor=office, comment=spam, reason="Quảng cáo, không liên quan")

    closed = services.consultation_create(
        actor=officer,
        unit=unit,
        title="Dự thảo Kế hoạch tổ chức gặp mặt trí thức năm 2026",
        opens_on=day - dt.timedelta(days=2),
        closes_on=day + dt.timedelta(days=2),
        sections=[("Mục I. Mục đích", "Tôn vinh trí thức.\nLắng nghe ý kiến.")],
    )
    services.consultation_publish(actor=officer, consultation=closed)
    section = closed.current_version.sections.get()
    answers = [
        (people[0], "Nên mời cả trí thức trẻ khu vực tư.", CommentResult.ACCEPTED, "Đã bổ sung."),
        (people[-1], "Tổ chức vào tháng 5.", CommentResult.EXPLAINED, "Giữ tháng 10 theo lịch."),
    ]
    comments = [
        services.comment_add(actor=who, consultation=closed, section=section, text=text)
        for who, text, _r, _a in answers
    ]
    Consultation.objects.filter(pk=closed.pk).update(
        opens_on=day - dt.timedelta(days=30), closes_on=day - dt.timedelta(days=10)
    )
    for comment, (_w, _t, result, response) in zip(comments, answers, strict=True):
        comment.refresh_from_db()
        services.comment_answer(actor=officer, comment=comment, result=result, response=response)


def _ideas(office: User, officer: User, people: list[User], unit: OrgUnit) -> None:
    public = services.idea_submit(
        actor=people[0],
        title="Sàn kết nối trí thức với doanh nghiệp",
        text="Lập trang kết nối đặt hàng nghiên cứu giữa doanh nghiệp và trí thức.",
        is_public=True,
    )
    services.idea_assign(actor=office, idea=public, agency=unit)
    services.idea_answer(actor=officer, idea=public, response="Sẽ đưa vào kế hoạch năm 2027.")
    services.idea_submit(
        actor=people[-1],
        title="Chế độ cho chuyên gia nghỉ hưu tham gia tư vấn",
        text="Đề nghị có chế độ thù lao cho chuyên gia đã nghỉ hưu.",
    )


def _dialogues(office: User, people: list[User], unit: OrgUnit, lead: OrgUnit) -> None:
    now = timezone.now()
    held = services.session_create(
        actor=office,
        unit=unit,
        topic="Trí thức với chuyển đổi số và đổi mới sáng tạo",
        leader_name="Bí thư Thành ủy",
        leader_title="Người đứng đầu cấp ủy",
        starts_at=now - dt.timedelta(days=20),
        place="Hội trường Thành ủy",
    )
    for user in people:
        services.session_register(actor=user, session=held)
    asked = services.question_submit(
        actor=people[0], session=held, text="Thành phố có quỹ hỗ trợ khởi nghiệp cho trí thức trẻ?"
    )
    services.question_submit(
        actor=people[-1],
        session=held,
        text="Thủ tục đặt hàng nhiệm vụ khoa học còn lâu.",
        is_anonymous=True,
    )
    services.question_answer(actor=office, question=asked, answer="Sẽ thành lập quỹ trong năm tới.")
    services.session_mark_held(actor=office, session=held, summary="120 trí thức dự, 15 ý kiến.")
    program = Program.objects.filter(code="CTr-45").first()
    if program is not None:
        services.commitment_add(
            actor=office,
            session=held,
            program=program,
            text="Xây dựng đề án Quỹ hỗ trợ khởi nghiệp của trí thức trẻ",
            lead_unit=lead,
            deadline=today() + dt.timedelta(days=180),
            question=asked,
        )
    planned = services.session_create(
        actor=office,
        unit=unit,
        topic="Phát huy vai trò trí thức trong nông nghiệp sinh thái",
        leader_name="Bí thư Thành ủy",
        starts_at=now + dt.timedelta(days=30),
        place="Trường Đại học Cần Thơ",
    )
    services.question_submit(
        actor=people[0], session=planned, text="Cơ chế đặt hàng giống lúa chịu mặn?"
    )


def _associations() -> None:
    union = Association.objects.filter(unit__code="CT.LHH").first()
    if union is None:
        return
    members = [
        services.member_association_create(actor=None, parent=union, name=name)
        for name in ("Hội Y học", "Hội Khoa học Kinh tế", "Hội Tin học")
    ]
    for n, person in enumerate(Person.objects.filter(birth_date__isnull=False).order_by("pk")[:60]):
        association = ([union, *members])[n % 4]
        services.membership_add(actor=None, association=association, person=person)


@transaction.atomic
def demo_engagement_create() -> int:
    """Returns 1 when it made the demo, 0 when there is engagement data already (or no accounts)."""
    office = User.objects.filter(username="vanphong").first()
    officer = User.objects.filter(username="sonoivu").first()
    unit = OrgUnit.objects.filter(code=ref.CT_HOME_AFFAIRS).first()
    organiser = OrgUnit.objects.filter(code=ref.CT_PROPAGANDA).first()
    if Consultation.objects.exists() or None in (office, officer, unit, organiser):
        return 0
    people = _intellectuals(3)
    if not people:
        return 0
    _consultations(officer, office, people, unit)
    _ideas(office, officer, people, unit)
    _dialogues(office, people, organiser, OrgUnit.objects.get(code=ref.CT_SCIENCE))
    _associations()
    return 1
