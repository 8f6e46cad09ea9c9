"""The networks index and a network's page render with their content."""

import datetime

import pytest

from contacts.factories import PersonFactory
from events.factories import EventPageFactory
from networks.factories import NetworkOutputFactory, NetworkPageFactory
from networks.models import NetworkOutput, NetworkPage
from newsletters.factories import NewsItemFactory
from tests.helpers import get_html

pytestmark = pytest.mark.django_db


def test_index_lists_live_networks_and_projects(client, site_root):
    site_root.networks.intro = "<p>Twelve practice networks and five projects.</p>"
    site_root.networks.save()
    second = NetworkPageFactory(title="Principal Social Workers Network", number=2)
    first = NetworkPageFactory(title="AD Education Network", number=1)
    project = NetworkPageFactory(
        title="Data Benchmarking Project", kind=NetworkPage.Kind.PROJECT, number=14
    )
    NetworkPageFactory(title="Unpublished Network", number=3, live=False)

    html = get_html(client, "/about-networks/")

    assert "Twelve practice networks and five projects." in html.text
    assert html.link_to(first.url) == "AD Education Network"
    assert html.link_to(second.url) == "Principal Social Workers Network"
    assert html.link_to(project.url) == "Data Benchmarking Project"
    assert html.before("AD Education Network", "Principal Social Workers Network")
    assert html.before("Principal Social Workers Network", "Data Benchmarking Project")
    assert "Unpublished Network" not in html.text


def test_network_page_shows_purpose_leads_outputs_and_budget(client, site_root):
    sponsor = PersonFactory(name="Sarah Jones", role="Director of Children's Services")
    manager = PersonFactory(name="Luke Ede", role="Data Lead", email="luke.ede@example.gov.uk")
    network = NetworkPageFactory(
        title="Data Benchmarking Group",
        purpose="<p>To compare the region's children's services data.</p>",
        who_for="<p>Performance managers.</p>",
        eligibility="<p>One place for each authority.</p>",
        sponsor=sponsor,
        sponsor_title="DCS sponsor",
        project_manager=manager,
        project_manager_title="Project manager",
        budget=80000,
        budget_year="2024-25",
        budget_note="Paid to ESCC",
    )
    NetworkOutputFactory(
        page=network, text="Publish the workforce report", status=NetworkOutput.Status.DONE
    )
    NetworkOutputFactory(
        page=network,
        text="Run two benchmarking workshops",
        status=NetworkOutput.Status.IN_PROGRESS,
    )

    html = get_html(client, network.url)

    assert [t for tag, t in html.headings if tag == "h1"] == ["Data Benchmarking Group"]
    for text in (
        "To compare the region's children's services data.",
        "Performance managers.",
        "One place for each authority.",
        "DCS sponsor",
        "Sarah Jones",
        "Project manager",
        "Luke Ede",
        "Publish the workforce report",
        "Done",
        "Run two benchmarking workshops",
        "In progress",
        "80,000",
        "2024-25",
        "Paid to ESCC",
    ):
        assert text in html.text, text
    assert "mailto:luke.ede@example.gov.uk" in html.hrefs()  # the contact


def test_network_page_shows_its_upcoming_meetings_and_recent_news(client, site_root):
    network = NetworkPageFactory(title="Workforce Network")
    soon = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=10)
    under_network = EventPageFactory(parent=network, title="Workforce meeting in May", start=soon)
    calendar = EventPageFactory(
        title="Workforce conference", network=network, start=soon + datetime.timedelta(days=1)
    )
    EventPageFactory(title="Another network's meeting", start=soon)
    NewsItemFactory(heading="Workforce survey results", networks=[network])
    NewsItemFactory(heading="Unrelated news")

    html = get_html(client, network.url)

    assert html.link_to(under_network.url) == "Workforce meeting in May"
    assert html.link_to(calendar.url) == "Workforce conference"
    assert "Another network's meeting" not in html.text
    assert "Workforce survey results" in html.text
    assert "Unrelated news" not in html.text
