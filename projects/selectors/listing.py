"""The project list: which listings a user may read, and the list's rows in the order asked for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Case, DecimalField, F, IntegerField, QuerySet, Value, When

from accounts.access import reads_everything
from accounts.models import User

from ..access import visible_projects
from ..models import ProjectYear, Tier
from .figures import HUNDRED, key_projects_with_progress

if TYPE_CHECKING:
    from .figures import ListingWithProgress

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


def visible_listings(user: User) -> QuerySet[ProjectYear]:
    """Year listings of the projects the user may read (projects.access.visible_projects)."""
    if reads_everything(user):
        return ProjectYear.objects.all()
    return ProjectYear.objects.filter(project__in=visible_projects(user))


def project_list_rows(
    *, listing: QuerySet[ProjectYear], year: int, month: int, sort: str = ""
) -> QuerySet[ListingWithProgress]:
    """The list's rows: listings with their project, `cumulative` Jan..M, `month_completed`, sorted."""
    rows = key_projects_with_progress(year=year, month=month, listing=listing).annotate(
        rate_sort=Case(
            When(annual_plan=0, then=Value(None)),
            default=F("cumulative") * HUNDRED / F("annual_plan"),
            output_field=DecimalField(max_digits=30, decimal_places=8),
        )
    )
    return rows.order_by(*LIST_ORDERINGS.get(sort, LIST_ORDERINGS[""]))
