"""Links in rich text are expanded from the content cache (core.rich_text): read once, then
again only after a change to content, so that a moved page or a deleted document is linked
as it now is on the very next visit."""

import pytest
from wagtail.rich_text import expand_db_html

from networks.factories import DocumentFactory
from seslip.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def link_on_home(home, html):
    home.intro = html
    home.save_revision().publish()


def test_a_link_is_looked_up_once_then_read_from_the_cache(site_root, django_assert_num_queries):
    plan = StandardPageFactory(parent=site_root.home, slug="our-plan")
    html = f'<p>Read <a linktype="page" id="{plan.pk}">our plan</a>.</p>'

    assert expand_db_html(html) == '<p>Read <a href="/our-plan/">our plan</a>.</p>'
    with django_assert_num_queries(0):
        assert expand_db_html(html) == '<p>Read <a href="/our-plan/">our plan</a>.</p>'


def test_a_page_given_a_new_address_is_linked_there_on_the_next_visit(site_root, client):
    plan = StandardPageFactory(parent=site_root.home, slug="our-plan")
    link_on_home(site_root.home, f'<p>Read <a linktype="page" id="{plan.pk}">our plan</a>.</p>')
    assert 'href="/our-plan/"' in client.get("/").text

    plan.slug = "plan-2026"
    plan.save_revision().publish()

    html = client.get("/").text
    assert 'href="/plan-2026/"' in html
    assert 'href="/our-plan/"' not in html


def test_a_deleted_document_is_no_longer_linked_on_the_next_visit(site_root, client):
    document = DocumentFactory(title="Annual report")
    url = document.url
    link_on_home(
        site_root.home, f'<p>See <a linktype="document" id="{document.pk}">the report</a>.</p>'
    )
    assert f'href="{url}"' in client.get("/").text

    document.delete()

    html = client.get("/").text
    assert "the report" in html
    assert f'href="{url}"' not in html
