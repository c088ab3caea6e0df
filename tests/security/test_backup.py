"""Backup and restore (scripts/backup.sh, scripts/restore.sh): a filled database and its uploads are
backed up, dropped, restored, and every row and file is found again; an altered backup is refused."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import psycopg2
import pytest
from django.db import connection, connections

from accounts.events import Action
from audit.services import record
from tests import factories

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _script(name: str, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = ["/bin/bash", f"scripts/{name}", *args]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)  # noqa: S603  # our scripts


def _admin_sql(dsn: str, statement: str) -> None:
    conn = psycopg2.connect(dsn)
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute(statement)
    finally:
        conn.close()


def _row_counts(dsn: str) -> dict[str, int]:
    conn = psycopg2.connect(dsn)
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
            tables = [row[0] for row in cursor.fetchall()]
            counts = {}
            for table in tables:
                cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608  # names from pg_tables
                (counts[table],) = cursor.fetchone() or (0,)
            return counts
    finally:
        conn.close()


def _files(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()
    }


def test_a_backup_restores_every_row_and_every_file(tmp_path, reporter, hq):
    for n in range(3):
        factories.make_project(f"备份测试项目{n}", township=reporter.unit)
    record(Action.LOGIN, user=hq)
    media = tmp_path / "uploads"
    (media / "ledgers" / "photo" / "2024").mkdir(parents=True)
    (media / "ledgers" / "photo" / "2024" / "a.jpg").write_bytes(os.urandom(50_000))
    (media / "ledgers" / "document" / "b.pdf").parent.mkdir(parents=True)
    (media / "ledgers" / "document" / "b.pdf").write_bytes(b"%PDF-1.4 demo")

    settings_dict = connection.settings_dict
    server = (
        f"postgresql://{settings_dict['USER']}@{settings_dict['HOST'] or '127.0.0.1'}:{settings_dict['PORT'] or 5432}"
    )
    scratch = f"{settings_dict['NAME']}_backup"
    connections.close_all()
    _admin_sql(f"{server}/postgres", f'DROP DATABASE IF EXISTS "{scratch}"')
    _admin_sql(f"{server}/postgres", f'CREATE DATABASE "{scratch}" TEMPLATE "{settings_dict["NAME"]}"')
    scratch_url = f"{server}/{scratch}"
    try:
        before_rows = _row_counts(scratch_url)
        before_files = _files(media)
        assert before_rows["projects_project"] == 3 and before_rows["audit_auditevent"] >= 1
        env = {**os.environ, "DATABASE_URL": scratch_url, "MEDIA_ROOT": str(media), "BACKUP_DIR": str(tmp_path / "b")}

        done = _script("backup.sh", env=env)
        assert done.returncode == 0, done.stderr
        (backup,) = (tmp_path / "b").iterdir()
        assert {p.name for p in backup.iterdir()} == {"database.dump", "uploads.tar.gz", "MANIFEST.sha256", "INFO"}

        # Drop them both.
        _admin_sql(f"{server}/postgres", f'DROP DATABASE "{scratch}"')
        _admin_sql(f"{server}/postgres", f'CREATE DATABASE "{scratch}"')
        shutil.rmtree(media)

        done = _script("restore.sh", str(backup), env=env)
        assert done.returncode == 0, done.stderr
        assert _row_counts(scratch_url) == before_rows
        assert _files(media) == before_files
        # The audit trail is append-only again after the restore.
        with pytest.raises(psycopg2.Error, match="append-only"):
            _admin_sql(scratch_url, "DELETE FROM audit_auditevent")

        # An altered backup is refused before anything is touched.
        dump = backup / "database.dump"
        data = bytearray(dump.read_bytes())
        data[len(data) // 2] ^= 0xFF
        dump.write_bytes(bytes(data))
        done = _script("restore.sh", str(backup), env=env)
        assert done.returncode == 3 and "checksums do not match" in done.stderr
    finally:
        _admin_sql(f"{server}/postgres", f'DROP DATABASE IF EXISTS "{scratch}"')


def test_backup_keeps_the_newest_backup_keep_copies(tmp_path):
    backups = tmp_path / "b"
    for stamp in ("20240101-020000", "20240102-020000", "20240103-020000"):
        (backups / f"yangcheng-{stamp}").mkdir(parents=True)
    settings_dict = connection.settings_dict
    url = f"postgresql://{settings_dict['USER']}@{settings_dict['HOST'] or '127.0.0.1'}:{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "MEDIA_ROOT": str(tmp_path / "m"),
        "BACKUP_DIR": str(backups),
        "BACKUP_KEEP": "2",
    }
    done = _script("backup.sh", env=env)
    assert done.returncode == 0, done.stderr
    left = sorted(p.name for p in backups.iterdir())
    assert len(left) == 2 and left[0] == "yangcheng-20240103-020000"
