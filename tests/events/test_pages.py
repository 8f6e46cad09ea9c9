"""The events calendar, its archive of past events, and an event's page."""

import datetime

import pytest
from django.utils import timezone

from contacts.factories import OrganisationFactory, PersonFactory
from events.factories import EventPageFactory, EventParticipantFactory
from events.models import EventDateChange, EventPage, EventParticipant
from networks.factories import NetworkPageFactory
from tests.helpers import get_html

pytestmark = pytest.mark.django_db


def days_from_now(days, hour=10):
    return timezone.now().replace(hour=hour, minute=0, second=0, microsecond=0) + (
        datetime.timedelta(days=days)
    )


@pytest.fixture
def calendar(site_root):
    """Two upcoming events (one under a network), one past, one draft."""
    network = NetworkPageFactory(title="Safeguarding Network")
    return {
        "later": EventPageFactory(title="Regional conference", start=days_from_now(20)),
        "sooner": EventPageFactory(
            parent=network, title="Safeguarding network meeting", start=days_from_now(3)
        ),
        "past": EventPageFactory(title="Last month's peer challenge", start=days_from_now(-30)),
        "draft": EventPageFactory(title="Unpublished event", start=days_from_now(5), live=False),
    }


def test_calendar_lists_upcoming_events_soonest_first(client, calendar):
    html = get_html(client, "/events/")

    assert html.link_to(calendar["sooner"].url) == "Safeguarding network meeting"
    assert html.link_to(calendar["later"].url) == "Regional conference"
    assert html.before("Safeguarding network meeting", "Regional conference")
    assert "Last month's peer challenge" not in html.text
    assert "Unpublished event" not in html.text
    assert "/events/past/" in html.hrefs()


def test_past_events_are_in_the_archive(client, calendar):
    html = get_html(client, "/events/past/")

    assert html.link_to(calendar["past"].url) == "Last month's peer challenge"
    assert "Regional conference" not in html.text
    assert "Safeguarding network meeting" not in html.text


def test_an_event_is_upcoming_until_it_ends(client, site_root):
    EventPageFactory(
        title="Started an hour ago",
        start=timezone.now() - datetime.timedelta(hours=1),
        end=timezone.now() + datetime.timedelta(hours=1),
    )

    assert "Started an hour ago" in get_html(client, "/events/").text
    assert "Started an hour ago" not in get_html(client, "/events/past/").text


def test_calendar_is_paginated(client, site_root):
    for day in range(1, 23):
        EventPageFactory(title=f"Meeting on day {day:02d}", start=days_from_now(day))

    first = get_html(client, "/events/")
    second = get_html(client, "/events/?page=2")

    assert "Meeting on day 20" in first.text
    assert "Meeting on day 21" not in first.text
    assert "Meeting on day 21" in second.text
    assert "Meeting on day 22" in second.text
    assert "Meeting on day 01" not in second.text
    assert any("page=2" in href for href in first.hrefs())


def test_event_page_shows_when_where_and_who(client, site_root):
    network = NetworkPageFactory(title="Quality Assurance Network")
    contact = PersonFactory(
        name="Jane Smith", phone="01632 960 777", email="jane.smith@example.gov.uk"
    )
    start = timezone.make_aware(datetime.datetime(2031, 5, 14, 10, 0))
    event = EventPageFactory(
        title="Peer challenge: Kent",
        start=start,
        end=start + datetime.timedelta(hours=6),
        description="<p>A day of peer challenge on early help.</p>",
        location=EventPage.Location.HYBRID,
        venue="Sessions House\nCounty Road, Maidstone",
        online_platform="MS Teams",
        joining_instructions="Contact Jane Smith for the Teams link",
        network=network,
        contact=contact,
    )
    EventParticipantFactory(
        page=event,
        organisation=OrganisationFactory(name="Kent County Council"),
        role=EventParticipant.Role.HOST,
    )
    EventParticipantFactory(
        page=event,
        organisation=OrganisationFactory(name="Medway Council"),
        role=EventParticipant.Role.VISITOR,
    )

    html = get_html(client, event.url)

    assert [t for tag, t in html.headings if tag == "h1"] == ["Peer challenge: Kent"]
    for text in (
        "14 May 2031",
        "A day of peer challenge on early help.",
        "Sessions House",
        "Maidstone",
        "MS Teams",
        "Contact Jane Smith for the Teams link",
        "Jane Smith",
        "Kent County Council",
        "Host",
        "Medway Council",
        "Visitor",
    ):
        assert text in html.text, text
    assert "10am" in html.text or "10:00" in html.text  # the start time
    assert html.link_to(network.url) == "Quality Assurance Network"
    assert "mailto:jane.smith@example.gov.uk" in html.hrefs()


