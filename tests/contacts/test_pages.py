"""The contacts page lists the people to contact and what they lead."""

import pytest

from contacts.factories import OrganisationFactory, PersonFactory
from networks.factories import NetworkPageFactory
from tests.helpers import get_html

pytestmark = pytest.mark.django_db


def test_contacts_page_lists_current_people_with_their_details(client, site_root):
    site_root.contacts.intro = "Whom to contact about each part of the programme."
    site_root.contacts.save()
    person = PersonFactory(
        name="Mark Evans",
        role="SESLIP Programme Manager",
        organisation=OrganisationFactory(name="Royal Borough of Windsor and Maidenhead"),
        phone="07700 900 123",
        email="mark.evans@example.org",
    )
    PersonFactory(name="Someone Who Left", has_left=True)
    network = NetworkPageFactory(title="Principal Social Workers Network", sponsor=person)

    html = get_html(client, "/contacts/")

    assert "Whom to contact about each part of the programme." in html.text
    for text in (
        "Mark Evans",
        "SESLIP Programme Manager",
        "Royal Borough of Windsor and Maidenhead",
        "07700 900 123",
    ):
        assert text in html.text, text
    assert "mailto:mark.evans@example.org" in html.hrefs()
    assert "tel:07700900123" in html.hrefs()
    assert html.link_to(network.url) == "Principal Social Workers Network"
    assert "Someone Who Left" not in html.text


def test_people_are_listed_by_name(client, site_root):
    for name in ("Zoe Adams", "amir Khan", "Beth Cole"):
        PersonFactory(name=name)

    html = get_html(client, "/contacts/")

    assert html.before("amir Khan", "Beth Cole")
    assert html.before("Beth Cole", "Zoe Adams")


def test_a_persons_own_page(client, site_root):
    person = PersonFactory(name="Luke Ede", role="Data Lead")
    gone = PersonFactory(name="Former Lead", has_left=True)

    html = get_html(client, f"/contacts/{person.pk}/")

    assert "Luke Ede" in html.text
    assert "Data Lead" in html.text
    assert client.get(f"/contacts/{gone.pk}/").status_code == 404
