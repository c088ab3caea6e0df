"""Metrics of the register: the year's FAI target, the key list, its annual plan, completed investment,
the completion rate and new projects' starts."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.money import ZERO
from projects.models import MonthlyProgress, Nature, Project, ProjectYear, YearTarget

from .base import Figure, Kind, MetricContext, Record, Values, Window, metric, money_text, percent_of, tally


def _listings(ctx: MetricContext) -> list[ProjectYear]:
    """The year's key list, loaded once per computation (four metrics read it)."""
    return ctx.loaded(
        "register.listings",
        None,
        lambda: list(
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
        ),
    )


def _units(project: Project) -> list[int | None]:
    return [project.township_id, project.responsible_unit_id]


def project_record(
    project: Project, detail: str = "", amount: Decimal | None = None, when: date | None = None
) -> Record:
    return Record(
        label=project.name, url=reverse("projects:detail", args=[project.pk]), detail=detail, amount=amount, when=when
    )


def _listing_record(listing: ProjectYear) -> Record:
    return project_record(listing.project)


def _plan_record(listing: ProjectYear) -> Record:
    return project_record(listing.project, money_text(listing.annual_plan), listing.annual_plan)


def _start_record(listing: ProjectYear) -> Record:
    start = listing.project.actual_start
    return project_record(listing.project, str(start), when=start)


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
    head = Record(
        label=gettext("Fixed-asset investment target %(year)s") % {"year": ctx.year},
        detail=money_text(target.fai_target),
    )
    plans = tally(((_units(r.project), r.annual_plan, r) for r in rows), _plan_record)
    units = {
        unit_id: Figure(
            target.fai_target * f.value / total_plan if total_plan and f.value is not None else None,
            [head, *f.rows],
            f.describe,
        )
        for unit_id, f in plans.units.items()
    }
    return Values(county=Figure(target.fai_target, [head]), units=units)


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
        ((_units(r.project), Decimal(1), r) for r in _listings(ctx) if r.nature == Nature.NEW), _listing_record
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
    return tally(((_units(r.project), r.annual_plan, r) for r in _listings(ctx)), _plan_record)


def _completed_record(row: tuple[Project, Decimal]) -> Record:
    project, amount = row
    return project_record(project, money_text(amount))


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
    projects: dict[int, Project] = {}
    amounts: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for row in rows:
        projects.setdefault(row.project_id, row.project)
        amounts[row.project_id] += row.completed
    return tally(
        ((_units(project), amounts[pk], (project, amounts[pk])) for pk, project in projects.items()),
        _completed_record,
    )


@metric(
    "register.completion_rate",
    _("investment completion rate (completed Jan..M ÷ annual plan)"),
    Kind.PERCENT,
    accrues=True,
    source=_("Key list and monthly progress"),
)
def completion_rate(ctx: MetricContext, window: Window) -> Values:
    year_window = window.whole_year
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
            (_units(r.project), Decimal(1), r)
            for r in _listings(ctx)
            if r.nature == Nature.NEW and window.contains(r.project.actual_start)
        ),
        _start_record,
    )
