"""Celery: a real worker, started here, runs a real task through Redis; beat's schedule fires when it says."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from celery.schedules import crontab
from django.conf import settings

from cycles import tasks
from cycles.models import Occurrence
from cycles.reminders import reminders_send_due
from cycles.services import occurrences_open_due
from notifications import tasks as notification_tasks
from notifications.models import Delivery, DeliveryStatus
from tests import factories
from yangcheng_projects.beat import BEAT_SCHEDULE
from yangcheng_projects.celery import app

ROOT = Path(__file__).resolve().parents[2]
SH = ZoneInfo("Asia/Shanghai")


def _test_database_url() -> str:
    """The URL of the database pytest-django created (test_<name>), for the worker process."""
    db = settings.DATABASES["default"]
    auth = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker(tmp_path):
    """`celery -A yangcheng_projects worker` on a queue of its own, against the test database and Redis."""
    queue = f"test-{uuid.uuid4().hex[:12]}"
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "yangcheng_projects.settings_test",
        "DATABASE_URL": _test_database_url(),
        "REDIS_URL": os.environ["REDIS_URL"],
        "DB_CONN_MAX_AGE": "0",
    }
    with open(log, "w") as out:
        process = subprocess.Popen(  # noqa: S603  # this interpreter and fixed arguments
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "yangcheng_projects",
                "worker",
                "-Q",
                queue,
                "-n",
                f"{queue}@%h",
                "--pool=solo",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        yield queue
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        print(log.read_text()[-3000:])  # noqa: T201  # the worker's log, shown when the test fails


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_opens_occurrences_and_sends_a_delivery_through_redis(worker, tf_lead):
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    duty = factories.make_duty(cadence="weekly", opens_from=date(2024, 1, 1), people=(tf_lead,))

    opened = tasks.open_due_occurrences.apply_async(kwargs={"now": "2024-05-06T09:00:00+08:00"}, queue=worker)
    assert opened.get(timeout=90) == 19
    assert Occurrence.objects.filter(duty=duty).count() == 19

    # Run again through the worker: nothing twice.
    assert (
        tasks.open_due_occurrences.apply_async(kwargs={"now": "2024-05-06T09:00:00+08:00"}, queue=worker).get(
            timeout=60
        )
        == 0
    )

    # A task that takes an id: the worker sends the email of a reminder created here.
    reminders_send_due(now=datetime(2024, 5, 6, 9, tzinfo=SH))
    delivery = Delivery.objects.filter(channel="email").first()
    assert delivery is not None
    assert (
        notification_tasks.send_delivery.apply_async(
            args=[delivery.pk], kwargs={"now": "2024-05-06T09:01:00+08:00"}, queue=worker
        ).get(timeout=60)
        is True
    )
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT


# --- beat's schedule ------------------------------------------------------------------------------------


def _fixed(schedule: crontab, now: datetime) -> crontab:
    """The same crontab with its clock fixed at `now`."""
    return crontab(
        minute=schedule._orig_minute,
        hour=schedule._orig_hour,
        day_of_week=schedule._orig_day_of_week,
        day_of_month=schedule._orig_day_of_month,
        month_of_year=schedule._orig_month_of_year,
        nowfun=lambda: now,
        app=app,
    )


def _next_run(name: str, now: datetime, last_run_at: datetime) -> datetime:
    """When the entry fires next after it last ran at `last_run_at` (in the past when beat is late)."""
    schedule = _fixed(BEAT_SCHEDULE[name]["schedule"], now)
    return now + schedule.remaining_estimate(last_run_at)


def test_beat_runs_in_county_time():
    assert app.conf.timezone == "Asia/Shanghai"
    assert app.conf.beat_schedule is BEAT_SCHEDULE or app.conf.beat_schedule == BEAT_SCHEDULE


def test_beat_schedule_resolves_to_the_expected_next_times():
    now = datetime(2024, 5, 6, 9, 3, tzinfo=SH)
    last = datetime(2024, 5, 6, 9, 0, tzinfo=SH)
    assert _next_run("scheduling-open-due-occurrences", now, last) == datetime(2024, 5, 6, 9, 10, tzinfo=SH)
    assert _next_run("scheduling-escalate-overdue-problems", now, last) == datetime(2024, 5, 6, 9, 5, tzinfo=SH)
    assert _next_run("scheduling-send-reminders", now, last) == datetime(2024, 5, 6, 9, 7, tzinfo=SH)
    assert _next_run("scheduling-send-due-deliveries", now, last) == datetime(
        2024, 5, 6, 9, 1, tzinfo=SH
    )  # overdue: at once
    assert _next_run("scheduling-send-due-deliveries", now, now) == datetime(2024, 5, 6, 9, 4, tzinfo=SH)
    # The escalation and reminders ticks at 09:05 and 09:07 act from 08:00: the first ones of a day run at 08:05 / 08:07.
    early = datetime(2024, 5, 6, 7, 58, tzinfo=SH)
    assert _next_run("scheduling-escalate-overdue-problems", early, early) == datetime(2024, 5, 6, 8, 5, tzinfo=SH)
    assert _next_run("scheduling-send-reminders", early, early) == datetime(2024, 5, 6, 8, 7, tzinfo=SH)
    # Across midnight into a new week: the opener fires at 00:00 on Monday, when the new week's occurrences open.
    sunday = datetime(2024, 5, 12, 23, 55, tzinfo=SH)
    assert _next_run("scheduling-open-due-occurrences", sunday, sunday - timedelta(minutes=5)) == datetime(
        2024, 5, 13, 0, 0, tzinfo=SH
    )


def test_beat_entries_are_due_when_their_minute_comes_and_not_before():
    last = datetime(2024, 5, 6, 9, 0, tzinfo=SH)
    opener = BEAT_SCHEDULE["scheduling-open-due-occurrences"]["schedule"]
    due, _next = _fixed(opener, datetime(2024, 5, 6, 9, 9, tzinfo=SH)).is_due(last)
    assert not due
    due, _next = _fixed(opener, datetime(2024, 5, 6, 9, 10, 1, tzinfo=SH)).is_due(last)
    assert due


def test_every_beat_entry_names_a_registered_task_and_says_in_words_when_it_fires():
    app.loader.import_default_modules()
    source = (ROOT / "yangcheng_projects" / "beat.py").read_text()
    for name, entry in BEAT_SCHEDULE.items():
        assert entry["task"] in app.tasks, entry["task"]
        # The line before the entry's key is a comment in words.
        match = re.search(r"#([^\n]*)\n\s*" + re.escape(f'"{name}"'), source)
        assert match and len(match.group(1).split()) >= 3, name


@pytest.mark.django_db
def test_tasks_are_thin_one_service_call_with_an_optional_fixed_clock():
    factories.make_duty(cadence="monthly", opens_from=date(2024, 5, 1))
    assert tasks.open_due_occurrences("2024-05-01T08:00:00+08:00") == 1
    assert tasks.open_due_occurrences("2024-05-01T08:00:00+08:00") == 0
    with pytest.raises(ValueError, match="time zone offset"):
        tasks.open_due_occurrences("2024-05-01T08:00:00")  # no zone: refused rather than guessed
    assert occurrences_open_due  # type: ignore[truthy-function]  # names the service the task calls
