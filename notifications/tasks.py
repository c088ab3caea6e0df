"""Celery tasks of deliveries: thin (an id or an optional ISO time in, one service call).

The names keep their "scheduling." prefix from before this app was split out of the cycles: beat's
schedule and any message still queued refer to them by name.
"""

from __future__ import annotations

from celery import shared_task

from core.clock import parse_now

from . import delivery


@shared_task(name="scheduling.send_due_deliveries")
def send_due_deliveries(now: str | None = None) -> int:
    return delivery.deliveries_send_due(now=parse_now(now))


@shared_task(name="scheduling.send_delivery")
def send_delivery(delivery_id: int, now: str | None = None) -> bool:
    return delivery.delivery_send(delivery_id=delivery_id, now=parse_now(now))
