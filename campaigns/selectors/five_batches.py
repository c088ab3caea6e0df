"""The five-batches campaign's page: the industrial projects, the monthly bulletin per township, the
monthly assessment and the year's settlement, ceremonies, rewards and penalties."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from accounts.models import Unit, UnitKind

from ..access import Viewer
from ..engine import TOWNSHIP_KINDS, Engine
from ..metrics import Window
from ..models import FIVE_STAGES, Ceremony, Decision, IndustrialProject, Scheme
from .common import visible_score_table


def five_batches_bulletin(*, year: int, month: int, unit_id: int | None = None) -> dict[str, Any]:
    """Per township: projects reaching each stage this month and Jan..M (the monthly bulletin table)."""
    month_window = Window.for_period("month", year, month)
    year_window = Window.for_period("year", year, month)
    # Townships in the county's order, the dev zone after them.
    townships = sorted(
        Unit.objects.filter(kind__in=TOWNSHIP_KINDS),
        key=lambda u: (u.kind != UnitKind.TOWNSHIP, u.sort_order, u.name),
    )
    projects = IndustrialProject.objects.select_related("township")
    if unit_id is not None:
        townships = [t for t in townships if t.pk == unit_id]
        projects = projects.filter(township_id=unit_id)
    rows: OrderedDict[int, dict[str, Any]] = OrderedDict(
        (t.pk, {"unit": t, "month": [0] * 5, "ytd": [0] * 5}) for t in townships
    )
    totals = {"month": [0] * 5, "ytd": [0] * 5}
    for p in projects:
        row = rows.get(p.township_id)
        if row is None:
            continue
        for n, stage in enumerate(FIVE_STAGES):
            day = p.stage_date(stage)
            if month_window.contains(day):
                row["month"][n] += 1
                totals["month"][n] += 1
            if year_window.contains(day):
                row["ytd"][n] += 1
                totals["ytd"][n] += 1
    return {"rows": list(rows.values()), "totals": totals}


def five_batches_section(*, engine: Engine, viewer: Viewer, params: Mapping[str, Any]) -> dict[str, Any]:
    unit_filter = None if viewer.all_units else viewer.unit_id
    projects = IndustrialProject.objects.select_related("township", "project").order_by(
        "township__sort_order", "signed_on", "name"
    )
    decisions = (
        Decision.objects.filter(campaign__slug="five-batches", year=engine.year)
        .select_related("unit")
        .order_by("unit__sort_order", "id")
    )
    if unit_filter:
        projects = projects.filter(township_id=unit_filter)
        decisions = decisions.filter(unit_id=unit_filter)
    settlement_engine = Engine(year=engine.year, month=12)
    result: dict[str, Any] = {
        "projects": list(projects),
        "bulletin": five_batches_bulletin(year=engine.year, month=engine.month, unit_id=unit_filter),
        "monthly": visible_score_table(engine.score_table(Scheme.FIVE_BATCHES), viewer),
        "settlement": visible_score_table(settlement_engine.score_table(Scheme.FIVE_BATCHES, over="year"), viewer),
        "settlement_final": engine.month == 12 or date(engine.year, 12, 31) < timezone.localdate(),
        "decisions": list(decisions),
    }
    if viewer.all_units:
        result["ceremonies"] = list(
            Ceremony.objects.filter(held_on__year=engine.year)
            .prefetch_related(
                Prefetch("projects", queryset=IndustrialProject.objects.select_related("township").order_by("name"))
            )
            .order_by("held_on", "id")
        )
    return result
