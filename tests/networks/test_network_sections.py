"""A network's page has the sections the regional peers use, generated where they can be."""

import datetime

import pytest
from django.utils import timezone

from contacts.factories import OrganisationFactory, PersonFactory
from contacts.models import Organisation
from events.factories import EventPageFactory
from networks.factories import (
    CollectionFactory,
    DocumentFactory,
    GroupFactory,
    NetworkPageFactory,
    restrict,
)
from networks.permissions import ensure_network_editors
from newsletters.factories import NewsItemFactory, WeeklyUpdatePageFactory
from tests.helpers import get_html

pytestmark = pytest.mark.django_db


def soon(days, hour=10):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def network(site_root):
    network = NetworkPageFactory(
        title="Principal Social Workers Network",
        who_for="<p>Principal social workers of the member authorities.</p>",
        eligibility="<p>One PSW from each authority.</p>",
        key_contact=PersonFactory(name="Chris Owen", email="chris.owen@example.gov.uk"),
    )
    ensure_network_editors(network)
    return network


def test_the_sections_are_there(client, network):
    html = get_html(client, network.url).main

    headings = html.heading_texts()
    for heading in (
        "Who it is for",
        "Membership eligibility",
        "Management and governance",
        "When it meets",
        "Key contact",
    ):
        assert heading in headings, heading
    assert "Principal social workers of the member authorities." in html.text
    assert "mailto:chris.owen@example.gov.uk" in html.hrefs()


def test_when_it_meets_shows_each_coming_date_of_its_regular_meeting(client, network):
    EventPageFactory(
        parent=network,
        title="PSW Network meeting",
        start=soon(7),
        end=soon(7, 12),
        repeat="weekly",
        repeat_count=3,
    )

    html = get_html(client, network.url).main

    assert html.text.count("PSW Network meeting") == 3
    assert "Every week, on " in html.text and "3 times in all" in html.text


def test_the_member_authorities_taking_part_are_listed(client, network):
    kent = OrganisationFactory(name="Kent County Council", kind=Organisation.Kind.MEMBER)
    medway = OrganisationFactory(name="Medway Council", kind=Organisation.Kind.MEMBER)
    network.member_authorities = [kent, medway]
    network.save_revision().publish()

    html = get_html(client, network.url).main

    assert "Member authorities taking part" in html.heading_texts()
    assert html.before("Kent County Council", "Medway Council")


def test_only_public_documents_of_the_networks_collection_are_listed(client, network):
    DocumentFactory(title="Terms of reference", collection=network.collection)
    private = network.collection.add_child(name="Members only")
    restrict(private, GroupFactory(name="PSWs"))
    DocumentFactory(title="Members' contact list", collection=private)
    DocumentFactory(title="Another network's minutes", collection=CollectionFactory())

    html = get_html(client, network.url).main

    assert "Documents" in html.heading_texts()
    assert "Terms of reference" in html.text
    assert "Members' contact list" not in html.text
    assert "Another network's minutes" not in html.text


def test_a_restricted_network_collection_lists_no_documents(client, network):
    DocumentFactory(title="Shared minutes", collection=network.collection)
    restrict(network.collection, GroupFactory(name="PSW members"))

    html = get_html(client, network.url).main

    assert "Shared minutes" not in html.text
    assert "Documents" not in html.heading_texts()


def test_recent_news_that_concerns_the_network(client, network):
    NewsItemFactory(heading="PSW conference booked", networks=[network])
    NewsItemFactory(heading="Unrelated news")

    html = get_html(client, network.url).main

    assert "PSW conference booked" in html.text
    assert "Unrelated news" not in html.text


# --- coming events on the home page and in the weekly update -----------------------------------


def test_the_home_page_shows_each_date_of_a_regular_meeting(client, site_root):
    site_root.home.upcoming_events_count = 3
    site_root.home.save()
    EventPageFactory(title="Weekly surgery", start=soon(2), repeat="weekly")
    EventPageFactory(title="Conference", start=soon(30))

    html = get_html(client, "/").main

    assert html.text.count("Weekly surgery") == 3
    assert "Conference" not in html.text


def test_the_weekly_update_lists_the_dates_of_regular_meetings(client, site_root):
    date = datetime.date(2031, 3, 7)
    EventPageFactory(
        title="Monthly AD Safeguarding meeting",
        start=timezone.make_aware(datetime.datetime(2031, 1, 10, 10)),
        end=timezone.make_aware(datetime.datetime(2031, 1, 10, 13)),
        repeat="monthly",
        repeat_on="weekday",
    )
    update = WeeklyUpdatePageFactory(number=700, date=date)

    meetings = update.future_meetings()

    # The second Fridays in the eight weeks from 7 March (to 2 May).
    assert [timezone.localtime(m.start).date() for m in meetings] == [
        datetime.date(2031, 3, 14),
        datetime.date(2031, 4, 11),
    ]
    html = get_html(client, update.url).main
    assert "Friday 14 March 2031, 10am to 1pm" in html.text
    assert "Friday 11 April 2031" in html.text
