"""Small helpers for the campaign pages: colours of a status, amounts in 亿元 / 万元, the dashboard panel."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .. import engine, formatting
from ..access import campaign_viewer
from ..models import Indicator
from ..selectors import dashboard_summary, default_period

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


@register.simple_tag
def ym(year: int, month: int | None = None) -> str:
    """ "2024年10月" (or "2024年" without a month)."""
    if not month:
        return yr(year)
    return _("%(year)s-%(month)s") % {"year": year, "month": month}


@register.filter
def yr(year: int) -> str:
    return _("year %(year)s") % {"year": year}


@register.filter
def mo(month: int) -> str:
    return _("month %(month)s") % {"month": month}


@register.filter
def plain(value: Decimal | None) -> str:
    """100.0000 → "100"; never exponent form (Decimal.normalize alone would give "1E+2")."""
    return formatting.plain(value)


@register.filter
def target_summary(indicator: Indicator) -> str:
    """An indicator's target in a few words: "≥ 2 次", "≥ 4 × the FAI target"."""
    return engine.target_summary(indicator)


@register.filter
def index(sequence: Any, position: int) -> Any:
    try:
        return sequence[position]
    except (IndexError, TypeError, KeyError):
        return None


@register.inclusion_tag("campaigns/includes/dashboard_panel.html", takes_context=True)
def campaign_dashboard(context: template.Context, year: int | None = None, month: int | None = None) -> dict[str, Any]:
    """The campaigns' panel on the dashboard: each campaign's green / yellow / red figures and the horse race."""
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
