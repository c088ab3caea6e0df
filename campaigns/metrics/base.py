"""What every metric shares: the result types, the time window, the registry and the aggregation helpers.

A metric computes its figure for the county and for every unit at once and keeps the rows each figure
was computed from. A row becomes a `Record` (a label, a link, a detail) only when a page shows the
records (`Figure.records`): the scores and the bulletin count thousands of rows and never show them.

- A metric's value is in its native unit: money in 万元, counts, percentages (× 100), days.
- `accrues`: the figure grows over the period (trips, events, signings, the completion rate), so the
  target due by month M of a yearly target is target × M ÷ 12. Other metrics are a state at the end of
  month M (the pipeline's totals, open problems) and are compared with the whole target.

This module imports no model: the data sources' modules (`register`, `reserve`, …) do.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext

from core.money import HUNDRED, ZERO, amount_text
from core.periods import month_end

T = TypeVar("T")


class Kind(StrEnum):
    MONEY = "money"
    COUNT = "count"
    PERCENT = "percent"
    DAYS = "days"


# --- results -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """One record a figure was computed from: what to show and where it lives."""

    label: str
    url: str = ""
    detail: str = ""
    when: date | None = None
    amount: Decimal | None = None


def _as_record(row: Any) -> Record:
    """The describer of rows that are records already."""
    if not isinstance(row, Record):
        raise TypeError(f"{row!r} needs a describer to become a record")
    return row


Describe = Callable[[Any], Record]


@dataclass
class Figure:
    """A value and the rows it was computed from; `describe` turns one row into the record shown for it.

    A row that is a `Record` already is shown as it is (a target's own line above its projects).
    """

    value: Decimal | None
    rows: list[Any] = field(default_factory=list)
    describe: Describe = _as_record

    @property
    def records(self) -> list[Record]:
        return [row if isinstance(row, Record) else self.describe(row) for row in self.rows]


@dataclass
class Values:
    """A metric's figures: the county's and each unit's. A unit not present has `missing` (0 or None)."""

    county: Figure
    units: dict[int, Figure] = field(default_factory=dict)
    missing: Decimal | None = ZERO

    def get(self, unit_id: int | None) -> Figure:
        if unit_id is None:
            return self.county
        return self.units.get(unit_id) or Figure(self.missing)


NO_DATA = Values(county=Figure(None), missing=None)


# --- time windows --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    """Months first_month..month of `year`, part of a period of `length` months (1, 3 or 12)."""

    year: int
    month: int
    first_month: int
    length: int

    @classmethod
    def for_period(cls, period: str, year: int, month: int) -> Window:
        if period == "month":
            return cls(year, month, month, 1)
        if period == "quarter":
            return cls(year, month, (month - 1) // 3 * 3 + 1, 3)
        return cls(year, month, 1, 12)

    @property
    def start(self) -> date:
        return date(self.year, self.first_month, 1)

    @property
    def end(self) -> date:
        return month_end(self.year, self.month)

    @property
    def as_of(self) -> date:
        """The day a state is read on: the end of month M, or today while month M is still running."""
        return min(self.end, timezone.localdate())

    @property
    def elapsed(self) -> int:
        return self.month - self.first_month + 1

    @property
    def share_elapsed(self) -> Decimal:
        return Decimal(self.elapsed) / Decimal(self.length)

    @property
    def whole_year(self) -> Window:
        """January..M of the same year."""
        return Window(self.year, self.month, 1, 12)

    def contains(self, day: date | datetime | None) -> bool:
        if day is None:
            return False
        if isinstance(day, datetime):
            day = timezone.localdate(day)
        return self.start <= day <= self.end


# --- the registry --------------------------------------------------------------------------------


@dataclass
class MetricContext:
    """What every metric of one computation shares: the year's settings and a cache of results and rows."""

    year: int
    reserve_counts_in_planned_pool: bool = False
    cache: dict[tuple[str, Window], Values] = field(default_factory=dict)
    rows: dict[tuple[str, Window | None], list[Any]] = field(default_factory=dict)

    def values(self, key: str, window: Window) -> Values:
        """A metric's values over `window`, computed once per context; an unknown key has no data."""
        cache_key = (key, window)
        if cache_key not in self.cache:
            metric = METRICS.get(key)
            self.cache[cache_key] = NO_DATA if metric is None else metric.compute(self, window)
        return self.cache[cache_key]

    def loaded(self, name: str, window: Window | None, load: Callable[[], list[T]]) -> list[T]:
        """Rows that several metrics read (the year's key list), loaded once per context."""
        key = (name, window)
        if key not in self.rows:
            self.rows[key] = load()
        return self.rows[key]


Compute = Callable[[MetricContext, Window], Values]


@dataclass(frozen=True)
class Metric:
    key: str
    label: Promise | str
    kind: Kind
    accrues: bool
    source: Promise | str
    compute: Compute
    short: Promise | str = ""  # a short name for a target's description ("4 × FAI target")

    @property
    def short_label(self) -> Promise | str:
        return self.short or self.label


METRICS: dict[str, Metric] = {}


def metric(
    key: str,
    label: Promise | str,
    kind: Kind,
    *,
    accrues: bool,
    source: Promise | str,
    short: Promise | str = "",
) -> Callable[[Compute], Compute]:
    """Register a metric under `key`, the name `Indicator.metric` stores: never rename a key."""

    def register(fn: Compute) -> Compute:
        if key in METRICS:
            raise ValueError(f"metric {key!r} is registered twice")
        METRICS[key] = Metric(key, label, kind, accrues, source, fn, short)
        return fn

    return register


def metric_choices() -> list[tuple[str, str]]:
    return [(m.key, f"{m.label} [{m.key}]") for m in METRICS.values()]


# --- aggregation helpers -------------------------------------------------------------------------

# The units an item counts for, its value, and the row it came from.
Item = tuple[Iterable[int | None], Decimal, Any]


def _unit_keys(unit_ids: Iterable[int | None]) -> set[int]:
    return {u for u in unit_ids if u}


def tally(items: Iterable[Item], describe: Describe = _as_record) -> Values:
    """Sum values for the county and for each unit an item belongs to."""
    county_total = ZERO
    county_rows: list[Any] = []
    totals: dict[int, Decimal] = defaultdict(lambda: ZERO)
    rows: dict[int, list[Any]] = defaultdict(list)
    for unit_ids, value, row in items:
        county_total += value
        county_rows.append(row)
        for unit_id in _unit_keys(unit_ids):
            totals[unit_id] += value
            rows[unit_id].append(row)
    return Values(
        county=Figure(county_total, county_rows, describe),
        units={unit_id: Figure(totals[unit_id], rows[unit_id], describe) for unit_id in rows},
    )


def average(items: Iterable[Item], describe: Describe = _as_record) -> Values:
    """The mean of the values, for the county and each unit; None where there is nothing to average."""
    sums: dict[int | None, list[Decimal]] = defaultdict(list)
    rows: dict[int | None, list[Any]] = defaultdict(list)
    for unit_ids, value, row in items:
        for key in [None, *_unit_keys(unit_ids)]:
            sums[key].append(value)
            rows[key].append(row)

    def figure(key: int | None) -> Figure:
        values = sums.get(key)
        return Figure(sum(values, ZERO) / len(values) if values else None, rows.get(key, []), describe)

    return Values(county=figure(None), units={k: figure(k) for k in sums if k is not None}, missing=None)


def percent_of(part: Values, whole: Values, records_from: Values | None = None) -> Values:
    """part ÷ whole × 100 per scope (None where the whole is zero)."""
    source = records_from or part

    def figure(p: Figure, w: Figure, r: Figure) -> Figure:
        if p.value is None or not w.value:
            return Figure(None, r.rows, r.describe)
        return Figure(p.value * HUNDRED / w.value, r.rows, r.describe)

    keys = set(part.units) | set(whole.units)
    return Values(
        county=figure(part.county, whole.county, source.county),
        units={k: figure(part.get(k), whole.get(k), source.get(k)) for k in keys},
        missing=None,
    )


def days_between(start: date | datetime, end: date | datetime) -> Decimal:
    """Whole days from `start` to `end`, each read as a day in the county's time."""
    if isinstance(start, datetime):
        start = timezone.localdate(start)
    if isinstance(end, datetime):
        end = timezone.localdate(end)
    return Decimal((end - start).days)


def money_text(value: Decimal | None) -> str:
    """An amount in 万元 for a record's detail."""
    return gettext("%(amount)s (10k yuan)") % {"amount": amount_text(value or ZERO)}


def days_text(days: Decimal) -> str:
    return gettext("%(days)s days") % {"days": days}
