"""State changes of programs: keeping the indicator figures (the dashboard's aggregate) current."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum

from trithuc.core.dates import today
from trithuc.orgunits.models import OrgUnit

from .choices import IndicatorSource
from .dashboard_cache import figures_changed
from .models import Indicator, IndicatorFigure, IndicatorFigureKey, Program


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
    figures_changed()
    if value is None:
        IndicatorFigure.objects.filter(
            indicator_id=indicator_id, unit_id=unit_id, year=year
        ).delete()
        return
    IndicatorFigure.objects.update_or_create(
        indicator_id=indicator_id, unit_id=unit_id, year=year, defaults={"value": value}
    )


def computed_figures_refresh(
    *, source: str, unit_ids: set[int] | None = None, years: set[int] | None = None
) -> int:
    """Recount the stored figures of every indicator computed from ``source`` for the given units
    and years (all of them when None). Called by the services that change those records, inside
    their transaction, so the dashboard is never behind the records. Returns the figures written."""
    from .computations import REGISTRY

    written = 0
    indicators = Indicator.objects.filter(source=IndicatorSource.COMPUTED).select_related("program")
    for indicator in indicators:
        computation = REGISTRY.get(indicator.computation)
        if computation is None or computation.source != source:
            continue
        span = set(indicator.program.years)
        wanted = sorted(span & years) if years is not None else sorted(span)
        if computation.is_stock:
            wanted = [y for y in wanted if y <= today().year]
        if computation.additive:
            counts = computation.counts(unit_ids, wanted)
            written += _figures_replace(indicator, counts, unit_ids, wanted)
        else:
            keys = computation.keys(unit_ids, wanted)
            written += _keys_replace(indicator, keys, unit_ids, wanted)
    return written


def _keys_replace(
    indicator: Indicator,
    keys: set[tuple[int, int, str]],
    unit_ids: set[int] | None,
    years: list[int],
) -> int:
    figures_changed()
    stale = IndicatorFigureKey.objects.filter(indicator=indicator, year__in=years)
    if unit_ids is not None:
        stale = stale.filter(unit_id__in=unit_ids)
    stale.delete()
    IndicatorFigureKey.objects.bulk_create(
        [
            IndicatorFigureKey(indicator=indicator, unit_id=unit_id, year=year, key=key)
            for unit_id, year, key in keys
        ],
        batch_size=2000,
    )
    return len(keys)


def _figures_replace(
    indicator: Indicator,
    counts: dict[tuple[int, int], int],
    unit_ids: set[int] | None,
    years: list[int],
) -> int:
    figures_changed()
    stale = IndicatorFigure.objects.filter(indicator=indicator, year__in=years)
    if unit_ids is not None:
        stale = stale.filter(unit_id__in=unit_ids)
    stale.delete()
    IndicatorFigure.objects.bulk_create(
        [
            IndicatorFigure(indicator=indicator, unit_id=unit_id, year=year, value=value)
            for (unit_id, year), value in counts.items()
        ],
        batch_size=2000,
    )
    return len(counts)


@transaction.atomic
def figures_rebuild() -> int:
    """Recount every computed figure from the records (after a bulk load, or to check the
    incremental updates: the result must be the same)."""
    from .computations import REGISTRY

    return sum(
        computed_figures_refresh(source=source)
        for source in sorted({c.source for c in REGISTRY.values()})
    )
