"""Numbers in an indicator's own unit, and the gap in words ("还差 2 次", "超出 12.30 亿元").

Values are computed in their native unit (money in 万元) and converted for display only here.
Rounding is half up, as county bulletins do.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import overload

from django.utils.translation import gettext as _

from core.money import DASH, round_half_up, wan_to_yi, yi_to_wan

from .models import Comparison, DisplayUnit

_PLACES: dict[str, int] = {
    DisplayUnit.YI: 2,
    DisplayUnit.WAN: 2,
    DisplayUnit.COUNT: 0,
    DisplayUnit.TIMES: 0,
    DisplayUnit.PERCENT: 2,
    DisplayUnit.DAYS: 1,
    DisplayUnit.POINTS: 2,
}
COUNTED = {DisplayUnit.COUNT, DisplayUnit.TIMES}


def plain(value: Decimal | None) -> str:
    """A decimal without trailing zeros and never in exponent form: 100.0000 → "100", 1.5000 → "1.5"."""
    if value is None:
        return DASH
    return f"{value.normalize():f}"


def to_display(value: Decimal | None, unit: str) -> Decimal | None:
    """Native value → the indicator's unit (万元 → 亿元 when the unit is 亿元)."""
    if value is None:
        return None
    return wan_to_yi(value) if unit == DisplayUnit.YI else value


@overload
def from_display(value: Decimal, unit: str) -> Decimal: ...
@overload
def from_display(value: None, unit: str) -> None: ...
@overload
def from_display(value: Decimal | None, unit: str) -> Decimal | None: ...
def from_display(value: Decimal | None, unit: str) -> Decimal | None:
    """The indicator's unit → the native value (亿元 → 万元)."""
    if value is None:
        return None
    return yi_to_wan(value) if unit == DisplayUnit.YI else value


def number(value: Decimal | None, unit: str) -> str:
    """A native value as shown in `unit`, without the unit's name. Counts show a fraction only when they have one."""
    shown = to_display(value, unit)
    if shown is None:
        return DASH
    places = _PLACES.get(unit, 2)
    if unit in COUNTED and shown != shown.to_integral_value():
        places = 1
    rounded = round_half_up(shown, places)
    if rounded == 0:
        rounded = abs(rounded)
    return f"{rounded:,.{places}f}"


def unit_label(unit: str) -> str:
    return str(DisplayUnit(unit).label) if unit in DisplayUnit.values else unit


def with_unit(value: Decimal | None, unit: str) -> str:
    text = number(value, unit)
    if text == DASH:
        return text
    label = unit_label(unit)
    return f"{text}{label}" if unit == DisplayUnit.PERCENT else f"{text} {label}"


def _gap_amount(diff: Decimal, unit: str, *, round_up: bool) -> str:
    """A native difference as shown in `unit`; a count still needed rounds up to whole items."""
    if unit in COUNTED and round_up:
        diff = Decimal(math.ceil(diff))
    return number(diff, unit)


def gap_text(*, actual: Decimal | None, target: Decimal | None, comparison: str, unit: str) -> str:
    """What separates the actual from the target, in the indicator's unit.

    Short of a "≥" target by a fraction of a count rounds up: 150 against 169.5 needs 20 more.
    A percentage's gap is in percentage points.
    """
    if actual is None or target is None:
        return _("no data")
    gap_unit = _("percentage points") if unit == DisplayUnit.PERCENT else unit_label(unit)
    diff = target - actual
    if comparison == Comparison.GTE:
        if diff > 0:
            return _("%(amount)s %(unit)s short") % {
                "amount": _gap_amount(diff, unit, round_up=True),
                "unit": gap_unit,
            }
        over = -diff
        if unit in COUNTED:
            # 9 against 7.5 means 8 were needed: one over, not "1.5 over".
            over = actual - Decimal(math.ceil(target))
        if over <= 0:
            return _("exactly on target")
        return _("%(amount)s %(unit)s over") % {"amount": _gap_amount(over, unit, round_up=False), "unit": gap_unit}
    if comparison == Comparison.LTE:
        if diff < 0:
            return _("%(amount)s %(unit)s over the limit") % {
                "amount": _gap_amount(-diff, unit, round_up=False),
                "unit": gap_unit,
            }
        if diff == 0:
            return _("exactly at the limit")
        return _("%(amount)s %(unit)s under the limit") % {
            "amount": _gap_amount(diff, unit, round_up=False),
            "unit": gap_unit,
        }
    if diff == 0:
        return _("exactly on target")
    return _("off by %(amount)s %(unit)s") % {"amount": _gap_amount(abs(diff), unit, round_up=False), "unit": gap_unit}
