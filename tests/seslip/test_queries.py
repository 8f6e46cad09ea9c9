"""Every public page type runs at most 10 SQL queries for an anonymous visitor (page cache off),
and as many with 100 of what it lists as with 10: news items, updates, events, networks, people,
organisations, reports, documents, child pages, search results.

One site is built with 10 of everything, every public address is measured, then it grows to 100
of everything and every address is measured again (tests/newsletters/test_query_counts.py
checks the update pages in more detail)."""

import datetime
import re

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from benchmarking.factories import BenchmarkingIndexPageFactory
from contacts.factories import OrganisationFactory, PersonFactory
from events.factories import EventIndexPageFactory, EventPageFactory, EventParticipantFactory
from events.models import EventPage
from networks.factories import (
    AccessGroupFactory,
    CollectionFactory,
    DocumentFactory,
    NetworkIndexPageFactory,
    NetworkOutputFactory,
    NetworkPageFactory,
    ReportIndexPageFactory,
    ReportPageFactory,
    ReportSectionPageFactory,
)
from networks.models import ReportPage
from newsletters.factories import (
    NewsItemFactory,
    NewsletterIndexPageFactory,
    WeeklyUpdatePageFactory,
    item_links,
)
from seslip.factories import (
    ContactsIndexPageFactory,
    HomePageFactory,
    HomePagePartnerFactory,
    MemberAuthoritiesPageFactory,
    SiteSettingsFactory,
    StandardPageFactory,
)
from tests.bulk import indexed_at_the_end

MAX_QUERIES = 10
# A search nothing matches is run again for words spelt like the query (the pages, their types,
# the people and the news items once more): a fixed number of queries more, however many match.
MAX_QUERIES_SEARCHING_TWICE = {"misspelt search": 11}
SIZES = (10, 100)
ADDRESS_NAMES = [
    "home",
    "standard page",
    "archive",
    "archive year",
    "news item",
    "updates feed",
    "weekly update",
    "weekly update print",
    "network index",
    "network page",
    "network calendar file",
    "report index",
    "report section",
    "report page",
    "event index",
    "past events",
    "calendar",
    "events feed",
    "event page",
    "event calendar file",
    "contacts",
    "contacts search",
    "person",
    "vcard",
    "member authorities",
    "search",
    "misspelt search",
    "sitemap",
    "request access",
    "subscribe",
    "login",
]


