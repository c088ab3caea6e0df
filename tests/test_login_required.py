"""Every page needs a login; the login page is in Chinese."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/projects/", "/taskforces/", "/campaigns/"])
def test_anonymous_visitor_is_sent_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_login_page_speaks_chinese(client):
    response = client.get("/accounts/login/")
    assert "登录" in response.content.decode()


def test_healthz_answers_without_login(client):
    assert client.get("/healthz").content == b"ok"
