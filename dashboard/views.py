"""The home page: the county's key-project figures, with the other areas' panels beside them.

This app sits on top of the others: it is the one place that composes pages from several apps.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import has_role, reads_everything, user_roles
from accounts.http import AuthenticatedHttpRequest
from accounts.models import Role
from core.money import round_half_up, wan_to_yi
from projects.models import Tier
from projects.selectors.dashboard import Dashboard, dashboard_figures
from projects.selectors.periods import available_years, default_month, default_period

from .forms import PeriodForm


def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The home page: the year's key-project figures up to a month, for everyone with a role."""
    if not user_roles(request.user):
        return render(request, "dashboard/no_role.html", {"nav_section": "dashboard"})
    years = available_years()
    form = PeriodForm(request.GET or None, years=years or [timezone.localdate().year])
    year = month = None
    if form.is_bound:
        form.is_valid()
        year, month = form.cleaned_data.get("year"), form.cleaned_data.get("month")
    if year is None:
        year, latest = default_period()
        month = month or latest
    elif month is None:
        month = default_month(year=year)
    form = PeriodForm(initial={"year": year, "month": month}, years=sorted(set(years) | {year}, reverse=True))
    figures = dashboard_figures(year=year, month=month)
    return render(
        request,
        "dashboard/home.html",
        {
            "figures": figures,
            "progress": figures.progress,
            "period_form": form,
            "chart_data": _chart_data(figures),
            "today": timezone.localdate(),
            # Reporters see the county's figures but open only their own unit's projects.
            "link_all": reads_everything(request.user) or has_role(request.user, Role.TASKFORCE),
            "nav_section": "dashboard",
        },
    )


def _chart_number(value: Decimal) -> float:
    """A figure for the charts, rounded half up like the tables beside them (round() would round half
    to even: 17.605 亿元 would show 17.6 in a tooltip and 17.61 in the table). A two-place Decimal
    converts to the float that JSON prints with the same digits."""
    return float(round_half_up(value, 2))


def _yi(amount: Decimal) -> float:
    return _chart_number(wan_to_yi(amount))


def _rate(value: Decimal | None) -> float | None:
    return None if value is None else _chart_number(value)


def _chart_data(figures: Dashboard) -> dict[str, Any]:
    tiers = [Tier.PROVINCE, Tier.CITY, Tier.COUNTY]
    progress = figures.progress
    return {
        "tiers": {
            "labels": [str(Tier(t).label) for t in tiers] + [_("Total")],
            "plan": [_yi(progress.tiers[t].annual_plan) for t in tiers] + [_yi(progress.total.annual_plan)],
            "completed": [_yi(progress.tiers[t].completed) for t in tiers] + [_yi(progress.total.completed)],
            "rate": [_rate(progress.tiers[t].completion_rate) for t in tiers]
            + [_rate(progress.total.completion_rate)],
        },
        "months": {
            "labels": [_("%(month)s (month)") % {"month": p.month} for p in figures.series],
            "completed": [_yi(p.completed) for p in figures.series],
            "rate": [_rate(p.completion_rate) for p in figures.series],
            "time": [_rate(p.time_progress) for p in figures.series],
        },
        "townships": {
            "labels": [r.unit.short_name or r.unit.name for r in figures.townships],
            "rate": [_rate(r.figures.completion_rate) for r in figures.townships],
            "time": _rate(progress.time_progress),
        },
        "text": {
            "plan": _("Annual plan"),
            "completed": _("Completed investment"),
            "completion_rate": _("Completion rate"),
            "time_progress": _("Time progress"),
            "monthly": _("Completed this month"),
            "yi": _("100m yuan"),
        },
    }
