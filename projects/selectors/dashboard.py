"""The dashboard's figures: the year's curve month by month, and everything the home page shows at once."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from core.money import rate
from core.periods import time_progress

from ..models import MonthlyProgress, Nature, ProjectYear, Tier
from .figures import (
    MONEY_FIELD,
    ZERO,
    InvestmentProgress,
    ProgressFigures,
    UnitRanking,
    investment_progress,
    key_projects,
    unit_ranking,
)
from .starts import StartFigures, projects_behind, start_figures

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass
class MonthPoint:
    """One month of the year's curve: completed that month, cumulative Jan..m and its rate."""

    month: int
    completed: Decimal
    cumulative: Decimal
    completion_rate: Decimal | None
    time_progress: Decimal


def monthly_series(
    *, year: int, month: int = 12, listing: QuerySet[ProjectYear] | None = None, annual_plan: Decimal | None = None
) -> list[MonthPoint]:
    """Months 1..`month` of `year` for the listed projects: completed, cumulative, rate against the plan.

    Pass `annual_plan` when the caller already knows it (saves a query). One or two queries.
    """
    listing = key_projects(year=year) if listing is None else listing
    if annual_plan is None:
        annual_plan = listing.aggregate(plan=Coalesce(Sum("annual_plan"), Value(ZERO), output_field=MONEY_FIELD))[
            "plan"
        ]
    sums = dict(
        MonthlyProgress.objects.filter(
            year=year, month__lte=month, project__years__year=year, project__years__in=listing
        )
        .order_by()
        .values_list("month")
        .annotate(total=Sum("completed"))
        .values_list("month", "total")
    )
    points: list[MonthPoint] = []
    cumulative = ZERO
    for m in range(1, month + 1):
        completed = sums.get(m) or ZERO
        cumulative += completed
        points.append(
            MonthPoint(
                month=m,
                completed=completed,
                cumulative=cumulative,
                completion_rate=rate(cumulative, annual_plan),
                time_progress=time_progress(m),
            )
        )
    return points


@dataclass
class Dashboard:
    year: int
    month: int
    progress: InvestmentProgress
    series: list[MonthPoint]
    starts: StartFigures
    townships: list[UnitRanking]
    units: list[UnitRanking]
    behind: list[tuple[ProjectYear, Decimal, str]]

    @property
    def tier_rows(self) -> list[tuple[StrOrPromise, ProgressFigures]]:
        """Provincial, city, county: the order of the county's lists."""
        return [(Tier(t).label, self.progress.tiers[t]) for t in (Tier.PROVINCE, Tier.CITY, Tier.COUNTY)]

    @property
    def nature_rows(self) -> list[tuple[StrOrPromise, ProgressFigures]]:
        return [
            (Nature(n).label, self.progress.natures[n]) for n in (Nature.NEW, Nature.CONTINUING, Nature.PRELIMINARY)
        ]

    @property
    def behind_counts(self) -> dict[str, int]:
        counts = {"red": 0, "yellow": 0, "green": 0}
        for _listing, _gap, colour in self.behind:
            counts[colour] += 1
        return counts


def dashboard_figures(*, year: int, month: int) -> Dashboard:
    """Everything the dashboard shows for year Y up to month M, in a fixed number of queries (about 14)."""
    progress = investment_progress(year=year, month=month)
    return Dashboard(
        year=year,
        month=month,
        progress=progress,
        series=monthly_series(year=year, month=month, annual_plan=progress.total.annual_plan),
        starts=start_figures(year=year, month=month),
        townships=unit_ranking(year=year, month=month, by="township"),
        units=unit_ranking(year=year, month=month, by="responsible_unit"),
        behind=projects_behind(year=year, month=month),
    )
