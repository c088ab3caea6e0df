"""Calendar arithmetic of the duties' cadences: pure functions of dates, no database.

A cadence cuts time into periods (ISO weeks, half months, months, quarters, half years, years).
Each period has a stable key ("2024-W19", "2024-05-H1", "2024-05", "2024-Q2", "2024-H1", "2024"),
a first and a last day, and a human label ("2024年第19周"). A duty's occurrence for a period is due
on the duty's day inside that period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import pgettext

from core.periods import day_in_month, month_end


class CadenceCode:
    """The cadence values (the model's TextChoices use the same strings)."""

    WEEKLY = "weekly"
    SEMI_MONTHLY = "semi_monthly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    YEARLY = "yearly"
    AD_HOC = "ad_hoc"


@dataclass(frozen=True)
class Period:
    cadence: str
    key: str
    start: date
    end: date

    @property
    def label(self) -> str:
        """How the period is named in titles, e.g. 2024年第19周 (translated at call time)."""
        start = self.start
        if self.cadence == CadenceCode.WEEKLY:
            iso_year, week, _weekday = start.isocalendar()
            return pgettext("scheduling", "%(year)s week %(week)s") % {"year": iso_year, "week": week}
        if self.cadence == CadenceCode.SEMI_MONTHLY:
            if start.day == 1:
                return pgettext("scheduling", "first half of %(month)s/%(year)s") % {
                    "year": start.year,
                    "month": start.month,
                }
            return pgettext("scheduling", "second half of %(month)s/%(year)s") % {
                "year": start.year,
                "month": start.month,
            }
        if self.cadence == CadenceCode.MONTHLY:
            return pgettext("scheduling", "%(month)s/%(year)s") % {"year": start.year, "month": start.month}
        if self.cadence == CadenceCode.QUARTERLY:
            return pgettext("scheduling", "%(year)s Q%(quarter)s") % {
                "year": start.year,
                "quarter": (start.month - 1) // 3 + 1,
            }
        if self.cadence == CadenceCode.HALF_YEARLY:
            if start.month == 1:
                return pgettext("scheduling", "first half of %(year)s") % {"year": start.year}
            return pgettext("scheduling", "second half of %(year)s") % {"year": start.year}
        if self.cadence == CadenceCode.YEARLY:
            return pgettext("scheduling", "year %(year)s") % {"year": start.year}
        return start.isoformat()


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def period_containing(cadence: str, day: date) -> Period:
    """The period of `cadence` that contains `day`."""
    if cadence == CadenceCode.WEEKLY:
        start = day - timedelta(days=day.weekday())
        iso_year, week, _weekday = start.isocalendar()
        return Period(cadence, f"{iso_year}-W{week:02d}", start, start + timedelta(days=6))
    if cadence == CadenceCode.SEMI_MONTHLY:
        if day.day <= 15:
            return Period(
                cadence, f"{day.year}-{day.month:02d}-H1", date(day.year, day.month, 1), date(day.year, day.month, 15)
            )
        return Period(
            cadence, f"{day.year}-{day.month:02d}-H2", date(day.year, day.month, 16), month_end(day.year, day.month)
        )
    if cadence == CadenceCode.MONTHLY:
        return Period(
            cadence, f"{day.year}-{day.month:02d}", date(day.year, day.month, 1), month_end(day.year, day.month)
        )
    if cadence == CadenceCode.QUARTERLY:
        quarter = (day.month - 1) // 3 + 1
        first = 3 * quarter - 2
        return Period(cadence, f"{day.year}-Q{quarter}", date(day.year, first, 1), month_end(day.year, first + 2))
    if cadence == CadenceCode.HALF_YEARLY:
        half = 1 if day.month <= 6 else 2
        first = 1 if half == 1 else 7
        return Period(cadence, f"{day.year}-H{half}", date(day.year, first, 1), month_end(day.year, first + 5))
    if cadence == CadenceCode.YEARLY:
        return Period(cadence, f"{day.year}", date(day.year, 1, 1), date(day.year, 12, 31))
    raise ValueError(f"cadence {cadence!r} has no periods")


def next_period(period: Period) -> Period:
    return period_containing(period.cadence, period.end + timedelta(days=1))


def periods_between(cadence: str, first: date, last: date) -> list[Period]:
    """Every period of `cadence` that starts on or after the one containing `first` and on or before `last`."""
    periods: list[Period] = []
    period = period_containing(cadence, first)
    while period.start <= last:
        periods.append(period)
        period = next_period(period)
    return periods


def due_date(
    period: Period,
    *,
    weekday: int | None = None,
    day: int | None = None,
    second_day: int | None = None,
    month_in_period: int | None = None,
) -> date:
    """The day the duty's occurrence for `period` is due. Missing parameters mean the period's last day."""
    cadence = period.cadence
    if cadence == CadenceCode.WEEKLY:
        return period.start + timedelta(days=weekday) if weekday is not None else period.end
    if cadence == CadenceCode.SEMI_MONTHLY:
        chosen = day if period.start.day == 1 else second_day
        if chosen is None:
            return period.end
        return min(max(day_in_month(period.start.year, period.start.month, chosen), period.start), period.end)
    if cadence == CadenceCode.MONTHLY:
        return day_in_month(period.start.year, period.start.month, day) if day else period.end
    if cadence in (CadenceCode.QUARTERLY, CadenceCode.HALF_YEARLY, CadenceCode.YEARLY):
        span = {CadenceCode.QUARTERLY: 3, CadenceCode.HALF_YEARLY: 6, CadenceCode.YEARLY: 12}[cadence]
        offset = min(max((month_in_period or span), 1), span) - 1
        year, month = _add_months(period.start.year, period.start.month, offset)
        return day_in_month(year, month, day) if day else month_end(year, month)
    raise ValueError(f"cadence {cadence!r} has no due dates")


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local_midnight(day: date) -> datetime:
    """The aware datetime at which `day` begins in the county (Asia/Shanghai)."""
    return datetime.combine(day, time.min, tzinfo=local_zone())
