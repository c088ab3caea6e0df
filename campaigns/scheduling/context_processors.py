"""Header data for the reminders (the unread-notification count). Filled in by the reminders work."""

from __future__ import annotations

from django.http import HttpRequest


def notifications(request: HttpRequest) -> dict:
    return {}
