"""The month calendar, the filters of the upcoming list, and the bounded cost of both."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.factories import EventPageFactory, london
from networks.factories import NetworkPageFactory
from tests.helpers import Html, get_html

pytestmark = pytest.mark.django_db

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def cells(html):
    """The calendar table's cells, as the source HTML of each <td>."""
    table = re.search(r'<table class="govuk-table seslip-calendar">.*?</table>', html.source, re.S)
    assert table, "the page has no calendar table"
    return re.findall(r"<td\b.*?</td>", table.group(0), re.S)


def cell_for(html, day):
    """The cell of a day of the month (its <time datetime>)."""
    for cell in cells(html):
        if f'datetime="{day.isoformat()}"' in cell:
            return Html(cell)
    pytest.fail(f"No cell for {day}")


def test_a_month_with_no_events(client, site_root):
    html = get_html(client, "/events/calendar/2031/2/")

    table = html.tables[0]
    assert table["caption"] == ["Events in February 2031"]
    assert table["th"] == [f"{day[:3]}{day}" for day in WEEKDAYS]
    # February 2031 starts on a Saturday: 28 days over 5 weeks, 35 cells.
    assert len(cells(html)) == 35
    assert "There are no events in February 2031." in html.text
    assert [t for tag, t in html.headings if tag == "h1"] == ["February 2031"]
    assert 'scope="col"' in html.source


def test_a_month_with_no_events_for_a_project_names_the_project(client, site_root):
    project = NetworkPageFactory(title="Kinship Care", slug="kinship-care", kind="project")

    html = get_html(client, f"/events/calendar/2031/2/?network={project.slug}")

    assert "There are no events in February 2031 for Kinship Care." in html.text


def test_a_month_with_many_events_lists_each_on_its_days(client, site_root):
    network = NetworkPageFactory(title="Kinship Care Network")
    for day in range(1, 31):
        EventPageFactory(
            title=f"Meeting on the {day}",
            start=london(2031, 4, day, 9 + day % 8),
            end=london(2031, 4, day, 10 + day % 8),
        )
    EventPageFactory(
        parent=network,
        title="Kinship care surgery",
        start=london(2031, 4, 2, 14),
        end=london(2031, 4, 2, 15, 30),
        repeat="weekly",
        repeat_count=4,
    )
    conference = EventPageFactory(
        title="Regional conference",
        start=london(2031, 4, 29),
        end=london(2031, 5, 1),
        all_day=True,
    )

    html = get_html(client, "/events/calendar/2031/4/")

    second = cell_for(html, datetime.date(2031, 4, 2))
    assert "Meeting on the 2" in second.text
    assert "Kinship care surgery" in second.text
    assert "2pm to 3:30pm" in second.text
    for day in (9, 16, 23):
        assert "Kinship care surgery" in cell_for(html, datetime.date(2031, 4, day)).text
    assert "Kinship care surgery" not in cell_for(html, datetime.date(2031, 4, 30)).text
    # A conference over three days shows on each of its days in the month.
    for day in (29, 30):
        assert cell_for(html, datetime.date(2031, 4, day)).link_to(conference.url)
    assert html.link_to("/events/calendar/2031/3/") is not None
    assert html.link_to("/events/calendar/2031/5/") is not None
    # Below the grid, every date of the month as a list.
    assert html.text.count("Kinship care surgery") == 8


def test_today_is_marked(client, site_root):
    today = timezone.localdate()

    html = get_html(client, f"/events/calendar/{today.year}/{today.month}/")

    today_cells = [c for c in cells(html) if 'aria-current="date"' in c]
    assert len(today_cells) == 1
    assert f'datetime="{today.isoformat()}"' in today_cells[0]
    assert "Today" in Html(today_cells[0]).text
    assert client.get("/events/calendar/").status_code == 200


def test_the_calendar_filters_by_network(client, site_root):
    network = NetworkPageFactory(title="Fostering Network")
    EventPageFactory(parent=network, title="Fostering meeting", start=london(2031, 4, 3, 10))
    EventPageFactory(title="Another meeting", start=london(2031, 4, 4, 10))

    html = get_html(client, f"/events/calendar/2031/4/?network={network.slug}")

    assert "Fostering meeting" in html.text
    assert "Another meeting" not in html.text
    # The month links keep the filter.
    assert f"/events/calendar/2031/5/?network={network.slug}" in html.hrefs()


@pytest.mark.parametrize(
    "address",
    [
        "/events/calendar/2031/13/",
        "/events/calendar/2031/0/",
        "/events/calendar/1999/1/",
        "/events/calendar/2101/1/",
        "/events/calendar/20311/1/",
        "/events/calendar/abcd/1/",
        "/events/calendar/2031/",
        "/events/calendar/2031/4/extra/",
    ],
)
def test_a_month_that_does_not_exist_is_not_found(safe_client, site_root, address):
    assert safe_client.get(address).status_code == 404


