"""The password policy: length, character classes, likeness, common passwords, no reuse of the last five,
expiry after PASSWORD_MAX_AGE_DAYS, and a forced change after an administrator chose the password."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from accounts.events import Action
from accounts.models import PasswordHistory, Role, User
from accounts.services import user_reset_password
from audit.models import AuditEvent
from tests import factories

from .conftest import STRONG, password_login

pytestmark = pytest.mark.django_db


def _refused(password: str, user: User) -> list[str]:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return error.messages
    return []


@pytest.mark.parametrize(
    "password",
    [
        "hq123456",  # the example: short, two classes
        "yangchen",  # the example: one class
        "Yc-2024",  # four classes, seven characters
        "yangcheng2024",  # long, two classes
        "Wangfang-2024",  # like the person's username
        "Password123",  # a common password (three classes, eleven characters)
    ],
)
def test_the_policy_refuses_weak_passwords_in_chinese(password):
    user = factories.make_user("wangfang", full_name="王芳")
    messages = _refused(password, user)
    assert messages
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in message) for message in messages)


def test_ten_characters_of_three_classes_unlike_the_name_pass():
    user = factories.make_user("wangfang", full_name="王芳")
    assert _refused("qiaoZhuang7!", user) == []
    assert _refused("sanjiaqiao2024X", user) == []


def test_none_of_the_last_five_passwords_may_be_chosen_again():
    user = factories.make_user("reuse_t")
    passwords = [f"Reuse-{n}-abcdef" for n in range(6)]
    for password in passwords:
        validate_password(password, user)
        user.set_password(password)
        user.save()
    assert PasswordHistory.objects.filter(user=user).count() == 5  # only the hashes, only five
    assert not PasswordHistory.objects.filter(password__contains="Reuse").exists()
    for recent in passwords[1:]:
        assert _refused(recent, user), recent
    assert _refused(passwords[0], user) == []  # six changes ago: allowed again


def test_a_password_older_than_the_maximum_age_must_be_changed_first(client):
    user = factories.make_user("old_pw_t")
    with time_machine.travel(timezone.now() + timedelta(days=91)):
        client.force_login(user)
        response = client.get("/")
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/password/?next=/")
        page = client.get(response["Location"])
        assert "密码已超过有效期" in page.content.decode()


@override_settings(PASSWORD_MAX_AGE_DAYS=0)
def test_password_max_age_zero_means_passwords_do_not_expire(client):
    user = factories.make_user("never_t")
    with time_machine.travel(timezone.now() + timedelta(days=400)):
        client.force_login(user)
        assert client.get("/").status_code == 200


@override_settings(PASSWORD_MAX_AGE_DAYS=30)
def test_the_maximum_age_is_configurable(client):
    user = factories.make_user("thirty_t")
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        client.force_login(user)
        assert client.get("/").status_code == 302


def test_an_account_the_administrator_made_changes_its_password_at_first_login(client, admin):
    client.force_login(admin)
    response = client.post(
        "/admin/projects/user/add/",
        {"username": "newcomer", "usable_password": "true", "password1": STRONG, "password2": STRONG},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    newcomer = User.objects.get(username="newcomer")
    assert newcomer.password_change_required
    client.logout()

    password_login(client, "newcomer", STRONG)
    response = client.get("/projects/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/password/")
    assert client.get("/accounts/password/").status_code == 200

    chosen = "Newcomer-own-2024"
    response = client.post(
        "/accounts/password/?next=/projects/",
        {"old_password": STRONG, "new_password1": chosen, "new_password2": chosen, "next": "/projects/"},
    )
    assert response.status_code == 302 and response["Location"] == "/projects/"
    assert User.objects.get(pk=newcomer.pk).password_change_required is False
    assert client.get("/projects/").status_code == 200
    assert AuditEvent.objects.filter(action=Action.PASSWORD_CHANGE, user=newcomer, outcome="success").exists()


def test_after_the_security_administrators_reset_the_person_changes_the_password(client, reporter):
    by = factories.make_user("sec_reset_t", roles=(Role.SECURITY,))
    temporary = user_reset_password(user=reporter, by=by)
    password_login(client, reporter.username, temporary)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/password/")
    assert AuditEvent.objects.filter(action=Action.PASSWORD_RESET, user=by, object_id=str(reporter.pk)).exists()


def test_the_change_page_refuses_a_weak_new_password(client, reporter):
    client.force_login(reporter)
    response = client.post(
        "/accounts/password/", {"old_password": "pw", "new_password1": "hq123456", "new_password2": "hq123456"}
    )
    assert response.status_code == 200
    assert "密码" in response.content.decode()
    reporter.refresh_from_db()
    assert reporter.check_password("pw")
