"""Production settings: `check --deploy` is clean with the documented variables; BEHIND_HTTPS_PROXY turns
on Secure cookies, HSTS and the HTTPS redirect; the security limits are read from the environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# The production variables README documents (docker-compose passes them through).
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k7#Qm2v!Zr9pX4wL8sT1yB6nD3fH0jC5gA-eU_oI+aR2w9Lx3Vb7Np0Qs",  # 50+ random characters
    "ALLOWED_HOSTS": "xm.yangcheng.gov.cn",
    "CSRF_TRUSTED_ORIGINS": "https://xm.yangcheng.gov.cn",
    "BEHIND_HTTPS_PROXY": "true",
    "DATABASE_URL": "sqlite:///:memory:",
}


def _env(**extra: str) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "VIRTUAL_ENV"}}
    # No local.env here: a real environment only (manage.py would read the developer's DEBUG=true).
    return {**keep, "DJANGO_SETTINGS_MODULE": "yangcheng_projects.settings", **extra}


def _settings(names: list[str], **env: str) -> dict[str, object]:
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}, default=str))"
    )
    done = subprocess.run(  # noqa: S603  # our own interpreter, fixed arguments
        [sys.executable, "-c", code], cwd=ROOT, env=_env(**env), capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_check_deploy_prints_no_warning_with_the_documented_production_variables(tmp_path):
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_env(**PRODUCTION, HOME=str(tmp_path)),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout  # HSTS preload's reminder silenced, see settings


def test_behind_an_https_proxy_cookies_are_secure_hsts_is_on_and_http_redirects():
    found = _settings(
        [
            "SESSION_COOKIE_SECURE",
            "CSRF_COOKIE_SECURE",
            "SECURE_SSL_REDIRECT",
            "SECURE_HSTS_SECONDS",
            "SECURE_PROXY_SSL_HEADER",
            "TRUSTED_PROXY_COUNT",
        ],
        **PRODUCTION,
    )
    assert found["SESSION_COOKIE_SECURE"] and found["CSRF_COOKIE_SECURE"] and found["SECURE_SSL_REDIRECT"]
    assert int(str(found["SECURE_HSTS_SECONDS"])) >= 31_536_000
    assert found["TRUSTED_PROXY_COUNT"] == 1
    plain = _settings(
        ["SESSION_COOKIE_SECURE", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"],
        **{**PRODUCTION, "BEHIND_HTTPS_PROXY": "false"},
    )
    assert plain == {"SESSION_COOKIE_SECURE": False, "SECURE_SSL_REDIRECT": False, "SECURE_HSTS_SECONDS": 0}


def test_the_security_limits_come_from_the_environment():
    found = _settings(
        [
            "SESSION_IDLE_MINUTES",
            "SESSION_ABSOLUTE_HOURS",
            "SESSION_COOKIE_AGE",
            "PASSWORD_MAX_AGE_DAYS",
            "AXES_FAILURE_LIMIT",
            "AUDIT_RETENTION_DAYS",
        ],
        **PRODUCTION,
        SESSION_IDLE_MINUTES="15",
        SESSION_ABSOLUTE_HOURS="8",
        PASSWORD_MAX_AGE_DAYS="60",
        LOGIN_FAILURE_LIMIT="4",
        AUDIT_RETENTION_DAYS="365",
    )
    assert found == {
        "SESSION_IDLE_MINUTES": 15,
        "SESSION_ABSOLUTE_HOURS": 8,
        "SESSION_COOKIE_AGE": 8 * 3600,
        "PASSWORD_MAX_AGE_DAYS": 60,
        "AXES_FAILURE_LIMIT": 4,
        "AUDIT_RETENTION_DAYS": 365,
    }


def test_a_retention_under_180_days_stops_start_up():
    code = "import django; django.setup()"
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=_env(**PRODUCTION, AUDIT_RETENTION_DAYS="90"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0 and "AUDIT_RETENTION_DAYS" in done.stderr
