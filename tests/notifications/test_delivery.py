"""Delivery beyond the app: email through Django's backend, and a DingTalk/WeCom-style group-chat robot,
tested against a real HTTP server started here. Failures are recorded and retried."""

from __future__ import annotations

import json
import threading
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self

import pytest
from django.core import mail
from django.test import override_settings

from cycles.reminders import reminders_send_due
from cycles.services import occurrences_open_due
from notifications.delivery import DELIVERY_MAX_ATTEMPTS, deliveries_send_due, delivery_retry, delivery_send
from notifications.models import Delivery, DeliveryChannel, DeliveryStatus, Notification
from tests import factories
from tests.factories import at

pytestmark = pytest.mark.django_db


class RobotServer:
    """A group-chat robot on 127.0.0.1: records each POST; answers with the status and JSON it is told to."""

    def __init__(self) -> None:
        self.received: list[dict] = []
        self.answers: list[tuple[int, dict]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                server.received.append({"json": json.loads(body), "content_type": self.headers["Content-Type"]})
                status, answer = server.answers.pop(0) if server.answers else (200, {"errcode": 0, "errmsg": "ok"})
                payload = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/robot/send?access_token=test"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def robot():
    with RobotServer() as server, override_settings(REMINDER_WEBHOOK_URL=server.url):
        yield server


def _overdue_weekly(*people):
    factories.make_duty(cadence="weekly", opens_from=date(2024, 5, 6), people=people)
    occurrences_open_due(now=at(2024, 5, 6, 0, 10))


def test_the_group_chat_hears_each_reminder_once_as_a_text_message(robot, tf_lead, tf_member):
    _overdue_weekly(tf_lead, tf_member)
    reminders_send_due(now=at(2024, 5, 11, 9))
    reminders_send_due(now=at(2024, 5, 11, 9, 15))
    assert deliveries_send_due(now=at(2024, 5, 11, 9, 16)) == 3  # two emails, one group-chat post
    assert deliveries_send_due(now=at(2024, 5, 11, 9, 17)) == 0
    assert len(robot.received) == 1
    message = robot.received[0]
    assert message["content_type"].startswith("application/json")
    assert message["json"]["msgtype"] == "text"
    content = message["json"]["text"]["content"]
    assert "前期手续专班 2024年第19周调度" in content and "逾期" in content
    assert tf_lead.display_name in content and tf_member.display_name in content
    assert "/cycles/occurrences/" in content
    webhook = Delivery.objects.get(channel=DeliveryChannel.WEBHOOK)
    assert (webhook.status, webhook.attempts, webhook.sent_at) == (DeliveryStatus.SENT, 1, at(2024, 5, 11, 9, 16))


def test_a_failing_robot_is_recorded_and_retried_until_it_answers(robot, tf_lead):
    robot.answers = [(500, {"error": "down"}), (200, {"errcode": 310000, "errmsg": "keywords not in content"})]
    _overdue_weekly(tf_lead)
    reminders_send_due(now=at(2024, 5, 11, 9))
    webhook = Delivery.objects.get(channel=DeliveryChannel.WEBHOOK)

    assert delivery_send(delivery_id=webhook.pk, now=at(2024, 5, 11, 9, 1)) is False
    webhook.refresh_from_db()
    assert webhook.status == DeliveryStatus.FAILED and webhook.attempts == 1
    assert "500" in webhook.last_error
    assert webhook.next_attempt_at == at(2024, 5, 11, 9, 6)  # five minutes later
    # Not yet due again: nothing is sent.
    deliveries_send_due(now=at(2024, 5, 11, 9, 3))
    assert len(robot.received) == 1

    # The robot answers 200 but with an error code (DingTalk's way): still a failure.
    deliveries_send_due(now=at(2024, 5, 11, 9, 6))
    webhook.refresh_from_db()
    assert webhook.status == DeliveryStatus.FAILED and webhook.attempts == 2
    assert "310000" in webhook.last_error
    assert webhook.next_attempt_at == at(2024, 5, 11, 9, 16)

    deliveries_send_due(now=at(2024, 5, 11, 9, 16))
    webhook.refresh_from_db()
    assert webhook.status == DeliveryStatus.SENT and webhook.attempts == 3
    assert len(robot.received) == 3
    # The in-app reminder was there all along, once.
    assert Notification.objects.filter(recipient=tf_lead).count() == 1


def test_an_unreachable_robot_gives_up_after_the_last_attempt_and_can_be_retried_by_hand(tf_lead):
    with RobotServer() as server:
        url = server.url
    # The server is stopped: connections are refused.
    with override_settings(REMINDER_WEBHOOK_URL=url):
        _overdue_weekly(tf_lead)
        reminders_send_due(now=at(2024, 5, 11, 9))
    webhook = Delivery.objects.get(channel=DeliveryChannel.WEBHOOK)
    now = at(2024, 5, 11, 9)
    for _ in range(DELIVERY_MAX_ATTEMPTS):
        delivery_send(delivery_id=webhook.pk, now=now)
        webhook.refresh_from_db()
        now = webhook.next_attempt_at + timedelta(seconds=1)
    assert webhook.status == DeliveryStatus.GAVE_UP
    assert webhook.attempts == DELIVERY_MAX_ATTEMPTS
    assert "Connection refused" in webhook.last_error or "URLError" in webhook.last_error
    assert deliveries_send_due(now=now + timedelta(days=1)) == 1  # only the email; the webhook waits for a hand
    with RobotServer() as server:
        Delivery.objects.filter(pk=webhook.pk).update(address=server.url)
        delivery_retry(delivery=webhook, now=now)
        assert deliveries_send_due(now=now) == 1
        assert len(server.received) == 1
    webhook.refresh_from_db()
    assert webhook.status == DeliveryStatus.SENT


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_emails_go_through_djangos_backend_to_each_recipient(tf_lead, tf_member):
    _overdue_weekly(tf_lead, tf_member)
    reminders_send_due(now=at(2024, 5, 11, 9))
    deliveries_send_due(now=at(2024, 5, 11, 9))
    assert sorted(m.to for m in mail.outbox) == sorted([[tf_lead.email], [tf_member.email]])
    message = mail.outbox[0]
    assert message.subject.startswith("[阳城县重点工程]")
    assert "前期手续专班 2024年第19周调度" in message.subject


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_failing_mail_server_is_recorded_and_retried(tf_lead):
    _overdue_weekly(tf_lead)
    reminders_send_due(now=at(2024, 5, 11, 9))
    # A real SMTP connection to a port where no server listens.
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=_closed_port(),
        EMAIL_TIMEOUT=2,
    ):
        deliveries_send_due(now=at(2024, 5, 11, 9))
    email = Delivery.objects.get(channel=DeliveryChannel.EMAIL)
    assert email.status == DeliveryStatus.FAILED and "ConnectionRefusedError" in email.last_error
    deliveries_send_due(now=at(2024, 5, 11, 9, 5))  # the mail server is back (the test's outbox)
    email.refresh_from_db()
    assert email.status == DeliveryStatus.SENT and email.attempts == 2
    assert len(mail.outbox) == 1


def test_a_delivery_left_sending_by_a_killed_worker_is_sent_again_after_the_lease(tf_lead):
    _overdue_weekly(tf_lead)
    reminders_send_due(now=at(2024, 5, 11, 9))
    email = Delivery.objects.get(channel=DeliveryChannel.EMAIL)
    # A worker claimed it at 09:00 and died before recording the outcome.
    Delivery.objects.filter(pk=email.pk).update(
        status=DeliveryStatus.SENDING, attempts=1, claimed_at=at(2024, 5, 11, 9)
    )
    assert deliveries_send_due(now=at(2024, 5, 11, 9, 5)) == 0  # another worker may still be at it
    assert deliveries_send_due(now=at(2024, 5, 11, 9, 11)) == 1
    assert len(mail.outbox) == 1
