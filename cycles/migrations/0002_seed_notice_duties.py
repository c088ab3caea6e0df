"""Seed the duties the notice names (阳政办函〔2024〕5号), with the same function `demo.load()` uses.

Duties of task forces or campaigns that do not exist yet are skipped; the demo, or the "add the
notice's duties" button on the duties page, adds them later. Reversing removes nothing an
administrator may have relied on: it is a no-op.
"""

from django.db import migrations
from django.utils import timezone


def seed(apps, schema_editor):
    from cycles.seeding import seed_notice_duties

    seed_notice_duties(
        duty_model=apps.get_model("scheduling", "Duty"),
        taskforce_model=apps.get_model("taskforces", "TaskForce"),
        campaign_model=apps.get_model("campaigns", "Campaign"),
        unit_model=apps.get_model("projects", "Unit"),
        today=timezone.localdate(),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("scheduling", "0001_initial"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
