"""Sessions end after 30 idle minutes and 12 hours after the login, whatever the activity; both settable."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone

from accounts.events import Action
from audit.models import AuditEvent

from .conftest import password_login

pytestmark = pytest.mark.django_db


def test_thirty_idle_minutes_end_the_session(client, reporter):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        password_login(client, reporter.username)
        assert client.get("/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=29), tick=False):
        assert client.get("/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=60), tick=False):
        response = client.get("/projects/")
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
        assert client.get("/").status_code == 302  # logged out, not just redirected
    assert AuditEvent.objects.filter(action=Action.SESSION_EXPIRED, detail="idle", user=reporter).exists()


def test_twelve_hours_after_the_login_the_session_ends_even_when_busy(client, reporter):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        password_login(client, reporter.username)
    for minutes in range(20, 12 * 60, 20):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert client.get("/").status_code == 200, minutes
    with time_machine.travel(start + timedelta(hours=12, minutes=5), tick=False):
        assert client.get("/").status_code == 302
    assert AuditEvent.objects.filter(action=Action.SESSION_EXPIRED, detail="absolute").exists()


@override_settings(SESSION_IDLE_MINUTES=5)
def test_the_idle_limit_is_a_setting(client, reporter):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        password_login(client, reporter.username)
    with time_machine.travel(start + timedelta(minutes=6), tick=False):
        assert client.get("/").status_code == 302
