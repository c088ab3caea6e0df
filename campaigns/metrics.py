"""The registry of what an indicator can measure.

Each metric computes its actual figure for the county and for every unit at once, from the data the
register, the ledgers, the cycles and the campaigns' own records hold, and returns the records each
figure was computed from (for the drill-down links). An `Indicator` names a metric by its key.

- A metric's value is in its native unit: money in 万元, counts, percentages (× 100), days.
- `accrues`: the figure grows over the period (trips, events, signings, the completion rate), so the
  target due by month M of a yearly target is target × M ÷ 12. Other metrics are a state at the end of
  month M (the pipeline's totals, open problems) and are compared with the whole target.
- A metric whose source is not installed (a ledger that does not exist) answers "no data" (None).

Each metric runs a fixed number of queries whatever the number of records.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.apps import apps
from django.db.models import Model
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.periods import month_end
from projects.models import MonthlyProgress, Nature, ProjectYear, YearTarget

ZERO = Decimal("0")
HUNDRED = Decimal("100")


class Kind(StrEnum):
    MONEY = "money"
    COUNT = "count"
    PERCENT = "percent"
    DAYS = "days"


# --- results -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """One record a figure was computed from: what to show and where it lives."""

    label: str
    url: str = ""
    detail: str = ""
    when: date | None = None
    amount: Decimal | None = None


@dataclass
class Figure:
    value: Decimal | None
    records: list[Record] = field(default_factory=list)


@dataclass
class Values:
    """A metric's figures: the county's and each unit's. A unit not present has `missing` (0 or None)."""

    county: Figure
    units: dict[int, Figure] = field(default_factory=dict)
    missing: Decimal | None = ZERO
    available: bool = True

    def get(self, unit_id: int | None) -> Figure:
        if unit_id is None:
            return self.county
        return self.units.get(unit_id) or Figure(self.missing, [])


NO_DATA = Values(county=Figure(None), missing=None, available=False)


