"""TOTP second factor: required for the administrator roles (enrol at first login), asked after the
password of anyone who has one, optional for the others; recovery codes work once."""

from __future__ import annotations

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.events import Action, Outcome
from audit.models import AuditEvent
from tests.conftest import totp_token

from .conftest import password_login

pytestmark = pytest.mark.django_db


def _enrol(client, user):
    page = client.get("/accounts/otp/enrol/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "<svg" in text and "设置两步验证" in text  # the QR code, drawn on the server
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    return device, client.post("/accounts/otp/enrol/", {"token": totp_token(device), "next": "/"})


def test_an_administrator_enrols_at_first_login_and_gets_recovery_codes(client, sysadmin):
    password_login(client, sysadmin.username)
    response = client.get("/projects/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/otp/enrol/")

    device, response = _enrol(client, sysadmin)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/otp/recovery-codes/")
    device.refresh_from_db()
    assert device.confirmed
    codes_page = client.get(response["Location"]).content.decode()
    codes = list(StaticToken.objects.filter(device__user=sysadmin).values_list("token", flat=True))
    assert len(codes) == 10 and all(code in codes_page for code in codes)
    assert codes[0] not in client.get(response["Location"]).content.decode()  # shown once
    assert client.get("/projects/").status_code == 200
    assert AuditEvent.objects.filter(action=Action.OTP_ENROL, user=sysadmin, outcome=Outcome.SUCCESS).exists()


def test_a_wrong_code_does_not_enrol(client, sysadmin):
    password_login(client, sysadmin.username)
    client.get("/accounts/otp/enrol/")
    response = client.post("/accounts/otp/enrol/", {"token": "000000"})
    assert response.status_code == 200 and "验证码不正确" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=sysadmin, confirmed=True).exists()
    assert client.get("/").status_code == 302


def test_someone_with_an_authenticator_confirms_a_code_after_the_password(client, reporter):
    device = TOTPDevice.objects.create(user=reporter, name="phone", confirmed=True)
    password_login(client, reporter.username)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/otp/verify/")

    wrong = client.post("/accounts/otp/verify/", {"token": "123456", "next": "/"})
    assert wrong.status_code == 200
    assert AuditEvent.objects.filter(action=Action.OTP_VERIFY, outcome=Outcome.FAILURE, user=reporter).exists()

    device.refresh_from_db()
    device.throttling_failure_count = 0  # django-otp slows retries after a failure; this test does not wait
    device.throttling_failure_timestamp = None
    device.save()
    right = client.post("/accounts/otp/verify/", {"token": totp_token(device), "next": "/projects/"})
    assert right.status_code == 302 and right["Location"] == "/projects/"
    assert client.get("/projects/").status_code == 200
    assert AuditEvent.objects.filter(action=Action.OTP_VERIFY, outcome=Outcome.SUCCESS, user=reporter).exists()


def test_a_code_is_accepted_once(client, reporter):
    device = TOTPDevice.objects.create(user=reporter, name="phone", confirmed=True)
    token = totp_token(device)
    password_login(client, reporter.username)
    assert client.post("/accounts/otp/verify/", {"token": token}).status_code == 302
    client.post("/accounts/logout/")
    password_login(client, reporter.username)
    assert client.post("/accounts/otp/verify/", {"token": token}).status_code == 200  # replayed: refused


def test_a_recovery_code_replaces_the_phone_once(client, sysadmin):
    password_login(client, sysadmin.username)
    _enrol(client, sysadmin)
    code = StaticToken.objects.filter(device__user=sysadmin).first().token
    client.post("/accounts/logout/")

    password_login(client, sysadmin.username)
    response = client.post("/accounts/otp/verify/", {"token": code, "next": "/"})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action=Action.OTP_VERIFY, detail="recovery code").exists()
    client.post("/accounts/logout/")

    password_login(client, sysadmin.username)
    assert client.post("/accounts/otp/verify/", {"token": code}).status_code == 200  # used up


def test_the_second_factor_is_optional_for_business_roles(client, reporter):
    password_login(client, reporter.username)
    assert client.get("/").status_code == 200
    page = client.get("/accounts/otp/enrol/")
    assert page.status_code == 200 and "你的角色要求两步验证" not in page.content.decode()


def test_the_security_administrator_resets_a_lost_authenticator(client, secadmin, reporter):
    TOTPDevice.objects.create(user=reporter, name="phone", confirmed=True)
    client.force_login(secadmin)
    response = client.post(f"/accounts/security/users/{reporter.pk}/", {"action": "reset_otp"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=reporter).exists()
    assert AuditEvent.objects.filter(action=Action.OTP_RESET, user=secadmin, object_id=str(reporter.pk)).exists()


def test_the_tests_compute_codes_with_django_otps_own_totp(reporter):
    device = TOTPDevice.objects.create(user=reporter, name="phone", confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    assert device.verify_token(totp.token())
