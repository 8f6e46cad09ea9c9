"""The other half of seslip 0002: the directory pages leave contacts' state, the site settings
join it (table seslip_sitesettings kept), and the content types follow, keeping their ids."""

import django.db.models.deletion
from django.db import migrations, models

from core.model_moves import move_content_types


class Migration(migrations.Migration):

    dependencies = [
        ("contacts", "0003_alter_person_options"),
        ("seslip", "0002_move_directory_pages_and_site_settings"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="ContactsIndexPage"),
                migrations.DeleteModel(name="MemberAuthoritiesPage"),
                migrations.CreateModel(
                    name="SiteSettings",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("contact_email", models.EmailField(blank=True, max_length=254)),
                        ("footer_text", models.CharField(blank=True, default="SESLIP is the Regional Improvement and Innovation Alliance of the 19 local authorities' children's services in the South East of England.", max_length=255)),
                        ("programme_manager", models.ForeignKey(blank=True, help_text="Shown on the home page and at the end of every weekly update.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="contacts.person")),
                        ("site", models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to="wagtailcore.site")),
                    ],
                    options={"verbose_name": "Site settings", "db_table": "seslip_sitesettings"},
                ),
            ],
        ),
        move_content_types(
            ("contactsindexpage", "contacts", "seslip"),
            ("memberauthoritiespage", "contacts", "seslip"),
            ("sitesettings", "seslip", "contacts"),
        ),
    ]