# --- time windows --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    """Months first_month..month of `year`, part of a period of `length` months (1, 3 or 12)."""

    year: int
    month: int
    first_month: int
    length: int

    @classmethod
    def for_period(cls, period: str, year: int, month: int) -> Window:
        if period == "month":
            return cls(year, month, month, 1)
        if period == "quarter":
            return cls(year, month, (month - 1) // 3 * 3 + 1, 3)
        return cls(year, month, 1, 12)

    @property
    def start(self) -> date:
        return date(self.year, self.first_month, 1)

    @property
    def end(self) -> date:
        return month_end(self.year, self.month)

    @property
    def as_of(self) -> date:
        """The day a state is read on: the end of month M, or today while month M is still running."""
        return min(self.end, timezone.localdate())

    @property
    def elapsed(self) -> int:
        return self.month - self.first_month + 1

    @property
    def share_elapsed(self) -> Decimal:
        return Decimal(self.elapsed) / Decimal(self.length)

    def contains(self, day: date | datetime | None) -> bool:
        if day is None:
            return False
        if isinstance(day, datetime):
            day = timezone.localdate(day)
        return self.start <= day <= self.end


# --- the registry --------------------------------------------------------------------------------


@dataclass
class MetricContext:
    """What every metric of one computation shares: the year's settings and a cache of results."""

    year: int
    reserve_counts_in_planned_pool: bool = False
    cache: dict[tuple[str, Window], Values] = field(default_factory=dict)

    def values(self, key: str, window: Window) -> Values:
        cache_key = (key, window)
        if cache_key not in self.cache:
            metric = METRICS.get(key)
            self.cache[cache_key] = (
                NO_DATA if metric is None or not metric.is_available() else metric.compute(self, window)
            )
        return self.cache[cache_key]


@dataclass(frozen=True)
class Metric:
    key: str
    label: Promise | str
    kind: Kind
    accrues: bool
    source: Promise | str
    compute: Callable[[MetricContext, Window], Values]
    requires: tuple[str, ...] = ()  # "app_label.Model" that must exist
    short: Promise | str = ""  # a short name for a target's description ("4 × FAI target")

    @property
    def short_label(self) -> Promise | str:
        return self.short or self.label

    def is_available(self) -> bool:
        return all(_model(name) is not None for name in self.requires)


METRICS: dict[str, Metric] = {}


def metric(
    key: str,
    label: Promise | str,
    kind: Kind,
    *,
    accrues: bool,
    source: Promise | str,
    requires: tuple[str, ...] = (),
    short: Promise | str = "",
):
    def register(fn: Callable[[MetricContext, Window], Values]) -> Callable[[MetricContext, Window], Values]:
        METRICS[key] = Metric(key, label, kind, accrues, source, fn, requires, short)
        return fn

    return register


def metric_choices() -> list[tuple[str, str]]:
    return [(m.key, f"{m.label} [{m.key}]") for m in METRICS.values()]


def _model(name: str) -> type[Model] | None:
    """A model of another area, or None while that area has not built it."""
    app_label, model_name = name.split(".")
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None


def _reverse_or_blank(name: str, *args: Any) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


# Reversed only when a page shows the link: the bulletin and the scores build thousands of records and
# never display them (reversing them all took a quarter of the bulletin's campaign section).
_url = lazy(_reverse_or_blank, str)


_ENTRY_SECTIONS: dict[type, tuple[str, str] | None] = {}


def _entry_url(obj: Model) -> str:
    """The task-force ledger page of an entry (via the ledgers' registry), or "" when it has none."""
    model = type(obj)
    if model not in _ENTRY_SECTIONS:
        try:
            from taskforces.registry import section_for_model

            section = section_for_model(model)
        except ImportError:
            section = None
        _ENTRY_SECTIONS[model] = (section.slug, section.key) if section else None
    found = _ENTRY_SECTIONS[model]
    return _url("taskforces:entry", found[0], found[1], obj.pk) if found else ""


def _record_url(kind: str, pk: int) -> str:
    return _url("campaigns:record_detail", kind, pk)


# --- aggregation helpers -------------------------------------------------------------------------

Item = tuple[Iterable[int | None], Decimal, Record]


def tally(items: Iterable[Item]) -> Values:
    """Sum values for the county and for each unit an item belongs to."""
    county = Figure(ZERO)
    units: dict[int, Figure] = {}
    for unit_ids, value, record in items:
        county.value += value
        county.records.append(record)
        for unit_id in {u for u in unit_ids if u}:
            figure = units.setdefault(unit_id, Figure(ZERO))
            figure.value += value
            figure.records.append(record)
    return Values(county=county, units=units)


def average(items: Iterable[Item]) -> Values:
    """The mean of the values, for the county and each unit; None where there is nothing to average."""
    sums: dict[int | None, list[Decimal]] = defaultdict(list)
    records: dict[int | None, list[Record]] = defaultdict(list)
    for unit_ids, value, record in items:
        keys = [None, *{u for u in unit_ids if u}]
        for key in keys:
            sums[key].append(value)
            records[key].append(record)

    def figure(key: int | None) -> Figure:
        values = sums.get(key)
        return Figure(sum(values, ZERO) / len(values) if values else None, records.get(key, []))

    return Values(county=figure(None), units={k: figure(k) for k in sums if k is not None}, missing=None)


def percent_of(part: Values, whole: Values, records_from: Values | None = None) -> Values:
    """part ÷ whole × 100 per scope (None where the whole is zero)."""
    source = records_from or part

    def figure(p: Figure, w: Figure, r: Figure) -> Figure:
        if p.value is None or not w.value:
            return Figure(None, r.records)
        return Figure(p.value * HUNDRED / w.value, r.records)

    keys = set(part.units) | set(whole.units)
    return Values(
        county=figure(part.county, whole.county, source.county),
        units={k: figure(part.get(k), whole.get(k), source.get(k)) for k in keys},
        missing=None,
    )


def _days(start: date | datetime, end: date | datetime) -> Decimal:
    if isinstance(start, datetime):
        start = timezone.localdate(start)
    if isinstance(end, datetime):
        end = timezone.localdate(end)
    return Decimal((end - start).days)


def _money(value: Decimal | None) -> str:
    return gettext("%(amount)s (10k yuan)") % {"amount": f"{(value or ZERO):,.2f}"}


# --- the register -------------------------------------------------------------------------------


def _listings(ctx: MetricContext) -> list[ProjectYear]:
    """The year's key list, loaded once per computation (four metrics read it)."""
    key = ("_listings", None)
    if key not in ctx.cache:
        ctx.cache[key] = list(  # type: ignore[index,assignment]
            ProjectYear.objects.filter(year=ctx.year)
            .select_related("project")
            .only(
                "id",
                "nature",
                "annual_plan",
                "tier",
                "project__id",
                "project__name",
                "project__township_id",
                "project__responsible_unit_id",
                "project__actual_start",
                "project__total_investment",
            )
        )
    return ctx.cache[key]  # type: ignore[index,return-value]


def _project_record(project, detail: str = "", amount: Decimal | None = None, when: date | None = None) -> Record:
    return Record(label=project.name, url=_url("projects:detail", project.pk), detail=detail, amount=amount, when=when)


@metric(
    "register.fai_target",
    _("the year's FAI target (share of a unit: in proportion to its key projects' annual plan)"),
    Kind.MONEY,
    accrues=False,
    source=_("Year target and the key list"),
    short=_("the FAI target"),
)
def fai_target(ctx: MetricContext, window: Window) -> Values:
    target = YearTarget.objects.filter(year=ctx.year).first()
    if target is None:
        return Values(county=Figure(None), missing=None)
    rows = _listings(ctx)
    total_plan = sum((r.annual_plan for r in rows), ZERO)
    record = Record(
        label=gettext("Fixed-asset investment target %(year)s") % {"year": ctx.year}, detail=_money(target.fai_target)
    )
    plans = tally(
        (
            [r.project.township_id, r.project.responsible_unit_id],
            r.annual_plan,
            _project_record(r.project, _money(r.annual_plan), r.annual_plan),
        )
        for r in rows
    )
    units = {
        unit_id: Figure(target.fai_target * f.value / total_plan if total_plan else None, [record, *f.records])
        for unit_id, f in plans.units.items()
    }
    return Values(county=Figure(target.fai_target, [record]), units=units)


@metric(
    "register.new_projects",
    _("new projects on the year's key list"),
    Kind.COUNT,
    accrues=False,
    source=_("Key list (nature: new)"),
    short=_("the new projects"),
)
def new_projects(ctx: MetricContext, window: Window) -> Values:
    return tally(
        ([r.project.township_id, r.project.responsible_unit_id], Decimal(1), _project_record(r.project))
        for r in _listings(ctx)
        if r.nature == Nature.NEW
    )


@metric(
    "register.annual_plan",
    _("key projects' annual planned investment"),
    Kind.MONEY,
    accrues=False,
    source=_("Key list"),
    short=_("the annual plan"),
)
def annual_plan(ctx: MetricContext, window: Window) -> Values:
    return tally(
        (
            [r.project.township_id, r.project.responsible_unit_id],
            r.annual_plan,
            _project_record(r.project, _money(r.annual_plan), r.annual_plan),
        )
        for r in _listings(ctx)
    )


@metric(
    "register.completed",
    _("key projects' completed investment in the period"),
    Kind.MONEY,
    accrues=True,
    source=_("Monthly progress of key projects"),
)
def completed(ctx: MetricContext, window: Window) -> Values:
    rows = (
        MonthlyProgress.objects.filter(
            year=window.year, month__gte=window.first_month, month__lte=window.month, project__years__year=ctx.year
        )
        .select_related("project")
        .only(
            "completed",
            "month",
            "project__id",
            "project__name",
            "project__township_id",
            "project__responsible_unit_id",
        )
        .order_by("project__name", "month")
    )
    by_project: dict[int, list] = defaultdict(list)
    for row in rows:
        by_project[row.project_id].append(row)
    return tally(
        (
            [items[0].project.township_id, items[0].project.responsible_unit_id],
            sum((i.completed for i in items), ZERO),
            _project_record(items[0].project, _money(sum((i.completed for i in items), ZERO))),
        )
        for items in by_project.values()
    )


@metric(
    "register.completion_rate",
    _("investment completion rate (completed Jan..M ÷ annual plan)"),
    Kind.PERCENT,
    accrues=True,
    source=_("Key list and monthly progress"),
)
def completion_rate(ctx: MetricContext, window: Window) -> Values:
    year_window = Window(window.year, window.month, 1, 12)
    done = ctx.values("register.completed", year_window)
    plan = ctx.values("register.annual_plan", year_window)
    return percent_of(done, plan, records_from=plan)


@metric(
    "register.started_new",
    _("new key projects started in the period"),
    Kind.COUNT,
    accrues=True,
    source=_("Key list (actual start)"),
)
def started_new(ctx: MetricContext, window: Window) -> Values:
    return tally(
        (
            [r.project.township_id, r.project.responsible_unit_id],
            Decimal(1),
            _project_record(r.project, str(r.project.actual_start), when=r.project.actual_start),
        )
        for r in _listings(ctx)
        if r.nature == Nature.NEW and window.contains(r.project.actual_start)
    )


# --- reserve: the pipeline -----------------------------------------------------------------------


def _pipeline_rows(ctx: MetricContext, window: Window) -> list[tuple[Any, str]]:
    """Pipeline projects with their stage as they stood on the window's as-of day."""
    cache_key = ("_pipeline", window)
    if cache_key not in ctx.cache:
        from .models import PipelineProject
        from .services import pipeline_stage_on

        day = window.as_of
        rows = []
        for p in PipelineProject.objects.select_related("township").order_by("township__sort_order", "name"):
            stage = pipeline_stage_on(p, day)
            if stage:
                rows.append((p, stage))
        ctx.cache[cache_key] = rows  # type: ignore[assignment]
    return ctx.cache[cache_key]  # type: ignore[return-value]


def _pipeline_record(p, stage: str) -> Record:
    from .models import PipelineStage

    return Record(
        label=p.name,
        url=_record_url("pipeline", p.pk),
        detail=f"{p.township.name} · {PipelineStage(stage).label} · {_money(p.estimated_investment)}",
        amount=p.estimated_investment,
        when=p.entered_on,
    )


def _pipeline_tally(ctx: MetricContext, window: Window, stages: set[str], count: bool) -> Values:
    return tally(
        ([p.township_id], Decimal(1) if count else p.estimated_investment, _pipeline_record(p, stage))
        for p, stage in _pipeline_rows(ctx, window)
        if stage in stages
    )


def _pool_stages(ctx: MetricContext) -> set[str]:
    return {"planned", "reserve"} if ctx.reserve_counts_in_planned_pool else {"planned"}


@metric(
    "reserve.planned_pool_total",
    _("planned projects' total investment (the planned pool, per the year's reading)"),
    Kind.MONEY,
    accrues=False,
    source=_("Pipeline projects"),
    short=_("the planned projects' total"),
)
def planned_pool_total(ctx: MetricContext, window: Window) -> Values:
    return _pipeline_tally(ctx, window, _pool_stages(ctx), count=False)


@metric(
    "reserve.planned_pool_count",
    _("number of planned projects (the planned pool, per the year's reading)"),
    Kind.COUNT,
    accrues=False,
    source=_("Pipeline projects"),
    short=_("the planned projects' count"),
)
def planned_pool_count(ctx: MetricContext, window: Window) -> Values:
    return _pipeline_tally(ctx, window, _pool_stages(ctx), count=True)


@metric(
    "reserve.reserve_total",
    _("reserve projects' total investment"),
    Kind.MONEY,
    accrues=False,
    source=_("Pipeline projects"),
)
def reserve_total(ctx: MetricContext, window: Window) -> Values:
    return _pipeline_tally(ctx, window, {"reserve"}, count=False)


@metric(
    "reserve.reserve_count", _("number of reserve projects"), Kind.COUNT, accrues=False, source=_("Pipeline projects")
)
def reserve_count(ctx: MetricContext, window: Window) -> Values:
    return _pipeline_tally(ctx, window, {"reserve"}, count=True)


@metric(
    "reserve.joined_key_list",
    _("pipeline projects that started and joined the key list in the period"),
    Kind.COUNT,
    accrues=True,
    source=_("Pipeline projects"),
)
def joined_key_list(ctx: MetricContext, window: Window) -> Values:
    return tally(
        ([p.township_id], Decimal(1), _pipeline_record(p, stage))
        for p, stage in _pipeline_rows(ctx, window)
        if stage == "started" and window.contains(p.started_on)
    )


# --- scheduling: the problem ledger and the cycles -----------------------------------------------


def _problems(ctx: MetricContext):
    key = ("_problems", None)
    if key not in ctx.cache:
        Problem = _model("problems.Problem")
        rows = list(
            Problem.objects.select_related("project").only(
                "id",
                "description",
                "level",
                "status",
                "deadline",
                "raised_at",
                "resolved_at",
                "owner_unit_id",
                "project__id",
                "project__township_id",
            )
        )
        ctx.cache[key] = rows  # type: ignore[index]
    return ctx.cache[key]  # type: ignore[index]


def _problem_units(p) -> list[int | None]:
    return [p.owner_unit_id, p.project.township_id if p.project_id else None]


def _problem_record(p, detail: str = "") -> Record:
    return Record(
        label=p.description[:60],
        url=_url("problems:problem", p.pk),
        detail=detail,
        when=timezone.localdate(p.raised_at),
    )


def problem_open_on(p, day: date) -> bool:
    raised = timezone.localdate(p.raised_at)
    resolved = timezone.localdate(p.resolved_at) if p.resolved_at else None
    return raised <= day and (resolved is None or resolved > day)


@metric(
    "problems.open",
    _("problems open at the end of the period"),
    Kind.COUNT,
    accrues=False,
    source=_("Problem ledger"),
    requires=("problems.Problem",),
)
def problems_open(ctx: MetricContext, window: Window) -> Values:
    day = window.as_of
    return tally(
        (_problem_units(p), Decimal(1), _problem_record(p)) for p in _problems(ctx) if problem_open_on(p, day)
    )


@metric(
    "problems.overdue",
    _("problems open past their deadline"),
    Kind.COUNT,
    accrues=False,
    source=_("Problem ledger"),
    requires=("problems.Problem",),
)
def problems_overdue(ctx: MetricContext, window: Window) -> Values:
    day = window.as_of
    return tally(
        (_problem_units(p), Decimal(1), _problem_record(p, str(p.deadline)))
        for p in _problems(ctx)
        if problem_open_on(p, day) and p.deadline and p.deadline < day
    )


@metric(
    "problems.resolved",
    _("problems resolved in the period"),
    Kind.COUNT,
    accrues=True,
    source=_("Problem ledger"),
    requires=("problems.Problem",),
)
def problems_resolved(ctx: MetricContext, window: Window) -> Values:
    return tally(
        (_problem_units(p), Decimal(1), _problem_record(p))
        for p in _problems(ctx)
        if p.status == "resolved" and window.contains(p.resolved_at)
    )


@metric(
    "problems.avg_days_to_resolve",
    _("average days from raising to resolving, problems resolved in the period"),
    Kind.DAYS,
    accrues=False,
    source=_("Problem ledger"),
    requires=("problems.Problem",),
)
def problems_avg_days(ctx: MetricContext, window: Window) -> Values:
    return average(
        (
            _problem_units(p),
            _days(p.raised_at, p.resolved_at),
            _problem_record(p, gettext("%(days)s days") % {"days": _days(p.raised_at, p.resolved_at)}),
        )
        for p in _problems(ctx)
        if p.status == "resolved" and window.contains(p.resolved_at)
    )


@metric(
    "problems.escalated",
    _("problems escalated in the period"),
    Kind.COUNT,
    accrues=True,
    source=_("Problem ledger events"),
    requires=("problems.ProblemEvent",),
)
def problems_escalated(ctx: MetricContext, window: Window) -> Values:
    ProblemEvent = _model("problems.ProblemEvent")
    events = ProblemEvent.objects.filter(
        kind="escalated", at__date__gte=window.start, at__date__lte=window.end
    ).select_related("problem", "problem__project")
    return tally(
        (_problem_units(e.problem), Decimal(1), _problem_record(e.problem, e.get_to_level_display())) for e in events
    )


def _occurrences(ctx: MetricContext, window: Window):
    """The window's occurrences, loaded once per computation (due and held on time both read them)."""
    key = ("_occurrences", window)
    if key not in ctx.cache:
        Occurrence = _model("scheduling.Occurrence")
        ctx.cache[key] = list(  # type: ignore[index,assignment]
            Occurrence.objects.filter(due_date__gte=window.start, due_date__lte=window.end)
            .select_related("duty", "duty__taskforce", "duty__campaign")
            .only(
                "id",
                "title",
                "status",
                "due_date",
                "held_on",
                "duty__responsible_unit_id",
                "duty__taskforce_id",
                "duty__campaign_id",
                "duty__taskforce__lead_unit_id",
                "duty__campaign__lead_unit_id",
            )
            .order_by("due_date", "id")
        )
    return ctx.cache[key]  # type: ignore[index,return-value]


def _occurrence_units(o) -> list[int | None]:
    duty = o.duty
    return [
        duty.responsible_unit_id
        or (duty.taskforce.lead_unit_id if duty.taskforce_id else None)
        or (duty.campaign.lead_unit_id if duty.campaign_id else None)
    ]


def occurrence_on_time(o) -> bool:
    return o.status == "held" and o.held_on is not None and o.held_on <= o.due_date


def _occurrence_record(o) -> Record:
    held = str(o.held_on) if o.held_on else gettext("not held")
    return Record(
        label=o.title,
        url=_url("cycles:occurrence", o.pk),
        detail=gettext("due %(due)s, held %(held)s") % {"due": o.due_date, "held": held},
        when=o.due_date,
    )


@metric(
    "cycles.due",
    _("scheduling occurrences due in the period"),
    Kind.COUNT,
    accrues=True,
    source=_("Scheduling cycles"),
    requires=("scheduling.Occurrence",),
)
def cycles_due(ctx: MetricContext, window: Window) -> Values:
    return tally((_occurrence_units(o), Decimal(1), _occurrence_record(o)) for o in _occurrences(ctx, window))


@metric(
    "cycles.held_on_time",
    _("scheduling occurrences held on time in the period"),
    Kind.COUNT,
    accrues=True,
    source=_("Scheduling cycles"),
    requires=("scheduling.Occurrence",),
)
def cycles_held_on_time(ctx: MetricContext, window: Window) -> Values:
    return tally(
        (_occurrence_units(o), Decimal(1), _occurrence_record(o))
        for o in _occurrences(ctx, window)
        if occurrence_on_time(o)
    )


@metric(
    "cycles.compliance_rate",
    _("cycle compliance: occurrences held on time ÷ occurrences due"),
    Kind.PERCENT,
    accrues=False,
    source=_("Scheduling cycles"),
    requires=("scheduling.Occurrence",),
)
def cycles_compliance(ctx: MetricContext, window: Window) -> Values:
    return percent_of(
        ctx.values("cycles.held_on_time", window),
        ctx.values("cycles.due", window),
        records_from=ctx.values("cycles.due", window),
    )


# --- investment attraction -----------------------------------------------------------------------


@metric(
    "attraction.trips",
    _("out-of-county investment trips in the period"),
    Kind.COUNT,
    accrues=True,
    source=_("Investment ledger: trips"),
    requires=("taskforces.Trip",),
)
def trips(ctx: MetricContext, window: Window) -> Values:
    Trip = _model("taskforces.Trip")
    rows = (
        Trip.objects.filter(date__gte=window.start, date__lte=window.end).select_related("unit").order_by("date", "id")
    )
    return tally(
        (
            [t.unit_id],
            Decimal(1),
            Record(label=f"{t.unit.name} → {t.destination}", url=_entry_url(t), detail=t.participants, when=t.date),
        )
        for t in rows
    )


def _promotions(window: Window, kind: str) -> Values:
    PromotionEvent = _model("taskforces.PromotionEvent")
    rows = PromotionEvent.objects.filter(kind=kind, date__gte=window.start, date__lte=window.end).order_by(
        "date", "id"
    )
    return tally(
        ([e.organizer_id], Decimal(1), Record(label=e.title, url=_entry_url(e), detail=e.place, when=e.date))
        for e in rows
    )


@metric(
    "attraction.promotions_comprehensive",
    _("comprehensive promotion events in the period"),
    Kind.COUNT,
    accrues=True,
    source=_("Investment ledger: promotion events"),
    requires=("taskforces.PromotionEvent",),
)
def promotions_comprehensive(ctx: MetricContext, window: Window) -> Values:
    return _promotions(window, "comprehensive")


@metric(
    "attraction.promotions_chain",
    _("industry-chain promotion events in the period"),
    Kind.COUNT,
    accrues=True,
    source=_("Investment ledger: promotion events"),
    requires=("taskforces.PromotionEvent",),
)
def promotions_chain(ctx: MetricContext, window: Window) -> Values:
    return _promotions(window, "industry_chain")


def _leads(window: Window, date_field: str, amount: bool) -> Values:
    Lead = _model("taskforces.Lead")
    rows = Lead.objects.filter(**{f"{date_field}__gte": window.start, f"{date_field}__lte": window.end}).order_by(
        date_field, "id"
    )
    return tally(
        (
            [lead.host_township_id],
            lead.intended_investment if amount else Decimal(1),
            Record(
                label=lead.name,
                url=_entry_url(lead),
                detail=f"{lead.investor} · {_money(lead.intended_investment)}",
                when=getattr(lead, date_field),
                amount=lead.intended_investment,
            ),
        )
        for lead in rows
    )


@metric(
    "attraction.leads_signed",
    _("leads signed in the period"),
    Kind.COUNT,
    accrues=True,
    source=_("Investment ledger: leads"),
    requires=("taskforces.Lead",),
)
def leads_signed(ctx: MetricContext, window: Window) -> Values:
    return _leads(window, "signed_on", amount=False)


@metric(
    "attraction.leads_signed_amount",
    _("investment of the leads signed in the period"),
    Kind.MONEY,
    accrues=True,
    source=_("Investment ledger: leads"),
    requires=("taskforces.Lead",),
)
def leads_signed_amount(ctx: MetricContext, window: Window) -> Values:
    return _leads(window, "signed_on", amount=True)


@metric(
    "attraction.leads_landed",
    _("leads landed in the period"),
    Kind.COUNT,
    accrues=True,
    source=_("Investment ledger: leads"),
    requires=("taskforces.Lead",),
)
def leads_landed(ctx: MetricContext, window: Window) -> Values:
    return _leads(window, "landed_on", amount=False)


@metric(
    "attraction.leads_landed_amount",
    _("investment of the leads landed in the period"),
    Kind.MONEY,
    accrues=True,
    source=_("Investment ledger: leads"),
    requires=("taskforces.Lead",),
)
def leads_landed_amount(ctx: MetricContext, window: Window) -> Values:
    return _leads(window, "landed_on", amount=True)


@metric(
    "attraction.head_contacts",
    _("contacts with head enterprises in the period"),
    Kind.COUNT,
    accrues=True,
    source=_("Investment ledger: head-enterprise contacts"),
    requires=("taskforces.EnterpriseContact",),
)
def head_contacts(ctx: MetricContext, window: Window) -> Values:
    EnterpriseContact = _model("taskforces.EnterpriseContact")
    rows = (
        EnterpriseContact.objects.filter(date__gte=window.start, date__lte=window.end)
        .select_related("lead")
        .order_by("date", "id")
    )
    return tally(
        (
            [c.lead.host_township_id if c.lead_id else None],
            Decimal(1),
            Record(label=c.enterprise, url=_entry_url(c), detail=c.get_mode_display(), when=c.date),
        )
        for c in rows
    )


# --- service guarantee ---------------------------------------------------------------------------


def _green_lane(window: Window):
    ApprovalItem = _model("taskforces.ApprovalItem")
    return (
        ApprovalItem.objects.filter(
            green_lane=True, approved_on__gte=window.start, approved_on__lte=window.end, applied_on__isnull=False
        )
        .select_related("project", "item_type")
        .order_by("approved_on", "id")
    )


def _approval_record(item) -> Record:
    days = _days(item.applied_on, item.approved_on)
    return Record(
        label=f"{item.project.name} · {item.item_type}",
        url=_url("projects:detail", item.project_id),
        detail=gettext("%(days)s days") % {"days": days},
        when=item.approved_on,
    )


@metric(
    "service.green_lane_approved",
    _("green-lane approvals granted in the period"),
    Kind.COUNT,
    accrues=True,
    source=_("Approvals ledger (green lane)"),
    requires=("taskforces.ApprovalItem",),
)
def green_lane_approved(ctx: MetricContext, window: Window) -> Values:
    return tally(
        ([i.project.township_id, i.handling_unit_id], Decimal(1), _approval_record(i)) for i in _green_lane(window)
    )


@metric(
    "service.green_lane_days",
    _("average days from application to approval on the green lane"),
    Kind.DAYS,
    accrues=False,
    source=_("Approvals ledger (green lane)"),
    requires=("taskforces.ApprovalItem",),
)
def green_lane_days(ctx: MetricContext, window: Window) -> Values:
    return average(
        ([i.project.township_id, i.handling_unit_id], _days(i.applied_on, i.approved_on), _approval_record(i))
        for i in _green_lane(window)
    )


def _funding(ctx: MetricContext, window: Window, field_name: str, fund_types: set[str] | None = None) -> Values:
    FundingApplication = _model("taskforces.FundingApplication")
    rows = FundingApplication.objects.filter(year=ctx.year).select_related("project").order_by("project__name", "id")
    date_field = {"amount_applied": "applied_on", "amount_approved": "approved_on", "amount_received": "received_on"}[
        field_name
    ]
    return tally(
        (
            [a.project.township_id],
            getattr(a, field_name),
            Record(
                label=f"{a.project.name} · {a.get_fund_type_display()}",
                url=_url("projects:detail", a.project_id),
                detail=_money(getattr(a, field_name)),
                when=getattr(a, date_field),
                amount=getattr(a, field_name),
            ),
        )
        for a in rows
        if (fund_types is None or a.fund_type in fund_types)
        and getattr(a, date_field)
        and getattr(a, date_field) <= window.end
    )


@metric(
    "service.funding_applied",
    _("funds applied for (special bonds, central budget, treasury bonds…)"),
    Kind.MONEY,
    accrues=True,
    source=_("Funding ledger"),
    requires=("taskforces.FundingApplication",),
)
def funding_applied(ctx: MetricContext, window: Window) -> Values:
    return _funding(ctx, window, "amount_applied")


@metric(
    "service.funding_approved",
    _("funds approved"),
    Kind.MONEY,
    accrues=True,
    source=_("Funding ledger"),
    requires=("taskforces.FundingApplication",),
)
def funding_approved(ctx: MetricContext, window: Window) -> Values:
    return _funding(ctx, window, "amount_approved")


@metric(
    "service.funding_received",
    _("funds received"),
    Kind.MONEY,
    accrues=True,
    source=_("Funding ledger"),
    requires=("taskforces.FundingApplication",),
)
def funding_received(ctx: MetricContext, window: Window) -> Values:
    return _funding(ctx, window, "amount_received")


def _bank_meetings(window: Window, amount: bool) -> Values:
    from .models import BankEnterpriseMeeting

    rows = BankEnterpriseMeeting.objects.filter(held_on__gte=window.start, held_on__lte=window.end).order_by(
        "held_on", "id"
    )
    return tally(
        (
            [],
            m.financing_agreed if amount else Decimal(1),
            Record(
                label=f"{m.held_on} {m.place}",
                url=_record_url("bank-meeting", m.pk),
                detail=gettext("%(banks)s banks, %(enterprises)s enterprises, %(agreed)s agreed")
                % {
                    "banks": len(m.bank_list),
                    "enterprises": len(m.enterprise_list),
                    "agreed": _money(m.financing_agreed),
                },
                when=m.held_on,
                amount=m.financing_agreed,
            ),
        )
        for m in rows
    )


@metric(
    "service.bank_meetings",
    _("government–bank–enterprise meetings held in the period"),
    Kind.COUNT,
    accrues=True,
    source=_("Government–bank–enterprise meetings"),
)
def bank_meetings(ctx: MetricContext, window: Window) -> Values:
    return _bank_meetings(window, amount=False)


@metric(
    "service.bank_financing_agreed",
    _("financing agreed at government–bank–enterprise meetings"),
    Kind.MONEY,
    accrues=True,
    source=_("Government–bank–enterprise meetings"),
)
def bank_financing_agreed(ctx: MetricContext, window: Window) -> Values:
    return _bank_meetings(window, amount=True)


# --- five batches --------------------------------------------------------------------------------


def _industrial(ctx: MetricContext):
    key = ("_industrial", None)
    if key not in ctx.cache:
        from .models import IndustrialProject

        ctx.cache[key] = list(
            IndustrialProject.objects.select_related("township").order_by("township__sort_order", "signed_on", "name")
        )  # type: ignore[index]
    return ctx.cache[key]  # type: ignore[index]


def _five_batches(stage: str) -> Callable[[MetricContext, Window], Values]:
    def compute(ctx: MetricContext, window: Window) -> Values:
        return tally(
            (
                [p.township_id],
                Decimal(1),
                Record(
                    label=p.name,
                    url=_record_url("industrial", p.pk),
                    detail=f"{p.township.name} · {_money(p.investment)}",
                    when=p.stage_date(stage),
                    amount=p.investment,
                ),
            )
            for p in _industrial(ctx)
            if window.contains(p.stage_date(stage))
        )

    return compute


for _stage, _label in [
    ("signed", _("industrial projects signed in the period")),
    ("landed", _("industrial projects landed in the period")),
    ("started", _("industrial projects started in the period")),
    ("production", _("industrial projects put into production in the period")),
    ("effect", _("industrial projects reaching design effect in the period")),
]:
    metric(f"five_batches.{_stage}", _label, Kind.COUNT, accrues=True, source=_("Five-batches industrial projects"))(
        _five_batches(_stage)
    )


@metric(
    "five_batches.ceremonies",
    _("start or production ceremonies held in the period"),
    Kind.COUNT,
    accrues=True,
    source=_("Five-batches ceremonies"),
)
def ceremonies(ctx: MetricContext, window: Window) -> Values:
    from .models import Ceremony

    rows = Ceremony.objects.filter(held_on__gte=window.start, held_on__lte=window.end).order_by("held_on", "id")
    return tally(
        (
            [],
            Decimal(1),
            Record(label=f"{c.get_kind_display()} · {c.place}", url=_record_url("ceremony", c.pk), when=c.held_on),
        )
        for c in rows
    )


# --- supervision and assessment ------------------------------------------------------------------


def _inspections(window: Window):
    from .models import Inspection

    first = window.year * 100 + window.first_month
    last = window.year * 100 + window.month
    return [
        i
        for i in Inspection.objects.filter(year=window.year)
        .select_related("unit")
        .order_by("month", "unit__sort_order", "id")
        if first <= i.year * 100 + i.month <= last
    ]


@metric(
    "assessment.inspections",
    _("inspections of the unit in the period"),
    Kind.COUNT,
    accrues=True,
    source=_("Inspections"),
)
def inspections(ctx: MetricContext, window: Window) -> Values:
    return tally(
        (
            [i.unit_id],
            Decimal(1),
            Record(
                label=f"{i.year}-{i.month:02d} {i.unit.name}",
                url=_record_url("inspection", i.pk),
                detail=i.findings[:60],
                when=i.inspected_on,
            ),
        )
        for i in _inspections(window)
    )


@metric(
    "assessment.open_follow_ups",
    _("inspection follow-ups not yet done"),
    Kind.COUNT,
    accrues=False,
    source=_("Inspections"),
)
def open_follow_ups(ctx: MetricContext, window: Window) -> Values:
    year_window = Window(window.year, window.month, 1, 12)
    return tally(
        (
            [i.unit_id],
            Decimal(1),
            Record(
                label=f"{i.year}-{i.month:02d} {i.unit.name}",
                url=_record_url("inspection", i.pk),
                detail=i.follow_up[:60],
                when=i.inspected_on,
            ),
        )
        for i in _inspections(year_window)
        if i.follow_up.strip() and not i.follow_up_done
    )
