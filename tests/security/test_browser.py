"""In Debian's Chromium: an administrator enrols an authenticator and logs in with it; the pages, charts
and forms work under the Content-Security-Policy with no violation reported."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role
from projects.models import YearTarget
from tests import factories
from tests.conftest import login, totp_token

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Registered before any page script runs (Playwright injects it outside the page's CSP).
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def test_an_administrator_enrols_an_authenticator_and_logs_in_with_it(page, live_server):
    factories.make_user("chief_b", roles=(Role.ADMIN,), is_staff=True, full_name="李主任")
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "chief_b")
    page.fill("input[name=password]", "pw")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/accounts/otp/enrol/"))
    assert page.locator("#otp-qr svg").is_visible()
    secret = page.inner_text("#otp-secret")

    device = TOTPDevice.objects.get(user__username="chief_b", confirmed=False)
    assert secret.replace(" ", "")  # the key to type in by hand, when the camera cannot scan
    page.fill("input[name=token]", totp_token(device))
    page.click("#otp-enrol-form button[type=submit]")
    page.wait_for_url(re.compile(r"/accounts/otp/recovery-codes/"))
    assert page.locator("#recovery-codes li").count() == 10
    page.click("text=继续")
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("text=李主任").first.is_visible()

    # Log out, log in again: the password, then a code from the authenticator.
    page.click("text=李主任")
    page.click("button:has-text('退出登录')")
    page.wait_for_url(re.compile(r"/accounts/login/"))
    page.fill("input[name=username]", "chief_b")
    page.fill("input[name=password]", "pw")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/accounts/otp/verify/"))
    device.refresh_from_db()
    page.fill("input[name=token]", totp_token(device))
    page.click("#otp-verify-form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/admin/")
    assert "系统管理" in page.content()


def test_pages_charts_and_forms_work_under_the_policy(browser, live_server, township):
    YearTarget.objects.create(year=2024, fai_target=Decimal("1600500"), growth_rate=Decimal("10"))
    for n in range(3):
        factories.make_project(f"CSP测试项目{n}", township=township)
    factories.make_user("hq_csp", roles=(Role.HQ,))
    lead = factories.make_user("supervision_csp")
    for slug in factories.TASKFORCE_SLUGS:
        factories.make_taskforce(slug)
    factories.add_member(lead, "supervision", "lead")

    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    page.set_default_timeout(15000)
    console_errors: list[str] = []
    page.on("console", lambda message: console_errors.append(message.text) if message.type == "error" else None)
    violations: list[str] = []

    def visit(path: str) -> None:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
        violations.extend(page.evaluate("window.__cspViolations"))

    try:
        response = page.goto(f"{live_server.url}/accounts/login/")
        assert "script-src 'self'" in response.headers["content-security-policy"]
        violations.extend(page.evaluate("window.__cspViolations"))
        login(page, live_server, "hq_csp")

        visit("/?year=2024&month=6")
        drawn = page.evaluate(
            "() => typeof Chart !== 'undefined' && !!Chart.getChart(document.getElementById('chart-tiers'))"
        )
        assert drawn  # the dashboard's charts, drawn from static files and the page's JSON

        visit("/projects/")
        assert "CSP测试项目0" in page.content()

        visit("/cycles/duties/new/")
        assert page.locator("[data-for][hidden]").count() > 0  # its script (now a static file) ran

        context.clear_cookies()
        login(page, live_server, "supervision_csp")
        visit("/taskforces/supervision/")
        page.click("a:has-text('新增')")
        page.wait_for_url(re.compile(r"/taskforces/supervision/visits/new/$"))
        page.wait_for_load_state("networkidle")
        violations.extend(page.evaluate("window.__cspViolations"))
        assert page.locator("form input[name=inspectors]").count() == 1

        assert violations == []
        assert [e for e in console_errors if "Content Security Policy" in e] == []
    finally:
        context.close()
