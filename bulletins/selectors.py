"""Reads the bulletin needs beyond projects/selectors.py. Each runs a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol, cast

from django.db.models import Case, IntegerField, Max, QuerySet, Value, When

from core.periods import month_end
from projects.models import Nature, Project, ProjectYear, Tier
from projects.selectors.figures import key_projects, key_projects_with_progress

from .models import Bulletin, BulletinVersion


class ListingProgress(Protocol):
    """A listing as `key_projects_with_progress` annotates it: Jan..M's `cumulative`, month M's `month_completed`."""

    tier: str
    nature: str
    annual_plan: Decimal
    project: Project
    cumulative: Decimal
    month_completed: Decimal | None  # None: month M not reported


def with_progress(listing: object) -> ListingProgress:
    """A listing annotated by `key_projects_with_progress`, typed as such (the annotations are made at run time)."""
    return cast("ListingProgress", listing)


@dataclass
class CompletionFigures:
    """Completions of listed projects as of the end of month M.

    - planned this year: planned completion in year Y;
    - planned by M: of those, planned completion on or before the end of month M;
    - completed: planned this year with an actual completion on or before the end of M;
    - completed early: completed in a month before the planned month;
    - completed late: completed, but in a month after the planned month;
    - not completed on schedule: planned by M with no actual completion by the end of M (named);
    - completed ahead of a later year's plan: listed, planned for a later year, completed by the end of M.
    """

    planned_this_year: int = 0
    planned_by_month: int = 0
    completed: int = 0
    completed_early: int = 0
    completed_late: int = 0
    not_completed_on_schedule: list[Project] = field(default_factory=list)
    ahead_of_later_plan: list[Project] = field(default_factory=list)


def completion_figures(*, year: int, month: int) -> CompletionFigures:
    """One query."""
    end = month_end(year, month)
    figures = CompletionFigures()
    listings = (
        key_projects(year=year)
        .exclude(nature=Nature.PRELIMINARY)
        .select_related("project")
        .only("nature", "project__id", "project__name", "project__planned_completion", "project__actual_completion")
    )
    for listing in listings:
        project = listing.project
        planned, actual = project.planned_completion, project.actual_completion
        if planned is None:
            continue
        done = actual is not None and actual <= end
        if planned.year > year:
            if actual is not None and done and actual.year == year:
                figures.ahead_of_later_plan.append(project)
            continue
        if planned.year < year:
            continue
        figures.planned_this_year += 1
        if planned <= end:
            figures.planned_by_month += 1
            if not done:
                figures.not_completed_on_schedule.append(project)
        if actual is not None and done:
            figures.completed += 1
            if (actual.year, actual.month) < (planned.year, planned.month):
                figures.completed_early += 1
            elif (actual.year, actual.month) > (planned.year, planned.month):
                figures.completed_late += 1
    figures.not_completed_on_schedule.sort(key=lambda p: p.name)
    figures.ahead_of_later_plan.sort(key=lambda p: p.name)
    return figures


def tier_order() -> Case:
    """Province, city, county: the order of the key lists (alphabetical order would put city first)."""
    return Case(
        When(tier=Tier.PROVINCE, then=Value(0)),
        When(tier=Tier.CITY, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )


def listed_projects_with_progress(*, year: int, month: int, tiers: list[str] | None = None) -> list[ListingProgress]:
    """The year's listings with `cumulative` and `month_completed`, in list order. One query."""
    listing: QuerySet[ProjectYear] = key_projects(year=year)
    if tiers:
        listing = listing.filter(tier__in=tiers)
    rows = key_projects_with_progress(year=year, month=month, listing=listing).order_by(
        tier_order(), "seq", "project__name"
    )
    return [with_progress(row) for row in rows]


def published_versions(*, year: int) -> dict[int, BulletinVersion]:
    """The latest published version of each month of `year`, by month. One query."""
    latest: dict[int, BulletinVersion] = {}
    rows = (
        BulletinVersion.objects.filter(bulletin__year=year)
        .select_related("bulletin", "published_by")
        .defer("docx", "figures", "changes")
        .order_by("bulletin__month", "number")
    )
    for version in rows:
        latest[version.bulletin.month] = version
    return latest


def bulletin_versions(*, year: int, month: int) -> list[BulletinVersion]:
    """Every version of the month's bulletin, oldest first, without the document bytes. One query."""
    return list(
        BulletinVersion.objects.filter(bulletin__year=year, bulletin__month=month)
        .select_related("bulletin", "published_by")
        .defer("docx")
        .order_by("number")
    )


def get_bulletin(*, year: int, month: int) -> Bulletin | None:
    return Bulletin.objects.filter(year=year, month=month).first()


def next_doc_sequence(*, year: int) -> int:
    """The next document number of the year: one more than the highest used by any bulletin of that year."""
    highest = BulletinVersion.objects.filter(bulletin__year=year).aggregate(m=Max("doc_sequence"))["m"]
    return (highest or 0) + 1
