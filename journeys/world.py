"""The small world the journeys walk through: the real structure and program 45 from the seed, the
demo accounts, and only the records each journey needs, made through the services (the whole demo
takes too long to load once per test).

Loading the real structure (about a second) rather than the toy province of the root conftest keeps
the pages what officials see: Cần Thơ's units, program 45's indicators and tasks, the demo logins.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from trithuc.accounts.demo import DEMO_PASSWORD, demo_accounts, demo_accounts_create
from trithuc.accounts.models import User
from trithuc.core.dates import today
from trithuc.engagement import services as engagement
from trithuc.engagement.models import Consultation
from trithuc.orgunits import reference as ref
from trithuc.orgunits.models import OrgUnit
from trithuc.orgunits.reference import structure_load
from trithuc.people.models import Person
from trithuc.people.reference import reference_data_load
from trithuc.people.services import person_create
from trithuc.programs.models import Program
from trithuc.programs.program45 import program_45_load
from trithuc.science import services as science
from trithuc.science.choices import CouncilRole
from trithuc.science.models import Application
from trithuc.science.tests import factories as science_factories
from trithuc.tasks.choices import ReportFrequency
from trithuc.tasks.models import ReportObligation, Task, UnitReport
from trithuc.tasks.services import unit_report_save, unit_report_submit, unit_reports_generate
from trithuc.workforce.choices import CourseKind, EnrollmentStatus
from trithuc.workforce.reference import workforce_reference_load
from trithuc.workforce.services import enrollment_create, training_course_create

PASSWORD = DEMO_PASSWORD


@dataclass
class World:
    program: Program
    accounts: dict[str, User]  # by demo username: quantri, vanphong, canboxa, sonoivu, ...
    commune: OrgUnit  # the demo unit officer's commune

    def user(self, username: str) -> User:
        return self.accounts[username]


def world_build() -> World:
    reference_data_load()
    structure_load(progress=None)
    workforce_reference_load()
    program = program_45_load()
    demo_accounts_create()
    accounts = {u.username: u for u in User.objects.filter(username__in=_demo_usernames())}
    commune = accounts["canboxa"].assignments.get().unit
    return World(program=program, accounts=accounts, commune=commune)


def _demo_usernames() -> list[str]:
    return [account.username for account in demo_accounts()]


def unit(code: str) -> OrgUnit:
    return OrgUnit.objects.get(code=code)


# --- What each journey needs ---------------------------------------------------------------------


def advanced_theory_sent(world: World, names: list[str]) -> None:
    """People of the commune sent to advanced political-theory training this year: the dashboard
    counts them under "llct-cao-cap", and the number opens their names."""
    year = today().year
    course = training_course_create(
        actor=None,
        kind=CourseKind.ADVANCED_THEORY,
        name=f"Lớp cao cấp lý luận chính trị khóa {year}",
        start_date=dt.date(year, 3, 1),
        institution="Trường Chính trị thành phố Cần Thơ",
    )
    for full_name in names:
        person = person_create(actor=None, full_name=full_name, gender="male", unit=world.commune)
        enrollment_create(
            actor=None,
            person=person,
            course=course,
            sending_unit=world.commune,
            status=EnrollmentStatus.STUDYING,
        )


def report_submitted(world: World, *, summary: str) -> UnitReport:
    """Sở Nội vụ reports yearly on program 45; its report of last year is submitted for review."""
    department = unit(ref.CT_HOME_AFFAIRS)
    ReportObligation.objects.create(
        program=world.program, unit=department, frequency=ReportFrequency.YEARLY
    )
    unit_reports_generate(program=world.program, up_to=today())
    report = UnitReport.objects.get(unit=department, year=today().year - 1)
    officer = world.user("sonoivu")
    unit_report_save(
        actor=officer,
        report=report,
        version=report.version,
        summary=summary,
        figures={},
        task_notes={},
    )
    return unit_report_submit(actor=officer, report=UnitReport.objects.get(pk=report.pk))


def task_led_by_home_affairs(world: World) -> Task:
    """Task II.2.7 (appointments on merit) with Sở Nội vụ of Cần Thơ as its lead: program 45's text
    names no lead for it, and the program office assigns leads in the admin."""
    task = Task.objects.get(program=world.program, order=7)
    task.lead_units.add(unit(ref.CT_HOME_AFFAIRS))
    return task


def intellectual_profile(world: World, full_name: str) -> Person:
    """The demo intellectual's own profile, as an officer of the commune filed it."""
    person = person_create(
        actor=None,
        full_name=full_name,
        gender="female",
        birth_date=dt.date(1988, 9, 2),
        unit=world.commune,
        expertise="Nuôi trồng thủy sản",
    )
    person.user = world.user("trithuc")
    person.save(update_fields=["user"])
    return person


def application_to_review(world: World) -> Application:
    """A science task of Sở KH&CN past its call, one application, and a council on which the demo
    reviewer (with a profile linked to the account) sits as a member. Last year's, so that every
    date of the lifecycle lies in the past whatever day the suite runs."""
    year = today().year - 1
    science_unit = unit(ref.CT_SCIENCE)
    task = science_factories.called_task(
        science_unit,
        world.commune,
        title="Nuôi tôm càng xanh luân canh trong ruộng lúa",
        year=year,
        deadline=dt.date(year, 4, 30),
    )
    lead = science_factories.person("Nguyễn Thị Thủy", world.commune)
    application = science_factories.apply(task, lead, world.commune)
    chair = science_factories.person("Trần Văn Hội", science_unit)
    reviewer = science_factories.person("Phạm Minh Khoa", science_unit, user=world.user("phanbien"))
    science.council_form(
        actor=None,
        task=task,
        decision_number=f"{year}/QĐ-SKHCN",
        formed_on=dt.date(year, 5, 2),
        members=[(chair, CouncilRole.CHAIR), (reviewer, CouncilRole.REVIEWER)],
    )
    return application


def consultation_open(world: World, *, title: str, sections: list[tuple[str, str]]) -> Consultation:
    """A draft of Sở Nội vụ, open for comments by every intellectual from a week ago to three weeks
    ahead, created and published by the demo agency officer of that department."""
    officer = world.user("sonoivu")
    day = today()
    consultation = engagement.consultation_create(
        actor=officer,
        unit=unit(ref.CT_HOME_AFFAIRS),
        title=title,
        summary="Lấy ý kiến đội ngũ trí thức theo Chương trình thực hiện Nghị quyết 45-NQ/TW.",
        opens_on=day - dt.timedelta(days=7),
        closes_on=day + dt.timedelta(days=21),
        sections=sections,
    )
    return engagement.consultation_publish(actor=officer, consultation=consultation)
