"""The update page, the archive and the home page run as many SQL queries with 100 news items as
with 10: nothing is fetched once per item, person, document or update."""

import datetime

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contacts.factories import PersonFactory
from events.factories import EventIndexPageFactory, EventPageFactory
from networks.factories import NetworkIndexPageFactory, NetworkPageFactory
from newsletters.factories import (
    DocumentFactory,
    NewsItemFactory,
    NewsletterIndexPageFactory,
    WeeklyUpdatePageFactory,
    item_links,
    tools_and_templates,
)
from seslip.factories import ContactsIndexPageFactory, HomePageFactory, SiteSettingsFactory
from tests.bulk import indexed_at_the_end
from tests.helpers import Html

pytestmark = pytest.mark.django_db

DATE = datetime.date(2024, 3, 1)


def build_update(number, items, *, date=DATE):
    """An update of ``items`` reusable news items, each naming its own person (from its own
    organisation) and network, with a link and a document; a tenth as many reminders; and a
    "Tools & Templates" list with a document of its own."""
    network = NetworkPageFactory(sponsor=None, project_manager=None)
    news = [
        NewsItemFactory(
            heading=f"Item {number}.{n}",
            action_required=f"<p>Reply about item {number}.{n}.</p>",
            people=[PersonFactory(name=f"Person {number}.{n}")],
            networks=[network],
            links=item_links(DocumentFactory()),
        )
        for n in range(items)
    ]
    reminders = [
        NewsItemFactory(heading=f"Reminder {number}.{n}", people=[PersonFactory()])
        for n in range(max(1, items // 10))
    ]
    tools = tools_and_templates(
        {"date": date, "publisher": "Ofsted", "title": "Annual report", "link": "https://a.b/"},
        {"date": date, "publisher": "DfE", "title": "Guidance", "document": DocumentFactory()},
    )
    return WeeklyUpdatePageFactory(
        number=number,
        date=date,
        body=[
            ("rich_text", "<p>This week's headlines.</p>"),
            *[("news_item", item) for item in news],
            tools,
        ],
        reminders=[("news_item", item) for item in reminders],
    )


def queries_for(client, url):
    """The SQL a page runs, measured after one request has warmed the caches."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response, [query["sql"] for query in captured.captured_queries]


def assert_same_count(small, large):
    assert len(small) == len(large), (
        f"{len(small)} queries with 10 items, {len(large)} with 100; with 100:\n" + "\n".join(large)
    )


def add_meetings():
    """Two meetings in the weeks after DATE, under two networks."""
    start = timezone.make_aware(datetime.datetime.combine(DATE, datetime.time(10)))
    for days in (7, 21):
        EventPageFactory(start=start + datetime.timedelta(days=days), network=NetworkPageFactory())


@pytest.fixture(scope="module")
def two_updates(django_db_setup, django_db_blocker):
    """An update of 10 items, then one of 100 a week later, on one site: the home page measured
    with each as the latest, and both updates' pages and print versions. Built once for the
    module, indexed at the end (tests/bulk.py), and rolled back."""
    client = Client()
    measured = {}
    with django_db_blocker.unblock(), transaction.atomic():
        home = HomePageFactory()
        for section in (NewsletterIndexPageFactory, NetworkIndexPageFactory, EventIndexPageFactory):
            section(parent=home)
        ContactsIndexPageFactory(parent=home)
        SiteSettingsFactory(programme_manager=PersonFactory(name="Mark Evans"))
        with indexed_at_the_end():
            add_meetings()
            small = build_update(700, 10)
        measured["home", 10] = queries_for(client, "/")
        with indexed_at_the_end():
            large = build_update(701, 100, date=DATE + datetime.timedelta(weeks=1))
        measured["home", 100] = queries_for(client, "/")
        for update, size in ((small, 10), (large, 100)):
            measured["update", size] = queries_for(client, update.url)
            measured["print", size] = queries_for(client, update.url + "print/")
        transaction.set_rollback(True)
    return measured


def test_the_update_page_runs_the_same_queries_for_10_and_100_items(two_updates):
    (small_response, small_queries), (large_response, large_queries) = (
        two_updates["update", size] for size in (10, 100)
    )

    assert_same_count(small_queries, large_queries)
    # The pages did show everything the queries were saved on.
    html = Html(large_response).main
    assert "Item 701.99" in html.text
    assert "Reply about item 701.99." in html.text
    assert "Reminder 701.9" in html.text
    assert "Person 701.99" in html.text
    assert html.text.count("Benchmarking report") >= 100
    assert "Annual report" in html.text
    assert "Mark Evans" in html.text
    assert Html(small_response).main.text.count("Action required") == 10


def test_the_print_version_runs_the_same_queries_for_10_and_100_items(two_updates):
    (_, small_queries), (large_response, large_queries) = (
        two_updates["print", size] for size in (10, 100)
    )

    assert_same_count(small_queries, large_queries)
    assert "Item 701.99" in Html(large_response).text


def test_the_home_page_runs_the_same_queries_for_10_and_100_items(two_updates):
    (_, small_queries), (response, large_queries) = (
        two_updates["home", size] for size in (10, 100)
    )

    assert_same_count(small_queries, large_queries)
    assert "Item 701.0" in Html(response).main.text


def test_the_archive_runs_the_same_queries_for_10_and_100_items_and_updates(client, site_root):
    with indexed_at_the_end():
        build_update(700, 10)
        for n in range(9):
            WeeklyUpdatePageFactory(number=600 + n)
    _, small_queries = queries_for(client, "/newsletters/")
    _, small_year_queries = queries_for(client, "/newsletters/?year=2024")

    with indexed_at_the_end():
        build_update(701, 100, date=DATE + datetime.timedelta(weeks=1))
        for n in range(89):
            WeeklyUpdatePageFactory(number=610 + n)
    response, large_queries = queries_for(client, "/newsletters/")
    _, large_year_queries = queries_for(client, "/newsletters/?year=2024")
    _, last_page_queries = queries_for(client, "/newsletters/?page=5")

    assert_same_count(small_queries, large_queries)
    assert_same_count(small_year_queries, large_year_queries)
    assert_same_count(small_queries, last_page_queries)
    assert "Update no 701 " in Html(response).main.text
