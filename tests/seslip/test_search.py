"""Site search finds updates, news items, networks, events, people and pages."""

import datetime

import pytest
from django.utils import timezone

from contacts.factories import PersonFactory
from events.factories import EventPageFactory
from networks.factories import NetworkPageFactory
from newsletters.factories import NewsItemFactory, WeeklyUpdatePageFactory
from seslip.factories import StandardPageFactory
from tests.helpers import get_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(site_root):
    """One of each kind, each with a word of its own and all mentioning fostering."""
    return {
        "update": WeeklyUpdatePageFactory(
            number=298, intro="<p>Fostering recruitment campaign launched in Kent.</p>"
        ),
        "news item": NewsItemFactory(
            heading="Unaccompanied asylum seekers protocol",
            body="<p>The fostering protocol was agreed.</p>",
        ),
        "network": NetworkPageFactory(
            title="Adoption Network", purpose="<p>Adoption and fostering practice.</p>"
        ),
        "event": EventPageFactory(
            title="Data hackathon", description="<p>A hackathon on fostering data.</p>"
        ),
        "person": PersonFactory(name="Priyanka Thornbury", role="Fostering Service Manager"),
        "standard page": StandardPageFactory(
            title="Accessibility statement",
            body=[("paragraph", "<p>How screen readers and fostering carers use the site.</p>")],
        ),
    }


CASES = [
    ("update", "recruitment campaign", "Update no 298"),
    ("news item", "asylum", "Unaccompanied asylum seekers protocol"),
    ("network", "adoption", "Adoption Network"),
    ("event", "hackathon", "Data hackathon"),
    ("person", "Thornbury", "Priyanka Thornbury"),
    ("standard page", "screen readers", "Accessibility statement"),
]


def address(kind, found):
    """Where a result should link: a page's URL; a person's entry under Contacts and a news
    item's own page (their addresses as the README gives them)."""
    if kind == "person":
        return f"/contacts/{found.pk}/"
    if kind == "news item":
        return f"/newsletters/items/{found.pk}/"
    return found.url


@pytest.mark.parametrize(("kind", "query", "shown"), CASES, ids=[c[0] for c in CASES])
def test_search_finds_each_kind_of_content(client, content, kind, query, shown):
    html = get_html(client, f"/search/?q={query}").main

    assert shown in (html.link_to(address(kind, content[kind])) or "")
    others = [text for k, _, text in CASES if k != kind]
    assert not any(text in html.text for text in others), "unrelated results shown"


def test_one_word_finds_every_kind(client, content):
    html = get_html(client, "/search/?q=fostering").main

    for _, _, shown in CASES:
        assert shown in html.text, shown
    assert "No exact results" not in html.text


# Each kind's word of its own, misspelt: a news item is found by its heading.
MISSPELT = [
    ("update", "recruitmnt"),
    ("news item", "asylm"),
    ("network", "adoptoin"),
    ("event", "hackathn"),
    ("person", "Thornbry"),
    ("standard page", "screan"),
]


@pytest.mark.parametrize(("kind", "misspelt"), MISSPELT, ids=[m[0] for m in MISSPELT])
def test_a_misspelt_word_finds_what_is_spelt_like_it_saying_so(client, content, kind, misspelt):
    html = get_html(client, f"/search/?q={misspelt}").main

    assert f"No exact results for ‘{misspelt}’" in html.text
    assert "Showing results for words spelt like it instead." in html.text
    assert "found" not in html.text  # only the closest pages are read: they are not counted
    shown = {k: text for k, _, text in CASES}[kind]
    assert shown in (html.link_to(address(kind, content[kind])) or "")


def test_a_misspelt_word_in_the_text_finds_the_pages_and_people(client, content):
    # "fostering" is in every page's text and the person's role, and in the news item's body.
    html = get_html(client, "/search/?q=fosterng").main

    for kind, _, shown in CASES:
        if kind != "news item":
            assert shown in (html.link_to(address(kind, content[kind])) or ""), kind


def test_a_repeating_event_is_found_with_how_it_repeats_not_only_its_first_date(client, site_root):
    first = timezone.make_aware(datetime.datetime(2022, 9, 14, 10))  # a Wednesday
    EventPageFactory(title="Education network meeting", start=first, repeat="monthly")
    EventPageFactory(title="Education conference", start=first)

    html = get_html(client, "/search/?q=education").main

    assert (
        "Event, every month, on the second Wednesday, from Wednesday 14 September 2022" in html.text
    )
    assert "Event, Wednesday 14 September 2022" in html.text


def test_search_leaves_out_drafts_and_people_who_have_left(client, site_root):
    StandardPageFactory(title="Draft page about zeppelins", live=False)
    PersonFactory(name="Zeppelin Former", has_left=True)
    PersonFactory(name="Zeppelin Current")

    html = get_html(client, "/search/?q=zeppelin").main

    assert "Zeppelin Current" in html.text
    assert "Draft page about zeppelins" not in html.text
    assert "Zeppelin Former" not in html.text


def test_search_with_no_results_says_so(client, content):
    html = get_html(client, "/search/?q=xylophone").main

    assert "xylophone" in html.text  # the query is shown back
    assert not any(text in html.text for _, _, text in CASES)


def test_a_long_query_that_matches_nothing_is_not_respelt(client, content):
    # Four misspelt words: people mistype a word or a few, not a sentence.
    html = get_html(client, "/search/?q=fosterng fostring fosterin fostrng").main

    assert "No results for ‘fosterng fostring fosterin fostrng’" in html.text
    assert not any(text in html.text for _, _, text in CASES)


def test_search_form_without_a_query(client, site_root):
    response = client.get("/search/")

    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


def test_search_query_is_escaped(client, site_root):
    response = client.get("/search/", {"q": '<script>alert("x")</script>'})

    assert response.status_code == 200
    assert '<script>alert("x")</script>' not in response.content.decode()


def test_search_results_are_paginated(client, site_root):
    for n in range(23):
        StandardPageFactory(title=f"Kinship care page {n:02d}")
    PersonFactory(name="Kinship Lead")
    NewsItemFactory(heading="Kinship care guidance")

    first = get_html(client, "/search/?q=kinship").main
    second = get_html(client, "/search/?q=kinship&page=2").main

    def found(html):
        return {n for n in range(23) if f"Kinship care page {n:02d}" in html.text}

    assert len(found(first)) == 20
    assert len(found(second)) == 3
    assert found(first).isdisjoint(found(second))
    # People and news items are listed with the first page of results, not again with each.
    for name in ("Kinship Lead", "Kinship care guidance"):
        assert name in first.text
        assert name not in second.text
