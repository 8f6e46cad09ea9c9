"""Calendar files and feeds: valid iCalendar that Outlook, Google and Apple calendars accept."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from django.utils import timezone
from icalendar import Calendar

from contacts.factories import PersonFactory
from events.factories import EventPageFactory, london
from events.models import EventPage
from networks.factories import NetworkPageFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def parse(response):
    """The response as a parsed calendar, after checking that it is one."""
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content
    assert body.startswith(b"BEGIN:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in body.split(b"\r\n")), "lines are folded at 75 octets"
    calendar = Calendar.from_ical(body)
    for name, value in (("VERSION", "2.0"), ("METHOD", "PUBLISH"), ("CALSCALE", "GREGORIAN")):
        assert str(calendar[name]) == value
    assert "SESLIP" in str(calendar["PRODID"])
    assert calendar["X-WR-CALNAME"]
    # How often a subscribed calendar should look again, as an RFC 5545 duration.
    assert str(calendar["X-PUBLISHED-TTL"]) == "PT6H"
    return calendar


def events_in(calendar):
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_an_events_file_has_its_times_in_london_time(client, site_root):
    contact = PersonFactory(name="Jane Smith", email="jane.smith@example.gov.uk")
    event = EventPageFactory(
        title="Fostering Network meeting",
        start=london(2031, 7, 2, 10),
        end=london(2031, 7, 2, 12, 30),
        location=EventPage.Location.HYBRID,
        venue="Sessions House\nCounty Road, Maidstone",
        joining_instructions="Contact Jane Smith for the Teams link",
        contact=contact,
        description="<p>The quarterly meeting.</p>",
    )

    response = client.get(event.url + "event.ics")
    calendar = parse(response)

    assert "attachment" in response["Content-Disposition"]
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == f"event-{event.pk}@seslip.co.uk"
    start, end = vevent.decoded("DTSTART"), vevent.decoded("DTEND")
    assert start == datetime.datetime(2031, 7, 2, 10, tzinfo=LONDON)
    assert start.astimezone(datetime.UTC).hour == 9  # BST
    assert end == datetime.datetime(2031, 7, 2, 12, 30, tzinfo=LONDON)
    assert vevent["DTSTART"].params["TZID"] == "Europe/London"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    assert str(vevent["SUMMARY"]) == "Fostering Network meeting"
    assert "Sessions House, County Road, Maidstone" in str(vevent["LOCATION"])
    assert "MS Teams" in str(vevent["LOCATION"])
    description = str(vevent["DESCRIPTION"])
    assert "The quarterly meeting." in description
    assert "Contact Jane Smith for the Teams link" in description
    assert "jane.smith@example.gov.uk" in description
    assert str(vevent["URL"]).endswith(event.url)
    assert vevent.decoded("DTSTAMP").tzinfo is not None
    assert "SEQUENCE" in vevent


def test_a_winter_event_is_at_the_same_hour_in_utc(client, site_root):
    event = EventPageFactory(start=london(2031, 1, 15, 10), end=london(2031, 1, 15, 11))

    (vevent,) = parse(client.get(event.url + "event.ics")).walk("VEVENT")

    assert vevent.decoded("DTSTART").astimezone(datetime.UTC).hour == 10


def test_a_repeating_event_carries_its_rule_and_keeps_its_local_time(client, site_root):
    event = EventPageFactory(
        title="AD Safeguarding Network meeting",
        start=london(2026, 3, 4, 10),
        end=london(2026, 3, 4, 13),
        repeat="monthly",
        repeat_on="weekday",
        repeat_until=datetime.date(2026, 6, 30),
    )

    (vevent,) = parse(client.get(event.url + "event.ics")).walk("VEVENT")

    rule = vevent["RRULE"]
    assert rule["FREQ"] == ["MONTHLY"]
    assert rule["BYDAY"] == ["1WE"]
    # With a local DTSTART, UNTIL is in UTC (RFC 5545 3.3.10).
    assert rule["UNTIL"][0] == datetime.datetime(2026, 6, 30, 22, 59, 59, tzinfo=datetime.UTC)
    # Expanded as a calendar would: each date at 10am London time, whatever the offset.
    start = vevent.decoded("DTSTART")
    dates = list(rrulestr(rule.to_ical().decode(), dtstart=start))
    assert [d.date() for d in dates] == [
        datetime.date(2026, 3, 4),
        datetime.date(2026, 4, 1),
        datetime.date(2026, 5, 6),
        datetime.date(2026, 6, 3),
    ]
    assert {d.astimezone(LONDON).hour for d in dates} == {10}
    assert [d.astimezone(datetime.UTC).hour for d in dates] == [10, 9, 9, 9]


def test_a_yearly_event_from_29_february_gives_calendars_the_same_dates(client, site_root):
    event = EventPageFactory(
        title="Leap day review", start=london(2028, 2, 29, 10), repeat="yearly", repeat_count=3
    )

    (vevent,) = parse(client.get(event.url + "event.ics")).walk("VEVENT")

    rule = vevent["RRULE"]
    assert (rule["FREQ"], rule["BYMONTH"], rule["BYMONTHDAY"]) == (["YEARLY"], [2], [-1])
    dates = list(rrulestr(rule.to_ical().decode(), dtstart=vevent.decoded("DTSTART")))
    assert [d.date() for d in dates] == [
        datetime.date(2028, 2, 29),
        datetime.date(2029, 2, 28),
        datetime.date(2030, 2, 28),
    ]


def test_an_all_day_event_has_dates_not_times(client, site_root):
    event = EventPageFactory(
        title="Regional conference",
        start=london(2031, 6, 3),
        end=london(2031, 6, 4),
        all_day=True,
    )

    calendar = parse(client.get(event.url + "event.ics"))

    (vevent,) = calendar.walk("VEVENT")
    assert vevent.decoded("DTSTART") == datetime.date(2031, 6, 3)
    assert vevent.decoded("DTEND") == datetime.date(2031, 6, 5)  # the day after the last
    assert vevent["DTSTART"].params["VALUE"] == "DATE"
    assert not calendar.walk("VTIMEZONE")


def test_a_changed_meeting_keeps_its_uid_and_raises_its_sequence(client, site_root):
    event = EventPageFactory(title="Data Benchmarking Network", start=london(2031, 3, 5, 10))
    event.save_revision().publish()
    (before,) = parse(client.get(event.url + "event.ics")).walk("VEVENT")

    event.refresh_from_db()
    event.start, event.end = london(2031, 3, 12, 14), london(2031, 3, 12, 16)
    event.save_revision().publish()
    (after,) = parse(client.get(event.url + "event.ics")).walk("VEVENT")

    assert str(after["UID"]) == str(before["UID"])
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert after.decoded("DTSTART") == datetime.datetime(2031, 3, 12, 14, tzinfo=LONDON)


def test_a_networks_feed_has_its_meetings_and_no_others(client, site_root):
    network = NetworkPageFactory(title="Quality Assurance Network", slug="quality-assurance")
    under = EventPageFactory(parent=network, title="QA meeting", start=london(2031, 2, 4, 10))
    named = EventPageFactory(title="QA conference", network=network, start=london(2031, 5, 6, 9))
    other = EventPageFactory(title="Another network's meeting", start=london(2031, 2, 4, 10))
    draft = EventPageFactory(parent=network, title="Draft", start=london(2031, 2, 5), live=False)

    response = client.get("/about-networks/quality-assurance/events.ics")
    calendar = parse(response)

    uids = set(events_in(calendar))
    assert uids == {f"event-{under.pk}@seslip.co.uk", f"event-{named.pk}@seslip.co.uk"}
    assert f"event-{other.pk}@seslip.co.uk" not in uids
    assert f"event-{draft.pk}@seslip.co.uk" not in uids
    assert "Quality Assurance Network" in str(calendar["X-WR-CALNAME"])
    assert "inline" in response["Content-Disposition"]


def test_the_whole_calendar_feed(client, site_root):
    network = NetworkPageFactory(title="Early Help Network")
    meeting = EventPageFactory(parent=network, start=london(2031, 2, 4, 10))
    conference = EventPageFactory(start=london(2031, 6, 3), all_day=True, end=None)
    series = EventPageFactory(start=london(2026, 3, 4, 10), repeat="monthly")
    long_ago = EventPageFactory(start=timezone.now() - datetime.timedelta(days=800))

    calendar = parse(client.get("/events/feed.ics"))

    uids = events_in(calendar)
    for event in (meeting, conference, series):
        assert f"event-{event.pk}@seslip.co.uk" in uids
    assert f"event-{long_ago.pk}@seslip.co.uk" not in uids
    assert "RRULE" in uids[f"event-{series.pk}@seslip.co.uk"]
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/London"


def test_the_pages_link_to_their_calendar_files(client, site_root):
    network = NetworkPageFactory(title="Workforce Network", slug="workforce")
    event = EventPageFactory(parent=network, start=london(2031, 2, 4, 10))

    from tests.helpers import get_html

    assert event.url + "event.ics" in get_html(client, event.url).hrefs()
    network_links = get_html(client, network.url).hrefs()
    assert "/about-networks/workforce/events.ics" in network_links
    assert "webcal://testserver/about-networks/workforce/events.ics" in network_links
    assert "/events/feed.ics" in get_html(client, "/events/").hrefs()
    assert "/events/feed.ics" in get_html(client, "/events/calendar/2031/2/").hrefs()


@pytest.mark.parametrize(
    "address",
    [
        "/events/no-such-event/event.ics",
        "/about-networks/no-such-network/events.ics",
        "/events/feed.ics/",
        "/events/other.ics",
        "/contacts/events.ics",
        "/feed.ics",
        "/events/..%2f/feed.ics",
    ],
)
def test_unknown_calendar_files_are_not_found(safe_client, site_root, address):
    assert safe_client.get(address).status_code == 404


def test_a_draft_events_file_is_not_found(safe_client, site_root):
    event = EventPageFactory(live=False)

    assert safe_client.get(event.url + "event.ics").status_code == 404


def test_calendar_files_link_to_the_site_at_the_address_it_was_reached_on(client, site_root):
    """The Site record says 'localhost'; the links must use the visitor's address, as the
    vCards and the RSS feed do."""
    network = NetworkPageFactory(title="Workforce Network", slug="workforce")
    meeting = EventPageFactory(parent=network, start=london(2031, 2, 4, 10))
    base = "https://www.seslip.co.uk"
    host = {"HTTP_HOST": "www.seslip.co.uk", "secure": True}

    for address, page in (
        (meeting.url + "event.ics", meeting),
        ("/about-networks/workforce/events.ics", network),
        ("/events/feed.ics", site_root.events),
    ):
        calendar = parse(client.get(address, **host))
        assert str(calendar["URL"]) == base + page.url
        vevent = events_in(calendar)[f"event-{meeting.pk}@seslip.co.uk"]
        assert str(vevent["URL"]) == base + "/about-networks/workforce/" + meeting.slug + "/"
        assert f"Details: {base}{meeting.url}" in str(vevent["DESCRIPTION"])
        assert "localhost" not in client.get(address, **host).content.decode()
