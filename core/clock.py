"""What day and time it is for the application: one clock for every page, report, reminder and task.

In production this is the real date and time. Outside production a date can be fixed with the
REPORTING_TODAY setting (`make run` and the demo use it), so that the demo's reporting periods,
deadlines and reminders stay coherent however much real time passes; the time of day stays real.
"""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.utils import timezone


def today() -> date:
    """The county's today (Asia/Shanghai), or the fixed REPORTING_TODAY."""
    fixed: date | None = getattr(settings, "REPORTING_TODAY", None)
    return fixed or timezone.localdate()


def now() -> datetime:
    """An aware now: the real time, on the fixed REPORTING_TODAY when one is set."""
    real = timezone.localtime()
    fixed: date | None = getattr(settings, "REPORTING_TODAY", None)
    if fixed is None:
        return real
    return real.replace(year=fixed.year, month=fixed.month, day=fixed.day)


def parse_now(now_text: str | None) -> datetime:
    """The given ISO time (it must carry a UTC offset), or the clock's now when none is given.

    Tasks and commands take `now` as text so that a fixed clock can be passed through a broker.
    """
    if not now_text:
        return now()
    parsed = datetime.fromisoformat(now_text)
    if timezone.is_naive(parsed):
        raise ValueError(f"now must carry a time zone offset, got {now_text!r}")
    return parsed
