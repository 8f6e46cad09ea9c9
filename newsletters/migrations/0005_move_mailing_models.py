"""The other half of mailing 0001: subscribers, sign-up attempts, mailings and deliveries leave
this app's state (their tables stay), and their content types move to mailing, keeping their
ids and so the permissions groups hold on them."""

from django.db import migrations

from core.model_moves import move_content_types


class Migration(migrations.Migration):

    dependencies = [
        ("newsletters", "0004_alter_weeklyupdatepage_reminders"),
        ("mailing", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Delivery"),
                migrations.DeleteModel(name="Mailing"),
                migrations.DeleteModel(name="SignupAttempt"),
                migrations.DeleteModel(name="Subscriber"),
            ],
        ),
        move_content_types(
            ("delivery", "newsletters", "mailing"),
            ("mailing", "newsletters", "mailing"),
            ("signupattempt", "newsletters", "mailing"),
            ("subscriber", "newsletters", "mailing"),
        ),
    ]
