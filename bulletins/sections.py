"""The bulletin's optional sections: one per task force whose ledger has data, and the campaigns'.

A ledger's section appears only when it holds records for the period, so a bulletin never shows an
empty section. Figures are county-wide (a bulletin is not
scoped to a reader) and judged as of the end of month M, or today while month M is still running.
Definitions follow the ledgers' own pages (taskforces/selectors/): an approval item is overdue when
its deadline has passed and it is not approved; a key project is covered by supervision in month M
when it had at least one visit that month; the statistics figures are month M's screening. A fixed
number of queries.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any, TypedDict

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import TaskForce
from campaigns.selectors import bulletin_section as campaign_bulletin_section
from core.money import percent_text as percent
from core.money import plain_amount as money
from core.money import rate
from core.periods import month_end
from projects.models import ProjectYear
from taskforces.models import (
    ApprovalItem,
    FundingApplication,
    LandDemand,
    SiteVisit,
    StatisticsScreening,
    SupervisionCheck,
    SupervisionVisit,
    Trip,
)

from .schema import WorkSection

ZERO = Decimal("0")


class Part(TypedDict):
    """What a ledger's builder finds for the month: its figures (plain JSON) and its sentence."""

    figures: dict[str, Any]
    paragraphs: list[str]


def as_of_date(year: int, month: int) -> date:
    return min(month_end(year, month), timezone.localdate())


def _approvals(year: int, month: int, places: int) -> Part | None:
    as_of = as_of_date(year, month)
    start, end = date(year, month, 1), month_end(year, month)
    # Approved by the end of the month (an approved item always has its date: a constraint of the ledger).
    approved = Q(status="approved", approved_on__lte=end)
    approved_by_as_of = Q(status="approved", approved_on__lte=as_of)
    overdue = Q(deadline__lt=as_of) & ~approved_by_as_of
    row = ApprovalItem.objects.aggregate(
        items=Count("id"),
        approved=Count("id", filter=approved),
        approved_this_month=Count("id", filter=Q(status="approved", approved_on__gte=start, approved_on__lte=end)),
        blocked=Count("id", filter=Q(status="blocked")),
        overdue=Count("id", filter=overdue),
        projects=Count("project", distinct=True),
        projects_overdue=Count("project", filter=overdue, distinct=True),
    )
    if not row["items"]:
        return None
    figures = {**row, "approval_rate": percent(rate(Decimal(row["approved"]), Decimal(row["items"])))}
    text = (
        _(
            "%(items)s approval items of %(projects)s projects are on the ledger: %(approved)s approved "
            "(%(approved_this_month)s this month), %(blocked)s blocked, %(overdue)s overdue."
        )
        % row
    )
    return {"figures": figures, "paragraphs": [text]}


def _supervision(year: int, month: int, places: int) -> Part | None:
    in_month = Q(date__year=year, date__month=month)
    visits = SupervisionVisit.objects.filter(in_month)
    row = visits.aggregate(visits=Count("id"))
    if not row["visits"]:
        return None
    listed = ProjectYear.objects.filter(year=year)
    cover = listed.aggregate(
        key_projects=Count("id", distinct=True),
        covered=Count(
            "id",
            filter=Q(project__supervision_visits__date__year=year, project__supervision_visits__date__month=month),
            distinct=True,
        ),
    )
    problems = SupervisionCheck.objects.filter(
        result="problem", visit__date__year=year, visit__date__month=month
    ).count()
    coverage = rate(Decimal(cover["covered"]), Decimal(cover["key_projects"]))
    figures = {
        "visits": row["visits"],
        "key_projects": cover["key_projects"],
        "covered": cover["covered"],
        "not_covered": cover["key_projects"] - cover["covered"],
        "coverage": percent(coverage),
        "problems_found": problems,
    }
    text = _(
        "%(visits)s supervision visits this month covered %(covered)s of %(key_projects)s key projects "
        "(%(coverage)s%%); %(not_covered)s were not visited; %(problems)s problems were found."
    ) % {**figures, "coverage": percent(coverage, places) or "0", "problems": problems}
    return {"figures": figures, "paragraphs": [text]}


