"""The contacts directory: search, filters, contact cards, and people who have left."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.factories import OrganisationFactory, PersonFactory
from networks.factories import NetworkPageFactory
from newsletters.factories import NewsItemFactory, WeeklyUpdatePageFactory
from tests.helpers import Html, get_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(site_root):
    kent = OrganisationFactory(name="Kent County Council", short_name="Kent")
    medway = OrganisationFactory(name="Medway Council", short_name="Medway")
    luke = PersonFactory(name="Luke Ede", role="Data Lead", organisation=kent)
    sarah = PersonFactory(
        name="Sarah Daly", role="Director of Children's Services", organisation=medway
    )
    chris = PersonFactory(name="Chris Owen", role="Project manager", organisation=kent)
    PersonFactory(name="Gone Person", role="Data Lead", organisation=kent, has_left=True)
    network = NetworkPageFactory(
        title="Data Benchmarking Network", sponsor=sarah, project_manager=luke
    )
    return {
        "kent": kent,
        "medway": medway,
        "luke": luke,
        "sarah": sarah,
        "chris": chris,
        "network": network,
    }


def names(html):
    return [text for tag, text in html.headings if tag == "h2" and text in NAMES]


NAMES = {"Luke Ede", "Sarah Daly", "Chris Owen", "Gone Person"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=luke", ["Luke Ede"]),
        ("q=data+lead", ["Luke Ede"]),
        ("q=director", ["Sarah Daly"]),
        ("q=Kent", ["Chris Owen", "Luke Ede"]),
        ("q=medway+council", ["Sarah Daly"]),
        ("q=nobody", []),
    ],
)
def test_search_by_name_role_or_organisation(client, people, query, expected):
    html = get_html(client, f"/contacts/?{query}").main

    assert names(html) == expected
    assert "Gone Person" not in html.text


def test_filter_by_network_and_organisation(client, people):
    by_network = get_html(client, f"/contacts/?network={people['network'].slug}").main
    by_organisation = get_html(client, f"/contacts/?organisation={people['kent'].pk}").main
    both = get_html(
        client, f"/contacts/?network={people['network'].slug}&organisation={people['kent'].pk}"
    ).main

    assert names(by_network) == ["Luke Ede", "Sarah Daly"]
    assert names(by_organisation) == ["Chris Owen", "Luke Ede"]
    assert names(both) == ["Luke Ede"]
    assert "2 people match" in by_network.text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("network=no-such-network", "Choose a network or project from the list"),
        ("organisation=abc", "Choose an organisation from the list"),
        ("organisation=99999999999999999999", "Choose an organisation from the list"),
        ("q=" + "x" * 500, "Search for at most 100 characters"),
        ("q=abc%00def", "Null characters are not allowed"),
    ],
)
def test_bad_filters_give_a_message_not_an_error(safe_client, people, query, message):
    response = safe_client.get(f"/contacts/?{query}")

    assert response.status_code == 200
    html = Html(response)
    assert message in html.text
    assert "<title>Error:" in html.source


def test_each_card_has_role_organisation_phone_email_leads_and_vcard(client, people):
    luke = people["luke"]

    html = get_html(client, "/contacts/?q=luke").main

    for text in ("Data Lead", "Kent County Council", luke.phone):
        assert text in html.text
    assert luke.tel_href in html.hrefs()
    assert f"mailto:{luke.email}" in html.hrefs()
    assert html.link_to(people["network"].url) == "Data Benchmarking Network"
    assert f"/contacts/{luke.pk}.vcf" in html.hrefs()
    assert f"/contacts/{luke.pk}/" in html.hrefs()


def test_a_persons_vcard(client, people):
    luke = people["luke"]

    response = client.get(f"/contacts/{luke.pk}.vcf")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert 'filename="luke-ede.vcf"' in response["Content-Disposition"]
    text = response.content.decode()
    lines = text.split("\r\n")
    assert lines[:2] == ["BEGIN:VCARD", "VERSION:3.0"]
    assert lines[-2:] == ["END:VCARD", ""]
    for line in (
        "FN:Luke Ede",
        "N:Ede;Luke;;;",
        "ORG:Kent County Council",
        "TITLE:Data Lead",
        f"TEL;TYPE=WORK,VOICE:{luke.phone}",
        f"EMAIL;TYPE=INTERNET,WORK:{luke.email}",
        f"URL:http://testserver/contacts/{luke.pk}/",
    ):
        assert line in lines, line
    assert all(len(line.encode()) <= 75 for line in lines)


def test_vcard_values_are_escaped_and_folded(client, site_root):
    person = PersonFactory(
        name="Ann O’Neill",
        role="Head of Service; Safeguarding, Quality and Practice Improvement (Children’s)",
        organisation=OrganisationFactory(name="Brighton and Hove City Council"),
    )

    text = client.get(f"/contacts/{person.pk}.vcf").content.decode()

    unfolded = text.replace("\r\n ", "")
    assert (
        "TITLE:Head of Service\\; Safeguarding\\, Quality and Practice Improvement "
        "(Children’s)" in unfolded
    )
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_someone_who_has_left_has_no_card_page_or_vcard(safe_client, site_root):
    gone = PersonFactory(name="Former Lead", has_left=True)

    assert "Former Lead" not in Html(safe_client.get("/contacts/?q=former")).text
    assert safe_client.get(f"/contacts/{gone.pk}/").status_code == 404
    assert safe_client.get(f"/contacts/{gone.pk}.vcf").status_code == 404


def test_an_earlier_update_still_names_someone_who_has_left(client, site_root):
    person = PersonFactory(
        name="Helen Watson",
        role="Improvement Adviser",
        phone="07700 900456",
        email="helen.watson@example.org",
        organisation=OrganisationFactory(name="Surrey County Council"),
    )
    item = NewsItemFactory(heading="Peer challenge reports", body="<p>The reports are out.</p>")
    item.people.set([person])
    item.save()
    update = WeeklyUpdatePageFactory(number=650, body=[("news_item", item)])
    before = get_html(client, update.url).main
    assert before.link_to(f"/contacts/{person.pk}/") == "Helen Watson"
    person.has_left = True
    person.save()

    html = get_html(client, update.url).main
    contacts = get_html(client, "/contacts/").main

    # The update's generated "Contact details" still give her details, as when it was sent,
    # but no longer link to her entry, which is gone.
    assert "Contact details" in html.heading_texts()
    contact_details = html.text.split("Contact details", 1)[1]
    assert (
        "Improvement Adviser: Helen Watson (Surrey County Council), 07700 900456, "
        "helen.watson@example.org" in contact_details
    )
    assert f"/contacts/{person.pk}/" not in html.hrefs()
    assert "Helen Watson" not in contacts.text


def test_the_directory_makes_as_many_queries_for_many_people_as_for_few(client, people):
    client.get("/contacts/")
    with CaptureQueriesContext(connection) as few:
        client.get("/contacts/?q=e")
    for number in range(25):
        person = PersonFactory(name=f"Extra Person {number}", organisation=people["kent"])
        NetworkPageFactory(title=f"Extra Network {number}", sponsor=person)
    client.get("/contacts/?q=e")  # the first visit after a change reads the site afresh
    with CaptureQueriesContext(connection) as many:
        assert client.get("/contacts/?q=e").status_code == 200

    assert len(many) == len(few)


def test_the_directory_is_paginated(client, site_root):
    for number in range(35):
        PersonFactory(name=f"Person {number:02d}")

    first = get_html(client, "/contacts/").main
    second = get_html(client, "/contacts/?page=2").main

    assert "Person 29" in first.text and "Person 30" not in first.text
    assert "Person 30" in second.text


@pytest.mark.parametrize(
    "address",
    [
        "/contacts/abc.vcf",
        "/contacts/0.vcf",
        "/contacts/99999999999999999999.vcf",
        "/contacts/-1.vcf",
        "/contacts/1.vcf/",
        "/contacts/1/vcard.vcf",
        "/contacts/member-authorities/1.vcf",
    ],
)
def test_unknown_vcards_are_not_found(safe_client, site_root, address):
    assert safe_client.get(address).status_code == 404
