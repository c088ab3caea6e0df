"""Celery tasks: thin. An optional ISO time (for a fixed clock) in, one service call.

Beat (yangcheng_projects/beat.py) only ticks these; what is due lives in the database and is claimed
atomically by the services, so a missed, repeated or concurrent tick does no harm.
"""

from __future__ import annotations

from celery import shared_task

from core.clock import parse_now

from .reminders import reminders_send_due
from .services import occurrences_open_due


@shared_task(name="scheduling.open_due_occurrences")
def open_due_occurrences(now: str | None = None) -> int:
    return occurrences_open_due(now=parse_now(now))


@shared_task(name="scheduling.send_reminders")
def send_reminders(now: str | None = None) -> int:
    return reminders_send_due(now=parse_now(now))
