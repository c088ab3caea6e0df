"""`make test` says which database and Redis it uses, and never picks a shared database by itself."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "test_env.sh"


def _run(**env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    done = subprocess.run(["bash", str(SCRIPT)], env={**clean, **env}, capture_output=True, text=True, check=True)  # noqa: S603, S607  # fixed arguments
    return done.stdout


def test_without_database_url_a_database_of_the_users_own_is_named_and_announced():
    out = _run()
    exports = [line for line in out.splitlines() if line.startswith("export DATABASE_URL=")]
    if exports:  # PostgreSQL answers on this machine
        name = exports[0].rsplit("/", 1)[1]
        assert name.startswith("yangcheng_test_") and name != "yangcheng"
    assert "make test: database" in out


def test_a_given_database_url_is_kept_and_announced_without_its_password():
    out = _run(DATABASE_URL="postgres://ci:hunter2@db.example:5432/yangcheng_ci", REDIS_URL="redis://r:6379/3")
    assert "export DATABASE_URL" not in out and "hunter2" not in out
    assert "postgres://ci:***@db.example:5432/yangcheng_ci" in out and "redis://r:6379/3" in out
