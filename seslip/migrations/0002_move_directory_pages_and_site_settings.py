"""The contacts directory and member authorities pages move here from contacts (they read
contacts, networks and events at once); the site settings move to contacts (they name a
person). Only Django's state changes: the tables keep their names and rows."""

import django.db.models.deletion
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("seslip", "0001_initial"),
        ("contacts", "0003_alter_person_options"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="SiteSettings"),
                migrations.CreateModel(
                    name="ContactsIndexPage",
                    fields=[
                        ("page_ptr", models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ("intro", models.TextField(blank=True)),
                    ],
                    options={"db_table": "contacts_contactsindexpage"},
                    bases=("wagtailcore.page",),
                ),
                migrations.CreateModel(
                    name="MemberAuthoritiesPage",
                    fields=[
                        ("page_ptr", models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ("intro", wagtail.fields.RichTextField(blank=True)),
                    ],
                    options={"db_table": "contacts_memberauthoritiespage"},
                    bases=("wagtailcore.page",),
                ),
            ],
        ),
    ]
