"""Reads for the campaign pages, the dashboard, the bulletin and `campaign_status`.

Each page function runs a fixed number of queries whatever the number of records: the metrics load
their rows once per page (`Engine` caches them) and the sections load theirs with joins.
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Campaign, Unit
from projects.models import MonthlyProgress, ProjectYear, YearTarget

from . import formatting
from .access import Viewer
from .engine import TOWNSHIP_KINDS, Engine, Evaluation, IndicatorBlock, ScoreTable, indicators_for
from .metrics import METRICS, Window, _model, occurrence_on_time, problem_open_on
from .models import (
    FIVE_STAGES,
    ApprovalFlowchart,
    BankEnterpriseMeeting,
    CampaignYear,
    Ceremony,
    Decision,
    Indicator,
    IndustrialProject,
    Inspection,
    PipelineProject,
    PipelineStage,
    RankingPublication,
    Scheme,
)
from .services import pipeline_stage_on

ZERO = Decimal("0")


def default_period() -> tuple[int, int]:
    """The year and month a campaign page opens on: the latest year with data, its latest reported month."""
    years = sorted(
        set(YearTarget.objects.values_list("year", flat=True))
        | set(Indicator.objects.values_list("year", flat=True).distinct())
    )
    today = timezone.localdate()
    year = years[-1] if years else today.year
    month = MonthlyProgress.objects.filter(year=year).order_by("-month").values_list("month", flat=True).first()
    if month is None:
        month = today.month if year == today.year else 12
    return year, month


def available_years() -> list[int]:
    years = set(Indicator.objects.values_list("year", flat=True).distinct()) | set(
        YearTarget.objects.values_list("year", flat=True)
    )
    return sorted(years, reverse=True)


# --- indicator matrices -------------------------------------------------------------------------


@dataclass
class Matrix:
    """Units down, indicators across: who meets which target and by how much."""

    label: str
    columns: list[Indicator]
    rows: list[tuple[Unit, list[Evaluation | None]]]


def matrices(blocks: list[IndicatorBlock]) -> list[Matrix]:
    groups = [(_("Townships and the dev zone"), TOWNSHIP_KINDS), (_("County departments"), ("department",))]
    result = []
    for label, kinds in groups:
        columns = [b for b in blocks if any(ev.unit.kind in kinds for ev in b.units)]
        if not columns:
            continue
        units: OrderedDict[int, Unit] = OrderedDict()
        cells: dict[tuple[int, int], Evaluation] = {}
        for column, block in enumerate(columns):
            for ev in block.units:
                if ev.unit.kind in kinds:
                    units.setdefault(ev.unit.pk, ev.unit)
                    cells[(ev.unit.pk, column)] = ev
        rows = [(unit, [cells.get((unit.pk, c)) for c in range(len(columns))]) for unit in units.values()]
        result.append(Matrix(label=label, columns=[b.indicator for b in columns], rows=rows))
    return result


def _blocks(
    engine: Engine, indicators: list[Indicator], viewer: Viewer, over: str | None = None
) -> list[IndicatorBlock]:
    unit_ids = None if viewer.all_units else {viewer.unit_id}
    return [engine.block(i, unit_ids=unit_ids, with_county=viewer.all_units, over=over) for i in indicators]


def _visible_score_table(table: ScoreTable, viewer: Viewer) -> ScoreTable:
    """A unit sees only its own row of a ranking that has not been published."""
    if viewer.all_units:
        return table
    for group in table.groups:
        group.rows = [row for row in group.rows if row.unit.pk == viewer.unit_id]
    table.groups = [g for g in table.groups if g.rows]
    return table


# --- the page of one campaign -----------------------------------------------------------------------


def campaign_page(
    *, campaign: Campaign, year: int, month: int, viewer: Viewer, params: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Everything a campaign page shows: indicators (county and per unit) and the campaign's own sections."""
    engine = Engine(year=year, month=month)
    indicators = indicators_for(year=year, campaign=campaign)
    blocks = _blocks(engine, indicators, viewer)
    builder = SECTIONS.get(campaign.slug)
    sections = builder(engine=engine, viewer=viewer, params=params or {}) if builder else {}
    return {
        "campaign": campaign,
        "year": year,
        "month": month,
        "blocks": blocks,
        "county_blocks": [b for b in blocks if b.county],
        "matrices": matrices(blocks),
        "method_text": engine.method_text,
        "config": engine.config,
        "sections": sections,
        "engine": engine,
    }


