# Hand-written: the flat-app layout (ARCHITECTURE.md). Models moved between apps keep their tables
# (db_table pinned), so the task forces, the problem ledger and attachments keep their taskforces_* tables.

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('taskforces', '0005_problem_drop_source_visit'),
        ('projects', '0002_taskforce_campaign_moved_in'),
        ('register', '0001_initial'),
        ('problems', '0001_initial'),
        ('files', '0001_initial'),
        ('scheduling', '0003_models_moved_out'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='historicallandproblem',
                    name='problem',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='problems.problem', verbose_name='problem on the county ledger'),
                ),
                migrations.AlterField(
                    model_name='supervisioncheck',
                    name='problem',
                    field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='supervision_check', to='problems.problem', verbose_name='problem on the ledger'),
                ),
                migrations.AlterField(
                    model_name='historicalsupervisioncheck',
                    name='problem',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='problems.problem', verbose_name='problem on the ledger'),
                ),
                migrations.AlterField(
                    model_name='landproblem',
                    name='problem',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='land_problems', to='problems.problem', verbose_name='problem on the county ledger'),
                ),
                migrations.AlterField(
                    model_name='approvalitem',
                    name='project',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='approval_items', to='register.project', verbose_name='project'),
                ),
                migrations.AlterField(
                    model_name='fundingapplication',
                    name='project',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='funding_applications', to='register.project', verbose_name='project'),
                ),
                migrations.AlterField(
                    model_name='historicalapprovalitem',
                    name='project',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='register.project', verbose_name='project'),
                ),
                migrations.AlterField(
                    model_name='historicalfundingapplication',
                    name='project',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='register.project', verbose_name='project'),
                ),
                migrations.AlterField(
                    model_name='historicallanddemand',
                    name='project',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='register.project', verbose_name='project'),
                ),
                migrations.AlterField(
                    model_name='historicallandmeetingdecision',
                    name='project',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='register.project', verbose_name='project'),
                ),
                migrations.AlterField(
                    model_name='historicallandproblem',
                    name='project',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='register.project', verbose_name='project'),
                ),
                migrations.AlterField(
                    model_name='historicallead',
                    name='project',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='register.project', verbose_name='project in the register'),
                ),
                migrations.AlterField(
                    model_name='historicalsitevisit',
                    name='project',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='register.project', verbose_name='project'),
                ),
                migrations.AlterField(
                    model_name='historicalstatisticsscreening',
                    name='project',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='register.project', verbose_name='project'),
                ),
                migrations.AlterField(
                    model_name='historicalsupervisionvisit',
                    name='project',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='register.project', verbose_name='project'),
                ),
                migrations.AlterField(
                    model_name='landdemand',
                    name='project',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='land_demands', to='register.project', verbose_name='project'),
                ),
                migrations.AlterField(
                    model_name='landmeetingdecision',
                    name='project',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='land_decisions', to='register.project', verbose_name='project'),
                ),
                migrations.AlterField(
                    model_name='landproblem',
                    name='project',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='land_problems', to='register.project', verbose_name='project'),
                ),
                migrations.AlterField(
                    model_name='lead',
                    name='project',
                    field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='investment_lead', to='register.project', verbose_name='project in the register'),
                ),
                migrations.AlterField(
                    model_name='sitevisit',
                    name='project',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='investment_site_visits', to='register.project', verbose_name='project'),
                ),
                migrations.AlterField(
                    model_name='statisticsscreening',
                    name='project',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='statistics_screenings', to='register.project', verbose_name='project'),
                ),
                migrations.AlterField(
                    model_name='supervisionvisit',
                    name='project',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='supervision_visits', to='register.project', verbose_name='project'),
                ),
                migrations.DeleteModel(
                    name='HistoricalProblem',
                ),
                migrations.DeleteModel(
                    name='ProblemEvent',
                ),
                migrations.DeleteModel(
                    name='Problem',
                ),
                migrations.DeleteModel(
                    name='HistoricalAttachment',
                ),
                migrations.DeleteModel(
                    name='Attachment',
                ),
                migrations.DeleteModel(
                    name='TaskForceMembership',
                ),
                migrations.DeleteModel(
                    name='TaskForce',
                ),
            ],
            database_operations=[],
        ),
    ]
