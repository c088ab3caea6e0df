"""Small helpers for the campaign pages: colours of a status, amounts in 亿元 / 万元, the dashboard panel."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.core.exceptions import PermissionDenied

from .. import formatting

register = template.Library()

CELL = {"green": "table-success", "yellow": "table-warning", "red": "table-danger", "none": "table-light"}
BADGE = {"green": "text-bg-success", "yellow": "text-bg-warning", "red": "text-bg-danger", "none": "text-bg-secondary"}


@register.filter
def status_cell(status: str) -> str:
    return CELL.get(status, "")


@register.filter
def status_badge(status: str) -> str:
    return BADGE.get(status, "text-bg-secondary")


@register.filter
def yi(value: Decimal | None) -> str:
    """万元 → 亿元, two places."""
    return formatting.number(value, "yi")


@register.filter
def wan(value: Decimal | None) -> str:
    return formatting.number(value, "wan")


@register.filter
def index(sequence, position: int):
    try:
        return sequence[position]
    except (IndexError, TypeError, KeyError):
        return None


@register.inclusion_tag("campaigns/includes/dashboard_panel.html", takes_context=True)
def campaign_dashboard(context, year: int | None = None, month: int | None = None) -> dict:
    """The campaigns' panel on the dashboard: each campaign's green / yellow / red figures and the horse race."""
    from ..access import campaign_viewer
    from ..selectors import dashboard_summary, default_period

    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return {"summary": None}
    try:
        viewer = campaign_viewer(request.user)
    except PermissionDenied:
        return {"summary": None}
    if not year or not month:
        year, month = default_period()
    return {"summary": dashboard_summary(year=year, month=month, viewer=viewer)}
