"""The statistics workbook units are asked for: intellectuals by degree, title, field, pillar, age
band, gender, ethnicity, sector and unit; training by level and year; awards; attraction; science
tasks by stage (science app); and every indicator by year exactly as the dashboard shows it.

Counts only, no names: a table is read over the unit subtree picked. People are those at work on
the day asked (31 December of the year, or today for the year under way), as the dashboard's staff
indicators count them; training, awards and attraction use the same rules as the indicators."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

import xlsxwriter
from django.conf import settings
from django.db.models import Count, OuterRef, Q, Subquery

from trithuc.orgunits.models import OrgUnit
from trithuc.orgunits.selectors import orgunit_name_as_of, orgunit_reach_map
from trithuc.people.choices import Gender, Sector
from trithuc.people.models import Employment, Qualification
from trithuc.programs.computations import at_work_on, year_end
from trithuc.programs.models import Program
from trithuc.programs.selectors import dashboard_build
from trithuc.workforce.choices import SENT_STATUSES, AttractionStatus, CourseKind
from trithuc.workforce.models import AttractionCase, Award, TrainingEnrollment

NONE = "(chưa ghi)"
SCIENCE_NOTE = "Nhiệm vụ KH&CN do tỉnh đặt hàng, theo năm đặt hàng và giai đoạn hiện tại."


@dataclass
class Sheet:
    """A table: rows of (label, counts by column), with the column titles."""

    name: str
    title: str
    columns: list[str]
    rows: list[tuple[str, list[int | float | None]]]
    note: str = ""


def _children(unit: OrgUnit, day: dt.date) -> list[OrgUnit]:
    return list(OrgUnit.objects.filter(parent=unit).active_on(day).order_by("path")) or [unit]


def _by_unit(
    unit: OrgUnit, day: dt.date, key: str, title: str, name: str, labels: dict | None = None
) -> Sheet:
    """People at work on ``day`` in each unit under ``unit`` (each with its history), by ``key``."""
    children = _children(unit, day)
    reach_of = orgunit_reach_map({c.pk for c in children})
    child_of = {u: c.pk for c in children for u in reach_of[c.pk]}
    staff = Employment.objects.filter(at_work_on(day), unit_id__in=set(child_of))
    if key == "degree":
        best = Qualification.objects.filter(person=OuterRef("person")).order_by("-level__order")
        staff = staff.annotate(degree=Subquery(best.values("level__name")[:1]))
    grouped = staff.values("unit_id", key).annotate(n=Count("person", distinct=True))
    counts: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for row in grouped:
        label = row[key]
        label = (labels or {}).get(label, label) if label is not None else NONE
        counts[str(label)][child_of[row["unit_id"]]] += row["n"]
    columns = [orgunit_name_as_of(c, day) for c in children]
    rows = []
    for label in sorted(counts, key=lambda text: (text == NONE, text)):
        values = [counts[label].get(c.pk, 0) for c in children]
        rows.append((label, [*values, sum(values)]))
    return Sheet(name, title, [*columns, "Tổng"], rows)


def _age_bands(unit: OrgUnit, day: dt.date) -> Sheet:
    children = _children(unit, day)
    reach_of = orgunit_reach_map({c.pk for c in children})
    rows = []
    for _code, label, low, high in settings.TRITHUC_AGE_BANDS:
        born_after = _years_before(day, high + 1)
        born_by = _years_before(day, low)
        band = Q(person__birth_date__gt=born_after, person__birth_date__lte=born_by)
        values = [
            Employment.objects.filter(at_work_on(day), band, unit_id__in=reach_of[c.pk])
            .values("person")
            .distinct()
            .count()
            for c in children
        ]
        rows.append((label, [*values, sum(values)]))
    columns = [orgunit_name_as_of(c, day) for c in children]
    return Sheet("Độ tuổi", "Trí thức theo độ tuổi", [*columns, "Tổng"], rows)


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return dt.date(day.year - years, 2, 28)


def _training(program: Program, reach: set[int], year: int) -> Sheet:
    years = [y for y in program.years if y <= year]
    counts = {
        (row["kind"], row["year"]): row["n"]
        for row in TrainingEnrollment.objects.filter(
            sending_unit_id__in=reach, year__in=years, status__in=SENT_STATUSES
        )
        .values("kind", "year")
        .annotate(n=Count("pk"))
    }
    rows = [(kind.label, [counts.get((kind, y), 0) for y in years]) for kind in CourseKind]
    return Sheet(
        "Đào tạo",
        "Cử đi đào tạo, bồi dưỡng theo loại hình và năm (đã nhập học)",
        list(map(str, years)),
        rows,
    )


def _awards(program: Program, reach: set[int], year: int) -> Sheet:
    years = [y for y in program.years if y <= year]
    counts = (
        Award.objects.filter(unit_id__in=reach, year__in=years)
        .values("award_type__name", "award_type__order", "year")
        .annotate(n=Count("pk"))
    )
    table: dict[tuple[int, str], dict[int, int]] = defaultdict(dict)
    for row in counts:
        table[(row["award_type__order"], row["award_type__name"])][row["year"]] = row["n"]
    rows = [(name, [table[(o, name)].get(y, 0) for y in years]) for o, name in sorted(table)]
    return Sheet(
        "Khen thưởng", "Tôn vinh, khen thưởng theo hình thức và năm", list(map(str, years)), rows
    )


def _attraction(reach: set[int]) -> Sheet:
    counts = (
        AttractionCase.objects.filter(unit_id__in=reach)
        .values("policy__name", "status")
        .annotate(n=Count("pk"))
    )
    statuses = list(AttractionStatus)
    table: dict[str, dict[str, int]] = defaultdict(dict)
    for row in counts:
        table[row["policy__name"]][row["status"]] = row["n"]
    rows = [
        (policy, [table[policy].get(s, 0) for s in statuses] + [sum(table[policy].values())])
        for policy in sorted(table)
    ]
    return Sheet(
        "Thu hút",
        "Hồ sơ thu hút, đãi ngộ theo chính sách và tình trạng",
        [s.label for s in statuses] + ["Tổng"],
        rows,
    )


def _science(program: Program, reach: set[int], year: int) -> Sheet:
    from trithuc.science.choices import TaskStatus as Stage
    from trithuc.science.models import ScienceTask

    years = [y for y in program.years if y <= year]
    counts = {
        (row["status"], row["year"]): row["n"]
        for row in ScienceTask.objects.filter(managing_unit_id__in=reach, year__in=years)
        .values("status", "year")
        .annotate(n=Count("pk"))
    }
    rows = [(stage.label, [counts.get((stage, y), 0) for y in years]) for stage in Stage]
    return Sheet(
        "Nhiệm vụ KH&CN",
        "Nhiệm vụ khoa học và công nghệ theo giai đoạn",
        list(map(str, years)),
        rows,
        SCIENCE_NOTE,
    )


def _indicators(program: Program, unit: OrgUnit, year: int, day: dt.date) -> Sheet:
    board = dashboard_build(program=program, unit=unit, year=year, day=day)
    years = [y for y, _ in board.rows[0].series] if board.rows else []
    rows = [
        (
            f"{row.indicator.name} ({row.indicator.unit_of_measure})",
            [None if v is None else float(v) for _, v in row.series],
        )
        for row in board.rows
    ]
    return Sheet(
        "Chỉ tiêu",
        "Kết quả các chỉ tiêu của Chương trình theo năm (như trên trang theo dõi)",
        list(map(str, years)),
        rows,
        note="Ô trống: chưa có số liệu được duyệt (khác với số 0).",
    )


def statistics_sheets(*, program: Program, unit: OrgUnit, year: int, day: dt.date) -> list[Sheet]:
    from trithuc.orgunits.selectors import orgunit_reach_ids

    on = min(year_end(year), day)
    reach = orgunit_reach_ids({unit.pk})
    gender = dict(Gender.choices)
    sector = dict(Sector.choices)
    return [
        _indicators(program, unit, year, day),
        _by_unit(unit, on, "degree", "Trí thức theo trình độ chuyên môn cao nhất", "Trình độ"),
        _by_unit(unit, on, "person__academic_title__name", "Trí thức theo học hàm", "Học hàm"),
        _by_unit(unit, on, "person__fields__name", "Trí thức theo lĩnh vực", "Lĩnh vực"),
        _by_unit(unit, on, "person__pillars__name", "Trí thức theo trụ cột phát triển", "Trụ cột"),
        _age_bands(unit, on),
        _by_unit(unit, on, "person__gender", "Trí thức theo giới tính", "Giới tính", gender),
        _by_unit(unit, on, "person__ethnicity__name", "Trí thức theo dân tộc", "Dân tộc"),
        _by_unit(unit, on, "sector", "Trí thức theo khu vực", "Khu vực", sector),
        _by_unit(unit, on, "unit__name", "Trí thức theo cơ quan, đơn vị", "Đơn vị"),
        _training(program, reach, year),
        _awards(program, reach, year),
        _attraction(reach),
        _science(program, reach, year),
    ]


def write_workbook(sheets: list[Sheet], target, *, heading: str) -> None:
    """One worksheet per table: a title row, the heading row, the rows, in Times New Roman."""
    book = xlsxwriter.Workbook(target, {"in_memory": True})
    base = {"font_name": "Times New Roman", "font_size": 12}
    title = book.add_format({**base, "bold": True, "font_size": 13})
    head = book.add_format(
        {**base, "bold": True, "border": 1, "text_wrap": True, "align": "center"}
    )
    label = book.add_format({**base, "border": 1, "text_wrap": True})
    cell = book.add_format({**base, "border": 1, "num_format": "#,##0.##"})
    italic = book.add_format({**base, "italic": True, "text_wrap": True})
    for sheet in sheets:
        ws = book.add_worksheet(sheet.name[:31])
        # Titles, unit names and labels come from what users typed: written as strings, never
        # through ``write()``, which would store text starting with "=" as a formula.
        ws.write_string(0, 0, sheet.title, title)
        ws.write_string(1, 0, heading, italic)
        ws.set_column(0, 0, 48)
        ws.set_column(1, max(len(sheet.columns), 1), 14)
        start = 3
        if sheet.columns:
            ws.write_blank(start, 0, None, head)
            for col, column in enumerate(sheet.columns, start=1):
                ws.write_string(start, col, str(column), head)
        for offset, (text, values) in enumerate(sheet.rows, start=1):
            ws.write_string(start + offset, 0, str(text), label)
            for col, value in enumerate(values, start=1):
                if value is None:
                    ws.write_blank(start + offset, col, None, cell)
                else:
                    ws.write_number(start + offset, col, value, cell)
        if sheet.note:
            ws.merge_range(
                start + len(sheet.rows) + 2, 0, start + len(sheet.rows) + 2, 6, "", italic
            )
            ws.write_string(start + len(sheet.rows) + 2, 0, sheet.note, italic)
    book.close()


__all__ = ["Sheet", "statistics_sheets", "write_workbook"]
