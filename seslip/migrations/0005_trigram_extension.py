"""PostgreSQL's pg_trgm, with which site search finds words spelt nearly like the ones asked
for. A trusted extension: the database's owner may create it."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("seslip", "0004_standard_page_menu_title"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [TrigramExtension()]
