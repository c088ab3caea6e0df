"""Delivery of notifications beyond the app: email, and a DingTalk/WeCom-style group-chat robot.

Each `Delivery` is claimed by a conditional `update()` before sending; failures are recorded and retried
with backoff. A worker killed between the SMTP/webhook call and the commit leaves the row "sending"; it
is claimed again after `DELIVERY_LEASE` (so an email may, rarely, go out twice; the in-app notification
never does).
"""

from __future__ import annotations

import json
import urllib.request
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F, Q
from django.utils.translation import pgettext

from core.language import in_county_language

from .models import Delivery, DeliveryChannel, DeliveryStatus, Notification

DELIVERY_MAX_ATTEMPTS = 6
DELIVERY_LEASE = timedelta(minutes=10)
DELIVERY_BATCH = 200
WEBHOOK_TIMEOUT_SECONDS = 10


def _claimable(now: datetime) -> Q:
    return Q(status__in=[DeliveryStatus.PENDING, DeliveryStatus.FAILED], next_attempt_at__lte=now) | Q(
        status=DeliveryStatus.SENDING, claimed_at__lt=now - DELIVERY_LEASE
    )


def _site_name() -> str:
    return pgettext("scheduling", "Yangcheng key projects")


def _absolute(link: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{link}" if link.startswith("/") else link


def _send_email(delivery: Delivery) -> None:
    notification = delivery.notification
    subject = f"[{_site_name()}] {notification.title}"
    body = notification.body
    if notification.link:
        body = f"{body}\n\n{_absolute(notification.link)}"
    EmailMessage(subject=subject, body=body, to=[delivery.address]).send(fail_silently=False)


def webhook_content(delivery: Delivery) -> str:
    notification = delivery.notification
    names = list(
        Notification.objects.filter(kind=delivery.kind, subject_key=delivery.subject_key)
        .select_related("recipient")
        .order_by("recipient__username")
    )
    lines = [f"【{_site_name()}】{notification.title}", notification.body]
    if names:
        lines.append(
            pgettext("scheduling", "For: %(names)s") % {"names": "、".join(n.recipient.display_name for n in names)}
        )
    if notification.link:
        lines.append(_absolute(notification.link))
    return "\n".join(line for line in lines if line)


def _send_webhook(delivery: Delivery) -> None:
    """POST a DingTalk/WeCom-style text message. Their robots answer HTTP 200 with {"errcode": n}: non-zero is a failure."""
    payload = json.dumps(
        {"msgtype": "text", "text": {"content": webhook_content(delivery)}}, ensure_ascii=False
    ).encode()
    request = urllib.request.Request(  # noqa: S310  # the address is REMINDER_WEBHOOK_URL: settings accept http(s) only
        delivery.address, data=payload, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
    )
    with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT_SECONDS) as response:  # noqa: S310  # http(s) only, as above
        raw = response.read(65536)
    try:
        answer = json.loads(raw or b"{}")
    except ValueError:
        return  # not JSON: a plain 2xx from a generic endpoint counts as delivered
    if isinstance(answer, dict) and answer.get("errcode") not in (None, 0):
        raise RuntimeError(f"webhook errcode {answer.get('errcode')}: {answer.get('errmsg', '')}")


def _retry_delay(attempts: int) -> timedelta:
    """5, 10, 20, 40, 80 minutes..."""
    return timedelta(minutes=5 * 2 ** max(attempts - 1, 0))


@in_county_language
def delivery_send(*, delivery_id: int, now: datetime) -> bool:
    """Claim and send one delivery. Returns True when it was sent now."""
    claimed = Delivery.objects.filter(_claimable(now), pk=delivery_id).update(
        status=DeliveryStatus.SENDING, attempts=F("attempts") + 1, claimed_at=now
    )
    if not claimed:
        return False
    delivery = Delivery.objects.select_related("notification", "notification__recipient").get(pk=delivery_id)
    try:
        if delivery.channel == DeliveryChannel.EMAIL:
            _send_email(delivery)
        else:
            _send_webhook(delivery)
    except Exception as exc:  # noqa: BLE001  # any failure of the channel is recorded and retried
        delivery.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        if delivery.attempts >= DELIVERY_MAX_ATTEMPTS:
            delivery.status = DeliveryStatus.GAVE_UP
        else:
            delivery.status = DeliveryStatus.FAILED
            delivery.next_attempt_at = now + _retry_delay(delivery.attempts)
        delivery.save(update_fields=["status", "last_error", "next_attempt_at"])
        return False
    delivery.status = DeliveryStatus.SENT
    delivery.sent_at = now
    delivery.save(update_fields=["status", "sent_at"])
    return True


def deliveries_send_due(*, now: datetime) -> int:
    """Send every delivery that is waiting or due for a retry. Returns how many were sent."""
    ids = list(
        Delivery.objects.filter(_claimable(now))
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:DELIVERY_BATCH]
    )
    return sum(delivery_send(delivery_id=pk, now=now) for pk in ids)


def delivery_retry(*, delivery: Delivery, now: datetime) -> Delivery:
    """Queue a failed (or abandoned) delivery again at once, with a fresh set of attempts."""
    Delivery.objects.filter(pk=delivery.pk, status__in=[DeliveryStatus.FAILED, DeliveryStatus.GAVE_UP]).update(
        status=DeliveryStatus.PENDING, next_attempt_at=now, attempts=0
    )
    delivery.refresh_from_db()
    return delivery
