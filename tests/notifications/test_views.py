"""The bell and the inbox (each person's own notifications only) and the HQ office's list of deliveries,
with retrying a failed one."""

from __future__ import annotations

import pytest
from django.urls import reverse

from notifications.models import Delivery, DeliveryStatus
from tests import factories

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def test_the_header_shows_the_unread_count_and_opening_marks_read(client, tf_lead):
    first = factories.make_notification(tf_lead, "a")
    factories.make_notification(tf_lead, "b")
    login(client, tf_lead)
    page = client.get(reverse("cycles:calendar")).content.decode()
    assert 'data-unread="2"' in page
    response = client.post(reverse("notifications:open", args=[first.pk]))
    assert response["Location"] == "/cycles/"
    assert 'data-unread="1"' in client.get(reverse("notifications:list")).content.decode()
    client.post(reverse("notifications:read_all"))
    assert "data-unread" not in client.get(reverse("notifications:list")).content.decode()


def test_nobody_opens_or_clears_another_persons_notifications(client, tf_lead, outsider):
    notification = factories.make_notification(tf_lead)
    login(client, outsider)
    assert client.post(reverse("notifications:open", args=[notification.pk])).status_code == 404
    client.post(reverse("notifications:read_all"))
    notification.refresh_from_db()
    assert notification.read_at is None
    assert "提醒k1" not in client.get(reverse("notifications:list")).content.decode()


@pytest.mark.parametrize("who", ["outsider", "leader", "tf_lead"])
def test_retrying_a_delivery_is_for_hq_only(client, request, who, tf_lead):
    notification = factories.make_notification(tf_lead)
    delivery = Delivery.objects.get(notification=notification)
    Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.GAVE_UP, attempts=6)
    login(client, request.getfixturevalue(who))
    assert client.post(reverse("notifications:delivery_retry", args=[delivery.pk])).status_code == 404
    assert client.get(reverse("notifications:deliveries")).status_code == 403
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.GAVE_UP


def test_hq_retries_a_failed_delivery(client, hq, tf_lead, django_capture_on_commit_callbacks, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from yangcheng_projects.celery import app

    app.conf.task_always_eager = True
    try:
        notification = factories.make_notification(tf_lead)
        delivery = Delivery.objects.get(notification=notification)
        Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.GAVE_UP, attempts=6, last_error="timeout")
        login(client, hq)
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(reverse("notifications:delivery_retry", args=[delivery.pk])).status_code == 302
        delivery.refresh_from_db()
        assert delivery.status == DeliveryStatus.SENT and delivery.attempts == 1
    finally:
        app.conf.task_always_eager = False


@pytest.mark.parametrize("name", ["notifications:deliveries"])
def test_outsiders_are_refused_every_page(client, outsider, name):
    login(client, outsider)
    assert client.get(reverse(name)).status_code == 403
