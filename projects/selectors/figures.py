"""The register's figures: the year's key list with its progress, per tier, nature and unit.

Every figure the dashboard and the bulletin show starts here. Conventions (DOMAIN.md, "How Shanxi
counties report progress"):
- completion rate = completed Jan..M ÷ annual plan × 100, unrounded here; presentation rounds;
- time progress = M ÷ 12 × 100;
- the gap in points = completion rate − time progress, from unrounded values.

Each function runs a fixed number of queries whatever the number of projects.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, TypeAlias, TypedDict

from django.db.models import Count, DecimalField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from accounts.models import Unit
from core.money import rate
from core.periods import time_progress

from ..models import MonthlyProgress, Nature, ProjectYear, Tier, YearTarget

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

ZERO = Decimal("0")
HUNDRED = Decimal("100")
MONEY_FIELD = DecimalField(max_digits=18, decimal_places=2)


@dataclass
class ProgressFigures:
    """The standard block of a bulletin: count, total investment, plan, completed and the rates."""

    count: int = 0
    total_investment: Decimal = ZERO
    annual_plan: Decimal = ZERO
    completed: Decimal = ZERO
    month: int = 12

    @property
    def completion_rate(self) -> Decimal | None:
        return rate(self.completed, self.annual_plan)

    @property
    def time_progress(self) -> Decimal:
        return time_progress(self.month)

    @property
    def vs_time_progress(self) -> Decimal | None:
        """Points ahead (positive) or behind (negative) time progress."""
        completion = self.completion_rate
        return None if completion is None else completion - self.time_progress

    def add(self, other: ProgressFigures) -> None:
        self.count += other.count
        self.total_investment += other.total_investment
        self.annual_plan += other.annual_plan
        self.completed += other.completed


def key_projects(*, year: int) -> QuerySet[ProjectYear]:
    """The year's key list."""
    return ProjectYear.objects.filter(year=year)


def cumulative_completed_subquery(*, year: int, month: int, project_ref: str = "project_id") -> Subquery:
    """Jan..M completed investment for the project referenced by `project_ref`, for use in annotate()."""
    sums = (
        MonthlyProgress.objects.filter(project_id=OuterRef(project_ref), year=year, month__lte=month)
        .order_by()
        .values("project_id")
        .annotate(total=Sum("completed"))
        .values("total")
    )
    return Subquery(sums, output_field=MONEY_FIELD)


def month_completed_subquery(*, year: int, month: int, project_ref: str = "project_id") -> Subquery:
    """Month M's completed investment for the referenced project (NULL when not reported)."""
    # order_by(): at most one row matches (one per project and month); the model's default ordering
    # would otherwise join Project and sort by name once per outer row.
    row = (
        MonthlyProgress.objects.filter(project_id=OuterRef(project_ref), year=year, month=month)
        .order_by()
        .values("completed")[:1]
    )
    return Subquery(row, output_field=MONEY_FIELD)


class ProgressAnnotations(TypedDict):
    cumulative: Decimal  # completed Jan..M, 0 when nothing was reported
    month_completed: Decimal | None  # completed in month M, None when not reported


if TYPE_CHECKING:
    # A listing as key_projects_with_progress returns it (django-stubs' type of an annotated model).
    ListingWithProgress: TypeAlias = WithAnnotations[ProjectYear, ProgressAnnotations]


def key_projects_with_progress(
    *, year: int, month: int, listing: QuerySet[ProjectYear] | None = None
) -> QuerySet[ListingWithProgress]:
    """The year's listings annotated with `cumulative` (Jan..M) and `month_completed` (M), projects joined."""
    listing = key_projects(year=year) if listing is None else listing
    return listing.select_related("project", "project__township", "project__responsible_unit").annotate(
        cumulative=Coalesce(
            cumulative_completed_subquery(year=year, month=month), Value(ZERO), output_field=MONEY_FIELD
        ),
        month_completed=month_completed_subquery(year=year, month=month),
    )


@dataclass
class InvestmentProgress:
    year: int
    month: int
    total: ProgressFigures
    tiers: dict[str, ProgressFigures]
    # Construction projects (new and continuing) and preliminary projects told apart.
    natures: dict[str, ProgressFigures]
    month_completed: Decimal
    reported_projects: int
    target: YearTarget | None = None

    @property
    def time_progress(self) -> Decimal:
        return time_progress(self.month)

    @property
    def month_share_of_plan(self) -> Decimal | None:
        return rate(self.month_completed, self.total.annual_plan)

    @property
    def target_completion_rate(self) -> Decimal | None:
        """Key projects' completed Jan..M against the year's FAI target."""
        if self.target is None:
            return None
        return rate(self.total.completed, self.target.fai_target)


