"""What the content cache (core.content_cache) keeps between requests is renewed by the change
that makes it stale, seen on the very next visit: page privacy, a network's documents, the
archive's years."""

import datetime

import pytest

from contacts.factories import OrganisationFactory, PersonFactory
from networks.factories import (
    DocumentFactory,
    GroupFactory,
    NetworkPageFactory,
    restrict,
)
from networks.permissions import ensure_network_editors
from newsletters.factories import WeeklyUpdatePageFactory
from seslip.factories import StandardPageFactory
from tests.helpers import get_html

pytestmark = pytest.mark.django_db


def test_a_page_restricted_after_a_visit_is_refused_on_the_next(site_root, client):
    page = StandardPageFactory(parent=site_root.home, title="Our plan", slug="plan")
    assert client.get("/plan/").status_code == 200

    restriction = restrict(page, GroupFactory(name="Signatories"))

    response = client.get("/plan/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")

    restriction.delete()

    assert client.get("/plan/").status_code == 200


def test_a_section_restricted_after_a_visit_refuses_the_pages_under_it(site_root, client):
    section = StandardPageFactory(parent=site_root.home, slug="members")
    page = StandardPageFactory(parent=section, slug="minutes")
    assert client.get("/members/minutes/").status_code == 200

    restrict(section, GroupFactory(name="Members"))

    assert client.get("/members/minutes/").status_code == 302
    assert [r.page_id for r in page.get_view_restrictions()] == [section.pk]


def test_the_group_a_restriction_admits_is_read_afresh(site_root, client, django_user_model):
    page = StandardPageFactory(parent=site_root.home, slug="plan")
    first, second = GroupFactory(name="First"), GroupFactory(name="Second")
    restriction = restrict(page, first)
    user = django_user_model.objects.create_user("reader", password="x" * 20)
    user.groups.add(second)
    client.force_login(user)
    assert client.get("/plan/").status_code == 403  # logged in, but not a member

    restriction.groups.set([second])

    assert client.get("/plan/").status_code == 200


def test_view_restrictions_are_read_without_a_query_once_kept(site_root, django_assert_num_queries):
    page = StandardPageFactory(parent=site_root.home, slug="plan")
    restriction = restrict(page, GroupFactory(name="Signatories"))
    assert list(page.get_view_restrictions()) == [restriction]

    with django_assert_num_queries(0):
        assert list(page.get_view_restrictions()) == [restriction]
        assert page.get_view_restrictions().exists()


def test_a_document_added_to_a_network_is_listed_on_the_next_visit(site_root, client):
    network = NetworkPageFactory(title="Fostering Network")
    ensure_network_editors(network)
    DocumentFactory(title="Terms of reference", collection=network.collection)
    assert "Terms of reference" in get_html(client, network.url).main.text

    DocumentFactory(title="Minutes of March", collection=network.collection)

    html = get_html(client, network.url).main
    assert "Minutes of March" in html.text

    restrict(network.collection, GroupFactory(name="Fostering leads"))

    html = get_html(client, network.url).main
    assert "Terms of reference" not in html.text
    assert "Minutes of March" not in html.text


def test_an_update_of_a_new_year_is_offered_in_the_archive_on_the_next_visit(site_root, client):
    WeeklyUpdatePageFactory(number=1, date=datetime.date(2024, 5, 3))
    WeeklyUpdatePageFactory(number=2, date=datetime.date(2025, 5, 2))
    assert "/newsletters/?year=2026" not in get_html(client, "/newsletters/").hrefs()

    WeeklyUpdatePageFactory(number=3, date=datetime.date(2026, 1, 9))

    assert "/newsletters/?year=2026" in get_html(client, "/newsletters/").hrefs()


def test_a_network_published_after_a_visit_is_offered_in_the_filters(site_root, client):
    NetworkPageFactory(title="Fostering Network", slug="fostering")
    for path in ("/events/", "/contacts/"):
        assert "Fostering Network" in get_html(client, path).main.text
        assert "Kinship Care" not in get_html(client, path).main.text

    NetworkPageFactory(title="Kinship Care", slug="kinship-care")

    for path in ("/events/", "/contacts/"):
        assert "Kinship Care" in get_html(client, path).main.text


def test_an_organisation_with_a_new_contact_is_offered_in_the_contacts_filter(site_root, client):
    PersonFactory(name="Sam Lee", organisation=OrganisationFactory(name="Kent County Council"))
    medway = OrganisationFactory(name="Medway Council")
    assert "Medway Council" not in get_html(client, "/contacts/").main.text

    PersonFactory(name="Alex Shaw", organisation=medway)

    html = get_html(client, "/contacts/").main
    assert "Medway Council" in html.text
    assert "Alex Shaw" in html.text
