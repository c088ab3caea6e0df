"""Reads and aggregates over the register. Every figure the dashboard and the bulletin show starts here.

Conventions (DOMAIN.md, "How Shanxi counties report progress"):
- completion rate = completed Jan..M ÷ annual plan × 100, unrounded here; presentation rounds;
- time progress = M ÷ 12 × 100;
- the gap in points = completion rate − time progress, from unrounded values.

Each function runs a fixed number of queries whatever the number of projects.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, DecimalField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from .models import MonthlyProgress, Nature, Project, ProjectStatus, ProjectYear, Tier, Unit, YearTarget

ZERO = Decimal("0")
HUNDRED = Decimal("100")
_MONEY_FIELD = DecimalField(max_digits=18, decimal_places=2)


def time_progress(month: int) -> Decimal:
    """Time progress at the end of month M, in percent (unrounded: 1/12 is not a finite decimal)."""
    return Decimal(month) * HUNDRED / Decimal(12)


def rate(part: Decimal, whole: Decimal) -> Decimal | None:
    """part ÷ whole in percent, or None when there is nothing to divide by."""
    if not whole:
        return None
    return part * HUNDRED / whole


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
    return Subquery(sums, output_field=_MONEY_FIELD)


def month_completed_subquery(*, year: int, month: int, project_ref: str = "project_id") -> Subquery:
    """Month M's completed investment for the referenced project (NULL when not reported)."""
    row = MonthlyProgress.objects.filter(project_id=OuterRef(project_ref), year=year, month=month).values("completed")[:1]
    return Subquery(row, output_field=_MONEY_FIELD)


def key_projects_with_progress(
    *, year: int, month: int, listing: QuerySet[ProjectYear] | None = None
) -> QuerySet[ProjectYear]:
    """The year's listings annotated with `cumulative` (Jan..M) and `month_completed` (M), projects joined."""
    listing = key_projects(year=year) if listing is None else listing
    return listing.select_related("project", "project__township", "project__responsible_unit").annotate(
        cumulative=Coalesce(cumulative_completed_subquery(year=year, month=month), Value(ZERO), output_field=_MONEY_FIELD),
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
            total=Coalesce(Sum("project__total_investment"), Value(ZERO), output_field=_MONEY_FIELD),
            plan=Coalesce(Sum("annual_plan"), Value(ZERO), output_field=_MONEY_FIELD),
        )
    )
    for row in plan_rows:
        for figures in (tiers[row["tier"]], natures[row["nature"]]):
            figures.count += row["n"]
            figures.total_investment += row["total"]
            figures.annual_plan += row["plan"]

    # One filter() call so that the join to ProjectYear used for grouping is the filtered one.
    done_rows = (
        MonthlyProgress.objects.filter(year=year, month__lte=month, project__years__year=year, project__years__in=listing)
        .order_by()
        .values("project__years__tier", "project__years__nature")
        .annotate(
            cum=Coalesce(Sum("completed"), Value(ZERO), output_field=_MONEY_FIELD),
            this_month=Coalesce(Sum("completed", filter=Q(month=month)), Value(ZERO), output_field=_MONEY_FIELD),
            reported=Count("project_id", filter=Q(month=month), distinct=True),
        )
    )
    month_completed = ZERO
    reported = 0
    for row in done_rows:
        tiers[row["project__years__tier"]].completed += row["cum"]
        natures[row["project__years__nature"]].completed += row["cum"]
        month_completed += row["this_month"]
        reported += row["reported"]

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
    the order is by name so the same inputs always give the same list. Two queries.
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
            total=Coalesce(Sum("project__total_investment"), Value(ZERO), output_field=_MONEY_FIELD),
            plan=Coalesce(Sum("annual_plan"), Value(ZERO), output_field=_MONEY_FIELD),
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


@dataclass
class StartFigures:
    planned_this_year: int = 0
    planned_by_month: int = 0
    started: int = 0
    started_early: int = 0
    not_started_on_schedule: list[Project] = field(default_factory=list)
    continuing: int = 0
    resumed: int = 0
    not_resumed: list[Project] = field(default_factory=list)
    terminated: int = 0

    @property
    def start_rate(self) -> Decimal | None:
        """Started ÷ planned to have started by month M."""
        return rate(Decimal(self.started), Decimal(self.planned_by_month))


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def start_figures(*, year: int, month: int) -> StartFigures:
    """Starts of new projects and resumption of continuing ones, as of the end of month M. One query.

    - planned to start this year: listed projects with a planned start in year Y;
    - planned by M: of those, planned start on or before the end of month M;
    - started: planned this year and with an actual start on or before the end of M;
    - started early: started, and before the planned month;
    - not started on schedule: planned by M but no actual start by the end of M (named);
    - continuing projects: resumed unless suspended or terminated.
    """
    end = month_end(year, month)
    figures = StartFigures()
    listings = key_projects(year=year).select_related("project").only(
        "nature",
        "project__id",
        "project__name",
        "project__planned_start",
        "project__actual_start",
        "project__status",
    )
    for listing in listings:
        project = listing.project
        if listing.nature == Nature.CONTINUING:
            figures.continuing += 1
            if project.status == ProjectStatus.TERMINATED:
                figures.terminated += 1
            elif project.status == ProjectStatus.SUSPENDED:
                figures.not_resumed.append(project)
            else:
                figures.resumed += 1
            continue
        planned = project.planned_start
        if planned is None or planned.year != year:
            continue
        figures.planned_this_year += 1
        started = project.actual_start is not None and project.actual_start <= end
        if planned <= end:
            figures.planned_by_month += 1
            if not started:
                figures.not_started_on_schedule.append(project)
        if started:
            figures.started += 1
            if (project.actual_start.year, project.actual_start.month) < (planned.year, planned.month):
                figures.started_early += 1
    figures.not_started_on_schedule.sort(key=lambda p: p.name)
    figures.not_resumed.sort(key=lambda p: p.name)
    return figures


def projects_behind(
    *, year: int, month: int, red_points: Decimal = Decimal("20"), yellow_points: Decimal = Decimal("10")
) -> list[tuple[ProjectYear, Decimal, str]]:
    """Listed projects with a plan whose completion rate trails time progress, worst first.

    Each item is (listing with `cumulative`, points behind, "red" | "yellow" | "green"), where red is
    more than `red_points` behind, yellow more than `yellow_points`, green otherwise. One query.
    """
    tp = time_progress(month)
    result: list[tuple[ProjectYear, Decimal, str]] = []
    for listing in key_projects_with_progress(year=year, month=month).filter(annual_plan__gt=0):
        gap = tp - listing.cumulative * HUNDRED / listing.annual_plan
        if gap <= 0:
            continue
        colour = "red" if gap > red_points else "yellow" if gap > yellow_points else "green"
        result.append((listing, gap, colour))
    result.sort(key=lambda item: (-item[1], item[0].project.name))
    return result


def latest_reported_month(*, year: int) -> int | None:
    """The last month of `year` with any progress reported, for a sensible default month."""
    row = MonthlyProgress.objects.filter(year=year).order_by("-month").values_list("month", flat=True).first()
    return row


def available_years() -> list[int]:
    years = set(YearTarget.objects.values_list("year", flat=True)) | set(
        ProjectYear.objects.order_by().values_list("year", flat=True).distinct()
    )
    return sorted(years, reverse=True)
