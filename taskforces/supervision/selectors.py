"""Reads of the supervision ledger: coverage of the key projects and the month's figures."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q, QuerySet

from accounts.models import User
from projects.models import ProjectYear

from ..access import entries_for_user, is_unit_reporter, reads_all_ledgers
from .models import CheckResult, SupervisionCheck, SupervisionVisit


def visit_ledger() -> QuerySet[SupervisionVisit]:
    """The visits as the ledger lists them: project joined, checks in order, `photo_count` annotated."""
    return (
        SupervisionVisit.objects.select_related("project")
        .prefetch_related(Prefetch("checks", queryset=SupervisionCheck.objects.order_by("id")))
        .annotate(photo_count=Count("attachments", distinct=True))
    )


def key_listings(*, user: User, year: int) -> QuerySet[ProjectYear]:
    """The year's key list as far as the user may see it (a reporter: its unit's projects)."""
    listings = ProjectYear.objects.filter(year=year)
    if reads_all_ledgers(user):
        return listings
    if is_unit_reporter(user):
        return listings.filter(Q(project__township_id=user.unit_id) | Q(project__responsible_unit_id=user.unit_id))
    return listings.none()


def coverage(*, user: User, year: int, month: int) -> QuerySet[ProjectYear]:
    """The year's key projects with `month_visits` (visits in the month) and `last_visit`. One query.

    Not visited this month first (the notice: every project covered once a month), then by tier and list order.
    """
    listings = key_listings(user=user, year=year)
    in_month = Q(project__supervision_visits__date__year=year, project__supervision_visits__date__month=month)
    return (
        listings.select_related("project", "project__township")
        .annotate(
            month_visits=Count("project__supervision_visits", filter=in_month),
            last_visit=Max("project__supervision_visits__date"),
        )
        .order_by("month_visits", "tier", "seq", "id")
    )


@dataclass
class SupervisionFigures:
    key_projects: int
    covered: int
    visits: int
    problems_found: int

    @property
    def not_covered(self) -> int:
        return self.key_projects - self.covered


def supervision_figures(*, user: User, year: int, month: int) -> SupervisionFigures:
    """Three queries over what the user may see."""
    cover = key_listings(user=user, year=year).aggregate(
        key_projects=Count("id", distinct=True),
        covered=Count(
            "id",
            filter=Q(project__supervision_visits__date__year=year, project__supervision_visits__date__month=month),
            distinct=True,
        ),
    )
    visits = entries_for_user(user, SupervisionVisit).filter(date__year=year, date__month=month).count()
    problems = (
        entries_for_user(user, SupervisionCheck)
        .filter(result=CheckResult.PROBLEM, visit__date__year=year, visit__date__month=month)
        .count()
    )
    return SupervisionFigures(
        key_projects=cover["key_projects"], covered=cover["covered"], visits=visits, problems_found=problems
    )