def test_a_past_event_says_it_has_taken_place_and_offers_no_calendar_file(client, site_root):
    past = EventPageFactory(title="Last month's peer challenge", start=days_from_now(-30))
    coming = EventPageFactory(title="Next month's peer challenge", start=days_from_now(30))

    over = get_html(client, past.url)
    ahead = get_html(client, coming.url)

    assert "This event has taken place." in over.text
    assert "Add to your calendar" not in over.text
    assert "has taken place" not in ahead.text
    assert "Add to your calendar" in ahead.text


def test_an_event_with_no_end_time_is_not_over_until_its_day_is(client, site_root):
    # Started an hour ago today (or at midnight, just after it), with no end time given.
    now = timezone.localtime()
    started = max(now - datetime.timedelta(hours=1), now.replace(hour=0, minute=0, second=0))
    today = EventPageFactory(title="Drop-in surgery", start=started, end=None)
    yesterday = EventPageFactory(
        title="Yesterday's surgery", start=started - datetime.timedelta(days=1), end=None
    )

    assert "has taken place" not in get_html(client, today.url).text
    assert "This event has taken place." in get_html(client, yesterday.url).text
    # The listings agree: today's is still coming, yesterday's is past.
    coming = get_html(client, "/events/").main.text
    past = get_html(client, "/events/past/").main.text
    assert "Drop-in surgery" in coming and "Drop-in surgery" not in past
    assert "Yesterday's surgery" in past and "Yesterday's surgery" not in coming


def test_a_series_whose_dates_have_all_passed_names_its_last_date(client, site_root):
    # Weekly, four times, the first ten weeks ago: the last on the day seven weeks ago.
    first = days_from_now(-70)
    series = EventPageFactory(
        title="Early help surgery", start=first, repeat="weekly", repeat_count=4
    )
    last = timezone.localtime(first + datetime.timedelta(weeks=3)).date()

    html = get_html(client, series.url)

    assert f"This event has taken place: its last date was {last:%A} {last.day} {last:%B %Y}." in (
        html.text
    )
    assert "Last date" in html.text and "Next date" not in html.text
    assert "Add to your calendar" not in html.text


def test_a_finished_series_whose_last_date_was_cancelled_names_the_last_one_held(client, site_root):
    # Weekly, four times, the first ten weeks ago; the fourth (seven weeks ago) cancelled.
    first = days_from_now(-70)
    series = EventPageFactory(
        title="Early help surgery", start=first, repeat="weekly", repeat_count=4
    )
    fourth = timezone.localtime(first + datetime.timedelta(weeks=3)).date()
    EventDateChange.objects.create(page=series, date=fourth, cancelled=True, note="Strike")
    third = fourth - datetime.timedelta(weeks=1)

    html = get_html(client, series.url)

    assert (
        f"This event has taken place: its last date was {third:%A} {third.day} {third:%B %Y}."
        in html.text
    )


def test_all_day_event_shows_no_times(client, site_root):
    start = timezone.make_aware(datetime.datetime(2031, 6, 3, 0, 0))
    event = EventPageFactory(title="Annual conference", start=start, end=None, all_day=True)

    html = get_html(client, event.url)

    assert "3 June 2031" in html.text
    assert "00:00" not in html.text
    assert "12am" not in html.text.lower() and "midnight" not in html.text.lower()
