"""Metrics of the approvals task force's ledger: green-lane approvals granted and their average days."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from taskforces.models import ApprovalItem

from .base import Kind, MetricContext, Record, Values, Window, average, days_between, days_text, metric, tally


def _green_lane(window: Window) -> QuerySet[ApprovalItem]:
    return (
        ApprovalItem.objects.filter(
            green_lane=True, approved_on__gte=window.start, approved_on__lte=window.end, applied_on__isnull=False
        )
        .select_related("project", "item_type")
        .order_by("approved_on", "id")
    )


def _days(item: ApprovalItem) -> Decimal:
    # The query asks for both dates.
    return days_between(item.applied_on, item.approved_on) if item.applied_on and item.approved_on else Decimal(0)


def _units(item: ApprovalItem) -> list[int | None]:
    return [item.project.township_id, item.handling_unit_id]


def _approval_record(item: ApprovalItem) -> Record:
    return Record(
        label=f"{item.project.name} · {item.item_type}",
        url=reverse("projects:detail", args=[item.project_id]),
        detail=days_text(_days(item)),
        when=item.approved_on,
    )


@metric(
    "service.green_lane_approved",
    _("green-lane approvals granted in the period"),
    Kind.COUNT,
    accrues=True,
    source=_("Approvals ledger (green lane)"),
)
def green_lane_approved(ctx: MetricContext, window: Window) -> Values:
    return tally(((_units(i), Decimal(1), i) for i in _green_lane(window)), _approval_record)


@metric(
    "service.green_lane_days",
    _("average days from application to approval on the green lane"),
    Kind.DAYS,
    accrues=False,
    source=_("Approvals ledger (green lane)"),
)
def green_lane_days(ctx: MetricContext, window: Window) -> Values:
    return average(((_units(i), _days(i), i) for i in _green_lane(window)), _approval_record)
