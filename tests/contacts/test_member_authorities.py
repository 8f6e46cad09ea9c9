"""The member authorities page: each authority, its networks and its peer challenge triad."""

import pytest

from contacts.factories import OrganisationFactory
from contacts.models import Organisation
from events.factories import EventPageFactory, EventParticipantFactory, london
from events.models import EventPage, EventParticipant
from networks.factories import NetworkPageFactory
from seslip.factories import MemberAuthoritiesPageFactory
from tests.helpers import Html, get_html

pytestmark = pytest.mark.django_db

MEMBER = Organisation.Kind.MEMBER


def triad(title, start, *members):
    event = EventPageFactory(
        title=title, kind=EventPage.Kind.PEER_CHALLENGE, start=start, all_day=True, end=None
    )
    for organisation, role in members:
        EventParticipantFactory(page=event, organisation=organisation, role=role)
    return event


@pytest.fixture
def authorities(site_root):
    names = ["East Sussex", "Isle of Wight", "Wokingham", "Surrey", "Kent"]
    orgs = {
        name: OrganisationFactory(name=f"{name} Council", short_name=name, kind=MEMBER)
        for name in names
    }
    OrganisationFactory(name="Local Government Association", kind=Organisation.Kind.PARTNER)
    safeguarding = NetworkPageFactory(title="AD Safeguarding Network", number=2)
    education = NetworkPageFactory(title="AD Education Network", number=1)
    for network, members in ((safeguarding, names), (education, ["Kent", "Wokingham"])):
        network.member_authorities = [orgs[name] for name in members]
        network.save_revision().publish()
    participant = EventParticipant.Role.PARTICIPANT
    triad(
        "DCS Peer Challenge Triad 1",
        london(2024, 1, 26),
        (orgs["East Sussex"], EventParticipant.Role.HOST),
        (orgs["Isle of Wight"], EventParticipant.Role.VISITOR),
        (orgs["Wokingham"], participant),
        (orgs["Surrey"], EventParticipant.Role.OBSERVER),
    )
    triad("Triad of 2018", london(2018, 7, 23), (orgs["Kent"], EventParticipant.Role.HOST))
    page = MemberAuthoritiesPageFactory(parent=site_root.contacts)
    return {"orgs": orgs, "page": page, "safeguarding": safeguarding, "education": education}


def card(html, name):
    """The text of one authority's card."""
    start = html.text.index(name)
    following = [html.text.find(f"{other} Council", start + 1) for other in NAMES_AFTER]
    ends = [index for index in following if index > start]
    return html.text[start : min(ends) if ends else None]


NAMES_AFTER = ["East Sussex", "Isle of Wight", "Kent", "Surrey", "Wokingham"]


def test_every_member_authority_with_its_networks_and_triad(client, authorities):
    html = get_html(client, authorities["page"].url).main

    # (The networks' leads work for other member authorities, made by the factories.)
    headings = [text for tag, text in html.headings if tag == "h2" and "Borough" not in text]
    assert headings == [
        "East Sussex Council",
        "Isle of Wight Council",
        "Kent Council",
        "Surrey Council",
        "Wokingham Council",
    ]
    assert "Local Government Association" not in html.text
    wokingham = card(html, "Wokingham Council")
    assert "AD Education Network" in wokingham and "AD Safeguarding Network" in wokingham
    assert wokingham.index("AD Education Network") < wokingham.index("AD Safeguarding Network")
    # The latest year with triads (2023-24) by default, with each authority's role and partners.
    assert "2023-24" in html.text
    east_sussex = card(html, "East Sussex Council")
    assert "DCS Peer Challenge Triad 1 (host), with Isle of Wight (visitor), Wokingham" in (
        east_sussex
    )
    assert "Surrey (observer)" in east_sussex
    assert "None recorded" in card(html, "Kent Council")  # no triad in 2023-24
    assert html.link_to(authorities["safeguarding"].url) == "AD Safeguarding Network"


def test_an_authority_in_no_known_network_shows_no_networks(client, authorities):
    """Nothing is said where nothing is known: no heading, no "None recorded"."""
    safeguarding = authorities["safeguarding"]
    safeguarding.member_authorities = [authorities["orgs"]["Kent"]]
    safeguarding.save_revision().publish()

    html = get_html(client, authorities["page"].url).main

    surrey = card(html, "Surrey Council")
    assert "DCS Peer Challenge Triad 1" in surrey
    assert "Networks and projects" not in surrey
    assert "AD Safeguarding Network" not in surrey
    assert "None recorded" not in surrey
    assert "AD Safeguarding Network" in card(html, "Kent Council")


def test_another_years_triads(client, authorities):
    html = get_html(client, authorities["page"].url + "?year=2018").main

    assert "2018-19" in html.text
    assert "Triad of 2018 (host)" in card(html, "Kent Council")
    assert "Triad 1" not in html.text


@pytest.mark.parametrize("year", ["1990", "abc", "2023-24", "%00"])
def test_a_year_without_triads_gives_a_message(safe_client, authorities, year):
    response = safe_client.get(authorities["page"].url + f"?year={year}")

    assert response.status_code == 200
    html = Html(response)
    assert "Choose a year from the list" in html.text
    assert "DCS Peer Challenge Triad 1" in html.text  # the default year instead


def test_the_contacts_page_links_to_it(client, authorities):
    html = get_html(client, "/contacts/").main

    assert html.link_to(authorities["page"].url) == "Member authorities"


def test_the_page_makes_as_many_queries_for_many_networks_and_triads_as_for_few(
    client, authorities
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = authorities["page"].url
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    orgs = list(authorities["orgs"].values())
    for number in range(8):
        network = NetworkPageFactory(title=f"Extra network {number}")
        network.member_authorities = orgs
        network.save()
        triad(
            f"Extra triad {number}",
            london(2024, 2, 1 + number),
            *[(org, EventParticipant.Role.PARTICIPANT) for org in orgs[:3]],
        )
    client.get(url)  # the first visit after a change reads the site afresh
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)

    assert response.status_code == 200
    assert "Extra triad 7" in response.content.decode()
    assert len(many) == len(few)
