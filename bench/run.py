#!/usr/bin/env python
"""Benchmarks, run by hand: `make bench` (or `python bench/run.py --sizes 100 2000 10000`).

Builds a throwaway test database (DATABASE_URL decides which engine; PostgreSQL is the one that
matters), fills it with N key projects and ten months of progress each, and times the pages that
must stay fast whatever the data size: the dashboard, the project list and the bulletin JSON.
Prints the median wall time and the number of SQL queries per page and size. Not part of `make test`:
speed is measured here, correctness there.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yangcheng_projects.settings_test")

import django

django.setup()

from django.contrib.auth.models import Group  # noqa: E402  # Django's modules load after django.setup()
from django.db import connection  # noqa: E402  # after django.setup()
from django.test import Client  # noqa: E402  # after django.setup()
from django.test.utils import (  # noqa: E402  # after django.setup()
    CaptureQueriesContext,
    setup_databases,
    setup_test_environment,
    teardown_databases,
)

from accounts.models import Campaign, Role, Unit, UnitKind, User  # noqa: E402  # after django.setup()
from projects.models import MonthlyProgress, Project, ProjectYear, Tier  # noqa: E402  # after django.setup()

PAGES = ["/", "/projects/", "/projects/?tier=county", "/bulletins/2024/10/", "/campaigns/reserve/?year=2024&month=10"]


def fill(n: int) -> None:
    MonthlyProgress.objects.all().delete()
    ProjectYear.objects.all().delete()
    Project.objects.all().delete()
    townships = [Unit.objects.get_or_create(name=f"镇{i}", defaults={"kind": UnitKind.TOWNSHIP})[0] for i in range(18)]
    tiers = [Tier.PROVINCE, Tier.CITY, Tier.COUNTY]
    projects = Project.objects.bulk_create(
        Project(name=f"基准项目{i}", code=f"B{i:06d}", total_investment=Decimal(5000 + i), township=townships[i % 18])
        for i in range(n)
    )
    ProjectYear.objects.bulk_create(
        ProjectYear(project=p, year=2024, tier=tiers[i % 3], nature="new", annual_plan=Decimal(1000 + i % 500))
        for i, p in enumerate(projects)
    )
    MonthlyProgress.objects.bulk_create(
        MonthlyProgress(project=p, year=2024, month=m, completed=Decimal(70 + (i + m) % 40))
        for i, p in enumerate(projects)
        for m in range(1, 11)
    )
    if connection.vendor == "postgresql":
        # A live database has planner statistics (autovacuum); a freshly filled one must be analysed,
        # or PostgreSQL plans for empty tables and the timings mean nothing.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def measure(client: Client, path: str, repeat: int) -> tuple[float, int, int]:
    times = []
    queries = 0
    status = 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
        queries = len(ctx.captured_queries)
        status = response.status_code
    return statistics.median(times), queries, status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[126, 2000, 10000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    setup_test_environment()  # the test client's host, in-memory mail
    old = setup_databases(verbosity=0, interactive=False)
    try:
        admin = User.objects.create_user("bench", password="x")  # noqa: S106  # a user of the throwaway test database
        admin.groups.add(Group.objects.get_or_create(name=Role.ADMIN)[0])
        Campaign.objects.get_or_create(slug="reserve", defaults={"name": "项目储备"})
        client = Client()
        client.force_login(admin)
        print(f"database: {connection.vendor}")
        print(f"{'projects':>9}  {'page':<28} {'median ms':>10} {'queries':>8} {'status':>6}")
        for n in args.sizes:
            fill(n)
            for path in PAGES:
                ms, queries, status = measure(client, path, args.repeat)
                print(f"{n:>9}  {path:<28} {ms:>10.1f} {queries:>8} {status:>6}")
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
