"""Reads of notifications and deliveries."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import User

from .models import Delivery, Notification


def unread_count(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notifications_for_user(*, user: User, unread_only: bool = False) -> QuerySet[Notification]:
    qs = Notification.objects.filter(recipient=user)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-pk")


def deliveries(*, status: str = "") -> QuerySet[Delivery]:
    qs = Delivery.objects.select_related("notification", "notification__recipient")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-pk")
