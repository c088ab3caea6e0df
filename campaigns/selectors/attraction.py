"""The investment-attraction campaign's page: signed leads by key field, source region and mode, the
year's promotion events and head-enterprise contacts, the monthly bulletin and the evaluations."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from core.money import ZERO
from taskforces.models import AttractionMode, EnterpriseContact, Lead, PromotionEvent

from ..access import Viewer
from ..engine import TOWNSHIP_KINDS, Engine
from ..metrics import Window
from ..models import Scheme
from .common import visible_score_table

# [signed, signed amount, landed, landed amount]
LeadTotals = list[Any]


def _lead_tables(leads: list[Lead], year_window: Window) -> dict[str, Any]:
    """The year's signed leads by key field and by source region (signed and landed), and by attraction mode."""
    by_field: OrderedDict[str, LeadTotals] = OrderedDict()
    by_region: OrderedDict[str, LeadTotals] = OrderedDict()
    by_mode: OrderedDict[str, int] = OrderedDict()
    for lead in leads:
        landed = lead.landed_on is not None and lead.landed_on <= year_window.end
        for table, key in (
            (by_field, str(lead.industry or _("Other"))),
            (by_region, lead.get_source_region_display()),
        ):
            row = table.setdefault(key, [0, ZERO, 0, ZERO])
            row[0] += 1
            row[1] += lead.intended_investment
            if landed:
                row[2] += 1
                row[3] += lead.intended_investment
        mode = str(lead.attraction_mode or _("Not recorded"))
        by_mode[mode] = by_mode.get(mode, 0) + 1
    modes = [m.name for m in AttractionMode.objects.filter(active=True).order_by("sort_order", "name")]
    return {
        "by_field": list(by_field.items()),
        "by_region": list(by_region.items()),
        "modes": [(m, by_mode.pop(m, 0)) for m in modes] + list(by_mode.items()),
    }


def attraction_section(*, engine: Engine, viewer: Viewer, params: Mapping[str, Any]) -> dict[str, Any]:
    year_window = Window.for_period("year", engine.year, engine.month)
    leads = (
        Lead.objects.select_related("industry", "attraction_mode", "host_township")
        .filter(signed_on__gte=year_window.start, signed_on__lte=year_window.end)
        .order_by("-signed_on", "id")
    )
    if not viewer.all_units:
        leads = leads.filter(host_township_id=viewer.unit_id)
    result: dict[str, Any] = {"leads": list(leads)}
    result.update(_lead_tables(result["leads"], year_window))
    if viewer.all_units:
        result["events"] = list(
            PromotionEvent.objects.filter(date__gte=year_window.start, date__lte=year_window.end)
            .select_related("chain", "organizer")
            .order_by("date", "id")
        )
        result["contacts"] = list(
            EnterpriseContact.objects.filter(date__gte=year_window.start, date__lte=year_window.end)
            .select_related("lead")
            .order_by("-date", "id")
        )
    result["bulletin"] = attraction_bulletin(engine=engine, viewer=viewer)
    result["quarterly"] = visible_score_table(engine.score_table(Scheme.ATTRACTION, over="quarter"), viewer)
    result["annual"] = visible_score_table(engine.score_table(Scheme.ATTRACTION, over="year"), viewer)
    return result


ATTRACTION_BULLETIN = [
    ("attraction.trips", "month"),
    ("attraction.leads_signed", "month"),
    ("attraction.leads_signed_amount", "month"),
    ("attraction.leads_landed", "month"),
    ("attraction.leads_landed_amount", "month"),
    ("attraction.leads_signed", "year"),
    ("attraction.leads_signed_amount", "year"),
    ("attraction.leads_landed_amount", "year"),
]


def attraction_bulletin(*, engine: Engine, viewer: Viewer) -> list[dict[str, Any]]:
    """The month's bulletin figures per township: trips, signings and landings this month, and Jan..M."""
    values = [
        engine.ctx.values(key, Window.for_period(period, engine.year, engine.month))
        for key, period in ATTRACTION_BULLETIN
    ]
    rows: list[dict[str, Any]] = []
    for unit in engine.all_units:
        if unit.kind not in TOWNSHIP_KINDS or not viewer.sees_unit(unit.pk):
            continue
        rows.append({"unit": unit, "figures": [v.get(unit.pk).value for v in values]})
    if viewer.all_units:
        rows.append({"unit": None, "figures": [v.county.value for v in values]})
    return rows
