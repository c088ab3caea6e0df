"""Starts and the projects behind: new projects started, continuing ones resumed, rates trailing time."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from core.money import rate
from core.periods import month_end, time_progress

from ..models import Nature, Project, ProjectStatus, ProjectYear
from .figures import HUNDRED, key_projects, key_projects_with_progress


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
        actual = project.actual_start
        started = actual is not None and actual <= end
        if planned <= end:
            figures.planned_by_month += 1
            if not started:
                figures.not_started_on_schedule.append(project)
        if actual is not None and started:
            figures.started += 1
            if (actual.year, actual.month) < (planned.year, planned.month):
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
