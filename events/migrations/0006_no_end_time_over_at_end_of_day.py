"""A date with no end time is over when its day is (it may go on all day), no longer at its
start. Events saved before kept the start of their last date as when they are over
(``end_or_start``): it becomes the end of that day, UK time. Saving an event works it out
afresh; this value is never earlier than that, which is what listings need of it."""

import datetime

from django.db import migrations
from django.utils import timezone


def to_end_of_day(apps, schema_editor):
    event_page = apps.get_model("events", "EventPage")
    rows = event_page.objects.filter(end__isnull=True, all_day=False, end_or_start__isnull=False)
    for pk, finish in rows.values_list("pk", "end_or_start"):
        day = timezone.localtime(finish).date() + datetime.timedelta(days=1)
        midnight = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
        event_page.objects.filter(pk=pk).update(end_or_start=midnight)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0005_event_date_formats_in_help"),
    ]

    operations = [migrations.RunPython(to_end_of_day, migrations.RunPython.noop)]
