"""Which years the register holds and which period a page shows when none is asked for."""

from __future__ import annotations

from django.utils import timezone

from ..models import MonthlyProgress, ProjectYear, YearTarget


def latest_reported_month(*, year: int) -> int | None:
    """The last month of `year` with any progress reported, for a sensible default month."""
    return MonthlyProgress.objects.filter(year=year).order_by("-month").values_list("month", flat=True).first()


def available_years() -> list[int]:
    years = set(YearTarget.objects.values_list("year", flat=True)) | set(
        ProjectYear.objects.order_by().values_list("year", flat=True).distinct()
    )
    return sorted(years, reverse=True)


def default_month(*, year: int) -> int:
    """The month a page shows for `year` when none is asked for: the latest reported month; for a year
    with no reports yet, the current month if it is this year, else December."""
    latest = latest_reported_month(year=year)
    if latest:
        return latest
    today = timezone.localdate()
    return today.month if year == today.year else 12


def default_period() -> tuple[int, int]:
    """The dashboard's default: the latest year with progress reported and its latest month; without
    any progress, the latest listed year (or this year) and its default month. One or two queries."""
    row = MonthlyProgress.objects.order_by("-year", "-month").values_list("year", "month").first()
    if row:
        return row[0], row[1]
    latest_year = (
        ProjectYear.objects.order_by("-year").values_list("year", flat=True).first() or timezone.localdate().year
    )
    return latest_year, default_month(year=latest_year)
