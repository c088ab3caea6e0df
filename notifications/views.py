"""One's own notifications, and (for the HQ office) the deliveries by email and group chat."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from accounts.access import is_hq
from accounts.http import AuthenticatedHttpRequest

from . import delivery, selectors, services
from .access import get_delivery_for_user, get_notification_for_user
from .models import DeliveryStatus
from .tasks import send_delivery

logger = logging.getLogger(__name__)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    unread_only = request.GET.get("unread") == "1"
    notifications = selectors.notifications_for_user(user=request.user, unread_only=unread_only)[:200]
    return render(
        request,
        "notifications/list.html",
        {
            "notifications": notifications,
            "unread_only": unread_only,
            "may_manage": is_hq(request.user),
            "nav_section": "notifications",
        },
    )


@require_POST
def notification_open(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Mark read and go to what it is about."""
    notification = get_notification_for_user(request.user, pk)
    services.notification_mark_read(notification=notification, now=timezone.now())
    target = notification.link or reverse("notifications:list")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("notifications:list")
    return redirect(target)


@require_POST
def notifications_read_all(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.notifications_mark_all_read(user=request.user, now=timezone.now())
    return redirect("notifications:list")


def delivery_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(is_hq(request.user))
    status = request.GET.get("status", "")
    if status not in DeliveryStatus.values:
        status = ""
    return render(
        request,
        "notifications/deliveries.html",
        {
            "deliveries": selectors.deliveries(status=status)[:300],
            "status": status,
            "statuses": DeliveryStatus.choices,
            "nav_section": "notifications",
        },
    )


def _enqueue_delivery(delivery_id: int) -> None:
    """Send it now through the worker; if the broker is unreachable, the per-minute tick sends it anyway."""
    try:
        send_delivery.delay(delivery_id)
    except Exception:
        logger.warning("could not enqueue delivery %s; the next tick will send it", delivery_id, exc_info=True)


@require_POST
def delivery_retry(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = get_delivery_for_user(request.user, pk)
    delivery.delivery_retry(delivery=item, now=timezone.now())
    transaction.on_commit(lambda: _enqueue_delivery(item.pk))
    messages.success(request, pgettext("scheduling", "The delivery will be tried again."))
    return redirect("notifications:deliveries")
