# Hand-written: the flat-app layout (ARCHITECTURE.md). Models moved between apps keep their tables
# (db_table pinned), so nothing is lost; OccurrenceAttachment's rows were copied into files.Attachment first.

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('scheduling', '0002_seed_notice_duties'),
        ('projects', '0002_taskforce_campaign_moved_in'),
        ('problems', '0001_initial'),
        ('notifications', '0001_initial'),
        ('files', '0002_occurrence_attachments'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='duty',
                    name='campaign',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='cycle_duties', to='projects.campaign', verbose_name='campaign'),
                ),
                migrations.AlterField(
                    model_name='duty',
                    name='taskforce',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='cycle_duties', to='projects.taskforce', verbose_name='task force'),
                ),
                migrations.AlterField(
                    model_name='historicalduty',
                    name='campaign',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='projects.campaign', verbose_name='campaign'),
                ),
                migrations.AlterField(
                    model_name='historicalduty',
                    name='taskforce',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='projects.taskforce', verbose_name='task force'),
                ),
                migrations.AlterField(
                    model_name='occurrence',
                    name='problems_raised',
                    field=models.ManyToManyField(blank=True, related_name='raised_at_occurrences', to='problems.problem', verbose_name='problems raised'),
                ),
                migrations.AlterField(
                    model_name='occurrence',
                    name='problems_resolved',
                    field=models.ManyToManyField(blank=True, related_name='resolved_at_occurrences', to='problems.problem', verbose_name='problems resolved'),
                ),
                migrations.DeleteModel(
                    name='Delivery',
                ),
                migrations.DeleteModel(
                    name='Notification',
                ),
                migrations.DeleteModel(
                    name='LevelOfficial',
                ),
            ],
            database_operations=[],
        ),
        migrations.DeleteModel(
            name='OccurrenceAttachment',
        ),
    ]
