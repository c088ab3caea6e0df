"""Celery tasks: thin. Ids (or an optional ISO time, for a fixed clock) in, one service call.

Beat (yangcheng_projects/beat.py) only ticks these; what is due lives in the database and is claimed
atomically by the services, so a missed, repeated or concurrent tick does no harm.
"""

from __future__ import annotations

from datetime import datetime

from celery import shared_task
from django.utils import timezone

from . import services


def _now(now: str | None) -> datetime:
    """The clock: the given ISO time (aware) or the real one."""
    if not now:
        return timezone.now()
    parsed = datetime.fromisoformat(now)
    if timezone.is_naive(parsed):
        raise ValueError(f"now must carry a time zone offset, got {now!r}")
    return parsed


@shared_task(name="scheduling.open_due_occurrences")
def open_due_occurrences(now: str | None = None) -> int:
    return services.occurrences_open_due(now=_now(now))


@shared_task(name="scheduling.escalate_overdue_problems")
def escalate_overdue_problems(now: str | None = None) -> int:
    return services.problems_escalate_overdue(now=_now(now)).escalated


@shared_task(name="scheduling.send_reminders")
def send_reminders(now: str | None = None) -> int:
    return services.reminders_send_due(now=_now(now))


@shared_task(name="scheduling.send_due_deliveries")
def send_due_deliveries(now: str | None = None) -> int:
    return services.deliveries_send_due(now=_now(now))


@shared_task(name="scheduling.send_delivery")
def send_delivery(delivery_id: int, now: str | None = None) -> bool:
    return services.delivery_send(delivery_id=delivery_id, now=_now(now))
