"""Reads and aggregates over the register. Every figure the dashboard and the bulletin show starts here.

Conventions (DOMAIN.md, "How Shanxi counties report progress"):
- completion rate = completed Jan..M ÷ annual plan × 100, unrounded here; presentation rounds;
- time progress = M ÷ 12 × 100;
- the gap in points = completion rate − time progress, from unrounded values.

Each function runs a fixed number of queries whatever the number of projects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import Unit
from core.money import rate
from core.periods import month_end, time_progress

from .models import MonthlyProgress, Nature, Project, ProjectStatus, ProjectYear, Tier, YearTarget

ZERO = Decimal("0")
HUNDRED = Decimal("100")
_MONEY_FIELD = DecimalField(max_digits=18, decimal_places=2)


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
    # order_by(): at most one row matches (one per project and month); the model's default ordering
    # would otherwise join Project and sort by name once per outer row.
    row = (
        MonthlyProgress.objects.filter(project_id=OuterRef(project_ref), year=year, month=month)
        .order_by()
        .values("completed")[:1]
    )
    return Subquery(row, output_field=_MONEY_FIELD)


def key_projects_with_progress(
    *, year: int, month: int, listing: QuerySet[ProjectYear] | None = None
) -> QuerySet[ProjectYear]:
    """The year's listings annotated with `cumulative` (Jan..M) and `month_completed` (M), projects joined."""
    listing = key_projects(year=year) if listing is None else listing
    return listing.select_related("project", "project__township", "project__responsible_unit").annotate(
        cumulative=Coalesce(
            cumulative_completed_subquery(year=year, month=month), Value(ZERO), output_field=_MONEY_FIELD
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
        MonthlyProgress.objects.filter(
            year=year, month__lte=month, project__years__year=year, project__years__in=listing
        )
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


def start_figures(*, year: int, month: int) -> StartFigures:
    """Starts of new projects and resumption of continuing ones, as of the end of month M. One query.

    - planned to start this year: new projects with a planned start in year Y (a preliminary
      project is still at its approvals: an imported period "2024-2026" must not make it "late");
    - planned by M: of those, planned start on or before the end of month M;
    - started: planned this year and with an actual start on or before the end of M;
    - started early: started, and before the planned month;
    - not started on schedule: planned by M but no actual start by the end of M (named);
    - continuing projects: resumed unless suspended or terminated.
    """
    end = month_end(year, month)
    figures = StartFigures()
    listings = (
        key_projects(year=year)
        .select_related("project")
        .only(
            "nature",
            "project__id",
            "project__name",
            "project__planned_start",
            "project__actual_start",
            "project__status",
        )
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
        if listing.nature != Nature.NEW:
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


# --- periods --------------------------------------------------------------------------------------


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


# --- the dashboard ---------------------------------------------------------------------------------


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
        annual_plan = listing.aggregate(plan=Coalesce(Sum("annual_plan"), Value(ZERO), output_field=_MONEY_FIELD))[
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
    def tier_rows(self) -> list[tuple[str, ProgressFigures]]:
        """Provincial, city, county: the order of the county's lists."""
        return [(Tier(t).label, self.progress.tiers[t]) for t in (Tier.PROVINCE, Tier.CITY, Tier.COUNTY)]

    @property
    def nature_rows(self) -> list[tuple[str, ProgressFigures]]:
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


# --- the project list ------------------------------------------------------------------------------


TIER_ORDER = Case(
    When(tier=Tier.PROVINCE, then=Value(0)),
    When(tier=Tier.CITY, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)

# How the project list may be sorted: key → order_by() arguments.
LIST_ORDERINGS: dict[str, list] = {
    "": [TIER_ORDER.asc(), "seq", "project__name", "id"],
    "rate": [F("rate_sort").asc(nulls_last=True), "project__name", "id"],
    "-rate": [F("rate_sort").desc(nulls_last=True), "project__name", "id"],
    "-plan": [F("annual_plan").desc(), "project__name", "id"],
    "-total": [F("project__total_investment").desc(), "project__name", "id"],
    "name": ["project__name", "id"],
}


def visible_listings(user) -> QuerySet[ProjectYear]:
    """Year listings of the projects the user may read (projects.access.visible_projects)."""
    from accounts.access import reads_everything

    from .access import visible_projects

    if reads_everything(user):
        return ProjectYear.objects.all()
    return ProjectYear.objects.filter(project__in=visible_projects(user))


def project_list_rows(
    *, listing: QuerySet[ProjectYear], year: int, month: int, sort: str = ""
) -> QuerySet[ProjectYear]:
    """The list's rows: listings with their project, `cumulative` Jan..M, `month_completed`, sorted."""
    rows = key_projects_with_progress(year=year, month=month, listing=listing).annotate(
        rate_sort=Case(
            When(annual_plan=0, then=Value(None)),
            default=F("cumulative") * HUNDRED / F("annual_plan"),
            output_field=DecimalField(max_digits=30, decimal_places=8),
        )
    )
    return rows.order_by(*LIST_ORDERINGS.get(sort, LIST_ORDERINGS[""]))


# --- one project -----------------------------------------------------------------------------------


@dataclass
class ProjectMonth:
    month: int
    record: MonthlyProgress | None
    cumulative: Decimal
    completion_rate: Decimal | None
    time_progress: Decimal


def project_months(*, project: Project, year: int, annual_plan: Decimal | None) -> list[ProjectMonth]:
    """Months 1..12 of `year` for one project: the reported row (or None), cumulative and rate. One query."""
    records = {
        r.month: r for r in MonthlyProgress.objects.filter(project=project, year=year).select_related("reported_by")
    }
    months: list[ProjectMonth] = []
    cumulative = ZERO
    for m in range(1, 13):
        record = records.get(m)
        if record is not None:
            cumulative += record.completed
        months.append(
            ProjectMonth(
                month=m,
                record=record,
                cumulative=cumulative,
                completion_rate=rate(cumulative, annual_plan) if annual_plan is not None else None,
                time_progress=time_progress(m),
            )
        )
    return months


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime
    who: object  # a User or None
    subject: str
    action: str  # "+" created, "~" changed, "-" deleted
    changes: list[Change]


_PROJECT_HISTORY_FIELDS = [
    "name",
    "code",
    "owner",
    "scope",
    "total_investment",
    "township",
    "responsible_unit",
    "liaison_leader",
    "industry",
    "planned_start",
    "planned_completion",
    "actual_start",
    "actual_completion",
    "status",
    "remarks",
]
_LISTING_HISTORY_FIELDS = ["tier", "nature", "annual_plan", "seq"]
_PROGRESS_HISTORY_FIELDS = ["completed", "physical_progress", "problems"]


def _display(model: type, field_name: str, value: object, units: dict[int, Unit]) -> str:
    field_obj = model._meta.get_field(field_name)
    if value is None or value == "":
        return "—"
    if field_obj.is_relation:
        unit = units.get(value)  # type: ignore[arg-type]
        return unit.name if unit else str(value)
    if field_obj.choices:
        return str(dict(field_obj.flatchoices).get(value, value))
    if isinstance(value, Decimal):
        return f"{value:,.2f}"  # amounts in 万元, as the tables show them
    return str(value)


def _history_entries(
    records: list, model: type, fields: list[str], subject, units: dict[int, Unit], *, show_initial: bool = True
) -> list[HistoryEntry]:
    """Turn simple-history records (oldest first) into entries with field-by-field changes.

    A record with no earlier one (a creation, or a change to a row bulk-loaded without history) lists
    the values it holds, unless `show_initial` is off for a creation.
    """
    entries: list[HistoryEntry] = []
    previous: dict[int, object] = {}
    for record in records:
        prior = previous.get(record.id)
        previous[record.id] = record
        changes: list[Change] = []
        if record.history_type != "-" and (prior is not None or show_initial or record.history_type == "~"):
            for name in fields:
                field_obj = model._meta.get_field(name)
                new = getattr(record, field_obj.attname)
                if prior is None:
                    if new not in (None, ""):
                        changes.append(Change(str(field_obj.verbose_name), "", _display(model, name, new, units)))
                    continue
                old = getattr(prior, field_obj.attname)
                if old != new:
                    changes.append(
                        Change(
                            str(field_obj.verbose_name),
                            _display(model, name, old, units),
                            _display(model, name, new, units),
                        )
                    )
        if record.history_type == "~" and prior is not None and not changes:
            continue  # a save that changed nothing a reader cares about
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=record.history_user,
                subject=subject(record),
                action=record.history_type,
                changes=changes,
            )
        )
    return entries


def project_history(*, project: Project, limit: int = 50) -> list[HistoryEntry]:
    """Who changed what about the project, its yearly listings and its monthly progress, newest first.

    Four queries whatever the project's history holds (units are looked up once).
    """
    project_records = list(
        Project.history.filter(id=project.pk).select_related("history_user").order_by("history_date", "history_id")
    )
    listing_records = list(
        ProjectYear.history.filter(project_id=project.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    progress_records = list(
        MonthlyProgress.history.filter(project_id=project.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    unit_ids = {r.township_id for r in project_records} | {r.responsible_unit_id for r in project_records}
    unit_ids.discard(None)
    units = Unit.objects.in_bulk(list(unit_ids)) if unit_ids else {}
    entries = (
        _history_entries(
            project_records,
            Project,
            _PROJECT_HISTORY_FIELDS,
            lambda r: gettext("Project record"),
            units,
            show_initial=False,
        )
        + _history_entries(
            listing_records,
            ProjectYear,
            _LISTING_HISTORY_FIELDS,
            lambda r: gettext("%(year)s key list") % {"year": r.year},
            units,
        )
        + _history_entries(
            progress_records,
            MonthlyProgress,
            _PROGRESS_HISTORY_FIELDS,
            lambda r: gettext("Progress %(year)s, month %(month)s") % {"year": r.year, "month": r.month},
            units,
        )
    )
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]
