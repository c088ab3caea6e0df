# Hand-written: the flat-app layout (ARCHITECTURE.md). Models moved between apps keep their tables
# (db_table pinned), so notifications and deliveries stay in scheduling_notification and scheduling_delivery.

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('scheduling', '0002_seed_notice_duties'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Notification',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('occurrence_due', 'Scheduling due soon'), ('occurrence_overdue', 'Scheduling overdue'), ('problem_due', 'Problem deadline near'), ('problem_overdue', 'Problem overdue'), ('problem_escalated', 'Problem escalated'), ('problem_assigned', 'Problem assigned to you'), ('approval_due', 'Approval deadline near'), ('approval_overdue', 'Approval overdue'), ('progress_missing', 'Monthly progress missing')], max_length=30, verbose_name='kind')),
                        ('subject_key', models.CharField(max_length=120, verbose_name='subject')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('body', models.TextField(blank=True, verbose_name='text')),
                        ('link', models.CharField(blank=True, max_length=300, verbose_name='link')),
                        ('read_at', models.DateTimeField(blank=True, null=True, verbose_name='read at')),
                        ('created_at', models.DateTimeField(verbose_name='created at')),
                        ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL, verbose_name='recipient')),
                    ],
                    options={
                        'verbose_name': 'notification',
                        'verbose_name_plural': 'notifications',
                        'db_table': 'scheduling_notification',
                        'ordering': ['-created_at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='Delivery',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('channel', models.CharField(choices=[('email', 'Email'), ('webhook', 'Group-chat robot')], max_length=10, verbose_name='channel')),
                        ('kind', models.CharField(choices=[('occurrence_due', 'Scheduling due soon'), ('occurrence_overdue', 'Scheduling overdue'), ('problem_due', 'Problem deadline near'), ('problem_overdue', 'Problem overdue'), ('problem_escalated', 'Problem escalated'), ('problem_assigned', 'Problem assigned to you'), ('approval_due', 'Approval deadline near'), ('approval_overdue', 'Approval overdue'), ('progress_missing', 'Monthly progress missing')], max_length=30, verbose_name='kind')),
                        ('subject_key', models.CharField(max_length=120, verbose_name='subject')),
                        ('address', models.CharField(max_length=500, verbose_name='address')),
                        ('status', models.CharField(choices=[('pending', 'Waiting'), ('sending', 'Sending'), ('sent', 'Sent'), ('failed', 'Failed, will retry'), ('gave_up', 'Failed, gave up')], default='pending', max_length=10, verbose_name='status')),
                        ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='attempts')),
                        ('last_error', models.TextField(blank=True, verbose_name='last error')),
                        ('next_attempt_at', models.DateTimeField(verbose_name='next attempt at')),
                        ('claimed_at', models.DateTimeField(blank=True, null=True, verbose_name='claimed at')),
                        ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent at')),
                        ('created_at', models.DateTimeField(verbose_name='created at')),
                        ('notification', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='notifications.notification', verbose_name='notification')),
                    ],
                    options={
                        'verbose_name': 'delivery',
                        'verbose_name_plural': 'deliveries',
                        'db_table': 'scheduling_delivery',
                        'ordering': ['-created_at', '-id'],
                    },
                ),
                migrations.AddIndex(
                    model_name='notification',
                    index=models.Index(fields=['recipient', 'read_at'], name='scheduling__recipie_b671de_idx'),
                ),
                migrations.AddConstraint(
                    model_name='notification',
                    constraint=models.UniqueConstraint(fields=('recipient', 'kind', 'subject_key'), name='notification_once_per_subject'),
                ),
                migrations.AddIndex(
                    model_name='delivery',
                    index=models.Index(fields=['status', 'next_attempt_at'], name='scheduling__status_a02272_idx'),
                ),
                migrations.AddConstraint(
                    model_name='delivery',
                    constraint=models.UniqueConstraint(fields=('notification', 'channel'), name='delivery_once_per_notification'),
                ),
                migrations.AddConstraint(
                    model_name='delivery',
                    constraint=models.UniqueConstraint(condition=models.Q(('channel', 'webhook')), fields=('kind', 'subject_key'), name='delivery_webhook_once_per_subject'),
                ),
            ],
            database_operations=[],
        ),
    ]
