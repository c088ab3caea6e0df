"""Notifications are one's own; deliveries are the HQ office's and administrators' business."""

from __future__ import annotations

from django.http import Http404

from accounts.access import is_hq
from accounts.models import User

from .models import Delivery, Notification


def get_notification_for_user(user: User, pk: int) -> Notification:
    notification = Notification.objects.filter(pk=pk, recipient_id=user.pk).first()
    if notification is None:
        raise Http404
    return notification


def get_delivery_for_user(user: User, pk: int) -> Delivery:
    """Deliveries are the HQ office's and administrators' business (the others' reminders are in their inbox)."""
    delivery = Delivery.objects.filter(pk=pk).first() if is_hq(user) else None
    if delivery is None:
        raise Http404
    return delivery
