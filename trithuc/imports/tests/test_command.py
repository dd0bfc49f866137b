"""The ``trithuc import`` and ``trithuc export`` contract other tools rely on (DESIGN.md)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from trithuc.people.models import Person

from .helpers import read_back, xlsx

HEADERS = ["Họ và tên", "Ngày sinh", "Giới tính", "Quê quán"]


def _run(*args) -> dict:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return json.loads(out.getvalue())


def _file(tmp_path, rows, name="ds.xlsx"):
    path = tmp_path / name
    path.write_bytes(xlsx([HEADERS, *rows], text_columns=(1,)))
    return str(path)


def test_import_without_commit_reports_and_stores_nothing(tmp_path, units, reference):
    path = _file(
        tmp_path, [["Lê Văn Bình", "1980", "Nam", None], ["Trần Thị Hoa", "31/02/1985", "Nữ", None]]
    )
    result = _run("import", "people", path, "--unit", "TC.X1", "--json")
    assert {k: result[k] for k in ("rows", "created", "updated", "duplicates")} == {
        "rows": 2,
        "created": 1,
        "updated": 0,
        "duplicates": 0,
    }
    assert result["errors"] == [
        {
            "row": 3,
            "column": "Ngày sinh",
            "message": "Dòng 3, cột «Ngày sinh»: «31/02/1985» không phải ngày có thật; hãy ghi theo "
            "dạng ngày/tháng/năm (ví dụ 05/03/1985), tháng/năm hoặc năm.",
        }
    ]
    assert not Person.objects.exists()


def test_import_with_commit_stores_the_good_rows(tmp_path, units, reference):
    path = _file(
        tmp_path, [["Lê Văn Bình", "1980", "Nam", None], ["Lê Văn Bình", "1980", "Nam", "Vị Thủy"]]
    )
    result = _run("import", "people", path, "--unit", "TC.X1", "--commit", "--json")
    assert (result["created"], result["duplicates"], result["committed"]) == (1, 1, True)
    assert Person.objects.get().hometown == "Vị Thủy"


def test_an_unreadable_file_exits_non_zero_with_the_reason_in_json(tmp_path, units, reference):
    path = tmp_path / "ds.xlsx"
    path.write_bytes(b"%PDF-1.4 not a sheet \x00")
    out = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import", "people", str(path), "--unit", "TC.X1", "--json", stdout=out)
    assert caught.value.returncode == 2
    assert "không phải bảng tính" in json.loads(out.getvalue())["errors"][0]["message"]


def test_a_unit_the_user_may_not_change_is_refused(tmp_path, units, users, reference):
    path = _file(tmp_path, [["Lê Văn Bình", "1980", "Nam", None]])
    with pytest.raises(CommandError, match="không được nhập dữ liệu"):
        call_command("import", "people", path, "--unit", "TM.X1", "--user", "xakhac", "--commit")
    assert not Person.objects.exists()


def test_unknown_kind_and_unit_are_refused(tmp_path, units, reference):
    path = _file(tmp_path, [["Lê Văn Bình", "1980", "Nam", None]])
    with pytest.raises(CommandError, match="Không có loại dữ liệu"):
        call_command("import", "khong-co", path, "--unit", "TC.X1")
    with pytest.raises(CommandError, match="Không có đơn vị"):
        call_command("import", "people", path, "--unit", "KHONG-CO")


def test_human_output_lists_each_error_by_row_and_column(tmp_path, units, reference):
    path = _file(tmp_path, [["Lê Văn Bình", "1980", "khác", None]])
    out = io.StringIO()
    call_command("import", "people", path, "--unit", "TC.X1", stdout=out)
    assert "Dòng 2, cột «Giới tính»" in out.getvalue()
    assert "chưa lưu" in out.getvalue()


def test_export_writes_the_templates_headers_and_neutralises_formulas(tmp_path, units, reference):
    from trithuc.people.tests.factories import PersonFactory

    PersonFactory(
        full_name="Lê Văn Bình", hometown='=HYPERLINK("http://x")', unit=units.commune_one
    )
    PersonFactory(full_name="Trần Văn Khác", unit=units.other_commune)
    path = tmp_path / "xuat.xlsx"
    call_command("export", "people", "--unit", "TC.X1", "-o", str(path), stdout=io.StringIO())
    rows = read_back(path.read_bytes())
    assert rows[0][:4] == ["STT", "Họ và tên *", "Ngày sinh *", "Giới tính *"]
    assert [r[1] for r in rows[1:]] == ["Lê Văn Bình"]
    assert rows[1][6] == '\'=HYPERLINK("http://x")'


def test_an_export_imports_back_unchanged(tmp_path, units, reference):
    from trithuc.people.tests.factories import PersonFactory, a_cccd

    PersonFactory(full_name="Lê Văn Bình", cccd=a_cccd(birth_year=1985), unit=units.commune_one)
    path = tmp_path / "xuat.xlsx"
    call_command("export", "people", "--unit", "TC.X1", "-o", str(path), stdout=io.StringIO())
    result = _run("import", "people", str(path), "--unit", "TC.X1", "--commit", "--json")
    assert (result["created"], result["updated"], result["duplicates"]) == (0, 0, 1)
    assert result["errors"] == []
