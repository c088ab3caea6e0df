"""Metrics of the five batches (the campaign's own records): industrial projects signed, landed,
started, in production and reaching effect in the period, and the quarter's ceremonies."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..models import Ceremony, IndustrialProject
from .base import Compute, Kind, MetricContext, Record, Values, Window, metric, money_text, tally


def _industrial(ctx: MetricContext) -> list[IndustrialProject]:
    return ctx.loaded(
        "five_batches.industrial",
        None,
        lambda: list(
            IndustrialProject.objects.select_related("township").order_by("township__sort_order", "signed_on", "name")
        ),
    )


def _stage_metric(stage: str) -> Compute:
    def describe(p: IndustrialProject) -> Record:
        return Record(
            label=p.name,
            url=reverse("campaigns:record_detail", args=["industrial", p.pk]),
            detail=f"{p.township.name} · {money_text(p.investment)}",
            when=p.stage_date(stage),
            amount=p.investment,
        )

    def compute(ctx: MetricContext, window: Window) -> Values:
        return tally(
            (([p.township_id], Decimal(1), p) for p in _industrial(ctx) if window.contains(p.stage_date(stage))),
            describe,
        )

    return compute


for _stage, _label in [
    ("signed", _("industrial projects signed in the period")),
    ("landed", _("industrial projects landed in the period")),
    ("started", _("industrial projects started in the period")),
    ("production", _("industrial projects put into production in the period")),
    ("effect", _("industrial projects reaching design effect in the period")),
]:
    metric(f"five_batches.{_stage}", _label, Kind.COUNT, accrues=True, source=_("Five-batches industrial projects"))(
        _stage_metric(_stage)
    )


def _ceremony_record(c: Ceremony) -> Record:
    return Record(
        label=f"{c.get_kind_display()} · {c.place}",
        url=reverse("campaigns:record_detail", args=["ceremony", c.pk]),
        when=c.held_on,
    )


@metric(
    "five_batches.ceremonies",
    _("start or production ceremonies held in the period"),
    Kind.COUNT,
    accrues=True,
    source=_("Five-batches ceremonies"),
)
def ceremonies(ctx: MetricContext, window: Window) -> Values:
    rows = Ceremony.objects.filter(held_on__gte=window.start, held_on__lte=window.end).order_by("held_on", "id")
    return tally((([], Decimal(1), c) for c in rows), _ceremony_record)
