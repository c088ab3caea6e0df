"""Money and rates: stored in 万元 as exact decimals, shown in 亿元 or 万元, rounded once and half up.

County bulletins round half up (97.145 → 97.15), from the unrounded value: a figure is never rounded twice.

    round_half_up(Decimal("17.605"), 2)  -> Decimal("17.61")
    wan_to_yi(Decimal("1600500"))        -> Decimal("160.05")   (exact; rounded only when shown)
    amount_text(Decimal("1234.5"))       -> "1,234.50"
    plain_amount(Decimal("1234.5"))      -> "1234.50"          (no separators: JSON, documents)
    percent_text(Decimal("83.3333"))     -> "83.33"
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

# Two places: county lists never go below 0.01 万元 (100 元).
MONEY: dict[str, Any] = {"max_digits": 16, "decimal_places": 2}

ZERO = Decimal("0")
HUNDRED = Decimal("100")
TEN_THOUSAND = Decimal("10000")  # 万元 in one 亿元
DASH = "—"


def to_decimal(value: object) -> Decimal | None:
    """A Decimal from a Decimal, int, float or numeric text; None for nothing or for text that is not a number."""
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    """The county's one rounding rule. Never returns -0."""
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return abs(rounded) if rounded == 0 else rounded


def wan_to_yi(amount: Decimal) -> Decimal:
    """万元 → 亿元, exact."""
    return amount / TEN_THOUSAND


def yi_to_wan(amount: Decimal) -> Decimal:
    return amount * TEN_THOUSAND


def amount_text(value: Decimal | None, places: int = 2) -> str:
    """An amount with thousands separators and a fixed number of places; "—" for nothing."""
    if value is None:
        return DASH
    return f"{round_half_up(value, places):,.{places}f}"


def plain_amount(value: Decimal | None, places: int = 2) -> str:
    """An amount as an exact decimal string without separators ("1234.50"); nothing counts as zero."""
    return f"{round_half_up(value or ZERO, places):.{places}f}"


def yi_text(amount_wan: Decimal | str | None, places: int = 2) -> str:
    """An amount kept in 万元 (a Decimal, or its exact string in frozen figures), written in 亿元 without
    separators ("98.76"), as documents write it."""
    return plain_amount(wan_to_yi(to_decimal(amount_wan) or ZERO), places)


def percent_text(value: Decimal | None, places: int = 2) -> str | None:
    """A rate already in percent, rounded; None stays None (there was nothing to divide by)."""
    if value is None:
        return None
    return f"{round_half_up(value, places):.{places}f}"


def rate(part: Decimal, whole: Decimal) -> Decimal | None:
    """part ÷ whole in percent, unrounded; None when there is nothing to divide by."""
    if not whole:
        return None
    return part * HUNDRED / whole
