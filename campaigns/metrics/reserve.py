"""Metrics of the project pipeline (the reserve campaign's own records): the planned pool, the reserve,
and the projects that started and joined the key list. Each reads the pipeline as it stood on the
window's as-of day."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..models import PipelineProject, PipelineStage
from .base import Kind, MetricContext, Record, Values, Window, metric, money_text, tally

# A pipeline project with the stage it was at on the as-of day.
Staged = tuple[PipelineProject, str]


def _pipeline_rows(ctx: MetricContext, window: Window) -> list[Staged]:
    """Pipeline projects with their stage as they stood on the window's as-of day."""

    def load() -> list[Staged]:
        day = window.as_of
        rows = []
        for p in PipelineProject.objects.select_related("township").order_by("township__sort_order", "name"):
            stage = p.stage_on(day)
            if stage:
                rows.append((p, stage))
        return rows

    return ctx.loaded("reserve.pipeline", window, load)


def pipeline_record(row: Staged) -> Record:
    p, stage = row
    return Record(
        label=p.name,
        url=reverse("campaigns:record_detail", args=["pipeline", p.pk]),
        detail=f"{p.township.name} · {PipelineStage(stage).label} · {money_text(p.estimated_investment)}",
        amount=p.estimated_investment,
        when=p.entered_on,
    )


def _pipeline_tally(ctx: MetricContext, window: Window, stages: set[str], count: bool) -> Values:
    return tally(
        (
            ([p.township_id], Decimal(1) if count else p.estimated_investment, (p, stage))
            for p, stage in _pipeline_rows(ctx, window)
            if stage in stages
        ),
        pipeline_record,
    )


def _pool_stages(ctx: MetricContext) -> set[str]:
    return {"planned", "reserve"} if ctx.reserve_counts_in_planned_pool else {"planned"}


@metric(
    "reserve.planned_pool_total",
    _("planned projects' total investment (the planned pool, per the year's reading)"),
    Kind.MONEY,
    accrues=False,
    source=_("Pipeline projects"),
    short=_("the planned projects' total"),
)
def planned_pool_total(ctx: MetricContext, window: Window) -> Values:
    return _pipeline_tally(ctx, window, _pool_stages(ctx), count=False)


@metric(
    "reserve.planned_pool_count",
    _("number of planned projects (the planned pool, per the year's reading)"),
    Kind.COUNT,
    accrues=False,
    source=_("Pipeline projects"),
    short=_("the planned projects' count"),
)
def planned_pool_count(ctx: MetricContext, window: Window) -> Values:
    return _pipeline_tally(ctx, window, _pool_stages(ctx), count=True)


@metric(
    "reserve.reserve_total",
    _("reserve projects' total investment"),
    Kind.MONEY,
    accrues=False,
    source=_("Pipeline projects"),
)
def reserve_total(ctx: MetricContext, window: Window) -> Values:
    return _pipeline_tally(ctx, window, {"reserve"}, count=False)


@metric(
    "reserve.reserve_count", _("number of reserve projects"), Kind.COUNT, accrues=False, source=_("Pipeline projects")
)
def reserve_count(ctx: MetricContext, window: Window) -> Values:
    return _pipeline_tally(ctx, window, {"reserve"}, count=True)


@metric(
    "reserve.joined_key_list",
    _("pipeline projects that started and joined the key list in the period"),
    Kind.COUNT,
    accrues=True,
    source=_("Pipeline projects"),
)
def joined_key_list(ctx: MetricContext, window: Window) -> Values:
    return tally(
        (
            ([p.township_id], Decimal(1), (p, stage))
            for p, stage in _pipeline_rows(ctx, window)
            if stage == "started" and window.contains(p.started_on)
        ),
        pipeline_record,
    )
