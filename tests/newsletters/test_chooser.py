"""The news-item chooser of a weekly update: each item's date, networks and last update,
search in the items' text, and writing a new item without leaving the update."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import rich_text

from networks.factories import (
    AccessGroupFactory,
    CollectionFactory,
    DocumentFactory,
    NetworkPageFactory,
    restrict,
)
from newsletters.factories import NewsItemFactory, WeeklyUpdatePageFactory
from newsletters.models import NewsItem
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db

CHOOSE = "wagtailsnippetchoosers_newsletters_newsitem:choose"
RESULTS = "wagtailsnippetchoosers_newsletters_newsitem:choose_results"
CREATE = "wagtailsnippetchoosers_newsletters_newsitem:create"


@pytest.fixture
def admin(client, admin_user, site_root):
    return verified_login(client, admin_user)


def rows(response):
    """The chooser's rows: {heading: [the row's other cells]}."""
    assert response.status_code == 200
    is_json = response["Content-Type"] == "application/json"
    html = response.json()["html"] if is_json else response.content  # the modal, or its results
    soup = BeautifulSoup(html, "html.parser")
    table = {}
    for row in soup.select("tbody tr"):
        cells = [" ".join(cell.get_text(" ", strip=True).split()) for cell in row.select("td")]
        table[cells[0]] = cells[1:]
    return table


def test_the_chooser_shows_each_items_date_networks_and_last_update(admin):
    fostering = NetworkPageFactory(title="Fostering Network")
    data = NetworkPageFactory(title="Data Benchmarking Network")
    reused = NewsItemFactory(heading="Peer challenge nominations", networks=[data, fostering])
    NewsItemFactory(heading="Kinship care conference")
    WeeklyUpdatePageFactory(
        number=517, date=datetime.date(2026, 11, 20), body=[("news_item", reused)]
    )
    WeeklyUpdatePageFactory(
        number=518, date=datetime.date(2026, 11, 27), reminders=[("news_item", reused)]
    )
    WeeklyUpdatePageFactory(number=519, date=datetime.date(2026, 12, 4))
    today = timezone.localdate(reused.updated_at)

    table = rows(admin.get(reverse(CHOOSE)))

    assert table["Peer challenge nominations"] == [
        f"{today:%A} {today.day} {today:%B %Y}",
        "Data Benchmarking Network, Fostering Network",
        "No 518, Friday 27 November 2026",
    ]
    assert table["Kinship care conference"][1:] == ["None", "Not in an update yet"]


def test_the_chooser_runs_the_same_queries_however_many_items(admin):
    network = NetworkPageFactory(title="Fostering Network")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert admin.get(reverse(CHOOSE)).status_code == 200
        return len(captured)

    NewsItemFactory(networks=[network])
    few = queries()
    for _ in range(8):
        item = NewsItemFactory(networks=[network])
        WeeklyUpdatePageFactory(body=[("news_item", item)])

    assert queries() == few


def test_the_chooser_searches_the_items_text(admin):
    NewsItemFactory(
        heading="Regional conference",
        body="<p>Places are open for the kinship care workshop in Reading.</p>",
    )
    NewsItemFactory(heading="Workforce data", body="<p>The return is due in June.</p>")
    NewsItemFactory(heading="Survey", action_required="<p>Ask your kinship carers to reply.</p>")

    found = rows(admin.get(reverse(RESULTS), {"q": "kinship"}))

    assert sorted(found) == ["Regional conference", "Survey"]


def test_a_new_item_is_written_in_the_chooser_and_chosen(admin):
    network = NetworkPageFactory(title="Fostering Network")
    form = admin.get(reverse(CHOOSE)).json()["html"]
    assert "Write a new news item" in form

    response = admin.post(
        reverse(CREATE),
        {
            "heading": "Fostering recruitment campaign",
            "body": rich_text("<p>The regional campaign starts in January.</p>"),
            "action_required": rich_text("<p>Send your authority's logo.</p>"),
            "action_by": "2027-01-08",
            "networks": [network.pk],
        },
    )

    answer = response.json()
    item = NewsItem.objects.get(heading="Fostering recruitment campaign")
    assert answer["step"] == "chosen"
    assert answer["result"]["id"] == str(item.pk)
    assert item.action_by == datetime.date(2027, 1, 8)
    assert list(item.networks.all()) == [network]


def test_a_new_item_in_the_chooser_cannot_link_a_restricted_document(admin):
    signatories = AccessGroupFactory(group__name="Data Sharing Protocol signatories")
    collection = CollectionFactory(name="Unaudited returns")
    restrict(collection, signatories.group)
    document = DocumentFactory(title="Referrals, quarter 3", collection=collection)

    response = admin.post(
        reverse(CREATE),
        {
            "heading": "Quarter 3 figures",
            "body": rich_text(
                f'<p>See <a linktype="document" id="{document.pk}">the figures</a>.</p>'
            ),
            "action_required": rich_text(""),
            "action_by": "",
        },
    )

    answer = response.json()
    assert answer["step"] == "reshow_creation_form"
    assert "is a restricted document" in answer["htmlFragment"]
    assert not NewsItem.objects.filter(heading="Quarter 3 figures").exists()
