"""Metrics of the funding task force's ledger: funds applied for, approved and received by the end of
the period (special bonds, central budget, treasury bonds…)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from taskforces.models import FundingApplication

from .base import Kind, MetricContext, Record, Values, Window, metric, money_text, tally

# Each amount counts from the day it was reached.
DATE_OF = {"amount_applied": "applied_on", "amount_approved": "approved_on", "amount_received": "received_on"}


def _funding(ctx: MetricContext, window: Window, amount_field: str) -> Values:
    date_field = DATE_OF[amount_field]
    rows = FundingApplication.objects.filter(year=ctx.year).select_related("project").order_by("project__name", "id")

    def reached(a: FundingApplication) -> date | None:
        day: date | None = getattr(a, date_field)
        return day

    def describe(a: FundingApplication) -> Record:
        return Record(
            label=f"{a.project.name} · {a.get_fund_type_display()}",
            url=reverse("projects:detail", args=[a.project_id]),
            detail=money_text(getattr(a, amount_field)),
            when=reached(a),
            amount=getattr(a, amount_field),
        )

    return tally(
        (
            ([a.project.township_id], getattr(a, amount_field), a)
            for a in rows
            if (day := reached(a)) is not None and day <= window.end
        ),
        describe,
    )


@metric(
    "service.funding_applied",
    _("funds applied for (special bonds, central budget, treasury bonds…)"),
    Kind.MONEY,
    accrues=True,
    source=_("Funding ledger"),
)
def funding_applied(ctx: MetricContext, window: Window) -> Values:
    return _funding(ctx, window, "amount_applied")


@metric(
    "service.funding_approved",
    _("funds approved"),
    Kind.MONEY,
    accrues=True,
    source=_("Funding ledger"),
)
def funding_approved(ctx: MetricContext, window: Window) -> Values:
    return _funding(ctx, window, "amount_approved")


@metric(
    "service.funding_received",
    _("funds received"),
    Kind.MONEY,
    accrues=True,
    source=_("Funding ledger"),
)
def funding_received(ctx: MetricContext, window: Window) -> Values:
    return _funding(ctx, window, "amount_received")
