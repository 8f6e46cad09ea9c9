"""A page or snippet can't be saved or previewed with a chooser value its editor could not have
chosen, and no public page or snippet may show a restricted document or page (core/chosen.py).

Each test posts the real admin forms, as a lead or an administrator would.
"""

import html

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from core.blocks import RICH_TEXT_FEATURES as FEATURES
from networks.factories import CollectionFactory, DocumentFactory, UserFactory, network_editor
from newsletters.factories import NewsItemFactory
from tests.networks.conftest import RESTRICTED_TITLE
from tests.networks.test_permissions import edit_url, network_form
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def editing(library):
    """The lead of the Data Benchmarking Network (not a signatory), a document in their
    collection, one in another network's collection, and an administrator."""
    network = library.network
    lead = network_editor(network, username="benchmarking.lead@example.gov.uk")
    network.refresh_from_db()
    own = DocumentFactory(title="Terms of reference", collection=network.collection)
    other = DocumentFactory(title="Fostering minutes", collection=CollectionFactory())
    admin = UserFactory(username="admin@seslip.example", is_superuser=True, is_staff=True)
    return library, network, lead, own, other, admin


def with_document(network, document_id):
    return network_form(
        network, body=streamfield([("document", {"document": document_id, "title": ""})])
    )


def preview_url(page):
    return reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])


def errors_of(response):
    return " ".join(
        str(error) for errors in response.context["form"].errors.values() for error in errors
    )


def test_a_lead_cannot_publish_or_preview_a_restricted_document_on_their_page(client, editing):
    library, network, lead, _own, _other, _admin = editing
    client.force_login(lead)
    data = with_document(network, library.document.pk)

    preview = client.post(preview_url(network), data)
    response = client.post(edit_url(network), data)

    assert preview.json()["is_valid"] is False
    assert response.status_code == 200
    assert "not one you can choose" in errors_of(response)
    # The error names nothing the lead may not see.
    assert RESTRICTED_TITLE not in html.unescape(response.content.decode())
    network.refresh_from_db()
    assert not network.body.raw_data
    assert RESTRICTED_TITLE not in client.get(network.url).content.decode()


def test_a_lead_cannot_choose_another_collections_public_document(client, editing):
    _library, network, lead, _own, other, _admin = editing
    client.force_login(lead)

    response = client.post(edit_url(network), with_document(network, other.pk))

    assert response.status_code == 200
    assert "not one you can choose" in errors_of(response)
    network.refresh_from_db()
    assert not network.body.raw_data


def test_a_lead_publishes_a_document_from_their_own_collection(client, editing):
    _library, network, lead, own, _other, _admin = editing
    client.force_login(lead)

    response = client.post(edit_url(network), with_document(network, own.pk))

    assert response.status_code == 302, errors_of(response)
    network.refresh_from_db()
    assert network.body[0].value["document"] == own
    assert "Terms of reference" in client.get(network.url).content.decode()


def test_a_lead_keeps_what_an_administrator_chose_from_another_collection(client, editing):
    _library, network, lead, _own, other, admin = editing
    verified_login(client, admin)
    assert client.post(edit_url(network), with_document(network, other.pk)).status_code == 302

    client.force_login(lead)
    network.refresh_from_db()
    response = client.post(edit_url(network), with_document(network, other.pk))

    assert response.status_code == 302, errors_of(response)


def test_an_administrator_cannot_put_a_restricted_document_on_a_public_page(client, editing):
    library, network, _lead, _own, _other, admin = editing
    verified_login(client, admin)

    preview = client.post(preview_url(network), with_document(network, library.document.pk))
    response = client.post(edit_url(network), with_document(network, library.document.pk))

    assert preview.json()["is_valid"] is False
    assert response.status_code == 200
    message = errors_of(response)
    assert "restricted document (for Data Sharing Protocol signatories)" in message
    network.refresh_from_db()
    assert not network.body.raw_data


def test_an_administrator_cannot_link_a_restricted_document_or_page_in_rich_text(client, editing):
    library, network, _lead, _own, _other, admin = editing
    verified_login(client, admin)
    links = {
        "document": f'<p><a linktype="document" id="{library.document.pk}">figures</a></p>',
        "page": f'<p><a linktype="page" id="{library.restricted.pk}">figures</a></p>',
    }
    for kind, link in links.items():
        data = network_form(
            network, body=streamfield([("paragraph", rich_text(link, features=FEATURES))])
        )
        response = client.post(edit_url(network), data)

        assert response.status_code == 200, kind
        assert f"is a restricted {kind}" in errors_of(response), kind
        network.refresh_from_db()
        assert not network.body.raw_data


def test_a_news_item_cannot_show_a_restricted_document(client, editing):
    library, _network, _lead, _own, _other, admin = editing
    item = NewsItemFactory(heading="Benchmarking news")
    verified_login(client, admin)
    url = reverse("wagtailsnippets_newsletters_newsitem:edit", args=[item.pk])
    data = nested_form_data(
        {
            "heading": "Benchmarking news",
            "body": rich_text("<p>The figures are out.</p>"),
            "action_required": rich_text(""),
            "action_by": "",
            "networks": [],
            "people": [],
            "links": streamfield(
                [("document", {"document": library.document.pk, "title": "Figures"})]
            ),
            "remind_until": "",
        }
    )

    response = client.post(url, data)

    assert response.status_code == 200
    assert "is a restricted document" in errors_of(response)
    item.refresh_from_db()
    assert not item.links.raw_data


def test_a_refused_rich_text_link_is_not_shown_again_with_its_file_name(client, editing):
    """The form shown again after the error holds the editor's text, less the link they could
    not choose: no title, file name or address of a restricted document or page."""
    library, network, lead, _own, _other, _admin = editing
    client.force_login(lead)
    links = {
        "document": f'<p>See <a linktype="document" id="{library.document.pk}">figures</a>.</p>',
        "page": f'<p>See <a linktype="page" id="{library.restricted.pk}">figures</a>.</p>',
    }
    for kind, link in links.items():
        data = network_form(
            network, body=streamfield([("paragraph", rich_text(link, features=FEATURES))])
        )
        response = client.post(edit_url(network), data)

        assert response.status_code == 200, kind
        assert "not one you can choose" in errors_of(response), kind
        text = html.unescape(response.content.decode())
        for secret in (
            library.document.filename,
            library.document.url,
            RESTRICTED_TITLE,
            library.restricted.url,
        ):
            assert secret not in text, (kind, secret)
        assert "figures" in text, kind  # the editor's own words are kept
        network.refresh_from_db()
        assert not network.body.raw_data
