"""Months, quarters and their ends: the arithmetic every report and reminder needs (no database)."""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def month_start(year: int, month: int) -> date:
    return date(year, month, 1)


def day_in_month(year: int, month: int, day: int) -> date:
    """Day `day` of the month, or its last day when the month is shorter (31 → 30 April)."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    """(year, month) moved by `months` (negative to go back)."""
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def quarter_months(quarter: int) -> range:
    """The months of quarter 1-4: quarter_months(2) -> 4, 5, 6."""
    return range(3 * quarter - 2, 3 * quarter + 1)


def time_progress(month: int) -> Decimal:
    """Time progress (时间进度) at the end of month M, in percent: M ÷ 12, unrounded."""
    return Decimal(month) * 100 / 12


def period_key(year: int, month: int) -> str:
    """ "2024-05": how a month is named in keys and URLs."""
    return f"{year}-{month:02d}"