def campaign_index(*, year: int, month: int, viewer: Viewer) -> list[dict[str, Any]]:
    """Each campaign with the count of green, yellow and red figures the viewer may see."""
    engine = Engine(year=year, month=month)
    by_campaign: dict[int, list[IndicatorBlock]] = defaultdict(list)
    for block in _blocks(engine, indicators_for(year=year), viewer):
        by_campaign[block.indicator.campaign_id].append(block)
    result = []
    for campaign in Campaign.objects.select_related("lead_unit"):
        counts = {"green": 0, "yellow": 0, "red": 0, "none": 0}
        for block in by_campaign.get(campaign.pk, []):
            for ev in block.evaluations:
                counts[ev.status] += 1
        result.append({"campaign": campaign, "counts": counts, "indicators": len(by_campaign.get(campaign.pk, []))})
    return result


def indicator_drilldown(
    *, indicator: Indicator, year: int, month: int, viewer: Viewer, unit: Unit | None
) -> dict[str, Any]:
    engine = Engine(year=indicator.year, month=month)
    if unit is None:
        block = engine.block(
            indicator, unit_ids=None if viewer.all_units else {viewer.unit_id}, with_county=viewer.all_units
        )
        evaluation = block.county or (block.units[0] if block.units else None)
    else:
        block = None
        evaluation = engine.evaluate(indicator, unit)
    return {
        "indicator": indicator,
        "evaluation": evaluation,
        "block": block,
        "method_text": engine.method_text,
        "year": indicator.year,
        "month": month,
    }


# --- reserve --------------------------------------------------------------------------------------


