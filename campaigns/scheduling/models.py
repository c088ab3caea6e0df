"""Duties, their occurrences and reminders: the notice's calendar, run by Celery beat."""

from __future__ import annotations
