"""What every campaign page shares: the period it opens on, the years to choose from, the matrices of
units × indicators, and what a unit may see of a score table."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Unit, UnitKind
from projects.models import MonthlyProgress, YearTarget

from ..access import Viewer
from ..engine import TOWNSHIP_KINDS, Engine, Evaluation, IndicatorBlock, ScoreTable
from ..models import CampaignYear, Indicator


def default_period() -> tuple[int, int]:
    """The year and month a campaign page opens on: the latest year with data, its latest reported month."""
    years = sorted(
        set(YearTarget.objects.values_list("year", flat=True))
        | set(Indicator.objects.values_list("year", flat=True).distinct())
    )
    today = timezone.localdate()
    year = years[-1] if years else today.year
    month = MonthlyProgress.objects.filter(year=year).order_by("-month").values_list("month", flat=True).first()
    if month is None:
        month = today.month if year == today.year else 12
    return year, month


def available_years() -> list[int]:
    years = set(Indicator.objects.values_list("year", flat=True).distinct()) | set(
        YearTarget.objects.values_list("year", flat=True)
    )
    return sorted(years, reverse=True)


def campaign_year_settings(*, year: int) -> CampaignYear | None:
    return CampaignYear.objects.filter(year=year).first()


def to_int(value: Any) -> int | None:
    """A number from the query string, or None."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# --- indicator matrices -------------------------------------------------------------------------


@dataclass
class Matrix:
    """Units down, indicators across: who meets which target and by how much."""

    label: str
    columns: list[Indicator]
    rows: list[tuple[Unit, list[Evaluation | None]]]


def _unit(ev: Evaluation) -> Unit:
    if ev.unit is None:  # a block's units are units; the county is its `county`
        raise ValueError("a unit's evaluation without a unit")
    return ev.unit


def matrices(blocks: list[IndicatorBlock]) -> list[Matrix]:
    groups = [(_("Townships and the dev zone"), TOWNSHIP_KINDS), (_("County departments"), (UnitKind.DEPARTMENT,))]
    result = []
    for label, kinds in groups:
        columns = [b for b in blocks if any(_unit(ev).kind in kinds for ev in b.units)]
        if not columns:
            continue
        units: OrderedDict[int, Unit] = OrderedDict()
        cells: dict[tuple[int, int], Evaluation] = {}
        for column, block in enumerate(columns):
            for ev in block.units:
                unit = _unit(ev)
                if unit.kind in kinds:
                    units.setdefault(unit.pk, unit)
                    cells[(unit.pk, column)] = ev
        rows = [(unit, [cells.get((unit.pk, c)) for c in range(len(columns))]) for unit in units.values()]
        result.append(Matrix(label=label, columns=[b.indicator for b in columns], rows=rows))
    return result


def blocks(
    engine: Engine, indicators: list[Indicator], viewer: Viewer, over: str | None = None
) -> list[IndicatorBlock]:
    """The indicators as the viewer may see them: every unit and the county, or their own unit only."""
    return [engine.block(i, unit_ids=viewer.unit_ids, with_county=viewer.all_units, over=over) for i in indicators]


def visible_score_table(table: ScoreTable, viewer: Viewer) -> ScoreTable:
    """A unit sees only its own row of a ranking that has not been published."""
    if viewer.all_units:
        return table
    for group in table.groups:
        group.rows = [row for row in group.rows if row.unit.pk == viewer.unit_id]
    table.groups = [g for g in table.groups if g.rows]
    return table
