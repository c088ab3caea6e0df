"""The reserve campaign's page: the project pipeline as it stood at the end of month M."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db.models import prefetch_related_objects

from core.money import ZERO

from ..access import Viewer
from ..engine import TOWNSHIP_KINDS, Engine
from ..metrics import Window
from ..models import PipelineProject, PipelineStage
from .common import to_int

PIPELINE_PAGE_SIZE = 30


def reserve_section(*, engine: Engine, viewer: Viewer, params: Mapping[str, Any]) -> dict[str, Any]:
    """The pipeline as it stood at the end of month M, filtered by township and stage, a page at a time."""
    day = Window.for_period("year", engine.year, engine.month).as_of
    qs = PipelineProject.objects.select_related("township", "project").order_by(
        "township__sort_order", "-estimated_investment", "name"
    )
    township_id = to_int(params.get("township")) if viewer.all_units else viewer.unit_id
    stage_filter = params.get("stage") if params.get("stage") in PipelineStage.values else ""
    if township_id:
        qs = qs.filter(township_id=township_id)
    rows: list[dict[str, Any]] = []
    counts = dict.fromkeys(PipelineStage.values, 0)
    totals: dict[str, Decimal] = dict.fromkeys(PipelineStage.values, ZERO)
    for p in qs:
        stage = p.stage_on(day)
        if not stage:
            continue
        counts[stage] += 1
        totals[stage] += p.estimated_investment
        if stage_filter and stage != stage_filter:
            continue
        rows.append({"project": p, "stage": stage, "stage_label": PipelineStage(stage).label})
    pages = max(1, (len(rows) + PIPELINE_PAGE_SIZE - 1) // PIPELINE_PAGE_SIZE)
    page = min(max(1, to_int(params.get("page")) or 1), pages)
    shown = rows[(page - 1) * PIPELINE_PAGE_SIZE : page * PIPELINE_PAGE_SIZE]
    prefetch_related_objects([r["project"] for r in shown], "approvals")
    for row in shown:
        row["approvals"] = list(row["project"].approvals.all())
    return {
        "pipeline": shown,
        "pipeline_all": rows,
        "pipeline_count": len(rows),
        "page": page,
        "pages": range(1, pages + 1),
        "township_filter": township_id,
        "stage_filter": stage_filter,
        "townships": [u for u in engine.all_units if u.kind in TOWNSHIP_KINDS] if viewer.all_units else [],
        "stages": PipelineStage.choices,
        "as_of": day,
        "stage_totals": [(PipelineStage(s).label, counts[s], totals[s]) for s in PipelineStage.values],
        "reading_includes_reserve": engine.ctx.reserve_counts_in_planned_pool,
    }
