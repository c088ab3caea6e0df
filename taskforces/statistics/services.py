"""Writes to the statistics-inclusion ledger (入库纳统专班): opening a month's screening.

The task force screens month by month (逐月摸排). `statistics_screening_open` lists every project
eligible that month (see `taskforces.statistics.selectors.eligible_projects`) and carries each
project's inclusion and documents over from its latest earlier screening, so that a project
included in March is still included in April without anyone typing it again. Running it twice
adds nothing: existing rows of the month are left as the members edited them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from simple_history.utils import bulk_create_with_history

from accounts.models import User

from .models import StatisticsScreening
from .selectors import eligible_projects

# What a month's row inherits from the project's previous screening.
CARRIED_FIELDS = (
    "included",
    "included_on",
    "documents_status",
    "documents_submitted_on",
    "documents_reviewed_on",
    "returned_reason",
)


@dataclass
class ScreeningOpened:
    year: int
    month: int
    created: int
    existing: int


def statistics_screening_open(*, year: int, month: int, user: User | None) -> ScreeningOpened:
    """Add a row for each eligible project that has none in (year, month). Fixed number of queries
    plus one bulk insert; history rows record `user` as the author."""
    if not 1 <= month <= 12:
        raise ValueError("month must be 1..12")
    project_ids = list(eligible_projects(year=year, month=month).order_by("pk").values_list("pk", flat=True))
    with transaction.atomic():
        existing = set(
            StatisticsScreening.objects.filter(year=year, month=month, project_id__in=project_ids).values_list(
                "project_id", flat=True
            )
        )
        missing = [pk for pk in project_ids if pk not in existing]
        # The latest earlier screening of each missing project (one query, newest first).
        previous: dict[int, StatisticsScreening] = {}
        earlier = StatisticsScreening.objects.filter(
            Q(year__lt=year) | Q(year=year, month__lt=month), project_id__in=missing
        ).order_by("-year", "-month")
        for row in earlier:
            previous.setdefault(row.project_id, row)
        rows = []
        for pk in missing:
            row = StatisticsScreening(project_id=pk, year=year, month=month, eligible=True, created_by=user)
            before = previous.get(pk)
            if before is not None:
                for name in CARRIED_FIELDS:
                    setattr(row, name, getattr(before, name))
            rows.append(row)
        # bulk_create skips save(): this helper writes the history rows too.
        bulk_create_with_history(rows, StatisticsScreening, default_user=user)
    return ScreeningOpened(year=year, month=month, created=len(missing), existing=len(existing))
