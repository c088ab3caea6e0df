"""The county's calendar: chinese_calendar with the overrides from the database."""

from __future__ import annotations

from datetime import date

from core.workdays import Calendar, known_year

from .models import DayOverride


def county_calendar() -> Calendar:
    """The working-day calendar with every override (one small query; build once per unit of work)."""
    return Calendar(overrides=dict(DayOverride.objects.values_list("day", "is_workday")))


def unknown_year_warning(*, today: date) -> int | None:
    """The coming year, when the national calendar does not know it yet and no override is recorded
    for it: its deadlines then count weekdays only. None when there is nothing to warn about."""
    coming = today.year + 1
    if known_year(coming) or DayOverride.objects.filter(day__year=coming).exists():
        return None
    return coming
