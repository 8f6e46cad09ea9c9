# Reports recorded before this rule were acted on by the address they named: they keep counting
# (proven for the rows already there), and a new report counts only when it proves itself.

from django.db import migrations, models

HELP = (
    "It returned the Message-ID of an update sent to the subscriber, so it counts (anyone can "
    "send a report naming an address)."
)


class Migration(migrations.Migration):
    dependencies = [
        ("mailing", "0003_networks_copies_and_bounces"),
    ]

    operations = [
        migrations.AddField(
            model_name="bounce",
            name="proven",
            field=models.BooleanField(default=True, help_text=HELP, verbose_name="from our email"),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="bounce",
            name="proven",
            field=models.BooleanField(default=False, help_text=HELP, verbose_name="from our email"),
        ),
    ]
