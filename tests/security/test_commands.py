"""A clean production start: no demo data without DEBUG unless asked; the first system administrator is
made by a command that enforces the password policy and sends them to enrol a second factor."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from accounts.models import Role, User

from .conftest import STRONG, password_login

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=False)
def test_load_demo_refuses_without_debug():
    with pytest.raises(CommandError, match="--allow-in-production"):
        call_command("load_demo", stdout=io.StringIO())
    assert not User.objects.filter(username="admin").exists()


def test_create_sysadmin_refuses_a_weak_password(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("hq123456\n"))
    with pytest.raises(CommandError, match="密码不符合要求"):
        call_command("create_sysadmin", "chief", "--password-stdin", stdout=io.StringIO())
    assert not User.objects.filter(username="chief").exists()


def test_create_sysadmin_makes_a_system_administrator_who_enrols_a_second_factor_first(client, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(STRONG + "\n"))
    out = io.StringIO()
    call_command("create_sysadmin", "chief", "--full-name", "李主任", "--password-stdin", stdout=out)
    chief = User.objects.get(username="chief")
    assert set(chief.groups.values_list("name", flat=True)) == {Role.ADMIN}
    assert chief.is_staff and not chief.is_superuser
    assert "两步验证" in out.getvalue()

    password_login(client, "chief", STRONG)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/otp/enrol/")

    monkeypatch.setattr("sys.stdin", io.StringIO(STRONG + "\n"))
    with pytest.raises(CommandError, match="已存在"):
        call_command("create_sysadmin", "chief", "--password-stdin", stdout=io.StringIO())


def test_create_sysadmin_can_make_the_first_security_administrator(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(STRONG + "\n"))
    call_command("create_sysadmin", "guard", "--role", "security", "--password-stdin", stdout=io.StringIO())
    guard = User.objects.get(username="guard")
    assert set(guard.groups.values_list("name", flat=True)) == {Role.SECURITY} and not guard.is_staff