def investment_progress(*, year: int, month: int, listing: QuerySet[ProjectYear] | None = None) -> InvestmentProgress:
    """The headline figures for year Y up to month M, per tier, per nature and in total. Three queries."""
    listing = key_projects(year=year) if listing is None else listing
    tiers = {t.value: ProgressFigures(month=month) for t in Tier}
    natures = {n.value: ProgressFigures(month=month) for n in Nature}
    plan_rows = (
        listing.order_by()
        .values("tier", "nature")
        .annotate(
            n=Count("id"),
            total=Coalesce(Sum("project__total_investment"), Value(ZERO), output_field=MONEY_FIELD),
            plan=Coalesce(Sum("annual_plan"), Value(ZERO), output_field=MONEY_FIELD),
        )
    )
    for row in plan_rows:
        for figures in (tiers[row["tier"]], natures[row["nature"]]):
            figures.count += row["n"]
            figures.total_investment += row["total"]
            figures.annual_plan += row["plan"]

    # One filter() call so that the join to ProjectYear used for grouping is the filtered one.
    done_rows = (
        MonthlyProgress.objects.filter(
            year=year, month__lte=month, project__years__year=year, project__years__in=listing
        )
        .order_by()
        .values("project__years__tier", "project__years__nature")
        .annotate(
            cum=Coalesce(Sum("completed"), Value(ZERO), output_field=MONEY_FIELD),
            this_month=Coalesce(Sum("completed", filter=Q(month=month)), Value(ZERO), output_field=MONEY_FIELD),
            reported=Count("project_id", filter=Q(month=month), distinct=True),
        )
    )
    month_completed = ZERO
    reported = 0
    for done in done_rows:
        tiers[done["project__years__tier"]].completed += done["cum"]
        natures[done["project__years__nature"]].completed += done["cum"]
        month_completed += done["this_month"]
        reported += done["reported"]

    total = ProgressFigures(month=month)
    for figures in tiers.values():
        total.add(figures)
    target = YearTarget.objects.filter(year=year).first()
    return InvestmentProgress(
        year=year,
        month=month,
        total=total,
        tiers=tiers,
        natures=natures,
        month_completed=month_completed,
        reported_projects=reported,
        target=target,
    )


@dataclass
class UnitRanking:
    unit: Unit
    figures: ProgressFigures
    rank: int = 0


def unit_ranking(*, year: int, month: int, by: str = "township") -> list[UnitRanking]:
    """Townships (by="township") or responsible units (by="responsible_unit") ranked by completion rate.

    Ties share a rank ("1, 2, 2, 4"); within a tie, and for units with no plan (ranked last),
    the order is by name so the same inputs always give the same list. Three queries.
    """
    if by not in ("township", "responsible_unit"):
        raise ValueError(by)
    key = f"project__{by}_id"
    rows = (
        key_projects(year=year)
        .filter(**{f"{key}__isnull": False})
        .order_by()
        .values(key)
        .annotate(
            n=Count("id"),
            total=Coalesce(Sum("project__total_investment"), Value(ZERO), output_field=MONEY_FIELD),
            plan=Coalesce(Sum("annual_plan"), Value(ZERO), output_field=MONEY_FIELD),
        )
    )
    figures: dict[int, ProgressFigures] = {}
    for row in rows:
        figures[row[key]] = ProgressFigures(
            count=row["n"], total_investment=row["total"], annual_plan=row["plan"], month=month
        )
    done = (
        MonthlyProgress.objects.filter(year=year, month__lte=month, project__years__year=year)
        .filter(**{f"project__{by}_id__isnull": False})
        .order_by()
        .values(f"project__{by}_id")
        .annotate(cum=Sum("completed"))
    )
    for row in done:
        unit_id = row[f"project__{by}_id"]
        if unit_id in figures:
            figures[unit_id].completed += row["cum"] or ZERO
    units = Unit.objects.in_bulk(list(figures))
    ranking = [UnitRanking(unit=units[pk], figures=f) for pk, f in figures.items()]

    def sort_key(item: UnitRanking) -> tuple:
        rate_value = item.figures.completion_rate
        return (rate_value is None, -(rate_value or ZERO), item.unit.name)

    ranking.sort(key=sort_key)
    previous_rate: object = object()
    for position, item in enumerate(ranking, start=1):
        current = item.figures.completion_rate
        item.rank = ranking[position - 2].rank if position > 1 and current == previous_rate else position
        previous_rate = current
    return ranking
