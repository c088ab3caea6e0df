"""Lockout: five failures in fifteen minutes lock the account and, separately, the address, for thirty
minutes or until the security administrator lifts it; a locked attempt is refused before any hashing."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import override_settings
from django.utils import timezone

from accounts.events import Action
from accounts.services import lockout_lift
from audit.models import AuditEvent
from tests import factories

from .conftest import password_login

pytestmark = pytest.mark.django_db


class CountingHasher(MD5PasswordHasher):
    """The tests' MD5 hasher, counting every hash it computes (checking, making, or the dummy run Django
    does for an unknown username)."""

    calls = 0

    def encode(self, password, salt):
        type(self).calls += 1
        return super().encode(password, salt)


counting = override_settings(PASSWORD_HASHERS=["tests.security.test_lockout.CountingHasher"])


def _fail(client, username, times, ip="10.0.0.1"):
    return [password_login(client, username, "wrong-password", REMOTE_ADDR=ip).status_code for _ in range(times)]


def test_five_failures_lock_the_account_and_then_the_right_password_is_refused_in_chinese(client, reporter):
    statuses = _fail(client, reporter.username, 5)
    assert statuses[:4] == [200, 200, 200, 200]  # the form again, with its error
    assert statuses[4] == 429  # the fifth locks
    response = password_login(client, reporter.username, "pw", REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 429
    text = response.content.decode()
    assert "登录失败次数过多" in text and "30 分钟" in text
    assert "_auth_user_id" not in client.session


@counting
def test_a_locked_attempt_is_refused_before_any_password_is_hashed(client, reporter):
    reporter.set_password("pw")
    reporter.save()
    CountingHasher.calls = 0
    _fail(client, reporter.username, 5)
    assert CountingHasher.calls == 5  # each real attempt costs one hash

    CountingHasher.calls = 0
    for _ in range(20):
        assert password_login(client, reporter.username, "pw").status_code == 429
    assert CountingHasher.calls == 0  # twenty locked attempts, the right password among them: no hash at all


@counting
def test_an_address_trying_many_usernames_is_locked_before_hashing(client, reporter, hq):
    CountingHasher.calls = 0
    for n in range(5):
        password_login(client, f"nobody{n}", "guess", REMOTE_ADDR="10.9.9.9")
    assert CountingHasher.calls == 5
    CountingHasher.calls = 0
    assert password_login(client, hq.username, "pw", REMOTE_ADDR="10.9.9.9").status_code == 429
    assert CountingHasher.calls == 0
    # The same person from another address is not held up by the attacker's lock.
    assert password_login(client, hq.username, "pw", REMOTE_ADDR="10.1.1.1").status_code == 302


def test_someone_else_logs_in_while_an_account_is_locked(client, reporter, hq):
    _fail(client, reporter.username, 6)
    assert password_login(client, hq.username, "pw", REMOTE_ADDR="10.0.0.7").status_code == 302


def test_failures_spread_over_more_than_fifteen_minutes_do_not_lock(client, reporter):
    start = timezone.now()
    for n in range(8):
        with time_machine.travel(start + timedelta(minutes=4 * n), tick=False):
            assert password_login(client, reporter.username, "bad", REMOTE_ADDR="10.0.0.3").status_code == 200
    with time_machine.travel(start + timedelta(minutes=33), tick=False):
        assert password_login(client, reporter.username, "pw", REMOTE_ADDR="10.0.0.3").status_code == 302


def test_the_lock_lapses_after_thirty_minutes(client, reporter):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _fail(client, reporter.username, 5)
    with time_machine.travel(start + timedelta(minutes=29), tick=False):
        assert password_login(client, reporter.username, "pw").status_code == 429
    with time_machine.travel(start + timedelta(minutes=31), tick=False):
        assert password_login(client, reporter.username, "pw").status_code == 302


def test_the_security_administrator_lifts_a_lock(client, reporter, secadmin):
    _fail(client, reporter.username, 5)
    assert password_login(client, reporter.username, "pw").status_code == 429

    client.force_login(secadmin)
    page = client.get("/accounts/security/lockouts/")
    assert page.status_code == 200 and reporter.username in page.content.decode()
    response = client.post("/accounts/security/lockouts/lift/", {"username": reporter.username})
    assert response.status_code == 302
    client.logout()

    # The address stays locked (it failed five times too) until it is lifted as well.
    assert password_login(client, reporter.username, "pw", REMOTE_ADDR="10.0.0.8").status_code == 302
    assert AuditEvent.objects.filter(action=Action.LOCKOUT_LIFTED, user=secadmin, username=reporter.username).exists()


def test_lifting_an_address_lets_it_try_again(client, reporter):
    _fail(client, "nobody", 5, ip="10.5.5.5")
    assert password_login(client, reporter.username, "pw", REMOTE_ADDR="10.5.5.5").status_code == 429
    lockout_lift(by=factories.make_user("sec_lift_t", roles=("security",)), ip_address="10.5.5.5")
    assert password_login(client, reporter.username, "pw", REMOTE_ADDR="10.5.5.5").status_code == 302


def test_the_lockout_page_is_not_for_anyone_but_the_security_administrator(client, admin, reporter):
    for person in (admin, reporter):
        client.force_login(person)
        assert client.get("/accounts/security/lockouts/").status_code == 403
        assert client.post("/accounts/security/lockouts/lift/", {"username": "x"}).status_code == 403
