"""Login lockout (django-axes): five failures in fifteen minutes lock the account and, separately, the
address for thirty minutes; the security administrator can lift a lock early.

Axes counts failures since a record's first failure and lets a record lapse a cool-off after its last
one. This handler counts instead the failures of the last LOGIN_FAILURE_WINDOW minutes per username and
per address (axes' failure log keeps each one with its time) and keeps a lock for AXES_COOLOFF_TIME from
the failure that set it. Attempts while locked are refused by axes' authentication backend, which runs
first (AUTHENTICATION_BACKENDS): no password is hashed for them, and they do not extend the lock
(AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.db.models import Count, Max, Q
from django.http import HttpRequest
from django.utils import timezone


def _lock_duration() -> timedelta:
    return get_cool_off() or timedelta(minutes=30)


def _window() -> timedelta:
    return timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)


class WindowedLockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        now = getattr(request, "axes_attempt_time", None) or timezone.now()
        limit = get_failure_limit(request, credentials)
        # While axes records a failure, that failure is not yet in the log: count it here.
        pending = 1 if getattr(request, "yc_recording_failure", False) else 0
        username = get_client_username(request, credentials)
        keys = [Q(ip_address=getattr(request, "axes_ip_address", None))]
        if username:
            keys.append(Q(username=username))
        worst = 0
        for key in keys:
            failures = AccessFailureLog.objects.filter(key)
            if failures.filter(locked_out=True, attempt_time__gt=now - _lock_duration()).exists():
                return limit
            worst = max(worst, failures.filter(attempt_time__gt=now - _window()).count() + pending)
        return worst

    def user_login_failed(self, sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
        if request is None:
            super().user_login_failed(sender, credentials, request, **kwargs)
            return
        already_locked = bool(getattr(request, "axes_locked_out", False))
        request.yc_recording_failure = True
        try:
            super().user_login_failed(sender, credentials, request, **kwargs)
        finally:
            request.yc_recording_failure = False
        # The audit trail records a lock once, when it starts (axes signals every refused attempt).
        request.yc_lockout_started = not already_locked and bool(getattr(request, "axes_locked_out", False))


@dataclass(frozen=True)
class ActiveLock:
    kind: str  # "username" or "ip_address"
    value: str
    locked_at: datetime
    until: datetime


def active_locks(*, now: datetime | None = None) -> list[ActiveLock]:
    """Usernames and addresses locked now, latest first."""
    now = now or timezone.now()
    since = now - _lock_duration()
    locks: list[ActiveLock] = []
    recent = AccessFailureLog.objects.filter(locked_out=True, attempt_time__gt=since)
    for field in ("username", "ip_address"):
        rows = (
            recent.exclude(**{f"{field}__isnull": True}).values(field).annotate(at=Max("attempt_time"), n=Count("id"))
        )
        locks.extend(ActiveLock(field, row[field], row["at"], row["at"] + _lock_duration()) for row in rows)
    return sorted(locks, key=lambda lock: lock.locked_at, reverse=True)


def username_locked(username: str, *, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return AccessFailureLog.objects.filter(
        username=username, locked_out=True, attempt_time__gt=now - _lock_duration()
    ).exists()


def lift_lock(*, username: str = "", ip_address: str = "") -> int:
    """Forget the recent failures of a username or an address (axes' attempts and failure log entries
    within the lock and counting windows), so the next attempt is judged afresh. Returns entries removed.
    Callers record the event (accounts.services.lockout_lift)."""
    if not username and not ip_address:
        return 0
    since = timezone.now() - max(_lock_duration(), _window())
    key = Q(username=username) if username else Q(ip_address=ip_address)
    removed, _ = AccessFailureLog.objects.filter(key, attempt_time__gt=since).delete()
    attempts, _ = AccessAttempt.objects.filter(key).delete()
    return removed + attempts
