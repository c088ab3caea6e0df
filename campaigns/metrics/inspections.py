"""Metrics of the inspection office's inspections (the assessment campaign's own records): inspections
of a unit in the period and follow-ups not yet done."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..models import Inspection
from .base import Kind, MetricContext, Record, Values, Window, metric, tally


def _inspections(window: Window) -> list[Inspection]:
    first = window.year * 100 + window.first_month
    last = window.year * 100 + window.month
    return [
        i
        for i in Inspection.objects.filter(year=window.year)
        .select_related("unit")
        .order_by("month", "unit__sort_order", "id")
        if first <= i.year * 100 + i.month <= last
    ]


def _describer(detail: Callable[[Inspection], str]) -> Callable[[Inspection], Record]:
    def describe(i: Inspection) -> Record:
        return Record(
            label=f"{i.year}-{i.month:02d} {i.unit.name}",
            url=reverse("campaigns:record_detail", args=["inspection", i.pk]),
            detail=detail(i)[:60],
            when=i.inspected_on,
        )

    return describe


@metric(
    "assessment.inspections",
    _("inspections of the unit in the period"),
    Kind.COUNT,
    accrues=True,
    source=_("Inspections"),
)
def inspections(ctx: MetricContext, window: Window) -> Values:
    return tally((([i.unit_id], Decimal(1), i) for i in _inspections(window)), _describer(lambda i: i.findings))


@metric(
    "assessment.open_follow_ups",
    _("inspection follow-ups not yet done"),
    Kind.COUNT,
    accrues=False,
    source=_("Inspections"),
)
def open_follow_ups(ctx: MetricContext, window: Window) -> Values:
    return tally(
        (
            ([i.unit_id], Decimal(1), i)
            for i in _inspections(window.whole_year)
            if i.follow_up.strip() and not i.follow_up_done
        ),
        _describer(lambda i: i.follow_up),
    )
