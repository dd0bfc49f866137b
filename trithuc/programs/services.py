"""State changes of programs: keeping the indicator figures (the dashboard's aggregate) current."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum

from trithuc.orgunits.models import OrgUnit

from .choices import IndicatorSource
from .models import Indicator, IndicatorFigure, Program


@transaction.atomic
def reported_figures_refresh(*, program: Program, unit: OrgUnit, year: int) -> None:
    """A unit's figures for the reported indicators of ``year``: the sum over its approved reports
    of that year (a unit reporting each quarter adds up to its year). Only approved figures count."""
    from trithuc.tasks.choices import ReportStatus
    from trithuc.tasks.models import UnitReportFigure

    sums = dict(
        UnitReportFigure.objects.filter(
            report__program=program,
            report__unit=unit,
            report__year=year,
            report__status=ReportStatus.APPROVED,
            indicator__source=IndicatorSource.REPORTED,
        )
        .values("indicator")
        .annotate(total=Sum("value"))
        .values_list("indicator", "total")
    )
    reported = Indicator.objects.filter(program=program, source=IndicatorSource.REPORTED)
    for indicator_id in reported.values_list("pk", flat=True):
        _figure_set(indicator_id, unit.pk, year, sums.get(indicator_id))


def _figure_set(indicator_id: int, unit_id: int, year: int, value: Decimal | None) -> None:
    if value is None:
        IndicatorFigure.objects.filter(indicator_id=indicator_id, unit_id=unit_id, year=year).delete()
        return
    IndicatorFigure.objects.update_or_create(
        indicator_id=indicator_id, unit_id=unit_id, year=year, defaults={"value": value}
    )
