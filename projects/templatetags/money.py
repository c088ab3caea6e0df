"""Money and rate formatting for every page and bulletin.

Amounts are stored in 万元; dashboards show 亿元. Rates are percentages computed from unrounded
values (projects.selectors) and rounded only here, half up, as county bulletins do.

    {% load money %}
    {{ amount|yi }}               1600500     -> "160.05"          (亿元, two places)
    {{ amount|wan }}              1234.5      -> "1,234.50"        (万元, two places)
    {{ rate|pct }}                83.3333     -> "83.33%"
    {{ gap|points }}              3.214       -> "+3.21 个百分点"
    {{ gap|vs_time }}             -3.214      -> "低于时间进度3.21个百分点"
    {{ part|rate_of:whole|pct }}  completed ÷ plan in percent, "—" when the plan is zero
    {{ gap|signed }}              3.214       -> "+3.21"           (for a column headed 个百分点)
    {{ gap|gap_class }}           "text-success" ahead, "text-danger" behind
"""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

from core.money import DASH, HUNDRED, amount_text, round_half_up, to_decimal, wan_to_yi

register = template.Library()


def _places(arg: object, default: int = 2) -> int:
    """A filter's argument as a number of places: templates pass an int or a string of one."""
    if not isinstance(arg, (int, float, str, Decimal)) or arg == "":
        return default
    try:
        return int(arg)
    except ValueError:
        return default


@register.filter
def yi(value: object, places: object = 2) -> str:
    """万元 → 亿元, two places by default: 1600500 → "160.05"."""
    amount = to_decimal(value)
    return amount_text(None if amount is None else wan_to_yi(amount), _places(places))


@register.filter
def wan(value: object, places: object = 2) -> str:
    """An amount in 万元, with separators: 1234.5 → "1,234.50"."""
    return amount_text(to_decimal(value), _places(places))


@register.filter
def pct(value: object, places: object = 2) -> str:
    """A percentage (already × 100): 83.3333 → "83.33%"; "—" when there is no rate."""
    number = to_decimal(value)
    if number is None:
        return DASH
    return f"{amount_text(number, _places(places))}%"


@register.filter
def rate_of(part: object, whole: object) -> Decimal | None:
    """part ÷ whole × 100, unrounded; None when whole is zero or missing (a project without plan)."""
    numerator, denominator = to_decimal(part), to_decimal(whole)
    if numerator is None or not denominator:
        return None
    return numerator * HUNDRED / denominator


@register.filter
def points(value: object, places: object = 2) -> str:
    """Signed percentage points: 3.214 → "+3.21 个百分点", -3.214 → "-3.21 个百分点"."""
    number = to_decimal(value)
    if number is None:
        return DASH
    rounded = round_half_up(number, _places(places))
    sign = "+" if rounded > 0 else "-" if rounded < 0 else ""
    return _("%(sign)s%(value)s pts") % {"sign": sign, "value": amount_text(abs(rounded), _places(places))}


@register.filter
def vs_time(value: object, places: object = 2) -> str:
    """The bulletin's phrase for a gap to time progress: 超过/低于时间进度X个百分点, or 与时间进度持平."""
    number = to_decimal(value)
    if number is None:
        return DASH
    rounded = round_half_up(number, _places(places))
    text = amount_text(abs(rounded), _places(places))
    if rounded > 0:
        return _("%(value)s pts ahead of time progress") % {"value": text}
    if rounded < 0:
        return _("%(value)s pts behind time progress") % {"value": text}
    return _("level with time progress")


@register.filter
def gap_class(value: object) -> str:
    """A CSS class for a gap in points: green ahead, red behind, nothing when level or unknown."""
    number = to_decimal(value)
    if number is None:
        return "text-muted"
    rounded = round_half_up(number, 2)
    return "text-success" if rounded > 0 else "text-danger" if rounded < 0 else ""


@register.filter
def signed(value: object, places: object = 2) -> str:
    """A signed number for table cells whose header names the unit: 3.214 → "+3.21", -3.214 → "-3.21"."""
    number = to_decimal(value)
    if number is None:
        return DASH
    rounded = round_half_up(number, _places(places))
    sign = "+" if rounded > 0 else "-" if rounded < 0 else ""
    return f"{sign}{amount_text(abs(rounded), _places(places))}"
