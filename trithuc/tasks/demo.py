"""Demo reporting: every agency of today reports yearly on program 45, so the report pages and the
dashboard's reported indicators have something to show."""

from __future__ import annotations

from django.db import transaction

from trithuc.core.dates import today
from trithuc.orgunits.choices import OrgUnitKind
from trithuc.orgunits.models import OrgUnit
from trithuc.programs.models import Program

from .choices import ReportFrequency
from .models import ReportObligation
from .services import unit_reports_generate

REPORTING_KINDS = [
    OrgUnitKind.PARTY_COMMISSION,
    OrgUnitKind.DEPARTMENT,
    OrgUnitKind.FRONT,
    OrgUnitKind.ASSOCIATION,
]


@transaction.atomic
def demo_reports_create(program: Program) -> int:
    if ReportObligation.objects.filter(program=program).exists():
        return 0
    units = OrgUnit.objects.filter(code__startswith="CT.", kind__in=REPORTING_KINDS)
    ReportObligation.objects.bulk_create(
        [
            ReportObligation(program=program, unit=unit, frequency=ReportFrequency.YEARLY)
            for unit in units
        ]
    )
    return unit_reports_generate(program=program, up_to=today())
