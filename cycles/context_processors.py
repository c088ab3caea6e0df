"""Header data for the reminders: the unread-notification count (one COUNT query, only when the header is drawn)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def notifications(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count() -> int:
        from .selectors import unread_count

        return unread_count(user=user)

    return {"unread_notifications": SimpleLazyObject(count)}
