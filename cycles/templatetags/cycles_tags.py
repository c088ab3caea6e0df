"""Small template helpers of the scheduling pages, and the panels other areas' pages include."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.context import Context
from django.utils import timezone
from django.utils.translation import pgettext

from ..access import sees_calendar
from ..selectors import Standing, compliance

register = template.Library()

_STANDING = {
    Standing.ON_TIME: ("success", "bi-check-circle-fill"),
    Standing.LATE: ("warning", "bi-clock-history"),
    Standing.MISSED: ("danger", "bi-exclamation-octagon-fill"),
    Standing.OPEN: ("primary", "bi-circle"),
}


@register.filter
def standing_label(value: str) -> str:
    return {
        Standing.ON_TIME: pgettext("scheduling", "Held on time"),
        Standing.LATE: pgettext("scheduling", "Held late"),
        Standing.MISSED: pgettext("scheduling", "Overdue, not held"),
        Standing.OPEN: pgettext("scheduling", "Not due yet"),
    }.get(value, value)


@register.filter
def standing_colour(value: str) -> str:
    return _STANDING.get(value, ("secondary", ""))[0]


@register.filter
def standing_icon(value: str) -> str:
    return _STANDING.get(value, ("secondary", "bi-circle"))[1]


@register.filter
def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}%"


@register.inclusion_tag("cycles/includes/compliance_panel.html", takes_context=True)
def compliance_panel(context: Context, year: int, month: int) -> dict[str, Any]:
    """The dashboard's figures: duties held on time / late / not at all in month M and the year."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not sees_calendar(user):
        return {"show": False}
    data = compliance(year=year, month=month, today=timezone.localdate())
    return {"show": True, "c": data}
