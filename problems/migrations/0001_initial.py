# Hand-written: the flat-app layout (ARCHITECTURE.md). Models moved between apps keep their tables
# (db_table pinned), so the problem ledger's rows stay in taskforces_problem, taskforces_problemevent and scheduling_levelofficial.

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0002_taskforce_campaign_moved_in'),
        ('register', '0001_initial'),
        ('taskforces', '0005_problem_drop_source_visit'),
        ('scheduling', '0002_seed_notice_duties'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='LevelOfficial',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('level', models.CharField(choices=[('taskforce', 'Task force'), ('deputy', 'Deputy county head in charge'), ('executive', 'Executive deputy county head'), ('county_head', 'County head')], max_length=20, verbose_name='level')),
                    ],
                    options={
                        'verbose_name': 'level official',
                        'verbose_name_plural': 'level officials',
                        'db_table': 'scheduling_levelofficial',
                        'ordering': ['level', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='Problem',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('source', models.CharField(choices=[('taskforce', 'Task force'), ('meeting', 'Meeting'), ('supervision', 'Supervision visit'), ('report', 'Monthly report'), ('other', 'Other')], default='other', max_length=20, verbose_name='source')),
                        ('description', models.TextField(verbose_name='description')),
                        ('category', models.CharField(blank=True, max_length=50, verbose_name='category')),
                        ('level', models.CharField(choices=[('taskforce', 'Task force'), ('deputy', 'Deputy county head in charge'), ('executive', 'Executive deputy county head'), ('county_head', 'County head')], default='taskforce', max_length=20, verbose_name='level')),
                        ('deadline', models.DateField(blank=True, null=True, verbose_name='deadline')),
                        ('status', models.CharField(choices=[('open', 'Open'), ('resolved', 'Resolved'), ('closed', 'Closed without resolution')], default='open', max_length=20, verbose_name='status')),
                        ('resolution', models.TextField(blank=True, verbose_name='resolution')),
                        ('raised_at', models.DateTimeField(verbose_name='raised at')),
                        ('resolved_at', models.DateTimeField(blank=True, null=True, verbose_name='resolved at')),
                        ('level_changed_at', models.DateTimeField(blank=True, null=True, verbose_name='level changed at')),
                    ],
                    options={
                        'verbose_name': 'problem',
                        'verbose_name_plural': 'problems',
                        'db_table': 'taskforces_problem',
                        'ordering': ['-raised_at'],
                    },
                ),
                migrations.CreateModel(
                    name='ProblemEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('at', models.DateTimeField(verbose_name='at')),
                        ('kind', models.CharField(choices=[('raised', 'Raised'), ('escalated', 'Escalated'), ('reassigned', 'Reassigned'), ('redated', 'Deadline changed'), ('resolved', 'Resolved'), ('closed', 'Closed'), ('reopened', 'Reopened'), ('note', 'Note')], max_length=20, verbose_name='kind')),
                        ('from_level', models.CharField(blank=True, choices=[('taskforce', 'Task force'), ('deputy', 'Deputy county head in charge'), ('executive', 'Executive deputy county head'), ('county_head', 'County head')], max_length=20, verbose_name='from level')),
                        ('to_level', models.CharField(blank=True, choices=[('taskforce', 'Task force'), ('deputy', 'Deputy county head in charge'), ('executive', 'Executive deputy county head'), ('county_head', 'County head')], max_length=20, verbose_name='to level')),
                        ('note', models.TextField(blank=True, verbose_name='note')),
                    ],
                    options={
                        'verbose_name': 'problem event',
                        'verbose_name_plural': 'problem events',
                        'db_table': 'taskforces_problemevent',
                        'ordering': ['at', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalProblem',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('source', models.CharField(choices=[('taskforce', 'Task force'), ('meeting', 'Meeting'), ('supervision', 'Supervision visit'), ('report', 'Monthly report'), ('other', 'Other')], default='other', max_length=20, verbose_name='source')),
                        ('description', models.TextField(verbose_name='description')),
                        ('category', models.CharField(blank=True, max_length=50, verbose_name='category')),
                        ('level', models.CharField(choices=[('taskforce', 'Task force'), ('deputy', 'Deputy county head in charge'), ('executive', 'Executive deputy county head'), ('county_head', 'County head')], default='taskforce', max_length=20, verbose_name='level')),
                        ('deadline', models.DateField(blank=True, null=True, verbose_name='deadline')),
                        ('status', models.CharField(choices=[('open', 'Open'), ('resolved', 'Resolved'), ('closed', 'Closed without resolution')], default='open', max_length=20, verbose_name='status')),
                        ('resolution', models.TextField(blank=True, verbose_name='resolution')),
                        ('raised_at', models.DateTimeField(verbose_name='raised at')),
                        ('resolved_at', models.DateTimeField(blank=True, null=True, verbose_name='resolved at')),
                        ('level_changed_at', models.DateTimeField(blank=True, null=True, verbose_name='level changed at')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('owner', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='owner')),
                        ('owner_unit', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='projects.unit', verbose_name='responsible unit')),
                    ],
                    options={
                        'verbose_name': 'historical problem',
                        'verbose_name_plural': 'historical problems',
                        'db_table': 'taskforces_historicalproblem',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.AddField(
                    model_name='historicalproblem',
                    name='project',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='register.project', verbose_name='project'),
                ),
                migrations.AddField(
                    model_name='historicalproblem',
                    name='raised_by',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='raised by'),
                ),
                migrations.AddField(
                    model_name='historicalproblem',
                    name='source_taskforce',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='projects.taskforce', verbose_name='task force'),
                ),
                migrations.AddField(
                    model_name='levelofficial',
                    name='taskforce',
                    field=models.ForeignKey(blank=True, help_text='Deputy county heads: the task force whose problems they take; empty for all.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='projects.taskforce', verbose_name='in charge of task force'),
                ),
                migrations.AddField(
                    model_name='levelofficial',
                    name='user',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='person'),
                ),
                migrations.AddField(
                    model_name='problem',
                    name='owner',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='owned_problems', to=settings.AUTH_USER_MODEL, verbose_name='owner'),
                ),
                migrations.AddField(
                    model_name='problem',
                    name='owner_unit',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='projects.unit', verbose_name='responsible unit'),
                ),
                migrations.AddField(
                    model_name='problem',
                    name='project',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='problems', to='register.project', verbose_name='project'),
                ),
                migrations.AddField(
                    model_name='problem',
                    name='raised_by',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='raised by'),
                ),
                migrations.AddField(
                    model_name='problem',
                    name='source_taskforce',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='problems', to='projects.taskforce', verbose_name='task force'),
                ),
                migrations.AddField(
                    model_name='problemevent',
                    name='actor',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by'),
                ),
                migrations.AddField(
                    model_name='problemevent',
                    name='problem',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='problems.problem'),
                ),
                migrations.AddConstraint(
                    model_name='levelofficial',
                    constraint=models.UniqueConstraint(fields=('level', 'user', 'taskforce'), name='levelofficial_unique'),
                ),
                migrations.AddConstraint(
                    model_name='levelofficial',
                    constraint=models.UniqueConstraint(condition=models.Q(('taskforce__isnull', True)), fields=('level', 'user'), name='levelofficial_unique_general'),
                ),
                migrations.AddIndex(
                    model_name='problem',
                    index=models.Index(fields=['status', 'level'], name='taskforces__status_55cf87_idx'),
                ),
                migrations.AddIndex(
                    model_name='problem',
                    index=models.Index(fields=['status', 'deadline'], name='taskforces__status_8f3ba8_idx'),
                ),
                migrations.AddConstraint(
                    model_name='problem',
                    constraint=models.CheckConstraint(condition=models.Q(('status', 'open'), ('resolved_at__isnull', False), _connector='OR'), name='problem_closed_has_time'),
                ),
            ],
            database_operations=[],
        ),
    ]
