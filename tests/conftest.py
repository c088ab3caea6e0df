"""Shared fixtures: the people every access test needs, and the services some tests need.

People: admin, hq, leader (reads everything), inspector, tf_lead (lead of the approvals task force),
tf_member (member of approvals), other_tf_member (member of investment: the wrong task force),
reporter (reports for `township`), other_reporter (another township), outsider (logged in, no role).

Tests marked postgres / redis / browser need that service. In CI (CI=true or REQUIRE_SERVICES=1)
a missing service fails the test; elsewhere it is skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import socket
import time
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
from django.db import connection, connections
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.access import needs_second_factor
from accounts.models import MembershipRole, Role, UnitKind

from . import factories

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API beside live_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _services_required() -> bool:
    return os.environ.get("CI", "").lower() == "true" or os.environ.get("REQUIRE_SERVICES") == "1"


def _redis_reachable() -> tuple[bool, str]:
    url = os.environ.get("REDIS_URL", "")
    if not url:
        return False, "REDIS_URL is not set"
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 6379), timeout=1):
            return True, ""
    except OSError as exc:
        return False, f"Redis at {url} is unreachable: {exc}"


def _browser_available() -> tuple[bool, str]:
    if not os.path.exists(CHROMIUM):
        return False, f"{CHROMIUM} is missing (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False, "playwright is not installed"
    return True, ""


def pytest_runtest_setup(item: pytest.Item) -> None:
    problems: list[str] = []
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        problems.append(f"needs PostgreSQL, the database is {connection.vendor} (set DATABASE_URL)")
    if item.get_closest_marker("redis"):
        ok, why = _redis_reachable()
        if not ok:
            problems.append(why)
    if item.get_closest_marker("browser"):
        ok, why = _browser_available()
        if not ok:
            problems.append(why)
    if problems:
        message = "; ".join(problems)
        if _services_required():
            pytest.fail(f"required service missing in CI: {message}", pytrace=False)
        pytest.skip(message)


# --- logging in ---------------------------------------------------------------------------------


_plain_force_login = Client.force_login


def _force_login_with_second_factor(self, user, backend=None):
    """`force_login` stands for a whole login: the password and, for someone who has an authenticator or
    whose role requires one (accounts.access.needs_second_factor), the second factor too. The second
    factor's own tests (tests/security) go through the real pages."""
    _plain_force_login(self, user, backend)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None and needs_second_factor(user):
        device = TOTPDevice.objects.create(user=user, name="test authenticator", confirmed=True)
    if device is not None:
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


@pytest.fixture(autouse=True)
def _whole_logins(monkeypatch):
    monkeypatch.setattr(Client, "force_login", _force_login_with_second_factor)


def totp_token(device: TOTPDevice) -> str:
    """The code the person's authenticator app shows now, computed with django-otp's own TOTP; never one
    the device has already accepted (django-otp refuses a code twice), so the next step's if need be."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.t() <= device.last_t:
        totp.time += device.step * (device.last_t + 1 - totp.t())
    return str(totp.token()).zfill(device.digits)


# --- people -------------------------------------------------------------------------------------


@pytest.fixture
def township(db):
    return factories.make_unit("凤城镇", UnitKind.TOWNSHIP)


@pytest.fixture
def other_township(db):
    return factories.make_unit("北留镇", UnitKind.TOWNSHIP)


@pytest.fixture
def department(db):
    return factories.make_unit("县交通运输局", UnitKind.DEPARTMENT)


@pytest.fixture
def admin(db):
    return factories.make_user("admin_t", roles=(Role.ADMIN,), is_staff=True)


@pytest.fixture
def hq(db):
    return factories.make_user("hq_t", roles=(Role.HQ,))


@pytest.fixture
def leader(db):
    return factories.make_user("leader_t", roles=(Role.LEADER,))


@pytest.fixture
def inspector(db):
    return factories.make_user("inspector_t", roles=(Role.INSPECTION,))


@pytest.fixture
def tf_lead(db):
    user = factories.make_user("approvals_lead_t")
    factories.add_member(user, "approvals", MembershipRole.LEAD)
    return user


@pytest.fixture
def tf_member(db):
    user = factories.make_user("approvals_member_t")
    factories.add_member(user, "approvals")
    return user


@pytest.fixture
def other_tf_member(db):
    user = factories.make_user("investment_member_t")
    factories.add_member(user, "investment")
    return user


@pytest.fixture
def reporter(db, township):
    return factories.make_user("reporter_t", roles=(Role.REPORTER,), unit=township)


@pytest.fixture
def other_reporter(db, other_township):
    return factories.make_user("other_reporter_t", roles=(Role.REPORTER,), unit=other_township)


@pytest.fixture
def outsider(db):
    return factories.make_user("outsider_t")


@pytest.fixture
def all_taskforces(db):
    return [factories.make_taskforce(slug) for slug in factories.TASKFORCE_SLUGS]


# --- browser ------------------------------------------------------------------------------------


@pytest.fixture
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright's sync API. Never downloads a browser."""
    ok, why = _browser_available()
    if not ok:
        pytest.skip(why)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()
            # While Playwright's sync API runs, the test body sees another context (its greenlet's),
            # so Django opened a second database connection there. Close it here, still in that
            # context: left open, it stops the test database from being dropped at the end
            # ("database … is being accessed by other users").
            connections.close_all()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    context.close()


@pytest.fixture
def phone_page(browser):
    """A phone-sized window, as a task-force member on a site would use."""
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    context.close()


def login(page, live_server, username: str, password: str = "pw") -> None:  # noqa: S107  # the factories' password
    """Log in through the real login form, and through the second step where the person has or needs an
    authenticator (enrolling one as its page asks, with the code computed from the device)."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    if "/accounts/otp/enrol/" in page.url:
        device = TOTPDevice.objects.get(user__username=username, confirmed=False)
        page.fill("input[name=token]", totp_token(device))
        page.click("#otp-enrol-form button[type=submit]")
        page.wait_for_load_state("networkidle")
        page.click("text=继续")  # past the recovery codes
        page.wait_for_load_state("networkidle")
    elif "/accounts/otp/verify/" in page.url:
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        page.fill("input[name=token]", totp_token(device))
        page.click("#otp-verify-form button[type=submit]")
        page.wait_for_load_state("networkidle")


def chromium_path() -> str | None:
    return shutil.which("chromium") or (CHROMIUM if os.path.exists(CHROMIUM) else None)
