import modelcluster.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0001_initial"),
        ("networks", "0002_networkpage_collection_networkpage_editors"),
    ]

    operations = [
        migrations.AddField(
            model_name="networkpage",
            name="member_authorities",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True,
                help_text="Shown on this page and on the member authorities page.",
                limit_choices_to={"kind": "member"},
                related_name="networks",
                to="contacts.organisation",
                verbose_name="Member authorities taking part",
            ),
        ),
    ]
