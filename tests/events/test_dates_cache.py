"""Event listings read each query's dates from the content cache (events/models/occurrences.py):
exactly the dates asked for, though the cache keeps whole hours, and a published change,
unpublishing or a new restriction is seen on the next visit."""

import datetime

import pytest
from django.utils import timezone

from events.factories import EventPageFactory, london
from events.models import EventDateChange, EventPage
from networks.factories import GroupFactory, restrict
from tests.helpers import get_html

pytestmark = pytest.mark.django_db


def test_dates_are_those_of_the_moment_asked_not_of_its_hour(site_root):
    """At 10:30 on Wednesday 5 March 2031 (GMT): an event over at 10:10 is not listed, one
    over at 10:50 is; a weekly meeting from Friday 7 March, 10:45, with no end, is listed up
    to a year and a day ahead (366 days, to Friday 5 March 2032, 10:30), so its 52nd date,
    27 February 2032, is the last: 5 March 2032 at 10:45 is past the horizon."""
    moment = london(2031, 3, 5, 10, 30)
    EventPageFactory(title="Over", start=london(2031, 3, 5, 9), end=london(2031, 3, 5, 10, 10))
    EventPageFactory(
        title="Not over", start=london(2031, 3, 5, 9, 30), end=london(2031, 3, 5, 10, 50)
    )
    EventPageFactory(
        title="Weekly",
        start=london(2031, 3, 7, 10, 45),
        end=london(2031, 3, 7, 11, 45),
        repeat="weekly",
    )

    for _ in range(2):  # expanded, then read from the cache
        dates = EventPage.objects.listed().dates(after=moment)
        weekly = [o.start for o in dates if o.title == "Weekly"]
        assert [o.title for o in dates if o.title != "Weekly"] == ["Not over"]
        assert len(weekly) == 52
        assert weekly[0] == london(2031, 3, 7, 10, 45)
        assert weekly[-1] == london(2032, 2, 27, 10, 45)


def test_a_past_listing_ends_at_the_moment_asked(site_root):
    EventPageFactory(title="Before", start=london(2031, 3, 5, 9), end=london(2031, 3, 5, 10))
    EventPageFactory(title="After", start=london(2031, 3, 5, 10, 40), end=london(2031, 3, 5, 11))

    dates = EventPage.objects.listed().dates(before=london(2031, 3, 5, 10, 30))

    assert [o.title for o in dates] == ["Before"]


def soon(days):
    return timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)


def test_a_published_change_to_an_event_is_listed_on_the_next_visit(site_root, client):
    event = EventPageFactory(title="Regional conference", start=soon(10))
    assert "Regional conference" in get_html(client, "/events/").text

    event.title = "Regional conference 2031"
    event.save_revision().publish()

    assert "Regional conference 2031" in get_html(client, "/events/").text


def test_an_unpublished_event_leaves_the_listing_on_the_next_visit(site_root, client):
    event = EventPageFactory(title="Regional conference", start=soon(10))
    assert "Regional conference" in get_html(client, "/events/").text

    event.unpublish()

    assert "Regional conference" not in get_html(client, "/events/").text


def test_a_restricted_event_leaves_the_public_listing_on_the_next_visit(site_root, client):
    event = EventPageFactory(title="Leads' away day", start=soon(10))
    assert "Leads' away day" in get_html(client, "/events/").text

    restrict(event, GroupFactory())

    assert "Leads' away day" not in get_html(client, "/events/").text
    assert "Leads' away day" not in get_html(client, "/").text


def test_a_date_cancelled_by_an_editor_is_shown_cancelled_on_the_next_visit(site_root, client):
    start = soon(7).replace(hour=10, minute=0, second=0)
    event = EventPageFactory(
        title="Fostering Network meeting", start=start, repeat="weekly", repeat_count=3
    )
    assert "Cancelled" not in get_html(client, "/events/").text

    event.date_changes = [
        EventDateChange(date=timezone.localtime(start).date(), cancelled=True, note="Strike")
    ]
    event.save_revision().publish()

    assert "Cancelled" in get_html(client, "/events/").text
