"""The campaign pages: the index, one campaign's page (its indicators and its own section) and one
indicator's drill-down."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import Any

from accounts.models import Campaign, Unit

from ..access import Viewer
from ..engine import Engine, IndicatorBlock, indicators_for
from ..models import Indicator
from .assessment import assessment_section
from .attraction import attraction_section
from .common import blocks, matrices
from .five_batches import five_batches_section
from .reserve import reserve_section
from .scheduling import scheduling_section
from .service import service_section

Section = Callable[..., dict[str, Any]]

# A campaign's own section of its page, by the campaign's slug.
SECTIONS: dict[str, Section] = {
    "reserve": reserve_section,
    "scheduling": scheduling_section,
    "attraction": attraction_section,
    "service": service_section,
    "five-batches": five_batches_section,
    "assessment": assessment_section,
}


def campaign_page(
    *, campaign: Campaign, year: int, month: int, viewer: Viewer, params: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Everything a campaign page shows: indicators (county and per unit) and the campaign's own sections."""
    engine = Engine(year=year, month=month)
    indicators = indicators_for(year=year, campaign=campaign)
    page_blocks = blocks(engine, indicators, viewer)
    builder = SECTIONS.get(campaign.slug)
    sections = builder(engine=engine, viewer=viewer, params=params or {}) if builder else {}
    return {
        "campaign": campaign,
        "year": year,
        "month": month,
        "blocks": page_blocks,
        "county_blocks": [b for b in page_blocks if b.county],
        "matrices": matrices(page_blocks),
        "method_text": engine.method_text,
        "config": engine.config,
        "sections": sections,
        "engine": engine,
    }


def campaign_index(*, year: int, month: int, viewer: Viewer) -> list[dict[str, Any]]:
    """Each campaign with the count of green, yellow and red figures the viewer may see."""
    engine = Engine(year=year, month=month)
    by_campaign: dict[int, list[IndicatorBlock]] = defaultdict(list)
    for block in blocks(engine, indicators_for(year=year), viewer):
        by_campaign[block.indicator.campaign_id].append(block)
    result = []
    for campaign in Campaign.objects.select_related("lead_unit"):
        counts = {"green": 0, "yellow": 0, "red": 0, "none": 0}
        for block in by_campaign.get(campaign.pk, []):
            for ev in block.evaluations:
                counts[ev.status] += 1
        result.append({"campaign": campaign, "counts": counts, "indicators": len(by_campaign.get(campaign.pk, []))})
    return result


def indicator_drilldown(
    *, indicator: Indicator, year: int, month: int, viewer: Viewer, unit: Unit | None
) -> dict[str, Any]:
    """One indicator for the county (or the viewer's unit) or for `unit`, with the records behind it."""
    engine = Engine(year=indicator.year, month=month)
    block: IndicatorBlock | None = None
    if unit is None:
        block = engine.block(indicator, unit_ids=viewer.unit_ids, with_county=viewer.all_units)
        evaluation = block.county or (block.units[0] if block.units else None)
    else:
        evaluation = engine.evaluate(indicator, unit)
    return {
        "indicator": indicator,
        "evaluation": evaluation,
        "block": block,
        "method_text": engine.method_text,
        "year": indicator.year,
        "month": month,
    }
