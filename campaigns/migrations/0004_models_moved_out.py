# Hand-written: the flat-app layout (ARCHITECTURE.md). Models moved between apps keep their tables
# (db_table pinned), so campaigns keep campaigns_campaign.

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0003_campaign_records'),
        ('projects', '0002_taskforce_campaign_moved_in'),
        ('register', '0001_initial'),
        ('scheduling', '0003_models_moved_out'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='indicator',
                    name='campaign',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='indicators', to='projects.campaign', verbose_name='campaign'),
                ),
                migrations.AlterField(
                    model_name='historicalindicator',
                    name='campaign',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='projects.campaign', verbose_name='campaign'),
                ),
                migrations.AlterField(
                    model_name='historicaldecision',
                    name='campaign',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='projects.campaign', verbose_name='campaign'),
                ),
                migrations.AlterField(
                    model_name='decision',
                    name='campaign',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='decisions', to='projects.campaign', verbose_name='campaign'),
                ),
                migrations.AlterField(
                    model_name='historicalindustrialproject',
                    name='project',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='register.project', verbose_name='key project'),
                ),
                migrations.AlterField(
                    model_name='historicalpipelineproject',
                    name='project',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='register.project', verbose_name='key project'),
                ),
                migrations.AlterField(
                    model_name='industrialproject',
                    name='project',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='register.project', verbose_name='key project'),
                ),
                migrations.AlterField(
                    model_name='pipelineproject',
                    name='project',
                    field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='pipeline_entry', to='register.project', verbose_name='key project'),
                ),
                migrations.DeleteModel(
                    name='Campaign',
                ),
            ],
            database_operations=[],
        ),
    ]
