"""`manage.py run_cycles`: what beat triggers, once, as of a given time; run twice, the second does nothing."""

from __future__ import annotations

import json
from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from accounts.models import Role
from problems.models import LevelOfficial
from tests import factories

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("run_cycles", *args, stdout=out)
    return out.getvalue()


def test_run_cycles_json_counts_then_zeros_on_the_second_run(tf_lead, tf_member):
    deputy = factories.make_user("deputy_t", roles=(Role.LEADER,))
    LevelOfficial.objects.create(level="deputy", user=deputy)
    # A weekly duty from the start of the year; a problem that passed its deadline on 30 April.
    factories.make_duty(cadence="weekly", opens_from=date(2024, 1, 1), people=(tf_lead,))
    factories.make_problem(
        owner=tf_member,
        deadline=date(2024, 4, 30),
        raised_at=datetime(2024, 4, 1, 9, tzinfo=ZoneInfo("Asia/Shanghai")),
    )

    first = json.loads(run("--now", "2024-05-06T09:00:00+08:00", "--json"))
    # W01..W19 opened; one escalation; reminders: the W15..W18 schedulings overdue (W01..W14 were due more
    # than 30 days ago: no stale reminders), the problem overdue (owner), the escalation (owner and deputy).
    assert first == {"opened": 19, "escalated": 1, "reminders_sent": 4 + 1 + 2}
    second = json.loads(run("--now", "2024-05-06T09:00:00+08:00", "--json"))
    assert second == {"opened": 0, "escalated": 0, "reminders_sent": 0}
    # The emails went out inline, once.
    assert len(mail.outbox) == 7


def test_run_cycles_without_json_says_what_it_did_in_a_sentence():
    factories.make_duty(cadence="monthly", opens_from=date(2024, 5, 1))
    out = run("--now", "2024-05-06T09:00:00+08:00")
    assert out.startswith("opened 1 occurrences, escalated 0 problems")
    assert "2024-05-06T09:00:00+08:00" in out


def test_a_bare_time_is_read_in_county_time_and_a_bad_one_is_refused():
    factories.make_duty(cadence="monthly", opens_from=date(2024, 5, 1))
    assert json.loads(run("--now", "2024-05-01T00:00:00", "--json"))["opened"] == 1
    with pytest.raises(CommandError):
        call_command("run_cycles", "--now", "yesterday")
