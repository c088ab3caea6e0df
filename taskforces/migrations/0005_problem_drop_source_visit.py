# Hand-written: the flat-app layout (ARCHITECTURE.md). Models moved between apps keep their tables
# (db_table pinned), so this one drops a redundant column before the problem ledger moves: the visit that found a problem is reached through SupervisionCheck.problem.

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('taskforces', '0004_funding_status_applied_for'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='problem',
            name='source_visit',
        ),
        migrations.RemoveField(
            model_name='historicalproblem',
            name='source_visit',
        ),
    ]
