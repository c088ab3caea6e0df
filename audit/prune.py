"""Removing audit events past the retention period, the one delete the database allows.

The append-only trigger (migration 0002) lets a DELETE through only inside a transaction that set
`yc.audit_prune = 'on'` and only for rows older than 180 days; this sets the variable for its own
transaction (SET LOCAL) and never asks for younger rows.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .models import AuditEvent

MINIMUM_RETENTION_DAYS = 180  # GB/T 22239-2019 level 3: logs kept at least six months; the trigger agrees


def audit_prune(*, days: int | None = None, now: datetime | None = None) -> int:
    """Delete events older than `days` (default AUDIT_RETENTION_DAYS, never under 180). Returns the count."""
    days = settings.AUDIT_RETENTION_DAYS if days is None else days
    if days < MINIMUM_RETENTION_DAYS:
        raise ValueError(f"audit events are kept at least {MINIMUM_RETENTION_DAYS} days, not {days}")
    cutoff = (now or timezone.now()) - timedelta(days=days)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL yc.audit_prune = 'on'")
        deleted, _ = AuditEvent.objects.filter(at__lt=cutoff).delete()
    return deleted
