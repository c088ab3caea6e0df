"""Reading the audit trail: one filter for the viewer, the .xlsx export and `audit_export`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from .models import AuditEvent

EXPORT_FIELDS = ("time", "user", "ip", "user_agent", "action", "object", "outcome", "detail")


@dataclass(frozen=True)
class EventFilter:
    since: date | None = None
    until: date | None = None
    username: str = ""
    action: str = ""
    outcome: str = ""


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def events(filters: EventFilter | None = None) -> QuerySet[AuditEvent]:
    filters = filters or EventFilter()
    rows = AuditEvent.objects.all()
    if filters.since:
        rows = rows.filter(at__gte=_start_of(filters.since))
    if filters.until:
        rows = rows.filter(at__lt=_start_of(filters.until + timedelta(days=1)))
    if filters.username:
        rows = rows.filter(username__icontains=filters.username)
    if filters.action:
        rows = rows.filter(action=filters.action)
    if filters.outcome:
        rows = rows.filter(outcome=filters.outcome)
    return rows.order_by("at", "id")


def export_row(event: AuditEvent) -> dict[str, Any]:
    """One event with the fields every export carries, time in county time (ISO 8601)."""
    return {
        "time": timezone.localtime(event.at).isoformat(timespec="seconds"),
        "user": event.username,
        "ip": event.ip_address or "",
        "user_agent": event.user_agent,
        "action": event.action,
        "object": event.object_label,
        "outcome": event.outcome,
        "detail": event.detail,
    }


def export_rows(filters: EventFilter | None = None) -> Iterator[dict[str, Any]]:
    for event in events(filters).iterator(chunk_size=2000):
        yield export_row(event)
