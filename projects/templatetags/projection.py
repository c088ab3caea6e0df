"""The year-end projection on any page: `{% load projection %}{% projection_panel year month %}`.

Used by projects/includes/projection.html (for the dashboard and the bulletin's pages); six queries.
"""

from __future__ import annotations

from typing import Any

from django import template

from ..models import Tier
from ..projection import growth_text, method_text, projection_sentence, year_end_projection

register = template.Library()


@register.inclusion_tag("projects/includes/projection_panel.html")
def projection_panel(year: int, month: int) -> dict[str, Any]:
    projection = year_end_projection(year=int(year), month=int(month))
    fai = projection.fai
    rows = [("total", projection.total)] + [
        (tier, projection.tiers[tier]) for tier in (Tier.PROVINCE, Tier.CITY, Tier.COUNTY)
    ]
    return {
        "projection": projection,
        "sentence": projection_sentence(projection.total),
        "method": method_text(projection.method, projection.month),
        "rows": [(str(Tier(key).label) if key != "total" else None, figures) for key, figures in rows],
        "fai": fai,
        "fai_sentence": projection_sentence(fai.figures) if fai and fai.figures else "",
        "fai_growth": growth_text(fai) if fai else "",
        "fai_method": method_text(fai.method, fai.figures.month) if fai and fai.figures else "",
    }
