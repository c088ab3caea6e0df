"""The service-guarantee campaign's page: the green lane, the land-demand priority, funding applications,
bank meetings and the approval flowcharts."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from core.money import ZERO
from projects.models import ProjectYear, Tier
from taskforces.models import ApprovalItem, FundingApplication, LandDemand, LandStage, Lead, LeadStage

from ..access import Viewer
from ..engine import Engine
from ..metrics import Window
from ..models import ApprovalFlowchart, BankEnterpriseMeeting

LAND_PRIORITY = {"province": 0, "city": 1, "signed": 2, "other": 3}


def land_priority(*, year: int, unit_id: int | None = None) -> list[dict[str, Any]]:
    """The land-demand ledger ordered by priority: provincial, then city key projects, then signed major
    projects (from a signed investment lead), then the rest; within each, the larger investment first."""
    demands = (
        LandDemand.objects.exclude(stage=LandStage.APPROVED)
        .select_related("project", "project__township", "land_type")
        .prefetch_related(
            Prefetch("project__years", queryset=ProjectYear.objects.filter(year=year), to_attr="listing_this_year")
        )
    )
    if unit_id is not None:
        demands = demands.filter(project__township_id=unit_id)
    signed_projects = set(
        Lead.objects.filter(stage__in=[LeadStage.SIGNED, LeadStage.LANDED], project__isnull=False).values_list(
            "project_id", flat=True
        )
    )
    rows: list[dict[str, Any]] = []
    for demand in demands:
        listings: list[ProjectYear] = getattr(demand.project, "listing_this_year", [])
        listing = listings[0] if listings else None
        if listing and listing.tier in (Tier.PROVINCE, Tier.CITY):
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


def green_lane(*, year_window: Window, unit_id: int | None) -> list[dict[str, Any]]:
    """One row per project: green-lane approvals granted this year (days from application to approval)
    and those still pending (days waited so far); the slowest first."""
    items = (
        ApprovalItem.objects.filter(green_lane=True)
        .select_related("project", "item_type", "handling_unit")
        .order_by("approved_on", "applied_on", "id")
    )
    if unit_id:
        items = items.filter(project__township_id=unit_id)
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
    return sorted(projects.values(), key=lambda r: (-(r["average"] or 0), r["project"].name))


def funding(*, year: int, unit_id: int | None) -> dict[str, Any]:
    """The year's funding applications, and their count and amounts by fund type."""
    applications = (
        FundingApplication.objects.filter(year=year)
        .select_related("project")
        .order_by("fund_type", "project__name", "id")
    )
    if unit_id:
        applications = applications.filter(project__township_id=unit_id)
    by_type: OrderedDict[str, list[Any]] = OrderedDict()
    for a in applications:
        row = by_type.setdefault(a.get_fund_type_display(), [0, ZERO, ZERO, ZERO])
        row[0] += 1
        row[1] += a.amount_applied
        row[2] += a.amount_approved
        row[3] += a.amount_received
    return {"funding": list(applications), "funding_by_type": list(by_type.items())}


def service_section(*, engine: Engine, viewer: Viewer, params: Mapping[str, Any]) -> dict[str, Any]:
    year_window = Window.for_period("year", engine.year, engine.month)
    unit_filter = None if viewer.all_units else viewer.unit_id
    result: dict[str, Any] = {
        "green_lane": green_lane(year_window=year_window, unit_id=unit_filter),
        "flowcharts": list(ApprovalFlowchart.objects.order_by("category", "title")),
        "land": land_priority(year=engine.year, unit_id=unit_filter),
        **funding(year=engine.year, unit_id=unit_filter),
    }
    if viewer.all_units:
        result["bank_meetings"] = list(
            BankEnterpriseMeeting.objects.filter(held_on__year=engine.year).order_by("held_on", "id")
        )
    return result