def _statistics(year: int, month: int, places: int) -> Part | None:
    start, end = date(year, month, 1), month_end(year, month)
    eligible = Q(eligible=True)
    counts = StatisticsScreening.objects.filter(year=year, month=month).aggregate(
        n_screened=Count("id"),
        n_eligible=Count("id", filter=eligible),
        n_included=Count("id", filter=eligible & Q(included=True)),
        n_included_this_month=Count(
            "id", filter=eligible & Q(included=True, included_on__gte=start, included_on__lte=end)
        ),
        n_not_included=Count("id", filter=eligible & Q(included=False)),
        n_documents_returned=Count("id", filter=Q(documents_status="returned")),
    )
    # Aggregate names may not repeat field names (eligible, included): strip the prefix afterwards.
    row = {name.removeprefix("n_"): value for name, value in counts.items()}
    if not row["screened"]:
        return None
    inclusion = rate(Decimal(row["included"]), Decimal(row["eligible"]))
    figures = {**row, "inclusion_rate": percent(inclusion)}
    text = _(
        "This month %(screened)s projects were screened and %(eligible)s qualify for the statistics database; "
        "%(included)s are included (%(included_this_month)s this month), an inclusion rate of %(rate)s%%; "
        "%(not_included)s qualifying projects are not yet included; %(documents_returned)s sets of documents were returned."
    ) % {**row, "rate": percent(inclusion, places) or "0"}
    return {"figures": figures, "paragraphs": [text]}


def _funding(year: int, month: int, places: int) -> Part | None:
    row = FundingApplication.objects.filter(year=year).aggregate(
        applications=Count("id"),
        applied=Sum("amount_applied"),
        approved=Sum("amount_approved"),
        received=Sum("amount_received"),
    )
    if not row["applications"]:
        return None
    applied, approved, received = (row[k] or ZERO for k in ("applied", "approved", "received"))
    figures = {
        "applications": row["applications"],
        "applied": money(applied),
        "approved": money(approved),
        "received": money(received),
        "receipt_rate": percent(rate(received, approved)),
    }
    text = _(
        "%(applications)s applications for %(year)s funds: %(applied)s 10k yuan applied for, %(approved)s approved "
        "and %(received)s received."
    ) % {**figures, "year": year}
    return {"figures": figures, "paragraphs": [text]}


def _land(year: int, month: int, places: int) -> Part | None:
    row = LandDemand.objects.aggregate(
        demands=Count("id"),
        area=Sum("area_mu"),
        filed=Count("id", filter=~Q(stage="not_filed")),
        approved=Count("id", filter=Q(stage="approved")),
        submitted=Count("id", filter=Q(stage__in=["submitted_city", "submitted_province"])),
        returned=Count("id", filter=Q(stage="returned")),
    )
    if not row["demands"]:
        return None
    figures = {**row, "area": str((row["area"] or ZERO).quantize(Decimal("0.01")))}
    text = (
        _(
            "%(demands)s land demands (%(area)s mu): %(filed)s filed, %(submitted)s with the city or province, "
            "%(approved)s approved, %(returned)s returned."
        )
        % figures
    )
    return {"figures": figures, "paragraphs": [text]}


def _investment(year: int, month: int, places: int) -> Part | None:
    trips = Trip.objects.filter(date__year=year, date__month=month).count()
    site_visits = SiteVisit.objects.filter(date__year=year, date__month=month).count()
    if not trips and not site_visits:
        return None
    figures = {"trips": trips, "site_visits": site_visits}
    text = (
        _(
            "This month: %(trips)s out-of-county investment trips (at least 2 required), %(site_visits)s project site visits."
        )
        % figures
    )
    return {"figures": figures, "paragraphs": [text]}


BUILDERS: list[tuple[str, Callable[[int, int, int], Part | None]]] = [
    ("investment", _investment),
    ("approvals", _approvals),
    ("supervision", _supervision),
    ("land", _land),
    ("statistics", _statistics),
    ("funding", _funding),
]


def taskforce_sections(*, year: int, month: int, places: int = 2) -> list[WorkSection]:
    """[{"slug", "name", "figures": {...}, "paragraphs": [...]}] for the ledgers with data, in task-force order."""
    names = dict(TaskForce.objects.values_list("slug", "name"))
    sections: list[WorkSection] = []
    with translation.override(settings.LANGUAGE_CODE):
        for slug, build in BUILDERS:
            part = build(year, month, places)
            if part is not None:
                sections.append({"slug": slug, "name": names.get(slug, slug), **part})
    return sections


def campaign_sections(*, year: int, month: int) -> list[WorkSection]:
    """The campaigns' part of the bulletin, from campaigns/selectors.py's `bulletin_section`.

    Hook: `campaigns.selectors.bulletin_section(*, year, month) -> list[{"slug", "name", "figures", "paragraphs"}]`.
    """
    with translation.override(settings.LANGUAGE_CODE):
        parts = campaign_bulletin_section(year=year, month=month) or []
        return [
            {"slug": p["slug"], "name": p["name"], "figures": p["figures"], "paragraphs": p["paragraphs"]}
            for p in parts
        ]
