# Hand-written: the flat-app layout (ARCHITECTURE.md). Models moved between apps keep their tables
# (db_table pinned), so the register's rows stay in the projects_* tables.

import django.db.models.deletion
from decimal import Decimal
import django.core.validators
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0002_taskforce_campaign_moved_in'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalProject',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='project name')),
                        ('code', models.CharField(blank=True, max_length=60, verbose_name='project code')),
                        ('owner', models.CharField(blank=True, max_length=200, verbose_name='owner (construction unit)')),
                        ('scope', models.TextField(blank=True, verbose_name='construction content and scale')),
                        ('total_investment', models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=16, verbose_name='total investment (10k yuan)')),
                        ('liaison_leader', models.CharField(blank=True, max_length=100, verbose_name='liaison leader')),
                        ('industry', models.CharField(blank=True, max_length=100, verbose_name='industry')),
                        ('planned_start', models.DateField(blank=True, null=True, verbose_name='planned start')),
                        ('planned_completion', models.DateField(blank=True, null=True, verbose_name='planned completion')),
                        ('actual_start', models.DateField(blank=True, null=True, verbose_name='actual start')),
                        ('actual_completion', models.DateField(blank=True, null=True, verbose_name='actual completion')),
                        ('status', models.CharField(choices=[('not_started', 'Not started'), ('under_construction', 'Under construction'), ('suspended', 'Suspended (not resumed)'), ('completed', 'Completed'), ('terminated', 'Terminated')], default='not_started', max_length=30, verbose_name='status')),
                        ('remarks', models.TextField(blank=True, verbose_name='remarks')),
                        ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated at')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('responsible_unit', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='projects.unit', verbose_name='responsible unit')),
                        ('township', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='projects.unit', verbose_name='township')),
                    ],
                    options={
                        'verbose_name': 'historical project',
                        'verbose_name_plural': 'historical projects',
                        'db_table': 'projects_historicalproject',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalYearTarget',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('year', models.PositiveIntegerField(db_index=True, verbose_name='year')),
                        ('fai_target', models.DecimalField(decimal_places=2, max_digits=16, verbose_name='FAI target (10k yuan)')),
                        ('growth_rate', models.DecimalField(decimal_places=2, max_digits=6, verbose_name='growth rate (%)')),
                        ('base', models.DecimalField(blank=True, decimal_places=2, max_digits=16, null=True, verbose_name="previous year's FAI (10k yuan)")),
                        ('fai_completed', models.DecimalField(blank=True, decimal_places=2, max_digits=16, null=True, verbose_name='FAI completed to date (10k yuan)')),
                        ('fai_completed_month', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(12)], verbose_name='FAI completed up to month')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical year target',
                        'verbose_name_plural': 'historical year targets',
                        'db_table': 'projects_historicalyeartarget',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='ImportBatch',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('projects', 'Project list'), ('progress', 'Monthly progress')], max_length=20, verbose_name='kind')),
                        ('year', models.PositiveIntegerField(verbose_name='year')),
                        ('month', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='month')),
                        ('file', models.FileField(upload_to='imports/%Y/%m/', verbose_name='file')),
                        ('original_name', models.CharField(max_length=255, verbose_name='file name')),
                        ('uploaded_at', models.DateTimeField(auto_now_add=True, verbose_name='uploaded at')),
                        ('status', models.CharField(choices=[('previewed', 'Previewed'), ('applied', 'Applied'), ('discarded', 'Discarded')], default='previewed', max_length=20, verbose_name='status')),
                        ('options', models.JSONField(blank=True, default=dict, verbose_name='options')),
                        ('summary', models.JSONField(blank=True, default=dict, verbose_name='summary')),
                        ('applied_at', models.DateTimeField(blank=True, null=True, verbose_name='applied at')),
                        ('uploaded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
                    ],
                    options={
                        'verbose_name': 'import',
                        'verbose_name_plural': 'imports',
                        'db_table': 'projects_importbatch',
                        'ordering': ['-uploaded_at'],
                    },
                ),
                migrations.CreateModel(
                    name='Project',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='project name')),
                        ('code', models.CharField(blank=True, max_length=60, verbose_name='project code')),
                        ('owner', models.CharField(blank=True, max_length=200, verbose_name='owner (construction unit)')),
                        ('scope', models.TextField(blank=True, verbose_name='construction content and scale')),
                        ('total_investment', models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=16, verbose_name='total investment (10k yuan)')),
                        ('liaison_leader', models.CharField(blank=True, max_length=100, verbose_name='liaison leader')),
                        ('industry', models.CharField(blank=True, max_length=100, verbose_name='industry')),
                        ('planned_start', models.DateField(blank=True, null=True, verbose_name='planned start')),
                        ('planned_completion', models.DateField(blank=True, null=True, verbose_name='planned completion')),
                        ('actual_start', models.DateField(blank=True, null=True, verbose_name='actual start')),
                        ('actual_completion', models.DateField(blank=True, null=True, verbose_name='actual completion')),
                        ('status', models.CharField(choices=[('not_started', 'Not started'), ('under_construction', 'Under construction'), ('suspended', 'Suspended (not resumed)'), ('completed', 'Completed'), ('terminated', 'Terminated')], default='not_started', max_length=30, verbose_name='status')),
                        ('remarks', models.TextField(blank=True, verbose_name='remarks')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('responsible_unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='responsible_projects', to='projects.unit', verbose_name='responsible unit')),
                        ('township', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='township_projects', to='projects.unit', verbose_name='township')),
                    ],
                    options={
                        'verbose_name': 'project',
                        'verbose_name_plural': 'projects',
                        'db_table': 'projects_project',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='MonthlyProgress',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveIntegerField(verbose_name='year')),
                        ('month', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(12)], verbose_name='month')),
                        ('completed', models.DecimalField(decimal_places=2, max_digits=16, verbose_name='completed this month (10k yuan)')),
                        ('physical_progress', models.TextField(blank=True, verbose_name='physical progress')),
                        ('problems', models.TextField(blank=True, verbose_name='problems')),
                        ('reported_at', models.DateTimeField(auto_now=True, verbose_name='reported at')),
                        ('reported_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='reported by')),
                        ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='progress', to='register.project', verbose_name='project')),
                    ],
                    options={
                        'verbose_name': 'monthly progress',
                        'verbose_name_plural': 'monthly progress',
                        'db_table': 'projects_monthlyprogress',
                        'ordering': ['project', 'year', 'month'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalProjectYear',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('year', models.PositiveIntegerField(verbose_name='year')),
                        ('tier', models.CharField(choices=[('province', 'Provincial'), ('city', 'City'), ('county', 'County')], max_length=20, verbose_name='tier')),
                        ('nature', models.CharField(choices=[('new', 'New'), ('continuing', 'Continuing'), ('preliminary', 'Preliminary')], max_length=20, verbose_name='nature')),
                        ('annual_plan', models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=16, verbose_name='annual planned investment (10k yuan)')),
                        ('seq', models.PositiveIntegerField(default=0, verbose_name='number in the list')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('project', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='register.project', verbose_name='project')),
                    ],
                    options={
                        'verbose_name': 'historical key project of the year',
                        'verbose_name_plural': 'historical key projects of the year',
                        'db_table': 'projects_historicalprojectyear',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalMonthlyProgress',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('year', models.PositiveIntegerField(verbose_name='year')),
                        ('month', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(12)], verbose_name='month')),
                        ('completed', models.DecimalField(decimal_places=2, max_digits=16, verbose_name='completed this month (10k yuan)')),
                        ('physical_progress', models.TextField(blank=True, verbose_name='physical progress')),
                        ('problems', models.TextField(blank=True, verbose_name='problems')),
                        ('reported_at', models.DateTimeField(blank=True, editable=False, verbose_name='reported at')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('reported_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='reported by')),
                        ('project', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='register.project', verbose_name='project')),
                    ],
                    options={
                        'verbose_name': 'historical monthly progress',
                        'verbose_name_plural': 'historical monthly progress',
                        'db_table': 'projects_historicalmonthlyprogress',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='ProjectYear',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveIntegerField(verbose_name='year')),
                        ('tier', models.CharField(choices=[('province', 'Provincial'), ('city', 'City'), ('county', 'County')], max_length=20, verbose_name='tier')),
                        ('nature', models.CharField(choices=[('new', 'New'), ('continuing', 'Continuing'), ('preliminary', 'Preliminary')], max_length=20, verbose_name='nature')),
                        ('annual_plan', models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=16, verbose_name='annual planned investment (10k yuan)')),
                        ('seq', models.PositiveIntegerField(default=0, verbose_name='number in the list')),
                        ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='years', to='register.project', verbose_name='project')),
                    ],
                    options={
                        'verbose_name': 'key project of the year',
                        'verbose_name_plural': 'key projects of the year',
                        'db_table': 'projects_projectyear',
                        'ordering': ['year', 'tier', 'seq', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='YearTarget',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveIntegerField(unique=True, verbose_name='year')),
                        ('fai_target', models.DecimalField(decimal_places=2, max_digits=16, verbose_name='FAI target (10k yuan)')),
                        ('growth_rate', models.DecimalField(decimal_places=2, max_digits=6, verbose_name='growth rate (%)')),
                        ('base', models.DecimalField(blank=True, decimal_places=2, max_digits=16, null=True, verbose_name="previous year's FAI (10k yuan)")),
                        ('fai_completed', models.DecimalField(blank=True, decimal_places=2, max_digits=16, null=True, verbose_name='FAI completed to date (10k yuan)')),
                        ('fai_completed_month', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(12)], verbose_name='FAI completed up to month')),
                    ],
                    options={
                        'verbose_name': 'year target',
                        'verbose_name_plural': 'year targets',
                        'db_table': 'projects_yeartarget',
                        'ordering': ['-year'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('fai_target__gte', 0)), name='yeartarget_target_not_negative')],
                    },
                ),
                migrations.AddConstraint(
                    model_name='project',
                    constraint=models.UniqueConstraint(condition=models.Q(('code', ''), _negated=True), fields=('code',), name='project_code_unique'),
                ),
                migrations.AddConstraint(
                    model_name='project',
                    constraint=models.CheckConstraint(condition=models.Q(('total_investment__gte', 0)), name='project_total_not_negative'),
                ),
                migrations.AddIndex(
                    model_name='monthlyprogress',
                    index=models.Index(fields=['year', 'month'], name='projects_mo_year_3de699_idx'),
                ),
                migrations.AddConstraint(
                    model_name='monthlyprogress',
                    constraint=models.UniqueConstraint(fields=('project', 'year', 'month'), name='progress_one_per_month'),
                ),
                migrations.AddConstraint(
                    model_name='monthlyprogress',
                    constraint=models.CheckConstraint(condition=models.Q(('month__gte', 1), ('month__lte', 12)), name='progress_month_valid'),
                ),
                migrations.AddConstraint(
                    model_name='monthlyprogress',
                    constraint=models.CheckConstraint(condition=models.Q(('completed__gte', 0)), name='progress_completed_not_negative'),
                ),
                migrations.AddIndex(
                    model_name='projectyear',
                    index=models.Index(fields=['year', 'tier'], name='projects_pr_year_a568c3_idx'),
                ),
                migrations.AddConstraint(
                    model_name='projectyear',
                    constraint=models.UniqueConstraint(fields=('project', 'year'), name='projectyear_one_per_year'),
                ),
                migrations.AddConstraint(
                    model_name='projectyear',
                    constraint=models.CheckConstraint(condition=models.Q(('annual_plan__gte', 0)), name='projectyear_plan_not_negative'),
                ),
            ],
            database_operations=[],
        ),
    ]
