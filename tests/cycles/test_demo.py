"""The notice's duties are seeded by the migration and the demo (one shared function); the demo is idempotent."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from cycles.models import Duty, Occurrence
from cycles.seeding import NOTICE_DUTIES
from problems.models import LevelOfficial, Problem, ProblemEvent

pytestmark = pytest.mark.django_db


def test_the_data_migration_seeds_the_hq_office_duty_on_an_empty_database_and_skips_missing_owners():
    """Run the migration's function as `migrate` does on a fresh database: no task forces or campaigns yet."""
    import importlib

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    Duty.objects.all().delete()
    migration = importlib.import_module("cycles.migrations.0002_seed_notice_duties")
    # The models as they were when the migration ran (TaskForce was then in the taskforces app).
    state = MigrationExecutor(connection).loader.project_state(("scheduling", "0002_seed_notice_duties"))
    migration.seed(state.apps, None)
    assert list(Duty.objects.values_list("code", "owner_kind", "cadence", "day")) == [
        ("hq-monthly-taskforce-scheduling", "hq", "monthly", 20)
    ]
    assert Duty.objects.get().next_due is not None


def test_the_notice_names_the_duties_of_every_task_force_and_campaign_cadence():
    codes = {seed.code: seed for seed in NOTICE_DUTIES}
    assert codes["approvals-weekly-scheduling"].cadence == "weekly"
    assert codes["approvals-semimonthly-consultation"].cadence == "semi_monthly"
    assert codes["approvals-monthly-bulletin"].cadence == "monthly"
    assert codes["investment-weekly-visits"].cadence == "weekly"
    assert codes["investment-quarterly-bulletin"].cadence == "quarterly"
    assert codes["land-quarterly-meeting"].cadence == "quarterly"
    assert codes["service-bank-meeting"].cadence == "half_yearly"  # two government-bank-enterprise meetings a year
    assert codes["five-batches-quarterly-ceremony"].cadence == "quarterly"
    assert codes["scheduling-monthly-progress-meeting"].problem_level == "executive"
    assert codes["scheduling-county-head-meeting"].cadence == "ad_hoc"
    assert {s.owner_slug for s in NOTICE_DUTIES if s.owner_kind == "taskforce"} == {
        "investment",
        "approvals",
        "supervision",
        "land",
        "statistics",
        "funding",
    }


def load() -> None:
    """The register's demo (projects, task forces, campaigns, accounts), then this area's."""
    from demo import cycles as demo
    from demo import register as register_demo

    register_demo.load(stdout=StringIO())
    demo.load(stdout=StringIO())


def test_demo_loads_the_calendar_leaders_history_and_problems_and_a_second_load_adds_nothing():
    load()
    assert Duty.objects.count() == len(NOTICE_DUTIES)
    assert all(d.responsible_people.exists() for d in Duty.objects.all())
    assert LevelOfficial.objects.filter(level="county_head", user__username="county_head").exists()
    assert LevelOfficial.objects.filter(
        level="deputy", user__username="deputy_zhang", taskforce__slug="approvals"
    ).exists()
    history = Occurrence.objects.filter(period_start__year=2024)
    assert history.filter(status="held").count() > history.filter(status="open").count() > 0
    assert Problem.objects.filter(level="executive", status="open").exists()

    counts = (
        Duty.objects.count(),
        Occurrence.objects.count(),
        Problem.objects.count(),
        ProblemEvent.objects.count(),
        LevelOfficial.objects.count(),
    )
    load()
    assert (
        Duty.objects.count(),
        Occurrence.objects.count(),
        Problem.objects.count(),
        ProblemEvent.objects.count(),
        LevelOfficial.objects.count(),
    ) == counts

    # From the demo, the cycles open this period's occurrences, escalate and remind; the second run does nothing.
    out = StringIO()
    call_command("run_cycles", "--json", "--no-deliver", stdout=out)
    first = json.loads(out.getvalue())
    assert first["opened"] > 0
    out = StringIO()
    call_command("run_cycles", "--json", "--no-deliver", stdout=out)
    assert json.loads(out.getvalue()) == {"opened": 0, "escalated": 0, "reminders_sent": 0}