def _in_weeks(weeks, hour=10):
    day = timezone.localdate() + datetime.timedelta(weeks=weeks)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class Site:
    """A site with a page of every type, grown to ``count`` of everything each page lists."""

    def __init__(self):
        self.count = 0
        self.home = HomePageFactory()
        self.newsletters = NewsletterIndexPageFactory(parent=self.home)
        self.networks = NetworkIndexPageFactory(parent=self.home)
        self.events = EventIndexPageFactory(parent=self.home)
        self.contacts = ContactsIndexPageFactory(parent=self.home)
        self.authorities = MemberAuthoritiesPageFactory(parent=self.contacts)
        self.about = StandardPageFactory(parent=self.home, title="About", slug="about")
        BenchmarkingIndexPageFactory(parent=self.home)  # search lists its measures
        self.library = ReportIndexPageFactory(parent=self.home)
        self.section = ReportSectionPageFactory(parent=self.library, title="Plans")
        self.person = PersonFactory(name="Sam Lead")
        SiteSettingsFactory(programme_manager=self.person)
        self.collection = CollectionFactory(name="Safeguarding network")
        self.network = NetworkPageFactory(
            parent=self.networks,
            title="Safeguarding network",
            slug="safeguarding",
            number=0,
            sponsor=self.person,
            collection=self.collection,
        )
        self.report = ReportPageFactory(parent=self.library, network=self.network)
        self.item = NewsItemFactory(heading="Safeguarding review", people=[self.person])
        self.peer_challenge = EventPageFactory(
            parent=self.events, kind=EventPage.Kind.PEER_CHALLENGE, start=_in_weeks(3)
        )
        self.meeting = EventPageFactory(parent=self.events, network=self.network)
        AccessGroupFactory()
        self.update = None

    def grow(self, count):
        """Add what is missing to reach ``count`` of everything."""
        new = range(self.count, count)
        authorities = [OrganisationFactory(kind="member") for _ in new]
        people = [PersonFactory() for _ in new]
        for n, authority in zip(new, authorities, strict=True):
            HomePagePartnerFactory(page=self.home, organisation__name=f"Partner {n}")
            network = NetworkPageFactory(
                parent=self.networks,
                title=f"Safeguarding project {n}",
                kind="project" if n % 2 else "network",
                sponsor=people[n - self.count],
            )
            network.member_authorities.add(authority)
            self.network.member_authorities.add(authority)
            NetworkOutputFactory(page=self.network)
            DocumentFactory(title=f"Safeguarding minutes {n}", collection=self.collection)
            # A meeting of the network that began weeks ago and repeats weekly into the coming
            # weeks, and a one-off event in the coming months.
            EventPageFactory(
                parent=self.network,
                network=self.network,
                title=f"Safeguarding meeting {n}",
                start=_in_weeks(-4 - n % 5),
                repeat="weekly",
                repeat_count=12,
                contact=people[n - self.count],
            )
            EventPageFactory(parent=self.events, title=f"Safeguarding conference {n}")
            EventParticipantFactory(page=self.peer_challenge, organisation=authority)
            report = ReportPageFactory(
                parent=self.section, network=self.network, title=f"Safeguarding report {n}"
            )
            ReportPage.objects.filter(pk=report.pk).update(superseded_by=self.report)
            StandardPageFactory(parent=self.about, title=f"Safeguarding guide {n}")
            WeeklyUpdatePageFactory(parent=self.newsletters, number=100 + n)
        self.item.people.add(*people)
        self.item.networks.add(self.network)
        self.update = WeeklyUpdatePageFactory(
            parent=self.newsletters,
            number=1000 + count,
            body=[
                (
                    "news_item",
                    NewsItemFactory(
                        heading=f"Safeguarding news {n}",
                        people=[self.person, people[n % len(people)]],
                        networks=[self.network],
                        links=item_links(DocumentFactory()),
                    ),
                )
                for n in range(count)
            ],
        )
        self.count = count

    def addresses(self):
        """Every public page type and view, by name (ADDRESS_NAMES)."""
        today = timezone.localdate()
        addresses = {
            "home": self.home.url,
            "standard page": self.about.url,
            "archive": self.newsletters.url,
            "archive year": f"{self.newsletters.url}?year={self.update.date.year}",
            "news item": f"{self.newsletters.url}items/{self.item.pk}/",
            "updates feed": f"{self.newsletters.url}feed/",
            "weekly update": self.update.url,
            "weekly update print": self.update.url + "print/",
            "network index": self.networks.url,
            "network page": self.network.url,
            "network calendar file": self.network.url + "events.ics",
            "report index": self.library.url,
            "report section": self.section.url,
            "report page": self.report.url,
            "event index": self.events.url,
            "past events": self.events.url + "past/",
            "calendar": f"{self.events.url}calendar/{today.year}/{today.month}/",
            "events feed": self.events.url + "feed.ics",
            "event page": self.peer_challenge.url,
            "event calendar file": self.meeting.url + "event.ics",
            "contacts": self.contacts.url,
            "contacts search": self.contacts.url + "?q=example",
            "person": f"{self.contacts.url}{self.person.pk}/",
            "vcard": f"{self.contacts.url}{self.person.pk}.vcf",
            "member authorities": self.authorities.url,
            "search": "/search/?q=safeguarding",
            "misspelt search": "/search/?q=safegaurding",  # found by words spelt like it
            "sitemap": "/sitemap.xml",
            "request access": "/account/request-access/",
            "subscribe": "/newsletters/subscribe/",
            "login": "/account/login/",
        }
        assert list(addresses) == ADDRESS_NAMES
        return addresses


def queries_for(client, address):
    """The SQL an address runs for an anonymous visitor, after one request warmed the caches."""
    assert client.get(address).status_code == 200, address
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200, address
    return [query["sql"] for query in captured.captured_queries]


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker):
    """Each address's queries with 10 and with 100 of everything, measured once for the module
    and rolled back."""
    client = Client()
    results = {}
    with django_db_blocker.unblock(), transaction.atomic():
        site = Site()
        for size in SIZES:
            with indexed_at_the_end():
                site.grow(size)
            for name, address in site.addresses().items():
                results.setdefault(name, {})[size] = queries_for(client, address)
            results.setdefault("pages found", {})[size] = pages_found(client)
        transaction.set_rollback(True)
    return results


def pages_found(client):
    """How many pages the search for "safeguarding" says it found."""
    text = client.get("/search/?q=safeguarding").content.decode()
    return int(re.search(r"(\d+) pages? found", text).group(1))


# The sitemap lists every live page: Wagtail reads each page type's fields in a query of its
# own, so it runs one query per page type (fixed by the models, not by the content).
BOUNDED_BY_PAGE_TYPES = {"sitemap"}


@pytest.mark.django_db
@pytest.mark.parametrize("name", ADDRESS_NAMES)
def test_the_page_runs_at_most_10_queries_with_10_or_100_items(measured, name):
    small, large = (measured[name][size] for size in SIZES)

    assert len(small) == len(large), (
        f"{len(small)} queries with 10 items, {len(large)} with 100; with 100:\n" + "\n".join(large)
    )
    if name not in BOUNDED_BY_PAGE_TYPES:
        most = MAX_QUERIES_SEARCHING_TWICE.get(name, MAX_QUERIES)
        assert len(large) <= most, f"{len(large)} queries:\n" + "\n".join(large)


@pytest.mark.django_db
def test_search_was_measured_with_everything_indexed(measured):
    """Each grown item adds five pages titled "Safeguarding …" (a network or project, a meeting,
    a conference, a report and a guide): the search measured above found them all."""
    for size in SIZES:
        assert measured["pages found"][size] >= 5 * size
