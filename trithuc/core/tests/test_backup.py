"""A backup brings the data back after it was changed, and its verify step catches a tampered
file. Runs on whichever database the suite runs on (SQLite online backup; pg_dump/pg_restore)."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from trithuc.orgunits.choices import OrgUnitKind
from trithuc.orgunits.models import OrgUnit
from trithuc.orgunits.services import orgunit_create

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def province(db):
    return orgunit_create(code="BK", name="Tỉnh Sao Lưu", kind=OrgUnitKind.PROVINCE)


def _backup(path: Path) -> str:
    out = io.StringIO()
    call_command("backup", "-o", str(path), stdout=out)
    return out.getvalue()


def test_restore_brings_back_the_data_as_it_was_backed_up(province, tmp_path):
    path = tmp_path / "trithuc.backup"
    assert "Đã sao lưu" in _backup(path)
    province.name = "Tên bị sửa nhầm"
    province.save()
    orgunit_create(code="BK.X", name="Xã thêm sau", kind=OrgUnitKind.COMMUNE, parent=province)

    out = io.StringIO()
    call_command("restore", str(path), stdout=out)

    assert "Đã khôi phục" in out.getvalue()  # restore verifies the backup first
    connection.close()  # PostgreSQL: the tables were recreated under this connection
    assert OrgUnit.objects.get(code="BK").name == "Tỉnh Sao Lưu"
    assert not OrgUnit.objects.filter(code="BK.X").exists()


def _swap_database(path: Path, other: Path) -> None:
    """Put ``other``'s database inside ``path``, keeping ``path``'s signed manifest: a backup
    whose data is not what its manifest vouches for."""
    with tarfile.open(path) as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}
    with tarfile.open(other) as tar:
        for m in tar.getmembers():
            if m.name != "manifest.json":
                members[m.name] = tar.extractfile(m).read()
    with tarfile.open(path, "w") as tar:
        for name, body in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))


def _edit_manifest(path: Path) -> None:
    with tarfile.open(path) as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}
    manifest = json.loads(members["manifest.json"])
    manifest["tables"]["orgunits_orgunit"]["rows"] += 1
    members["manifest.json"] = json.dumps(manifest).encode()
    with tarfile.open(path, "w") as tar:
        for name, body in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))


def test_verify_catches_changed_data_and_restore_refuses_it(province, tmp_path):
    path, later = tmp_path / "a.backup", tmp_path / "b.backup"
    _backup(path)
    province.name = "Giả mạo"
    province.save()
    _backup(later)
    _swap_database(path, later)
    err = io.StringIO()
    with pytest.raises(CommandError, match="KHÔNG đạt"):
        call_command("backup", "--verify", str(path), stdout=io.StringIO(), stderr=err)
    assert "Bảng «orgunits_orgunit»: cùng số dòng nhưng nội dung khác" in err.getvalue()
    with pytest.raises(CommandError, match="không qua kiểm tra"):
        call_command("restore", str(path), stdout=io.StringIO())
    assert OrgUnit.objects.get(code="BK").name == "Giả mạo"


def test_verify_catches_an_edited_manifest(province, tmp_path):
    path = tmp_path / "a.backup"
    _backup(path)
    _edit_manifest(path)
    err = io.StringIO()
    with pytest.raises(CommandError, match="KHÔNG đạt"):
        call_command("backup", "--verify", str(path), stdout=io.StringIO(), stderr=err)
    assert "Chữ ký của bảng kê không khớp" in err.getvalue()


def test_a_file_that_is_not_a_backup_is_refused_clearly(db, tmp_path):
    path = tmp_path / "not-a-backup"
    path.write_text("xin chào")
    with pytest.raises(CommandError, match="Không đọc được tệp sao lưu"):
        call_command("backup", "--verify", str(path), stdout=io.StringIO())
