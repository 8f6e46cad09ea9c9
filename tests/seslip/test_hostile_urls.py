"""Malformed and hostile addresses get a 4xx answer (or the page itself), never a server error."""

import pytest
from django.db import transaction

from events.factories import EventIndexPageFactory, EventPageFactory
from networks.factories import NetworkIndexPageFactory
from newsletters.factories import (
    NewsItemFactory,
    NewsletterIndexPageFactory,
    WeeklyUpdatePageFactory,
)
from seslip.factories import ContactsIndexPageFactory, HomePageFactory
from tests.helpers import Html

SECTIONS = [
    NewsletterIndexPageFactory,
    NetworkIndexPageFactory,
    EventIndexPageFactory,
    ContactsIndexPageFactory,
]

LONG = "a" * 10_000

# (address, the status it should get)
ADDRESSES = [
    ("/search/?q=abc%00", 200),
    ("/search/?q=%00%01%1f%7f", 200),
    ("/search/?q=safeguarding&page=-1", 200),
    ("/search/?q=safeguarding&page=0", 200),
    ("/search/?q=safeguarding&page=abc", 200),
    ("/search/?q=safeguarding&page=99999", 200),
    ("/search/?q=safeguarding&page=9999999999999999999999", 200),
    (f"/search/?q={LONG}", 200),
    ("/search/?q=%27%20OR%201%3D1%20--", 200),
    ("/search/?q=%26%7C!%3A*()%3C%3E", 200),
    ("/search/?q=%22unterminated", 200),
    ("/search/?q=%F0%9F%99%82%20%C3%BCn%C3%AFc%C3%B8d%C3%A9", 200),
    ("/search/?q=%ff%fe", 200),
    ("/search/?q=a&q=b", 200),
    ("/newsletters/?year=abc", 200),
    ("/newsletters/?year=99999", 200),
    ("/newsletters/?year=-2018", 200),
    ("/newsletters/?year=2018&page=-1", 200),
    ("/newsletters/?page=abc", 200),
    ("/newsletters/?page=99999", 200),
    ("/newsletters/0/", 404),
    ("/newsletters/99999999999/", 404),
    ("/newsletters/-1/", 404),
    ("/newsletters/298abc/", 404),
    ("/newsletters/items/0/", 404),
    ("/newsletters/items/99999999999999999999/", 404),
    ("/newsletters/feed/?page=abc", 200),
    ("/events/?page=0", 200),
    ("/events/?page=-5", 200),
    ("/events/?page=abc", 200),
    ("/events/?page=99999", 200),
    ("/events/past/?page=99999", 200),
    ("/events/past/extra/", 404),
    ("/contacts/0/", 404),
    ("/contacts/99999999999999999999/", 404),
    ("/contacts/abc/", 404),
    ("/no-such-page/", 404),
    ("/about-networks/no-such-network/", 404),
    (f"/{LONG[:2000]}/", 404),
    ("/%00/", 404),
    ("/documents/../../etc/passwd", 404),
    ("/documents/..%2f..%2fetc%2fpasswd", 404),
    ("/documents/1/../../../etc/passwd", 404),
    ("/documents/999999/secret.pdf", 404),
    ("/static/../seslip/settings/base.py", 404),
    ("/media/../seslip/settings/base.py", 404),
]


@pytest.fixture(scope="module")
def some_content(django_db_setup, django_db_blocker):
    """A little of everything, made once for the module's many requests, then rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        home = HomePageFactory()
        for section in SECTIONS:
            section(parent=home)
        WeeklyUpdatePageFactory(number=298, intro="<p>Safeguarding partnership news.</p>")
        NewsItemFactory(heading="Safeguarding review")
        EventPageFactory(title="Safeguarding network meeting")
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.parametrize(("address", "status"), ADDRESSES, ids=[a[:60] for a, _ in ADDRESSES])
def test_hostile_address_gets_no_server_error(safe_client, some_content, address, status):
    response = safe_client.get(address)

    assert response.status_code < 500
    assert response.status_code == status
    if status == 404:
        assert "404.html" in [t.name for t in response.templates]


@pytest.mark.django_db
def test_a_long_query_is_cut_short(safe_client, some_content):
    response = safe_client.get(f"/search/?q={LONG}")

    assert response.status_code == 200
    assert LONG not in response.content.decode()
    assert LONG[:200] in response.content.decode()


@pytest.mark.django_db
def test_control_characters_are_not_echoed(safe_client, some_content):
    response = safe_client.get("/search/?q=abc%00def")

    assert response.status_code == 200
    assert "\x00" not in response.content.decode()
    assert "abc def" in Html(response).source
