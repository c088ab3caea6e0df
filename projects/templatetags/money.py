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

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils.translation import gettext as _

register = template.Library()

DASH = "—"
TEN_THOUSAND = Decimal("10000")
HUNDRED = Decimal("100")


def _decimal(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _round(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _places(arg: object, default: int = 2) -> int:
    try:
        return int(arg) if arg not in (None, "") else default
    except (TypeError, ValueError):
        return default


def format_amount(value: Decimal | None, places: int = 2) -> str:
    """Thousands separators and a fixed number of places; "—" for nothing."""
    if value is None:
        return DASH
    rounded = _round(value, places)
    if rounded == 0:
        rounded = abs(rounded)  # never "-0.00"
    return f"{rounded:,.{places}f}"


@register.filter
def yi(value: object, places: object = 2) -> str:
    """万元 → 亿元, two places by default: 1600500 → "160.05"."""
    amount = _decimal(value)
    return format_amount(None if amount is None else amount / TEN_THOUSAND, _places(places))


@register.filter
def wan(value: object, places: object = 2) -> str:
    """An amount in 万元, with separators: 1234.5 → "1,234.50"."""
    return format_amount(_decimal(value), _places(places))


@register.filter
def pct(value: object, places: object = 2) -> str:
    """A percentage (already × 100): 83.3333 → "83.33%"; "—" when there is no rate."""
    number = _decimal(value)
    if number is None:
        return DASH
    return f"{format_amount(number, _places(places))}%"


@register.filter
def rate_of(part: object, whole: object) -> Decimal | None:
    """part ÷ whole × 100, unrounded; None when whole is zero or missing (a project without plan)."""
    numerator, denominator = _decimal(part), _decimal(whole)
    if numerator is None or not denominator:
        return None
    return numerator * HUNDRED / denominator


@register.filter
def points(value: object, places: object = 2) -> str:
    """Signed percentage points: 3.214 → "+3.21 个百分点", -3.214 → "-3.21 个百分点"."""
    number = _decimal(value)
    if number is None:
        return DASH
    rounded = _round(number, _places(places))
    sign = "+" if rounded > 0 else "-" if rounded < 0 else ""
    return _("%(sign)s%(value)s pts") % {"sign": sign, "value": format_amount(abs(rounded), _places(places))}


@register.filter
def vs_time(value: object, places: object = 2) -> str:
    """The bulletin's phrase for a gap to time progress: 超过/低于时间进度X个百分点, or 与时间进度持平."""
    number = _decimal(value)
    if number is None:
        return DASH
    rounded = _round(number, _places(places))
    text = format_amount(abs(rounded), _places(places))
    if rounded > 0:
        return _("%(value)s pts ahead of time progress") % {"value": text}
    if rounded < 0:
        return _("%(value)s pts behind time progress") % {"value": text}
    return _("level with time progress")


@register.filter
def gap_class(value: object) -> str:
    """A CSS class for a gap in points: green ahead, red behind, nothing when level or unknown."""
    number = _decimal(value)
    if number is None:
        return "text-muted"
    rounded = _round(number, 2)
    return "text-success" if rounded > 0 else "text-danger" if rounded < 0 else ""


@register.filter
def signed(value: object, places: object = 2) -> str:
    """A signed number for table cells whose header names the unit: 3.214 → "+3.21", -3.214 → "-3.21"."""
    number = _decimal(value)
    if number is None:
        return DASH
    rounded = _round(number, _places(places))
    sign = "+" if rounded > 0 else "-" if rounded < 0 else ""
    return f"{sign}{format_amount(abs(rounded), _places(places))}"
