"""People of the security tests: the three administrators, and a helper that logs in through the real
login form (the project-wide `force_login` also completes the second factor; these tests often must not)."""

from __future__ import annotations

import pytest

from accounts.models import Role
from tests import factories

STRONG = "Yc-2024-strong"  # ten or more characters, four classes, like nobody's name


@pytest.fixture
def sysadmin(db):
    return factories.make_user("sysadmin_t", roles=(Role.ADMIN,), is_staff=True)


@pytest.fixture
def secadmin(db):
    return factories.make_user("secadmin_t", roles=(Role.SECURITY,))


@pytest.fixture
def auditor(db):
    return factories.make_user("auditor_t", roles=(Role.AUDIT,))


def password_login(client, username: str, password: str = "pw", **extra):  # noqa: S107  # the factories' password
    return client.post("/accounts/login/", {"username": username, "password": password}, **extra)
