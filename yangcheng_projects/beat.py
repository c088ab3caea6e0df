"""Every periodic task, in one place. Each entry says in words when it fires.

Beat only ticks: what is due is stored in the database and claimed atomically by the
task, so an extra or a missed tick does no harm.
"""

from __future__ import annotations

from celery.schedules import crontab

BEAT_SCHEDULE: dict[str, dict] = {}
