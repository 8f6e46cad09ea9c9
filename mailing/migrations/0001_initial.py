"""Subscribers, sign-up attempts, mailings and deliveries move here from newsletters
(newsletters 0003 made them). Only Django's state changes: the tables keep their names, rows,
indexes and constraints. Newsletters 0005 takes them out of its state and moves their content
types; queued sending tasks are pointed at the task's new address."""

import django.db.models.deletion
import django.db.models.functions.text
import django.utils.timezone
import uuid
from django.conf import settings
from django.db import migrations, models

OLD_TASK = "newsletters.tasks.send_mailing"
NEW_TASK = "mailing.sending.send_mailing"


def point_tasks(old, new):
    def run(apps, schema_editor):
        task_results = apps.get_model("django_tasks_database", "DBTaskResult")
        task_results.objects.filter(task_path=old).update(task_path=new)

    return run


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('newsletters', '0004_alter_weeklyupdatepage_reminders'),
        ('django_tasks_database', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Mailing',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('finished_at', models.DateTimeField(blank=True, null=True)),
                        ('from_email', models.CharField(max_length=255)),
                        ('subject', models.CharField(max_length=255)),
                        ('html', models.TextField()),
                        ('text', models.TextField()),
                        ('task_id', models.CharField(blank=True, max_length=64)),
                        ('connection_failures', models.PositiveSmallIntegerField(default=0)),
                        ('last_error', models.TextField(blank=True)),
                        ('retry_at', models.DateTimeField(blank=True, null=True)),
                        ('requested_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('update', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='mailings', to='newsletters.weeklyupdatepage')),
                    ],
                    options={
                        'db_table': 'newsletters_mailing',
                        'ordering': ['-created_at'],
                        'get_latest_by': 'created_at',
                    },
                ),
                migrations.CreateModel(
                    name='SignupAttempt',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('email_hash', models.CharField(max_length=64)),
                        ('ip_hash', models.CharField(max_length=64)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ],
                    options={
                        'db_table': 'newsletters_signupattempt',
                        'indexes': [models.Index(fields=['email_hash', 'created_at'], name='newsletters_signup_email'), models.Index(fields=['ip_hash', 'created_at'], name='newsletters_signup_ip'), models.Index(fields=['created_at'], name='newsletters_signup_created')],
                    },
                ),
                migrations.CreateModel(
                    name='Subscriber',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('email', models.EmailField(max_length=254, verbose_name='email address')),
                        ('name', models.CharField(blank=True, max_length=100)),
                        ('status', models.CharField(choices=[('pending', 'Not confirmed yet'), ('confirmed', 'Subscribed'), ('unsubscribed', 'Unsubscribed')], default='pending', max_length=12)),
                        ('key', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('signed_up_at', models.DateTimeField(default=django.utils.timezone.now, help_text='When they last asked to subscribe.', verbose_name='signed up')),
                        ('source', models.CharField(blank=True, help_text='The page they signed up on.', max_length=255, verbose_name='signed up on')),
                        ('consent_text', models.TextField(blank=True, help_text='The words they agreed to when signing up.', verbose_name='consent wording')),
                        ('confirmed_at', models.DateTimeField(blank=True, null=True, verbose_name='confirmed')),
                        ('unsubscribed_at', models.DateTimeField(blank=True, null=True, verbose_name='unsubscribed')),
                    ],
                    options={
                        'db_table': 'newsletters_subscriber',
                        'ordering': ['-signed_up_at'],
                        'indexes': [models.Index(fields=['status'], name='newsletters_subscriber_status')],
                        'constraints': [models.UniqueConstraint(django.db.models.functions.text.Lower('email'), name='newsletters_subscriber_email_ci_unique')],
                    },
                ),
                migrations.CreateModel(
                    name='Delivery',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('pending', 'Waiting to be sent'), ('sent', 'Sent'), ('failed', 'Failed'), ('skipped', 'Not sent: unsubscribed first')], default='pending', max_length=8)),
                        ('attempts', models.PositiveSmallIntegerField(default=0)),
                        ('last_error', models.TextField(blank=True)),
                        ('next_attempt_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('sent_at', models.DateTimeField(blank=True, null=True)),
                        ('update', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='newsletters.weeklyupdatepage')),
                        ('mailing', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='mailing.mailing')),
                        ('subscriber', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='mailing.subscriber')),
                    ],
                    options={
                        'db_table': 'newsletters_delivery',
                        'verbose_name_plural': 'deliveries',
                        'indexes': [models.Index(condition=models.Q(('status', 'pending')), fields=['mailing', 'id'], name='newsletters_delivery_pending'), models.Index(fields=['mailing', 'status'], name='newsletters_delivery_status')],
                        'constraints': [models.UniqueConstraint(fields=('update', 'subscriber'), name='newsletters_delivery_once_per_update')],
                    },
                ),
            ],
        ),
        migrations.RunPython(point_tasks(OLD_TASK, NEW_TASK), point_tasks(NEW_TASK, OLD_TASK)),
    ]
