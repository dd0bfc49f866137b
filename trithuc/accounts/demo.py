"""Demo accounts, one per role, printed by ``trithuc demo``. Never for a production install."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from trithuc.orgunits import reference as ref
from trithuc.orgunits.models import OrgUnit
from trithuc.people.models import Person

from .choices import Role
from .models import User
from .services import user_assign, user_create

DEMO_PASSWORD = "demo-trithuc-45"  # noqa: S105 - printed on purpose for the demo


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: Role
    unit_code: str | None
    is_staff: bool = False


def _demo_commune_code() -> str:
    """A commune of today whose history leads back to Hậu Giang, so its officer sees merged records."""
    from trithuc.orgunits.selectors import orgunit_history_leading_into

    for unit in OrgUnit.objects.filter(code__startswith="CT.X").order_by("code"):
        if any(u.code.startswith("HG.") for u in orgunit_history_leading_into(unit)):
            return unit.code
    return ref.CAN_THO


def demo_accounts() -> list[DemoAccount]:
    return [
        DemoAccount("quantri", "Quản trị hệ thống", Role.ADMINISTRATOR, ref.CAN_THO, is_staff=True),
        DemoAccount("vanphong", "Văn phòng Chương trình", Role.PROGRAM_OFFICE, ref.CAN_THO),
        DemoAccount("lanhdao", "Lãnh đạo Thành ủy", Role.LEADER, ref.CAN_THO),
        DemoAccount("sonoivu", "Cán bộ Sở Nội vụ", Role.AGENCY_OFFICER, ref.CT_HOME_AFFAIRS),
        DemoAccount("canboxa", "Cán bộ xã", Role.UNIT_OFFICER, _demo_commune_code()),
        DemoAccount("phanbien", "Thành viên hội đồng", Role.REVIEWER, ref.CT_SCIENCE),
        DemoAccount("trithuc", "Trí thức", Role.INTELLECTUAL, None),
    ]


@transaction.atomic
def demo_accounts_create() -> list[DemoAccount]:
    accounts = demo_accounts()
    for account in accounts:
        if User.objects.filter(username=account.username).exists():
            continue
        user = user_create(
            username=account.username,
            password=DEMO_PASSWORD,
            full_name=account.full_name,
            is_staff=account.is_staff,
        )
        if account.unit_code:
            user_assign(
                user=user, unit=OrgUnit.objects.get(code=account.unit_code), role=account.role
            )
        if account.role == Role.INTELLECTUAL:
            # The intellectual's own profile: the first demo expert without an account.
            person = (
                Person.objects.filter(user__isnull=True, tags__code="chuyen-gia")
                .order_by("pk")
                .first()
            )
            if person is not None:
                person.user = user
                person.save(update_fields=["user"])
    return accounts
