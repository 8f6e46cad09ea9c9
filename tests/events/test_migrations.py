"""Events saved before a date with no end time lasted its day (events 0006) are listed
through that day once migrated."""

import importlib

import pytest
from django.apps import apps

from events.factories import EventPageFactory, london
from events.models import EventPage

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("events.migrations.0006_no_end_time_over_at_end_of_day")


def saved_before(event, finish):
    """The event as the code before 0006 saved it: over at ``finish``."""
    EventPage.objects.filter(pk=event.pk).update(end_or_start=finish)


def finish(event):
    return EventPage.objects.get(pk=event.pk).end_or_start


def test_events_with_no_end_time_are_over_at_the_end_of_their_last_day(site_root):
    winter = EventPageFactory(start=london(2031, 3, 5, 10), end=None)
    # 00:30 on 2 July in the UK is 23:30 on 1 July in UTC: its day is the UK's.
    summer = EventPageFactory(start=london(2031, 7, 2, 0, 30), end=None)
    # Weekly, three times: its last date is Wednesday 19 March.
    series = EventPageFactory(
        start=london(2031, 3, 5, 10), end=None, repeat="weekly", repeat_count=3
    )
    timed = EventPageFactory(start=london(2031, 3, 5, 10), end=london(2031, 3, 5, 12))
    saved_before(winter, london(2031, 3, 5, 10))
    saved_before(summer, london(2031, 7, 2, 0, 30))
    saved_before(series, london(2031, 3, 19, 10))

    MIGRATION.to_end_of_day(apps, None)

    assert finish(winter) == london(2031, 3, 6)
    assert finish(summer) == london(2031, 7, 3)
    assert finish(series) == london(2031, 3, 20)
    assert finish(timed) == london(2031, 3, 5, 12)
    # What saving works out today is the same.
    for event in (winter, summer, series, timed):
        before = finish(event)
        EventPage.objects.get(pk=event.pk).save()
        assert finish(event) == before
