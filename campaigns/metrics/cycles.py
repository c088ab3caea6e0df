"""Metrics of the scheduling cycles: occurrences due in the period, held on time, and the compliance rate."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cycles.models import Occurrence, OccurrenceStatus

from .base import Kind, MetricContext, Record, Values, Window, metric, percent_of, tally


def _occurrences(ctx: MetricContext, window: Window) -> list[Occurrence]:
    """The window's occurrences, loaded once per computation (due and held on time both read them)."""
    return ctx.loaded(
        "cycles.occurrences",
        window,
        lambda: list(
            Occurrence.objects.filter(due_date__gte=window.start, due_date__lte=window.end)
            .select_related("duty", "duty__taskforce", "duty__campaign")
            .only(
                "id",
                "title",
                "status",
                "due_date",
                "held_on",
                "duty__responsible_unit_id",
                "duty__taskforce_id",
                "duty__campaign_id",
                "duty__taskforce__lead_unit_id",
                "duty__campaign__lead_unit_id",
            )
            .order_by("due_date", "id")
        ),
    )


def _occurrence_units(o: Occurrence) -> list[int | None]:
    duty = o.duty
    return [
        duty.responsible_unit_id
        or (duty.taskforce.lead_unit_id if duty.taskforce else None)
        or (duty.campaign.lead_unit_id if duty.campaign else None)
    ]


def occurrence_on_time(o: Occurrence) -> bool:
    return o.status == OccurrenceStatus.HELD and o.held_on is not None and o.held_on <= o.due_date


def _occurrence_record(o: Occurrence) -> Record:
    held = str(o.held_on) if o.held_on else gettext("not held")
    return Record(
        label=o.title,
        url=reverse("cycles:occurrence", args=[o.pk]),
        detail=gettext("due %(due)s, held %(held)s") % {"due": o.due_date, "held": held},
        when=o.due_date,
    )


@metric(
    "cycles.due",
    _("scheduling occurrences due in the period"),
    Kind.COUNT,
    accrues=True,
    source=_("Scheduling cycles"),
)
def cycles_due(ctx: MetricContext, window: Window) -> Values:
    return tally(((_occurrence_units(o), Decimal(1), o) for o in _occurrences(ctx, window)), _occurrence_record)


@metric(
    "cycles.held_on_time",
    _("scheduling occurrences held on time in the period"),
    Kind.COUNT,
    accrues=True,
    source=_("Scheduling cycles"),
)
def cycles_held_on_time(ctx: MetricContext, window: Window) -> Values:
    return tally(
        ((_occurrence_units(o), Decimal(1), o) for o in _occurrences(ctx, window) if occurrence_on_time(o)),
        _occurrence_record,
    )


@metric(
    "cycles.compliance_rate",
    _("cycle compliance: occurrences held on time ÷ occurrences due"),
    Kind.PERCENT,
    accrues=False,
    source=_("Scheduling cycles"),
)
def cycles_compliance(ctx: MetricContext, window: Window) -> Values:
    due = ctx.values("cycles.due", window)
    return percent_of(ctx.values("cycles.held_on_time", window), due, records_from=due)
