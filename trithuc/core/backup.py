"""Backups of the database, on either engine, with a manifest that lets a backup prove itself.

A backup file is a tar archive holding the database (``database.sqlite3``, made with SQLite's online
backup API, or ``database.pgdump``, made by ``pg_dump -Fc``) and ``manifest.json``: per table, its
row count and a SHA-256 of its rows in primary-key order, taken from the very snapshot that was
saved, and signed with an HMAC under a key derived from ``SECRET_KEY``. ``backup_verify`` restores
the archive into a scratch database (a temporary file, or a temporary PostgreSQL database), recounts
and rehashes every table, and reports each difference.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections
from django.utils import timezone

MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
PG_MEMBER = "database.pgdump"
FORMAT_VERSION = 1


class BackupError(Exception):
    """A backup, restore or verification that could not be done; the message says why."""


@dataclass
class VerifyResult:
    tables: int
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


# --- table fingerprints --------------------------------------------------------------------------


def _fingerprint(cursor: Any, tables: Iterable[str], quote: Any, order_by: Any) -> dict:
    """{table: {"rows": n, "sha256": hex}} over the rows read through ``cursor``."""
    out = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT * FROM {quote(table)} ORDER BY {order_by(table)}")  # noqa: S608
        digest = hashlib.sha256()
        rows = 0
        while batch := cursor.fetchmany(2000):
            for row in batch:
                digest.update(repr(tuple(_plain(v) for v in row)).encode())
                rows += 1
        out[table] = {"rows": rows, "sha256": digest.hexdigest()}
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, memoryview | bytearray):
        return bytes(value)
    return value


def _sign(tables: dict) -> str:
    key = hashlib.sha256(f"trithuc-backup:{settings.SECRET_KEY}".encode()).digest()
    body = json.dumps(tables, sort_keys=True).encode()
    return hmac.new(key, body, hashlib.sha256).hexdigest()


def _sqlite_fingerprint(conn: sqlite3.Connection) -> dict:
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    ]

    def order_by(table: str) -> str:
        pk = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")') if r[5]]
        return ", ".join(f'"{c}"' for c in pk) or "rowid"

    return _fingerprint(conn.cursor(), names, lambda t: f'"{t}"', order_by)


def _pg_fingerprint(cursor: Any) -> dict:
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
    )
    names = [r[0] for r in cursor.fetchall()]

    def order_by(table: str) -> str:
        cursor.execute(
            "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
            "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = %s::regclass AND i.indisprimary",
            [f'"{table}"'],
        )
        pk = [r[0] for r in cursor.fetchall()]
        return ", ".join(f'"{c}"' for c in pk) or "1"

    return _fingerprint(cursor, names, lambda t: f'"{t}"', order_by)


def _manifest(engine: str, tables: dict) -> dict:
    return {
        "format": FORMAT_VERSION,
        "engine": engine,
        "created_at": timezone.now().isoformat(),
        "tables": tables,
        "signature": _sign(tables),
    }


def _engine(alias: str = "default") -> str:
    vendor = connections[alias].vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Chưa hỗ trợ sao lưu CSDL loại «{vendor}».")
    return vendor


# --- archive ---------------------------------------------------------------------------------------


def _write_archive(path: Path, member: str, data_file: Path, manifest: dict) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tarfile.open(tmp, "w") as tar:
        tar.add(data_file, arcname=member)
        body = json.dumps(manifest, indent=1, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(body)
        tar.addfile(info, io.BytesIO(body))
    tmp.replace(path)  # a half-written backup never carries the final name


def _read_archive(path: Path, workdir: Path) -> tuple[dict, Path]:
    try:
        with tarfile.open(path, "r") as tar:
            names = set(tar.getnames())
            member = SQLITE_MEMBER if SQLITE_MEMBER in names else PG_MEMBER
            if MANIFEST not in names or member not in names:
                raise BackupError(
                    f"«{path}» không phải tệp sao lưu của trithuc (thiếu thành phần)."
                )
            manifest = json.load(tar.extractfile(MANIFEST))  # type: ignore[arg-type]
            target = workdir / member
            with tar.extractfile(member) as src, target.open("wb") as dst:  # type: ignore[union-attr]
                shutil.copyfileobj(src, dst)
    except (tarfile.TarError, OSError, json.JSONDecodeError) as exc:
        raise BackupError(f"Không đọc được tệp sao lưu «{path}»: {exc}") from exc
    return manifest, target


# --- SQLite ----------------------------------------------------------------------------------------


def _sqlite_live(alias: str) -> sqlite3.Connection:
    connection = connections[alias]
    connection.ensure_connection()
    return connection.connection


def _sqlite_backup(out: Path, alias: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / SQLITE_MEMBER
        dest = sqlite3.connect(copy)
        try:
            _sqlite_live(alias).backup(dest)  # online: readers and writers carry on meanwhile
            dest.execute("PRAGMA journal_mode=DELETE")
            manifest = _manifest("sqlite", _sqlite_fingerprint(dest))
        finally:
            dest.close()
        _write_archive(out, SQLITE_MEMBER, copy, manifest)
    return manifest


def _sqlite_restore(data: Path, alias: str) -> None:
    source = sqlite3.connect(data)
    try:
        source.backup(_sqlite_live(alias))
    finally:
        source.close()


def _sqlite_scratch_fingerprint(data: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        scratch = sqlite3.connect(Path(tmp) / "scratch.sqlite3")
        source = sqlite3.connect(data)
        try:
            source.backup(scratch)
            return _sqlite_fingerprint(scratch)
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"Bản sao lưu SQLite bị hỏng: {exc}") from exc
        finally:
            source.close()
            scratch.close()


# --- PostgreSQL ------------------------------------------------------------------------------------


def _pg_env(alias: str, dbname: str | None = None) -> dict[str, str]:
    params = connections[alias].settings_dict
    env = dict(os.environ)
    env.update(
        {
            "PGHOST": str(params.get("HOST") or "localhost"),
            "PGPORT": str(params.get("PORT") or "5432"),
            "PGUSER": str(params.get("USER") or ""),
            "PGDATABASE": dbname or connections[alias].settings_dict["NAME"],
        }
    )
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    return env


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"Không tìm thấy «{name}» trên PATH: cài gói postgresql-client.")
    return found


def _run(args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} báo lỗi: {done.stderr.strip()[:2000]}")


def _pg_backup(out: Path, alias: str) -> dict:
    """pg_dump reads the snapshot exported by a repeatable-read transaction that also computes the
    manifest, so the two describe exactly the same data."""
    import psycopg

    params = connections[alias].settings_dict
    conninfo = psycopg.conninfo.make_conninfo(
        host=params.get("HOST") or "localhost",
        port=str(params.get("PORT") or 5432),
        user=params.get("USER") or "",
        password=params.get("PASSWORD") or "",
        dbname=params["NAME"],
    )
    with tempfile.TemporaryDirectory() as tmp, psycopg.connect(conninfo) as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        with conn.transaction(), conn.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            dump = Path(tmp) / PG_MEMBER
            _run(
                [
                    _pg_tool("pg_dump"),
                    "-Fc",
                    "--no-owner",
                    f"--snapshot={snapshot}",
                    "-f",
                    str(dump),
                ],
                _pg_env(alias),
            )
            manifest = _manifest("postgresql", _pg_fingerprint(cursor))
        _write_archive(out, PG_MEMBER, dump, manifest)
    return manifest


def _pg_restore(data: Path, alias: str, dbname: str | None = None) -> None:
    _run(
        [
            _pg_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "-d",
            dbname or connections[alias].settings_dict["NAME"],
            str(data),
        ],
        _pg_env(alias, dbname),
    )


def _pg_admin(alias: str, sql: str) -> None:
    import psycopg

    params = connections[alias].settings_dict
    with psycopg.connect(
        host=params.get("HOST") or "localhost",
        port=str(params.get("PORT") or 5432),
        user=params.get("USER") or "",
        password=params.get("PASSWORD") or "",
        dbname="postgres",
        autocommit=True,
    ) as conn:
        conn.execute(sql)


def _pg_scratch_fingerprint(data: Path, alias: str) -> dict:
    import psycopg

    scratch = f"{connections[alias].settings_dict['NAME']}_verify_{uuid.uuid4().hex[:8]}"
    _pg_admin(alias, f'CREATE DATABASE "{scratch}"')
    try:
        _run(
            [_pg_tool("pg_restore"), "--no-owner", "--exit-on-error", "-d", scratch, str(data)],
            _pg_env(alias, scratch),
        )
        params = connections[alias].settings_dict
        with (
            psycopg.connect(
                host=params.get("HOST") or "localhost",
                port=str(params.get("PORT") or 5432),
                user=params.get("USER") or "",
                password=params.get("PASSWORD") or "",
                dbname=scratch,
            ) as conn,
            conn.cursor() as cursor,
        ):
            return _pg_fingerprint(cursor)
    finally:
        _pg_admin(alias, f'DROP DATABASE IF EXISTS "{scratch}"')


# --- the three operations --------------------------------------------------------------------------


def backup_create(out: Path, *, alias: str = "default") -> dict:
    """Write a backup of the database to ``out``; returns its manifest."""
    engine = _engine(alias)
    out.parent.mkdir(parents=True, exist_ok=True)
    return _sqlite_backup(out, alias) if engine == "sqlite" else _pg_backup(out, alias)


def backup_verify(path: Path, *, alias: str = "default") -> VerifyResult:
    """Restore ``path`` into a scratch database and compare every table with the manifest."""
    with tempfile.TemporaryDirectory() as tmp:
        manifest, data = _read_archive(path, Path(tmp))
        problems: list[str] = []
        expected = manifest.get("tables", {})
        if not hmac.compare_digest(manifest.get("signature", ""), _sign(expected)):
            # A manifest that cannot be trusted vouches for nothing: no point restoring against it.
            problems.append(
                "Chữ ký của bảng kê không khớp: bảng kê đã bị sửa hoặc khác khóa bí mật."
            )
            return VerifyResult(tables=0, problems=problems)
        if manifest.get("engine") == "sqlite":
            found = _sqlite_scratch_fingerprint(data)
        else:
            found = _pg_scratch_fingerprint(data, alias)
        for table in sorted(set(expected) | set(found)):
            want, got = expected.get(table), found.get(table)
            if want is None:
                problems.append(
                    f"Bảng «{table}» có trong bản sao lưu nhưng không có trong bảng kê."
                )
            elif got is None:
                problems.append(f"Bảng «{table}» có trong bảng kê nhưng thiếu trong bản sao lưu.")
            elif want["rows"] != got["rows"]:
                problems.append(
                    f"Bảng «{table}»: bảng kê ghi {want['rows']} dòng, bản khôi phục có {got['rows']}."
                )
            elif want["sha256"] != got["sha256"]:
                problems.append(f"Bảng «{table}»: cùng số dòng nhưng nội dung khác (mã băm lệch).")
        return VerifyResult(tables=len(found), problems=problems)


def backup_restore(path: Path, *, alias: str = "default") -> dict:
    """Replace the database's content with the backup's. Verifies the archive first."""
    engine = _engine(alias)
    result = backup_verify(path, alias=alias)
    if not result.ok:
        raise BackupError(
            "Bản sao lưu không qua kiểm tra, không khôi phục: " + "; ".join(result.problems)
        )
    with tempfile.TemporaryDirectory() as tmp:
        manifest, data = _read_archive(path, Path(tmp))
        if manifest["engine"] != engine:
            raise BackupError(
                f"Bản sao lưu của CSDL «{manifest['engine']}», không khôi phục vào «{engine}» được."
            )
        if engine == "sqlite":
            _sqlite_restore(data, alias)
        else:
            connections[alias].close()
            _pg_restore(data, alias)
    return manifest
