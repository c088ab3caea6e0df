"""A database made before the flat-app layout migrates to it with every row kept.

tests/data/pre_layout_0f6d52a.dump is the demo database (`migrate` + `load_demo`) made at commit
0f6d52a, the last commit before models moved between apps (ARCHITECTURE.md). It is restored into a
database of its own, migrated by `manage.py migrate` as an operator would, and compared table by table.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
DUMP = ROOT / "tests" / "data" / "pre_layout_0f6d52a.dump"

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

# Tables that legitimately grow: the migration log, and content types / permissions that Django
# creates after a migrate for models it had not seen.
MAY_GROW = {"django_migrations", "django_content_type", "auth_permission"}
# Merged into taskforces_attachment (now files.Attachment) and dropped.
MERGED = {"scheduling_occurrenceattachment": "taskforces_attachment"}

# Values that must read the same before and after: (label, SQL).
SAMPLES = [
    (
        "projects",
        "SELECT id, name, code, total_investment, township_id, responsible_unit_id FROM projects_project ORDER BY id",
    ),
    ("listings", "SELECT project_id, year, tier, nature, annual_plan FROM projects_projectyear ORDER BY id"),
    (
        "progress",
        "SELECT project_id, year, month, completed, reported_by_id FROM projects_monthlyprogress ORDER BY id",
    ),
    ("users", "SELECT id, username, full_name, unit_id, password FROM projects_user ORDER BY id"),
    ("groups", "SELECT user_id, group_id FROM projects_user_groups ORDER BY id"),
    ("taskforces", "SELECT id, slug, name, lead_unit_id FROM taskforces_taskforce ORDER BY id"),
    ("memberships", "SELECT taskforce_id, user_id, role FROM taskforces_taskforcemembership ORDER BY id"),
    ("campaigns", "SELECT id, slug, name FROM campaigns_campaign ORDER BY id"),
    (
        "problems",
        "SELECT id, description, level, status, deadline, source_taskforce_id, project_id FROM taskforces_problem ORDER BY id",
    ),
    ("problem events", "SELECT problem_id, kind, note FROM taskforces_problemevent ORDER BY id"),
    ("level officials", "SELECT level, user_id, taskforce_id FROM scheduling_levelofficial ORDER BY id"),
    ("attachments", "SELECT id, object_id, file, sha256, latitude, longitude FROM taskforces_attachment ORDER BY id"),
    ("duties", "SELECT code, taskforce_id, campaign_id, next_due FROM scheduling_duty ORDER BY id"),
    ("indicators", "SELECT campaign_id, year, code, target_value FROM campaigns_indicator ORDER BY id"),
    (
        "project history",
        "SELECT id, history_id, name, history_user_id FROM projects_historicalproject ORDER BY history_id",
    ),
]


def _connect(name: str):
    params = settings.DATABASES["default"]
    return psycopg2.connect(
        dbname=name,
        user=params["USER"],
        password=params["PASSWORD"],
        host=params["HOST"] or "127.0.0.1",
        port=params["PORT"] or 5432,
    )


def _counts(conn) -> dict[str, int]:
    with conn.cursor() as cur:
        cur.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        )
        tables = sorted(row[0] for row in cur.fetchall())
        counts = {}
        for table in tables:
            cur.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 -- names come from the catalogue
            counts[table] = cur.fetchone()[0]
    return counts


def _samples(conn) -> dict[str, list[tuple]]:
    with conn.cursor() as cur:
        result = {}
        for label, sql in SAMPLES:
            cur.execute(sql)
            result[label] = cur.fetchall()
    return result


@pytest.fixture
def old_database() -> Iterator[str]:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    if shutil.which("pg_restore") is None:
        pytest.fail("pg_restore is missing (Debian: postgresql-client)")
    name = f"yc_layout_{uuid.uuid4().hex[:8]}"
    admin = _connect(settings.DATABASES["default"]["NAME"])
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{name}"')
    params = settings.DATABASES["default"]
    env = {**os.environ, "PGPASSWORD": params["PASSWORD"] or ""}
    subprocess.run(  # noqa: S603  # fixed arguments
        [  # noqa: S607  # pg_restore: PostgreSQL's client tools, on PATH where PostgreSQL is
            "pg_restore",
            "--no-owner",
            "-h",
            params["HOST"] or "127.0.0.1",
            "-p",
            str(params["PORT"] or 5432),
            "-U",
            params["USER"] or "postgres",
            "-d",
            name,
            str(DUMP),
        ],
        check=True,
        env=env,
        capture_output=True,
    )
    try:
        yield name
    finally:
        with admin.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _manage(name: str, *args: str) -> str:
    params = settings.DATABASES["default"]
    url = f"postgres://{params['USER']}:{params['PASSWORD'] or ''}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/{name}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": "layout-migration-test",
        "DJANGO_SETTINGS_MODULE": "yangcheng_projects.settings",
    }
    done = subprocess.run(  # noqa: S603  # this interpreter, manage.py and fixed arguments
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_a_database_made_before_the_layout_migrates_with_every_row_kept(old_database):
    conn = _connect(old_database)
    before_counts, before_samples = _counts(conn), _samples(conn)
    conn.close()
    assert before_counts["projects_project"] == 126 and before_counts["taskforces_problem"] > 0  # the demo, really

    _manage(old_database, "migrate", "--no-input")

    conn = _connect(old_database)
    after_counts, after_samples = _counts(conn), _samples(conn)
    conn.close()
    for table, count in before_counts.items():
        if table in MERGED:
            assert table not in after_counts
            continue
        assert table in after_counts, f"{table} is gone"
        expected = count + sum(before_counts[old] for old, new in MERGED.items() if new == table)
        if table in MAY_GROW:
            assert after_counts[table] >= expected, table
        else:
            assert after_counts[table] == expected, table
    for label, rows in before_samples.items():
        assert after_samples[label] == rows, label


def test_the_migrated_database_reads_through_the_new_apps(old_database):
    _manage(old_database, "migrate", "--no-input")
    script = (
        "import json; "
        "from django.contrib.contenttypes.models import ContentType as C; "
        "from accounts.models import TaskForce, User; from projects.models import Project, MonthlyProgress; "
        "from problems.models import Problem; from files.models import Attachment; from notifications.models import Notification; "
        "print(json.dumps({'projects': Project.objects.count(), 'progress': MonthlyProgress.objects.count(), "
        "'problems': Problem.objects.filter(project__isnull=False).count(), 'users': User.objects.count(), "
        "'taskforces': TaskForce.objects.count(), 'entries': sum(a.entry is not None for a in Attachment.objects.all()), "
        "'attachments': Attachment.objects.count(), "
        "'stale_types': list(C.objects.filter(app_label='taskforces', model__in=['problem', 'attachment', 'taskforce']).values_list('model', flat=True)), "
        "'problem_type': C.objects.get_for_model(Problem).app_label}))"
    )
    figures = json.loads(_manage(old_database, "shell", "-c", script).strip().splitlines()[-1])
    assert figures["projects"] == 126 and figures["taskforces"] == 6 and figures["users"] > 10
    assert figures["problems"] > 0 and figures["progress"] > 0
    assert figures["entries"] == figures["attachments"] > 0  # every attachment still finds its ledger entry
    assert figures["stale_types"] == [] and figures["problem_type"] == "problems"
