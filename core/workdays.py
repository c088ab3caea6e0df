"""Chinese working days: the State Council's holidays and make-up working days (调休).

Deadlines, escalation intervals and "days overdue" count working days. The calendar comes from the
maintained `chinese_calendar` package (it knows each year once the State Council has published it);
for a year it does not know yet, the weekdays are working days and the county's own overrides (a
`Calendar` built with `overrides`, from the `workdays` app's admin-edited table) say the rest.

    cal = Calendar(overrides={date(2027, 2, 8): False})
    cal.is_workday(date(2024, 10, 12))          -> True  (a Saturday made a working day for 国庆)
    cal.add_workdays(date(2024, 9, 30), 1)      -> date(2024, 10, 8)
    cal.workdays_between(date(2024, 5, 31), date(2024, 6, 3))  -> 1 (Friday → Monday)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

import chinese_calendar

# The library raises NotImplementedError for a year it has no data for.
_UNKNOWN_YEAR = NotImplementedError


def known_year(year: int) -> bool:
    """Whether the library knows the State Council's holidays of `year`."""
    try:
        chinese_calendar.is_workday(date(year, 6, 1))
    except _UNKNOWN_YEAR:
        return False
    return True


class Calendar:
    """Working days, with the county's overrides (day → is it a working day) taking precedence."""

    def __init__(self, overrides: Mapping[date, bool] | None = None) -> None:
        self.overrides = dict(overrides or {})

    def is_workday(self, day: date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        try:
            return bool(chinese_calendar.is_workday(day))
        except _UNKNOWN_YEAR:
            return day.weekday() < 5

    def next_workday(self, day: date) -> date:
        """`day` itself when it is a working day, else the first working day after it."""
        while not self.is_workday(day):
            day += timedelta(days=1)
        return day

    def add_workdays(self, day: date, count: int) -> date:
        """The `count`-th working day after `day` (count ≥ 0; 0 gives `day` moved to a working day)."""
        if count <= 0:
            return self.next_workday(day)
        while count:
            day += timedelta(days=1)
            if self.is_workday(day):
                count -= 1
        return day

    def workdays_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (0 when end ≤ start): how many working
        days a deadline of `start` is overdue on `end`."""
        days = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            if self.is_workday(day):
                days += 1
        return days
