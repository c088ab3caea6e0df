"""Headers and transport: the Content-Security-Policy (no inline script anywhere), 413 for an oversized
anonymous body before it is read, and the error pages in Chinese."""

from __future__ import annotations

import re
import socket
import time
from pathlib import Path

import pytest
from django.test import Client, RequestFactory
from django.views import defaults

ROOT = Path(__file__).resolve().parents[2]
SKIP = {".venv", "staticfiles", "var", "node_modules"}


def _templates():
    return [p for p in ROOT.rglob("*.html") if not SKIP & set(p.relative_to(ROOT).parts)]


def test_no_template_has_an_inline_script_or_event_handler():
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
    handler = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
    offenders = []
    for path in _templates():
        text = path.read_text(encoding="utf-8")
        text_without_json = re.sub(r'<script type="application/json"[^>]*>', "", text)
        if inline_script.search(text_without_json) or handler.search(text) or "javascript:" in text:
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


@pytest.mark.django_db
def test_every_page_carries_the_policy_scripts_only_from_our_own_files(client, reporter):
    client.force_login(reporter)
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert "unsafe-eval" not in policy
    login_page = client.get("/accounts/login/")
    assert "Content-Security-Policy" in login_page


@pytest.mark.django_db
def test_an_anonymous_body_claimed_at_200_mb_is_refused_with_413_before_it_is_read(client):
    response = client.generic(
        "POST",
        "/accounts/login/",
        b"username=x",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(200 * 1024 * 1024),
    )
    assert response.status_code == 413


@pytest.mark.django_db(transaction=True)
def test_a_200_mb_login_post_gets_413_at_once_from_a_running_server(live_server):
    """Only the headers are sent: a server that read (or spooled) the body first would wait for it."""
    host, port = live_server.thread.host, live_server.thread.port
    started = time.monotonic()
    with socket.create_connection((host, port), timeout=5) as conn:
        conn.sendall(
            (
                "POST /accounts/login/ HTTP/1.1\r\n"
                f"Host: {host}\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\n"
                f"Content-Length: {200 * 1024 * 1024}\r\n\r\n"
            ).encode()
        )
        reply = conn.recv(4096).decode("latin-1")
    assert reply.startswith("HTTP/1.1 413"), reply[:200]
    assert time.monotonic() - started < 3


@pytest.mark.django_db
def test_a_logged_in_upload_may_be_larger_than_an_anonymous_request(client, reporter):
    client.force_login(reporter)
    response = client.generic("POST", "/projects/", b"", CONTENT_LENGTH=str(1024 * 1024))
    assert response.status_code != 413


def test_the_500_page_is_chinese_and_needs_no_database_or_context():
    # No django_db mark: any query here would raise.
    response = defaults.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "系统出错" in response.content.decode()


def test_the_400_page_is_chinese():
    response = defaults.bad_request(RequestFactory().get("/"), Exception())
    assert response.status_code == 400 and "请求有误" in response.content.decode()


@pytest.mark.django_db
def test_the_404_and_403_pages_are_chinese(client, reporter):
    client.force_login(reporter)
    not_found = client.get("/projects/999999/")
    assert not_found.status_code == 404
    forbidden = client.get("/audit/")
    assert forbidden.status_code == 403
    for response in (not_found, forbidden):
        text = response.content.decode()
        assert any("\u4e00" <= ch <= "\u9fff" for ch in re.sub(r"<[^>]+>", "", text))


@pytest.mark.django_db
def test_the_csrf_failure_page_is_chinese():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403 and "页面已过期" in response.content.decode()
