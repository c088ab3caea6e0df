"""Demo statistics-inclusion ledger (入库纳统专班): the monthly screenings of Jan..Oct 2024.

Each started project of demo/register.py gets a deterministic path into the statistics database:
documents submitted some days after the start, reviewed (or returned once, then resubmitted),
included a few weeks to three months after the start; a few are never included. Each month's
screening row shows the state at the end of that month, so the October screening has yellow and
red rows. Idempotent: only missing (project, month) rows are added.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from accounts.models import User
from core.periods import month_end
from demo.common import Output
from demo.register import DEMO_LAST_MONTH, DEMO_YEAR
from projects.models import Nature, Project, ProjectYear
from taskforces.models import DocumentsStatus, StatisticsScreening
from taskforces.statistics.selectors import eligible_projects

RETURN_REASON = "佐证资料中施工合同与发票金额不一致，请补充完整后重新报送。"


@dataclass
class InclusionPath:
    submitted_on: date | None
    returned_on: date | None
    resubmitted_on: date | None
    reviewed_on: date | None
    included_on: date | None


def _path(project: Project, continuing: bool) -> InclusionPath:
    rng = random.Random(f"statistics-{project.code}")
    start = project.actual_start
    if start is None:
        raise ValueError(f"{project.code} has not started: it has no inclusion path")
    if continuing:
        # Carried over from last year: included long ago.
        day = date(start.year, min(start.month + 1, 12), 10)
        return InclusionPath(day - timedelta(days=12), None, None, day - timedelta(days=3), day)
    roll = rng.random()
    if roll < 0.05:
        return InclusionPath(None, None, None, None, None)  # nothing yet: turns red
    submitted = start + timedelta(days=rng.randint(3, 20))
    returned = resubmitted = None
    if rng.random() < 0.15:
        returned = submitted + timedelta(days=rng.randint(5, 12))
        resubmitted = returned + timedelta(days=rng.randint(7, 20))
    reviewed_base = resubmitted or submitted
    if roll > 0.9 and start.month >= 8:
        return InclusionPath(submitted, returned, resubmitted, None, None)  # recent: waiting for review
    reviewed = reviewed_base + timedelta(days=rng.randint(3, 12))
    included = reviewed + timedelta(days=rng.randint(2, 15))
    return InclusionPath(submitted, returned, resubmitted, reviewed, included)


def _row(project: Project, year: int, month: int, path: InclusionPath, author: User | None) -> StatisticsScreening:
    end = month_end(year, month)
    row = StatisticsScreening(project=project, year=year, month=month, eligible=True, created_by=author)

    def by(day: date | None) -> bool:
        return day is not None and day <= end

    if by(path.included_on):
        row.included, row.included_on = True, path.included_on
    if by(path.reviewed_on):
        row.documents_status = DocumentsStatus.REVIEWED
        row.documents_submitted_on = path.resubmitted_on or path.submitted_on
        row.documents_reviewed_on = path.reviewed_on
    elif by(path.resubmitted_on):
        row.documents_status = DocumentsStatus.SUBMITTED
        row.documents_submitted_on = path.resubmitted_on
        row.returned_reason = RETURN_REASON
    elif by(path.returned_on):
        row.documents_status = DocumentsStatus.RETURNED
        row.documents_submitted_on = path.submitted_on
        row.documents_reviewed_on = path.returned_on
        row.returned_reason = RETURN_REASON
    elif by(path.submitted_on):
        row.documents_status = DocumentsStatus.SUBMITTED
        row.documents_submitted_on = path.submitted_on
    return row


@transaction.atomic
def load(*, stdout: Output | None = None) -> None:
    author = User.objects.filter(username="statistics_lead").first()
    continuing = set(
        ProjectYear.objects.filter(year=DEMO_YEAR, nature=Nature.CONTINUING).values_list("project_id", flat=True)
    )
    existing = set(StatisticsScreening.objects.filter(year=DEMO_YEAR).values_list("project_id", "month"))
    paths: dict[int, InclusionPath] = {}
    rows: list[StatisticsScreening] = []
    for month in range(1, DEMO_LAST_MONTH + 1):
        for project in eligible_projects(year=DEMO_YEAR, month=month).order_by("pk"):
            if (project.pk, month) in existing:
                continue
            if project.pk not in paths:
                paths[project.pk] = _path(project, project.pk in continuing)
            rows.append(_row(project, DEMO_YEAR, month, paths[project.pk], author))
    if rows:
        bulk_create_with_history(rows, StatisticsScreening, default_user=author)
    if stdout is not None:
        stdout.write(f"  statistics: {StatisticsScreening.objects.count()} screening rows")