@pytest.mark.parametrize(
    "query",
    ["?network=no-such-network", "?network=%00", "?network=a&network=" + "x" * 5000],
)
def test_an_unknown_network_gives_a_message(safe_client, site_root, query):
    response = safe_client.get("/events/calendar/2031/4/" + query)

    assert response.status_code == 200
    html = Html(response)
    assert "There is a problem" in html.text
    assert "Choose a network or project from the list" in html.text
    assert html.source.count("<title>") == 1 and "<title>Error:" in html.source


# --- the list of upcoming events, with its filters ----------------------------------------------


def test_a_repeating_meeting_is_listed_at_each_date(client, site_root):
    start = (timezone.now() + datetime.timedelta(days=3)).replace(microsecond=0)
    EventPageFactory(title="Weekly surgery", start=start, repeat="weekly", repeat_count=3)

    html = get_html(client, "/events/")

    assert html.main.text.count("Weekly surgery") == 3


def test_upcoming_events_by_network_and_month(client, site_root):
    fostering = NetworkPageFactory(title="Fostering Network")
    soon = timezone.localdate() + datetime.timedelta(days=40)
    later = timezone.localdate() + datetime.timedelta(days=100)
    at = lambda day: timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))  # noqa: E731
    EventPageFactory(parent=fostering, title="Fostering soon", start=at(soon))
    EventPageFactory(title="Fostering later", network=fostering, start=at(later))
    EventPageFactory(title="Other network soon", start=at(soon))

    by_network = get_html(client, f"/events/?network={fostering.slug}").main
    by_month = get_html(client, f"/events/?month={soon:%Y-%m}").main
    both = get_html(client, f"/events/?network={fostering.slug}&month={later:%Y-%m}").main

    assert "Fostering soon" in by_network.text and "Fostering later" in by_network.text
    assert "Other network soon" not in by_network.text
    assert "Fostering soon" in by_month.text and "Other network soon" in by_month.text
    assert "Fostering later" not in by_month.text or later.month == soon.month
    assert "Fostering later" in both.text and "Other network soon" not in both.text
    assert "selected" in by_network.source


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?month=2031-13", "Choose a month from the list"),
        ("?month=abc", "Choose a month from the list"),
        ("?month=1800-01", "Choose a month from the list"),
        ("?month=%00", "Choose a month from the list"),
        ("?network=nope", "Choose a network or project from the list"),
        ("?network=nope&month=2031-99&page=abc", "Choose a network or project from the list"),
    ],
)
def test_bad_filters_give_a_message_not_an_error(safe_client, site_root, query, message):
    EventPageFactory(title="Still listed")

    response = safe_client.get("/events/" + query)

    assert response.status_code == 200
    html = Html(response)
    assert message in html.text
    assert "Still listed" in html.text  # the bad filter is ignored


def test_a_month_from_a_shared_link_is_offered(client, site_root):
    html = get_html(client, "/events/?month=2040-06")

    assert "June 2040" in html.text
    assert "There is a problem" not in html.text


# --- the number of queries does not grow with the number of events --------------------------------


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def make_events(count, network, prefix):
    for index in range(count):
        EventPageFactory(
            parent=network if index % 2 else None,
            title=f"{prefix} meeting {index}",
            start=london(2020 if index % 3 == 0 else 2031, 4, 1 + index % 28, 10),
            repeat="weekly" if index % 5 == 0 else "",
            repeat_count=3 if index % 5 == 0 else None,
        )


@pytest.mark.parametrize(
    "url",
    [
        "/events/",
        "/events/?month=2031-04",
        "/events/calendar/2031/4/",
        "/events/past/",
        "/events/feed.ics",
        "/",
    ],
)
def test_pages_make_as_many_queries_for_many_events_as_for_few(client, site_root, url):
    network = NetworkPageFactory(title="Workforce Network")
    make_events(2, network, "First")
    client.get(url)  # fill the caches (site root paths)
    few = count_queries(client, url)

    make_events(40, network, "More")
    client.get(url)  # the first visit after a change reads the site afresh
    many = count_queries(client, url)

    assert many == few, f"{url}: {few} queries for 2 events, {many} for 42"
    assert few <= 20


def test_network_page_queries_do_not_grow_with_meetings(client, site_root):
    network = NetworkPageFactory(title="Workforce Network")
    make_events(2, network, "First")
    client.get(network.url)
    few = count_queries(client, network.url)

    make_events(30, network, "More")
    client.get(network.url)  # the first visit after a change reads the site afresh
    many = count_queries(client, network.url)

    assert many == few
