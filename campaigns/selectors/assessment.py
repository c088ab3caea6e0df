"""The supervision-and-assessment campaign's page: the month's inspections, rewards and penalties, the
county's monthly and annual rankings (the horse race) and those published."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..access import Viewer
from ..engine import Engine
from ..models import Decision, Inspection, RankingPublication, Scheme
from .common import visible_score_table


def assessment_section(*, engine: Engine, viewer: Viewer, params: Mapping[str, Any]) -> dict[str, Any]:
    unit_filter = None if viewer.all_units else viewer.unit_id
    inspections = (
        Inspection.objects.filter(year=engine.year, month=engine.month)
        .select_related("unit", "inspector")
        .order_by("unit__kind", "unit__sort_order", "id")
    )
    decisions = (
        Decision.objects.filter(year=engine.year).select_related("unit", "campaign").order_by("-decided_on", "id")
    )
    if unit_filter:
        inspections = inspections.filter(unit_id=unit_filter)
        decisions = decisions.filter(unit_id=unit_filter)
    return {
        "inspections": list(inspections),
        "decisions": list(decisions),
        "monthly": visible_score_table(engine.score_table(Scheme.COUNTY, over="month"), viewer),
        "annual": visible_score_table(engine.score_table(Scheme.COUNTY, over="year"), viewer),
        "publications": list(RankingPublication.objects.filter(year=engine.year).select_related("published_by")),
        "published_this_month": RankingPublication.objects.filter(
            scheme=Scheme.COUNTY, year=engine.year, month=engine.month
        ).first(),
    }
