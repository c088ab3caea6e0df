# Hand-written: the flat-app layout (ARCHITECTURE.md). Models moved between apps keep their tables
# (db_table pinned), so the task forces' and campaigns' rows stay where they are.

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0001_initial'),
        ('taskforces', '0004_funding_status_applied_for'),
        ('campaigns', '0003_campaign_records'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Campaign',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('slug', models.SlugField(unique=True, verbose_name='slug')),
                        ('name', models.CharField(max_length=50, verbose_name='name')),
                        ('summary', models.TextField(blank=True, verbose_name='summary')),
                        ('sort_order', models.PositiveSmallIntegerField(default=0, verbose_name='sort order')),
                        ('lead_unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='projects.unit', verbose_name='lead unit')),
                    ],
                    options={
                        'verbose_name': 'campaign',
                        'verbose_name_plural': 'campaigns',
                        'db_table': 'campaigns_campaign',
                        'ordering': ['sort_order', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='TaskForce',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('slug', models.SlugField(unique=True, verbose_name='slug')),
                        ('name', models.CharField(max_length=50, verbose_name='name')),
                        ('duties', models.TextField(blank=True, verbose_name='what it keeps')),
                        ('cadence', models.CharField(blank=True, max_length=200, verbose_name='cadence in the notice')),
                        ('sort_order', models.PositiveSmallIntegerField(default=0, verbose_name='sort order')),
                        ('lead_unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='projects.unit', verbose_name='lead unit')),
                    ],
                    options={
                        'verbose_name': 'task force',
                        'verbose_name_plural': 'task forces',
                        'db_table': 'taskforces_taskforce',
                        'ordering': ['sort_order', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='TaskForceMembership',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('role', models.CharField(choices=[('lead', 'Lead'), ('member', 'Member')], default='member', max_length=10, verbose_name='role')),
                        ('taskforce', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='projects.taskforce')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='taskforce_memberships', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'task-force membership',
                        'verbose_name_plural': 'task-force memberships',
                        'db_table': 'taskforces_taskforcemembership',
                    },
                ),
                migrations.AddField(
                    model_name='taskforce',
                    name='members',
                    field=models.ManyToManyField(related_name='taskforces', through='projects.TaskForceMembership', to=settings.AUTH_USER_MODEL, verbose_name='members'),
                ),
                migrations.AddConstraint(
                    model_name='taskforcemembership',
                    constraint=models.UniqueConstraint(fields=('taskforce', 'user'), name='membership_unique'),
                ),
            ],
            database_operations=[],
        ),
    ]
