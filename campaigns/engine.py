"""Indicators evaluated: target, actual, gap, colour and the records behind them; and the score tables.

Rules (shown on every page, see `METHOD_TEXT`):
- The period: a monthly indicator looks at month M; a quarterly one at the quarter up to M; a yearly
  one at January..M. A state (the pipeline, open problems) is read at the end of month M.
- The target: the fixed value, a unit's own target where one is recorded, or multiplier × the base
  figure over the same scope and period.
- The target due by now: for figures that accrue over the period, target × elapsed share of the period
  (a yearly target at the end of May: × 5/12); otherwise the whole target.
- Green: the target due by now is reached ("met" once the whole target is; "on track" before). Yellow: at
  least the year's yellow threshold (80%) of the target due by now ("≤" targets: at most the target ÷
  threshold). Red: behind that. Grey: no data. `met` (the JSON and the score's "targets met") is the whole target.
- Achievement (for scores): actual ÷ target due, at most 100% ("≤": target ÷ actual; "=": all or nothing).
- A score table: each unit scores 100 × Σ(weight × achievement) ÷ Σ weight over the indicators weighted
  in that table that apply to it (those with data for it). Ranked by score (two decimals), then by the number of targets met; units still equal
  share the rank and are listed in the county's unit order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Campaign, Unit, UnitKind
from core.money import ZERO, round_half_up

from . import formatting
from .metrics import METRICS, Figure, Kind, Metric, MetricContext, Record, Window
from .models import CampaignYear, Comparison, DisplayUnit, Indicator, Scheme, Scope, ScoringItem

ONE = Decimal("1")
DEFAULT_YELLOW = Decimal("0.80")
PERIOD_LENGTH = {"month": 1, "quarter": 3, "year": 12}
TOWNSHIP_KINDS = (UnitKind.TOWNSHIP, UnitKind.DEV_ZONE)
DEPARTMENT_KINDS = (UnitKind.DEPARTMENT,)

METHOD_TEXT = gettext_lazy(
    "Period: a monthly indicator counts month M, a quarterly one the quarter up to M, a yearly one January to M; "
    "a state (the pipeline, open problems) is read at the end of month M. "
    "Target: the fixed value, the unit's own target where recorded, or the multiplier × the base figure for the same scope. "
    "Due by now: for figures that accrue over the period, the target × the elapsed share of the period; otherwise the whole target. "
    'Green: the target due by now is reached ("met" once the whole target is reached, "on track" before). '
    "Yellow: at least %(ratio)s%% of the target due by now. Red: behind that. Grey: no data."
)
SCORE_METHOD_TEXT = gettext_lazy(
    "Score (out of 100) = 100 × Σ(weight × achievement) ÷ Σ weight, over the weighted indicators that apply to the unit; "
    "an indicator with no data for the unit (e.g. no cycle was due) is left out. Achievement = actual ÷ target due "
    'by now, at most 100 percent (for a "≤" target: target ÷ actual; for "=": all or nothing). '
    "Ranking: by score rounded to two decimals, higher first; equal scores: more targets met first; still equal: the same "
    "rank, listed in the county's unit order. The same data always give the same ranking."
)

SCOPE_KINDS: dict[str, tuple[bool, tuple[str, ...]]] = {
    Scope.COUNTY: (True, ()),
    Scope.COUNTY_TOWNSHIPS: (True, TOWNSHIP_KINDS),
    Scope.TOWNSHIPS: (False, TOWNSHIP_KINDS),
    Scope.DEPARTMENTS: (False, DEPARTMENT_KINDS),
    Scope.UNITS: (False, TOWNSHIP_KINDS + DEPARTMENT_KINDS),
}

KIND_UNITS: dict[Kind, set[str]] = {
    Kind.MONEY: {DisplayUnit.YI, DisplayUnit.WAN},
    Kind.COUNT: {DisplayUnit.COUNT, DisplayUnit.TIMES},
    Kind.PERCENT: {DisplayUnit.PERCENT},
    Kind.DAYS: {DisplayUnit.DAYS},
}


def q2(value: Decimal) -> Decimal:
    return round_half_up(value, 2)


@dataclass
class Evaluation:
    indicator: Indicator
    metric: Metric | None
    unit: Unit | None
    window: Window
    target: Decimal | None
    due: Decimal | None
    actual: Decimal | None
    figure: Figure
    status: str  # green, yellow, red, none
    met: bool
    achievement: Decimal
    target_source: str = ""

    @cached_property
    def records(self) -> list[Record]:
        """The records the actual was computed from, described only when a page shows them."""
        return self.figure.records

    @property
    def record_count(self) -> int:
        return len(self.figure.rows)

    @property
    def scope_name(self) -> str:
        return self.unit.name if self.unit else _("County-wide")

    @property
    def display_unit(self) -> str:
        return self.indicator.display_unit

    @property
    def unit_label(self) -> str:
        return formatting.unit_label(self.indicator.display_unit)

    @property
    def target_text(self) -> str:
        return formatting.number(self.target, self.display_unit)

    @property
    def due_text(self) -> str:
        return formatting.number(self.due, self.display_unit)

    @property
    def actual_text(self) -> str:
        return formatting.number(self.actual, self.display_unit)

    @property
    def target_with_unit(self) -> str:
        return f"{self.indicator.get_comparison_display()} {formatting.with_unit(self.target, self.display_unit)}"

    @property
    def due_with_unit(self) -> str:
        return formatting.with_unit(self.due, self.display_unit)

    @property
    def actual_with_unit(self) -> str:
        return formatting.with_unit(self.actual, self.display_unit)

    @property
    def gap_text(self) -> str:
        return formatting.gap_text(
            actual=self.actual, target=self.target, comparison=self.indicator.comparison, unit=self.display_unit
        )

    @property
    def is_prorated(self) -> bool:
        return self.due is not None and self.target is not None and self.due != self.target

    @property
    def status_label(self) -> str:
        if self.status == "green" and not self.met:
            return _("on track")
        return {"green": _("met"), "yellow": _("close"), "red": _("behind"), "none": _("no data")}[self.status]

    @property
    def achievement_pct(self) -> Decimal:
        return q2(self.achievement * 100)


@dataclass
class IndicatorBlock:
    indicator: Indicator
    metric: Metric | None
    county: Evaluation | None
    units: list[Evaluation] = field(default_factory=list)

    @property
    def evaluations(self) -> list[Evaluation]:
        return ([self.county] if self.county else []) + self.units

    @property
    def counts(self) -> dict[str, int]:
        result = {"green": 0, "yellow": 0, "red": 0, "none": 0}
        for ev in self.units:
            result[ev.status] += 1
        return result


@dataclass
class ScoreLine:
    item: ScoringItem
    evaluation: Evaluation

    @property
    def applicable(self) -> bool:
        """A unit with no data for an indicator (e.g. no cycle was due) is not scored on it."""
        return self.evaluation.actual is not None and self.evaluation.target is not None

    @property
    def earned(self) -> Decimal:
        return self.item.points * self.evaluation.achievement if self.applicable else ZERO


@dataclass
class ScoreRow:
    unit: Unit
    lines: list[ScoreLine]
    score: Decimal = ZERO
    met: int = 0
    rank: int = 0

    @property
    def weight(self) -> Decimal:
        return sum((line.item.points for line in self.lines if line.applicable), ZERO)

    def compute(self) -> None:
        weight = self.weight
        earned = sum((line.earned for line in self.lines), ZERO)
        self.score = q2(earned * 100 / weight) if weight else ZERO
        self.met = sum(1 for line in self.lines if line.applicable and line.evaluation.met)

    def grounds(self) -> str:
        parts = []
        for line in self.lines:
            if not line.applicable:
                parts.append(_("%(indicator)s: no data, not scored") % {"indicator": line.item.indicator.name})
                continue
            parts.append(
                _("%(indicator)s: %(actual)s against %(target)s due, achievement %(achievement)s%%, weight %(points)s")
                % {
                    "indicator": line.item.indicator.name,
                    "actual": line.evaluation.actual_with_unit,
                    "target": formatting.with_unit(line.evaluation.due, line.evaluation.display_unit),
                    "achievement": line.evaluation.achievement_pct,
                    "points": formatting.plain(line.item.points),
                }
            )
        return "；".join(parts)


@dataclass
class ScoreGroup:
    label: str
    rows: list[ScoreRow]


@dataclass
class ScoreTable:
    scheme: str
    year: int
    month: int
    over: str  # month, quarter, year
    items: list[ScoringItem]
    groups: list[ScoreGroup]

    @property
    def scheme_label(self) -> str:
        return str(Scheme(self.scheme).label)

    @property
    def method(self) -> str:
        return str(SCORE_METHOD_TEXT)

    @property
    def rows(self) -> list[ScoreRow]:
        return [row for group in self.groups for row in group.rows]


class Engine:
    """Evaluates indicators of one year as of month M. Share one engine per page: metrics are computed once."""

    def __init__(self, *, year: int, month: int) -> None:
        self.year = year
        self.month = month
        config = CampaignYear.objects.filter(year=year).first()
        self.config = config
        self.yellow_ratio = config.yellow_ratio if config else DEFAULT_YELLOW
        self.ctx = MetricContext(
            year=year, reserve_counts_in_planned_pool=bool(config and config.reserve_counts_in_planned_pool)
        )
        self._units: list[Unit] | None = None

    @property
    def method_text(self) -> str:
        return str(METHOD_TEXT) % {"ratio": formatting.plain(self.yellow_ratio * 100)}

    # -- units ---------------------------------------------------------------------------------

    @property
    def all_units(self) -> list[Unit]:
        if self._units is None:
            self._units = list(
                Unit.objects.filter(kind__in=TOWNSHIP_KINDS + DEPARTMENT_KINDS).order_by("kind", "sort_order", "name")
            )
            # Townships first, then the dev zone, then departments, each in the county's order.
            order: dict[str, int] = {UnitKind.TOWNSHIP: 0, UnitKind.DEV_ZONE: 1, UnitKind.DEPARTMENT: 2}
            self._units.sort(key=lambda u: (order[u.kind], u.sort_order, u.name))
        return self._units

    def scope_units(self, scope: str) -> tuple[bool, list[Unit]]:
        with_county, kinds = SCOPE_KINDS.get(scope, (True, ()))
        return with_county, [u for u in self.all_units if u.kind in kinds]

    # -- one indicator -------------------------------------------------------------------------

    def window_for(self, indicator: Indicator, over: str | None = None) -> tuple[Window, Decimal]:
        """The window to evaluate in and the factor to scale a fixed target by (a month's 2 trips → 6 a quarter)."""
        window = Window.for_period(indicator.period, self.year, self.month)
        metric = METRICS.get(indicator.metric)
        if over and metric and metric.accrues and PERIOD_LENGTH[over] > window.length:
            wider = Window.for_period(over, self.year, self.month)
            return wider, Decimal(wider.length) / Decimal(window.length)
        return window, ONE

    def _unit_target(self, indicator: Indicator, unit: Unit | None) -> Decimal | None:
        if unit is None:
            return None
        for row in indicator.unit_targets.all():  # prefetched
            if row.unit_id == unit.pk:
                return row.target_value
        return None

    def target_for(
        self, indicator: Indicator, unit: Unit | None, window: Window, scale: Decimal
    ) -> tuple[Decimal | None, str]:
        own = self._unit_target(indicator, unit)
        if own is not None:
            return formatting.from_display(own, indicator.display_unit) * scale, _("the unit's own target")
        if indicator.target_value is not None:
            return formatting.from_display(indicator.target_value, indicator.display_unit) * scale, _("fixed target")
        base_metric = METRICS.get(indicator.target_base)
        base = self.ctx.values(indicator.target_base, window).get(unit.pk if unit else None).value
        base_label = base_metric.short_label if base_metric else indicator.target_base
        if base is None or indicator.target_multiplier is None:
            return None, _("%(multiplier)s × %(base)s (no data)") % {
                "multiplier": indicator.target_multiplier,
                "base": base_label,
            }
        unit_code = indicator.display_unit
        return indicator.target_multiplier * base, _("%(multiplier)s × %(base)s (%(value)s)") % {
            "multiplier": formatting.plain(indicator.target_multiplier),
            "base": base_label,
            "value": formatting.with_unit(base, unit_code),
        }

    def evaluate(self, indicator: Indicator, unit: Unit | None, *, over: str | None = None) -> Evaluation:
        metric = METRICS.get(indicator.metric)
        window, scale = self.window_for(indicator, over)
        figure = self.ctx.values(indicator.metric, window).get(unit.pk if unit else None)
        target, source = self.target_for(indicator, unit, window, scale)
        actual = figure.value
        due = target
        if target is not None and metric and metric.accrues and indicator.comparison == Comparison.GTE:
            due = target * window.share_elapsed
        status, met, achievement = self._judge(indicator.comparison, actual, target, due)
        return Evaluation(
            indicator=indicator,
            metric=metric,
            unit=unit,
            window=window,
            target=target,
            due=due,
            actual=actual,
            figure=figure,
            status=status,
            met=met,
            achievement=achievement,
            target_source=source,
        )

    def _judge(
        self, comparison: str, actual: Decimal | None, target: Decimal | None, due: Decimal | None
    ) -> tuple[str, bool, Decimal]:
        if actual is None or target is None or due is None:
            return "none", False, ZERO
        ratio = self.yellow_ratio
        if comparison == Comparison.GTE:
            met = actual >= target
            achievement = ONE if due <= 0 else min(ONE, actual / due)
            if met or actual >= due:
                return "green", met, achievement
            return ("yellow" if actual >= due * ratio else "red"), False, achievement
        if comparison == Comparison.LTE:
            met = actual <= target
            achievement = ONE if met else (target / actual if actual > 0 and target > 0 else ZERO)
            if met:
                return "green", True, achievement
            return ("yellow" if ratio > 0 and actual * ratio <= target else "red"), False, achievement
        met = actual == target
        return ("green" if met else "red"), met, ONE if met else ZERO

    def block(
        self,
        indicator: Indicator,
        *,
        unit_ids: set[int] | None = None,
        with_county: bool = True,
        over: str | None = None,
    ) -> IndicatorBlock:
        """The indicator for the county (when its scope has it) and each unit of its scope (or those in unit_ids)."""
        scope_county, units = self.scope_units(indicator.scope)
        if unit_ids is not None:
            units = [u for u in units if u.pk in unit_ids]
        county = self.evaluate(indicator, None, over=over) if scope_county and with_county else None
        return IndicatorBlock(
            indicator=indicator,
            metric=METRICS.get(indicator.metric),
            county=county,
            units=[self.evaluate(indicator, u, over=over) for u in units],
        )

    # -- score tables --------------------------------------------------------------------------

    def score_table(self, scheme: str, *, over: str = "month", items: list[ScoringItem] | None = None) -> ScoreTable:
        if items is None:
            items = list(
                ScoringItem.objects.filter(scheme=scheme, indicator__year=self.year)
                .select_related("indicator")
                .prefetch_related("indicator__unit_targets")
                .order_by("indicator__campaign__sort_order", "indicator__sort_order", "id")
            )
        rows: dict[int, ScoreRow] = {}
        for item in items:
            _county, units = self.scope_units(item.indicator.scope)
            for unit in units:
                row = rows.setdefault(unit.pk, ScoreRow(unit=unit, lines=[]))
                row.lines.append(ScoreLine(item=item, evaluation=self.evaluate(item.indicator, unit, over=over)))
        for row in rows.values():
            row.compute()
        unit_position = {u.pk: n for n, u in enumerate(self.all_units)}
        groups = []
        for label, kinds in (
            (_("Townships and the dev zone"), TOWNSHIP_KINDS),
            (_("County departments"), DEPARTMENT_KINDS),
        ):
            group_rows = [r for r in rows.values() if r.unit.kind in kinds]
            group_rows.sort(key=lambda r: (-r.score, -r.met, unit_position.get(r.unit.pk, 0)))
            previous: ScoreRow | None = None
            for position, row in enumerate(group_rows, start=1):
                tied = previous is not None and (previous.score, previous.met) == (row.score, row.met)
                row.rank = previous.rank if previous is not None and tied else position
                previous = row
            if group_rows:
                groups.append(ScoreGroup(label=label, rows=group_rows))
        return ScoreTable(scheme=scheme, year=self.year, month=self.month, over=over, items=items, groups=groups)


def indicators_for(*, year: int, campaign: Campaign | None = None) -> list[Indicator]:
    qs: QuerySet[Indicator] = (
        Indicator.objects.filter(year=year).select_related("campaign").prefetch_related("unit_targets")
    )
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    return list(qs.order_by("campaign__sort_order", "sort_order", "id"))


def compatible_units(metric_key: str) -> set[str]:
    metric = METRICS.get(metric_key)
    return KIND_UNITS.get(metric.kind, set()) if metric else set()


def target_summary(indicator: Indicator) -> str:
    """The target in a few words: "≥ 2 次", "≥ 4 × the FAI target"."""
    sign = indicator.get_comparison_display()
    if indicator.target_multiplier is not None:
        base = METRICS.get(indicator.target_base)
        base_label = base.short_label if base else indicator.target_base
        return f"{sign} {formatting.plain(indicator.target_multiplier)} × {base_label}"
    return f"{sign} {formatting.plain(indicator.target_value)} {indicator.get_display_unit_display()}"
