"""What time it is for the application's periodic work."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone


def parse_now(now: str | None) -> datetime:
    """The given ISO time (it must carry a UTC offset), or the real time when none is given.

    Tasks and commands take `now` as text so that a fixed clock can be passed through a broker.
    """
    if not now:
        return timezone.now()
    parsed = datetime.fromisoformat(now)
    if timezone.is_naive(parsed):
        raise ValueError(f"now must carry a time zone offset, got {now!r}")
    return parsed
