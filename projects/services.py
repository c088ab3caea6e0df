"""Writes to the register. Keyword-only, typed functions named <thing>_<action>; views call one of them.

The Excel import's writes live with the rest of the Excel work, in projects/excel/ (apply.py, batches.py).
"""

from __future__ import annotations

from decimal import Decimal

from django.db import IntegrityError, transaction

from accounts.models import User

from .models import MonthlyProgress, Project


def progress_record(
    *,
    project: Project,
    year: int,
    month: int,
    completed: Decimal,
    physical_progress: str = "",
    problems: str = "",
    reported_by: User | None,
) -> tuple[MonthlyProgress, bool]:
    """Create or correct one project's progress for one month; returns (row, created).

    One row per project and month (the database enforces it); a second entry for the same month
    replaces the first, and django-simple-history keeps what it replaced and who changed it.
    """
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1..12, got {month}")
    if completed < 0:
        raise ValueError("completed investment cannot be negative")
    values = {
        "completed": completed,
        "physical_progress": physical_progress,
        "problems": problems,
        "reported_by": reported_by,
    }
    with transaction.atomic():
        row = MonthlyProgress.objects.select_for_update().filter(project=project, year=year, month=month).first()
        if row is None:
            try:
                with transaction.atomic():  # a savepoint: two people saving the same new month at once
                    row = MonthlyProgress(project=project, year=year, month=month, **values)
                    row._history_user = reported_by  # type: ignore[attr-defined]  # named outside requests too
                    row.save()
            except IntegrityError:
                row = MonthlyProgress.objects.select_for_update().get(project=project, year=year, month=month)
            else:
                return row, True
        for name, value in values.items():
            setattr(row, name, value)
        row._history_user = reported_by  # type: ignore[attr-defined]
        row.save(update_fields=[*values, "reported_at"])
    return row, False
