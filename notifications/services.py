"""Telling people: one notification per recipient, kind and subject, and its deliveries.

`notify` is safe to call again with the same subject: nothing repeats (a unique constraint on
recipient, kind and subject). Who is told and what they read is decided by the app that calls it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.db import transaction

from accounts.models import User

from .models import Delivery, DeliveryChannel, Notification

# Reminders and escalation notices go out from this hour (county time), not in the middle of the night.
WORKDAY_START_HOUR = 8
# Nobody is reminded of something overdue for longer than this (e.g. periods opened by a catch-up
# after a long stop): the pages show those, a flood of stale emails would not help.
OVERDUE_REMINDER_WINDOW_DAYS = 30


def notify(
    *, kind: str, subject_key: str, recipients: Iterable[User | None], title: str, body: str, link: str, now: datetime
) -> int:
    """Tell each recipient once per (kind, subject): a notification in the app, an email delivery for those
    with an address, and one group-chat delivery per subject when a webhook is configured.

    Returns how many recipients were newly told. Safe to call again with the same subject: nothing repeats.
    """
    people = {user.pk: user for user in recipients if user is not None and user.is_active}
    if not people:
        return 0
    already = set(
        Notification.objects.filter(kind=kind, subject_key=subject_key, recipient_id__in=people).values_list(
            "recipient_id", flat=True
        )
    )
    created: list[Notification] = []
    with transaction.atomic():
        for user_id, user in sorted(people.items()):
            if user_id in already:
                continue
            notification, was_created = Notification.objects.get_or_create(
                recipient=user,
                kind=kind,
                subject_key=subject_key,
                defaults={"title": title[:200], "body": body, "link": link, "created_at": now},
            )
            if not was_created:
                continue
            created.append(notification)
            if user.email:
                Delivery.objects.create(
                    notification=notification,
                    channel=DeliveryChannel.EMAIL,
                    kind=kind,
                    subject_key=subject_key,
                    address=user.email,
                    next_attempt_at=now,
                    created_at=now,
                )
        if created and settings.REMINDER_WEBHOOK_URL:
            Delivery.objects.get_or_create(
                channel=DeliveryChannel.WEBHOOK,
                kind=kind,
                subject_key=subject_key,
                defaults={
                    "notification": created[0],
                    "address": settings.REMINDER_WEBHOOK_URL,
                    "next_attempt_at": now,
                    "created_at": now,
                },
            )
    return len(created)


def notification_mark_read(*, notification: Notification, now: datetime) -> None:
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.read_at = now


def notifications_mark_all_read(*, user: User, now: datetime) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=now)
