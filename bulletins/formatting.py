"""How bulletin figures are written: exact amounts in 万元, rates rounded half-up from unrounded values.

Figures are computed with exact Decimals and rounded once, here, when they become text. Rounding a
rate that was already rounded (97.149 → 97.15 → 97.2) is avoided: every shown value is rounded from
the unrounded one.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
TEN_THOUSAND = Decimal("10000")


def money(value: Decimal | None) -> str:
    """An amount in 万元 as an exact two-place decimal string ("1234.50")."""
    return str((value or Decimal("0")).quantize(CENT, rounding=ROUND_HALF_UP))


def percent(value: Decimal | None, places: int = 2) -> str | None:
    """A rate in percent, rounded half-up to `places` decimals; None stays None (no plan to divide by)."""
    if value is None:
        return None
    result = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if result == 0:
        result = abs(result)  # never "-0.00"
    return str(result)


def yi(wan: Decimal | str | None, places: int = 2) -> str:
    """万元 → 亿元 (÷ 10,000), rounded half-up, for documents and sentences ("98.76")."""
    value = Decimal(wan or "0") / TEN_THOUSAND
    return str(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