PIPELINE_PAGE_SIZE = 30


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _reserve(*, engine: Engine, viewer: Viewer, params: Mapping[str, Any]) -> dict[str, Any]:
    """The pipeline as it stood at the end of month M, filtered by township and stage, a page at a time."""
    day = Window.for_period("year", engine.year, engine.month).as_of
    qs = PipelineProject.objects.select_related("township", "project").order_by(
        "township__sort_order", "-estimated_investment", "name"
    )
    township_id = _int(params.get("township")) if viewer.all_units else viewer.unit_id
    stage_filter = params.get("stage") if params.get("stage") in PipelineStage.values else ""
    if township_id:
        qs = qs.filter(township_id=township_id)
    rows = []
    totals = {s: [0, ZERO] for s in PipelineStage.values}
    for p in qs:
        stage = pipeline_stage_on(p, day)
        if not stage:
            continue
        totals[stage][0] += 1
        totals[stage][1] += p.estimated_investment
        if stage_filter and stage != stage_filter:
            continue
        rows.append({"project": p, "stage": stage, "stage_label": PipelineStage(stage).label})
    pages = max(1, (len(rows) + PIPELINE_PAGE_SIZE - 1) // PIPELINE_PAGE_SIZE)
    page = min(max(1, _int(params.get("page")) or 1), pages)
    shown = rows[(page - 1) * PIPELINE_PAGE_SIZE : page * PIPELINE_PAGE_SIZE]
    prefetch_related_objects([r["project"] for r in shown], "approvals")
    for row in shown:
        row["approvals"] = list(row["project"].approvals.all())
    return {
        "pipeline": shown,
        "pipeline_all": rows,
        "pipeline_count": len(rows),
        "page": page,
        "pages": range(1, pages + 1),
        "township_filter": township_id,
        "stage_filter": stage_filter,
        "townships": [u for u in engine.all_units if u.kind in TOWNSHIP_KINDS] if viewer.all_units else [],
        "stages": PipelineStage.choices,
        "as_of": day,
        "stage_totals": [(PipelineStage(s).label, n, total) for s, (n, total) in totals.items()],
        "reading_includes_reserve": engine.ctx.reserve_counts_in_planned_pool,
    }


# --- scheduling -----------------------------------------------------------------------------------


@dataclass
class LevelFigures:
    level: str
    label: str
    open: int = 0
    overdue: int = 0
    escalated: int = 0
    resolved: int = 0
    days: list[Decimal] = field(default_factory=list)

    @property
    def average_days(self) -> Decimal | None:
        return sum(self.days, ZERO) / len(self.days) if self.days else None

    @property
    def average_days_text(self) -> str:
        return formatting.number(self.average_days, "days")


def problem_figures_by_level(*, year: int, month: int, unit_id: int | None = None) -> list[LevelFigures] | None:
    """The problem ledger by level: open and overdue at the end of month M, escalated and resolved in M, average days."""
    Problem = _model("problems.Problem")
    ProblemEvent = _model("problems.ProblemEvent")
    if Problem is None:
        return None
    from problems.models import ProblemLevel

    window = Window.for_period("month", year, month)
    day = window.as_of
    levels = OrderedDict((lvl.value, LevelFigures(level=lvl.value, label=str(lvl.label))) for lvl in ProblemLevel)
    problems = Problem.objects.select_related("project").only(
        "id", "level", "status", "deadline", "raised_at", "resolved_at", "owner_unit_id", "project__township_id"
    )
    events = ProblemEvent.objects.filter(
        kind="escalated", at__date__gte=window.start, at__date__lte=window.end
    ).select_related("problem__project")
    if unit_id is not None:
        from django.db.models import Q

        problems = problems.filter(Q(owner_unit_id=unit_id) | Q(project__township_id=unit_id))
        events = events.filter(Q(problem__owner_unit_id=unit_id) | Q(problem__project__township_id=unit_id))
    for p in problems:
        figures = levels.get(p.level)
        if figures is None:
            continue
        if problem_open_on(p, day):
            figures.open += 1
            if p.deadline and p.deadline < day:
                figures.overdue += 1
        if p.status == "resolved" and window.contains(p.resolved_at):
            figures.resolved += 1
            figures.days.append(Decimal((timezone.localdate(p.resolved_at) - timezone.localdate(p.raised_at)).days))
    for event in events:
        if event.to_level in levels:
            levels[event.to_level].escalated += 1
    total = LevelFigures(level="", label=_("Total"))
    for figures in levels.values():
        total.open += figures.open
        total.overdue += figures.overdue
        total.escalated += figures.escalated
        total.resolved += figures.resolved
        total.days += figures.days
    return [*levels.values(), total]


def _scheduling(*, engine: Engine, viewer: Viewer, params: Mapping[str, Any]) -> dict[str, Any]:
    Occurrence = _model("scheduling.Occurrence")
    occurrences = None
    if Occurrence is not None and viewer.all_units:
        window = Window.for_period("month", engine.year, engine.month)
        from django.db.models import Q

        occurrences = [
            {"occurrence": o, "on_time": occurrence_on_time(o)}
            for o in Occurrence.objects.filter(due_date__gte=window.start, due_date__lte=window.end)
            .filter(
                Q(duty__owner_kind="hq")
                | Q(duty__campaign__slug="scheduling")
                | Q(duty__owner_kind="taskforce", duty__cadence="monthly")
            )
            .select_related("duty", "duty__taskforce", "duty__campaign")
            .order_by("due_date", "duty__sort_order", "id")
        ]
    return {
        "occurrences": occurrences,
        "levels": problem_figures_by_level(
            year=engine.year, month=engine.month, unit_id=None if viewer.all_units else viewer.unit_id
        ),
    }


# --- investment attraction --------------------------------------------------------------------------


def _attraction(*, engine: Engine, viewer: Viewer, params: Mapping[str, Any]) -> dict[str, Any]:
    Lead = _model("taskforces.Lead")
    result: dict[str, Any] = {"available": Lead is not None}
    year_window = Window.for_period("year", engine.year, engine.month)
    if Lead is not None:
        leads = (
            Lead.objects.select_related("industry", "attraction_mode", "host_township")
            .filter(signed_on__gte=year_window.start, signed_on__lte=year_window.end)
            .order_by("-signed_on", "id")
        )
        if not viewer.all_units:
            leads = leads.filter(host_township_id=viewer.unit_id)
        leads = list(leads)
        by_field: OrderedDict[str, list] = OrderedDict()
        by_region: OrderedDict[str, list] = OrderedDict()
        by_mode: OrderedDict[str, int] = OrderedDict()
        for lead in leads:
            landed = lead.landed_on is not None and lead.landed_on <= year_window.end
            for table, key in (
                (by_field, str(lead.industry or _("Other"))),
                (by_region, lead.get_source_region_display()),
            ):
                row = table.setdefault(key, [0, ZERO, 0, ZERO])
                row[0] += 1
                row[1] += lead.intended_investment
                if landed:
                    row[2] += 1
                    row[3] += lead.intended_investment
            mode = str(lead.attraction_mode or _("Not recorded"))
            by_mode[mode] = by_mode.get(mode, 0) + 1
        AttractionMode = _model("taskforces.AttractionMode")
        modes = (
            [m.name for m in AttractionMode.objects.filter(active=True).order_by("sort_order", "name")]
            if AttractionMode
            else []
        )
        result.update(
            leads=leads,
            by_field=list(by_field.items()),
            by_region=list(by_region.items()),
            modes=[(m, by_mode.pop(m, 0)) for m in modes] + list(by_mode.items()),
        )
    PromotionEvent = _model("taskforces.PromotionEvent")
    if PromotionEvent is not None and viewer.all_units:
        result["events"] = list(
            PromotionEvent.objects.filter(date__gte=year_window.start, date__lte=year_window.end)
            .select_related("chain", "organizer")
            .order_by("date", "id")
        )
    EnterpriseContact = _model("taskforces.EnterpriseContact")
    if EnterpriseContact is not None and viewer.all_units:
        result["contacts"] = list(
            EnterpriseContact.objects.filter(date__gte=year_window.start, date__lte=year_window.end)
            .select_related("lead")
            .order_by("-date", "id")
        )
    result["bulletin"] = attraction_bulletin(engine=engine, viewer=viewer)
    result["quarterly"] = _visible_score_table(engine.score_table(Scheme.ATTRACTION, over="quarter"), viewer)
    result["annual"] = _visible_score_table(engine.score_table(Scheme.ATTRACTION, over="year"), viewer)
    return result


ATTRACTION_BULLETIN = [
    ("attraction.trips", "month"),
    ("attraction.leads_signed", "month"),
    ("attraction.leads_signed_amount", "month"),
    ("attraction.leads_landed", "month"),
    ("attraction.leads_landed_amount", "month"),
    ("attraction.leads_signed", "year"),
    ("attraction.leads_signed_amount", "year"),
    ("attraction.leads_landed_amount", "year"),
]


def attraction_bulletin(*, engine: Engine, viewer: Viewer) -> list[dict[str, Any]] | None:
    """The month's bulletin figures per township: trips, signings and landings this month, and Jan..M."""
    if not all(METRICS[key].is_available() for key, _period in ATTRACTION_BULLETIN):
        return None
    values = [
        engine.ctx.values(key, Window.for_period(period, engine.year, engine.month))
        for key, period in ATTRACTION_BULLETIN
    ]
    rows = []
    for unit in engine.all_units:
        if unit.kind not in TOWNSHIP_KINDS or not viewer.sees_unit(unit.pk):
            continue
        rows.append({"unit": unit, "figures": [v.get(unit.pk).value for v in values]})
    if viewer.all_units:
        rows.append({"unit": None, "figures": [v.county.value for v in values]})
    return rows


# --- service guarantee ------------------------------------------------------------------------------


LAND_PRIORITY = {"province": 0, "city": 1, "signed": 2, "other": 3}


def land_priority(*, year: int, unit_id: int | None = None) -> list[dict[str, Any]] | None:
    """The land-demand ledger ordered by priority: provincial, then city key projects, then signed major
    projects (from a signed investment lead), then the rest; within each, the larger investment first."""
    LandDemand = _model("taskforces.LandDemand")
    if LandDemand is None:
        return None
    demands = (
        LandDemand.objects.exclude(stage="approved")
        .select_related("project", "project__township", "land_type")
        .prefetch_related(
            Prefetch("project__years", queryset=ProjectYear.objects.filter(year=year), to_attr="listing_this_year")
        )
    )
    if unit_id is not None:
        demands = demands.filter(project__township_id=unit_id)
    signed_projects: set[int] = set()
    Lead = _model("taskforces.Lead")
    if Lead is not None:
        signed_projects = set(
            Lead.objects.filter(stage__in=["signed", "landed"], project__isnull=False).values_list(
                "project_id", flat=True
            )
        )
    rows = []
    for demand in demands:
        listing = demand.project.listing_this_year[0] if demand.project.listing_this_year else None
        if listing and listing.tier in ("province", "city"):
            priority = listing.tier
        elif demand.project_id in signed_projects:
            priority = "signed"
        else:
            priority = "other"
        rows.append({"demand": demand, "priority": priority, "listing": listing})
    labels = {
        "province": _("Provincial key project"),
        "city": _("City key project"),
        "signed": _("Signed major project"),
        "other": _("Other"),
    }
    rows.sort(
        key=lambda r: (
            LAND_PRIORITY[r["priority"]],
            -r["demand"].project.total_investment,
            r["demand"].project.name,
            r["demand"].pk,
        )
    )
    for position, row in enumerate(rows, start=1):
        row["position"] = position
        row["priority_label"] = labels[row["priority"]]
    return rows


def _service(*, engine: Engine, viewer: Viewer, params: Mapping[str, Any]) -> dict[str, Any]:
    year_window = Window.for_period("year", engine.year, engine.month)
    result: dict[str, Any] = {}
    ApprovalItem = _model("taskforces.ApprovalItem")
    unit_filter = None if viewer.all_units else viewer.unit_id
    if ApprovalItem is not None:
        items = (
            ApprovalItem.objects.filter(green_lane=True)
            .select_related("project", "item_type", "handling_unit")
            .order_by("approved_on", "applied_on", "id")
        )
        if unit_filter:
            items = items.filter(project__township_id=unit_filter)
        # One row per project: approvals granted this year (days from application to approval) and those pending.
        projects: OrderedDict[int, dict[str, Any]] = OrderedDict()
        for item in items:
            if item.approved_on and not year_window.contains(item.approved_on):
                continue
            row = projects.setdefault(
                item.project_id, {"project": item.project, "approved": [], "pending": [], "items": []}
            )
            row["items"].append(item)
            if item.approved_on and item.applied_on:
                row["approved"].append((item.approved_on - item.applied_on).days)
            elif item.approved_on is None:
                waited = (year_window.as_of - item.applied_on).days if item.applied_on else None
                row["pending"].append(waited)
        for row in projects.values():
            days = row["approved"]
            row["average"] = Decimal(sum(days)) / len(days) if days else None
            row["longest"] = max(days) if days else None
            waits = [w for w in row["pending"] if w is not None]
            row["longest_wait"] = max(waits) if waits else None
        result["green_lane"] = sorted(projects.values(), key=lambda r: (-(r["average"] or 0), r["project"].name))
    result["flowcharts"] = list(ApprovalFlowchart.objects.order_by("category", "title"))
    result["land"] = land_priority(year=engine.year, unit_id=unit_filter)
    FundingApplication = _model("taskforces.FundingApplication")
    if FundingApplication is not None:
        apps_qs = (
            FundingApplication.objects.filter(year=engine.year)
            .select_related("project")
            .order_by("fund_type", "project__name", "id")
        )
        if unit_filter:
            apps_qs = apps_qs.filter(project__township_id=unit_filter)
        applications = list(apps_qs)
        by_type: OrderedDict[str, list] = OrderedDict()
        for a in applications:
            row = by_type.setdefault(a.get_fund_type_display(), [0, ZERO, ZERO, ZERO])
            row[0] += 1
            row[1] += a.amount_applied
            row[2] += a.amount_approved
            row[3] += a.amount_received
        result["funding"] = applications
        result["funding_by_type"] = list(by_type.items())
    if viewer.all_units:
        result["bank_meetings"] = list(
            BankEnterpriseMeeting.objects.filter(held_on__year=engine.year).order_by("held_on", "id")
        )
    return result


# --- five batches -----------------------------------------------------------------------------------


def five_batches_bulletin(*, year: int, month: int, unit_id: int | None = None) -> dict[str, Any]:
    """Per township: projects reaching each stage this month and Jan..M (the monthly bulletin table)."""
    month_window = Window.for_period("month", year, month)
    year_window = Window.for_period("year", year, month)
    # Townships in the county's order, the dev zone after them.
    townships = sorted(
        Unit.objects.filter(kind__in=TOWNSHIP_KINDS), key=lambda u: (u.kind != "township", u.sort_order, u.name)
    )
    projects = IndustrialProject.objects.select_related("township")
    if unit_id is not None:
        townships = [t for t in townships if t.pk == unit_id]
        projects = projects.filter(township_id=unit_id)
    rows: OrderedDict[int, dict[str, Any]] = OrderedDict(
        (t.pk, {"unit": t, "month": [0] * 5, "ytd": [0] * 5}) for t in townships
    )
    totals = {"month": [0] * 5, "ytd": [0] * 5}
    for p in projects:
        row = rows.get(p.township_id)
        if row is None:
            continue
        for n, stage in enumerate(FIVE_STAGES):
            day = p.stage_date(stage)
            if month_window.contains(day):
                row["month"][n] += 1
                totals["month"][n] += 1
            if year_window.contains(day):
                row["ytd"][n] += 1
                totals["ytd"][n] += 1
    return {"rows": list(rows.values()), "totals": totals}


def _five_batches(*, engine: Engine, viewer: Viewer, params: Mapping[str, Any]) -> dict[str, Any]:
    unit_filter = None if viewer.all_units else viewer.unit_id
    projects = IndustrialProject.objects.select_related("township", "project").order_by(
        "township__sort_order", "signed_on", "name"
    )
    if unit_filter:
        projects = projects.filter(township_id=unit_filter)
    settlement_engine = Engine(year=engine.year, month=12)
    result: dict[str, Any] = {
        "projects": list(projects),
        "bulletin": five_batches_bulletin(year=engine.year, month=engine.month, unit_id=unit_filter),
        "monthly": _visible_score_table(engine.score_table(Scheme.FIVE_BATCHES), viewer),
        "settlement": _visible_score_table(settlement_engine.score_table(Scheme.FIVE_BATCHES, over="year"), viewer),
        "settlement_final": engine.month == 12 or date(engine.year, 12, 31) < timezone.localdate(),
    }
    decisions = (
        Decision.objects.filter(campaign__slug="five-batches", year=engine.year)
        .select_related("unit")
        .order_by("unit__sort_order", "id")
    )
    if unit_filter:
        decisions = decisions.filter(unit_id=unit_filter)
    result["decisions"] = list(decisions)
    if viewer.all_units:
        result["ceremonies"] = list(
            Ceremony.objects.filter(held_on__year=engine.year)
            .prefetch_related(
                Prefetch("projects", queryset=IndustrialProject.objects.select_related("township").order_by("name"))
            )
            .order_by("held_on", "id")
        )
    return result


# --- supervision and assessment ---------------------------------------------------------------------


def _assessment(*, engine: Engine, viewer: Viewer, params: Mapping[str, Any]) -> dict[str, Any]:
    unit_filter = None if viewer.all_units else viewer.unit_id
    inspections = (
        Inspection.objects.filter(year=engine.year, month=engine.month)
        .select_related("unit", "inspector")
        .order_by("unit__kind", "unit__sort_order", "id")
    )
    decisions = (
        Decision.objects.filter(year=engine.year).select_related("unit", "campaign").order_by("-decided_on", "id")
    )
    if unit_filter:
        inspections = inspections.filter(unit_id=unit_filter)
        decisions = decisions.filter(unit_id=unit_filter)
    return {
        "inspections": list(inspections),
        "decisions": list(decisions),
        "monthly": _visible_score_table(engine.score_table(Scheme.COUNTY, over="month"), viewer),
        "annual": _visible_score_table(engine.score_table(Scheme.COUNTY, over="year"), viewer),
        "publications": list(RankingPublication.objects.filter(year=engine.year).select_related("published_by")),
        "published_this_month": RankingPublication.objects.filter(
            scheme=Scheme.COUNTY, year=engine.year, month=engine.month
        ).first(),
    }


SECTIONS = {
    "reserve": _reserve,
    "scheduling": _scheduling,
    "attraction": _attraction,
    "service": _service,
    "five-batches": _five_batches,
    "assessment": _assessment,
}


# --- for other areas ------------------------------------------------------------------------------


def _evaluation_dict(campaign: Campaign, ev: Evaluation) -> dict[str, Any]:
    return {
        "campaign": campaign.slug,
        "indicator": ev.indicator.name,
        "scope": "county" if ev.unit is None else ev.unit.name,
        "target": ev.target_text,
        "actual": ev.actual_text,
        "met": ev.met,
        "unit": ev.unit_label,
        "comparison": ev.indicator.get_comparison_display(),
        "period": ev.indicator.period,
        "gap": ev.gap_text,
        "status": ev.status,
    }


def campaign_status(*, year: int, month: int) -> list[dict[str, Any]]:
    """Every indicator of the year, for the county and each unit of its scope (the campaign_status command)."""
    engine = Engine(year=year, month=month)
    result = []
    for indicator in indicators_for(year=year):
        block = engine.block(indicator)
        result.extend(_evaluation_dict(indicator.campaign, ev) for ev in block.evaluations)
    return result


def campaign_bulletin_section(*, year: int, month: int) -> dict[str, Any]:
    """The campaigns' part of the monthly bulletin.

    Returns {"title", "year", "month", "campaigns": [{"slug", "name", "indicators": [{"indicator", "target",
    "actual", "gap", "status", "met", "units_met", "units_total", "behind": [unit names]}], "counts"}],
    "ranking": [{"group", "rank", "unit", "score", "grounds"}], "ranking_published": bool, "method"}.
    County rows give the county figure; indicators measured per unit give how many units meet them and
    which are behind (red). The ranking is the published one when it exists, else the live county assessment.
    """
    engine = Engine(year=year, month=month)
    by_campaign: OrderedDict[int, dict[str, Any]] = OrderedDict()
    for campaign in Campaign.objects.all():
        by_campaign[campaign.pk] = {
            "slug": campaign.slug,
            "name": campaign.name,
            "indicators": [],
            "counts": {"green": 0, "yellow": 0, "red": 0, "none": 0},
        }
    for indicator in indicators_for(year=year):
        block = engine.block(indicator)
        entry = by_campaign[indicator.campaign_id]
        head = block.county
        row = {
            "indicator": indicator.name,
            "target": head.target_with_unit if head else "",
            "actual": head.actual_with_unit if head else "",
            "gap": head.gap_text if head else "",
            "status": head.status if head else "",
            "met": head.met if head else None,
            "units_met": sum(1 for ev in block.units if ev.met),
            "units_total": len(block.units),
            "behind": [ev.unit.name for ev in block.units if ev.status == "red"],
        }
        entry["indicators"].append(row)
        for ev in block.evaluations:
            entry["counts"][ev.status] += 1
    published = RankingPublication.objects.filter(scheme=Scheme.COUNTY, year=year, month=month).first()
    if published:
        ranking = [{k: r[k] for k in ("group", "rank", "unit", "score", "grounds")} for r in published.rows]
        method = published.method
    else:
        table = engine.score_table(Scheme.COUNTY)
        ranking = [
            {"group": g.label, "rank": r.rank, "unit": r.unit.name, "score": str(r.score), "grounds": r.grounds()}
            for g in table.groups
            for r in g.rows
        ]
        method = f"{engine.method_text}\n{table.method}"
    return {
        "title": _("The six campaigns"),
        "year": year,
        "month": month,
        "campaigns": [c for c in by_campaign.values() if c["indicators"]],
        "ranking": ranking,
        "ranking_published": published is not None,
        "method": method,
    }


def bulletin_section(*, year: int, month: int) -> list[dict[str, Any]]:
    """The bulletin's hook (bulletins.sections.campaign_sections): one part per campaign with indicators,
    [{"slug", "name", "figures": {…}, "paragraphs": [text]}], built from `campaign_bulletin_section`.
    Everything is plain JSON (the bulletin freezes its figures when published)."""
    section = campaign_bulletin_section(year=year, month=month)
    parts = []
    for campaign in section["campaigns"]:
        sentences = []
        for row in campaign["indicators"]:
            if row["target"]:
                sentences.append(_("%(indicator)s: %(actual)s against %(target)s, %(gap)s") % row)
            else:
                sentences.append(row["indicator"])
            if row["units_total"]:
                sentences[-1] += _(", %(met)s of %(total)s units meet it") % {
                    "met": row["units_met"],
                    "total": row["units_total"],
                }
                if row["behind"]:
                    sentences[-1] += _(" (behind: %(names)s)") % {"names": "、".join(row["behind"][:8])}
        if campaign["slug"] == "assessment" and section["ranking"]:
            ranked = [r for r in section["ranking"] if r["group"] == section["ranking"][0]["group"]]
            top = "、".join(f"{r['unit']}（{r['score']}）" for r in ranked[:3])
            bottom = "、".join(f"{r['unit']}（{r['score']}）" for r in ranked[-3:]) if len(ranked) > 3 else ""
            sentences.append(
                (_("Horse race: first %(top)s; last %(bottom)s") if bottom else _("Horse race: first %(top)s"))
                % {"top": top, "bottom": bottom}
            )
        parts.append(
            {
                "slug": campaign["slug"],
                "name": campaign["name"],
                "figures": {"indicators": campaign["indicators"], "counts": campaign["counts"]},
                "paragraphs": ["；".join(sentences) + "。"],
            }
        )
    return parts


def dashboard_summary(*, year: int, month: int, viewer: Viewer) -> dict[str, Any]:
    """For the dashboard panel: each campaign's green/yellow/red counts and the horse race's top and bottom three."""
    rows = campaign_index(year=year, month=month, viewer=viewer)
    result: dict[str, Any] = {"year": year, "month": month, "campaigns": rows, "top": [], "bottom": []}
    if viewer.all_units:
        table = Engine(year=year, month=month).score_table(Scheme.COUNTY)
        townships = table.groups[0].rows if table.groups else []
        result["top"] = townships[:3]
        result["bottom"] = townships[-3:] if len(townships) > 3 else []
    return result


def campaign_year_settings(*, year: int) -> CampaignYear | None:
    return CampaignYear.objects.filter(year=year).first()


__all__ = [
    "bulletin_section",
    "campaign_bulletin_section",
    "campaign_index",
    "campaign_page",
    "campaign_status",
    "dashboard_summary",
    "default_period",
]
