"""The full-page cache (core.page_cache): anonymous visitors get stored pages, anything that
changes content renders them afresh, and nothing personal or restricted is ever stored."""

import threading

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from contacts.factories import PersonFactory
from core import page_cache
from networks.factories import ReportPageFactory, ReportSectionPageFactory, restrict
from newsletters.factories import NewsItemFactory, WeeklyUpdatePageFactory
from seslip.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    """The page cache on, as in production, and empty."""
    settings.SESLIP_PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what a change does once its transaction commits (the test's never does)."""

    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            change()

    return run


def test_a_second_visit_is_served_from_the_cache_without_a_query(
    site_root, cached, client, django_assert_num_queries
):
    first = client.get("/")
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert not second.cookies


def test_each_address_and_query_is_stored_apart(site_root, cached, client):
    client.get("/newsletters/")
    assert client.get("/newsletters/?year=2018")["X-Page-Cache"] == "miss"
    assert client.get("/newsletters/?year=2018")["X-Page-Cache"] == "hit"


def test_a_query_parameter_no_page_reads_is_rendered_not_stored(site_root, cached, client):
    """Made-up parameters (/?junk=1, /?junk=2, …) would fill the cache and push out pages."""
    for _ in range(2):
        response = client.get("/?junk=1")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    for _ in range(2):
        response = client.get("/newsletters/?year=2018&junk=1")
        assert "X-Page-Cache" not in response
    assert client.get("/")["X-Page-Cache"] == "miss"  # the page itself is stored as usual


def test_publishing_a_page_shows_the_new_version_at_once(site_root, cached, client, commit):
    page = StandardPageFactory(parent=site_root.home, title="Our aims", slug="aims")
    assert b"Our aims" in client.get("/aims/").content
    page.title = "Our aims for 2026"

    def publish():
        page.save_revision().publish()

    commit(publish)
    response = client.get("/aims/")
    assert response["X-Page-Cache"] == "miss"
    assert b"Our aims for 2026" in response.content


def test_editing_a_news_item_renders_the_updates_that_show_it_afresh(
    site_root, cached, client, commit
):
    item = NewsItemFactory(heading="Consultation opens")
    update = WeeklyUpdatePageFactory(number=301, body=[("news_item", item)])
    assert b"Consultation opens" in client.get(update.url).content
    item.heading = "Consultation extended"
    commit(item.save)
    assert b"Consultation extended" in client.get(update.url).content


def test_editing_a_person_renders_pages_afresh(site_root, cached, client, commit):
    person = PersonFactory(name="Sam Example", role="Data lead")
    client.get("/contacts/")
    person.role = "Head of data"
    commit(person.save)
    assert b"Head of data" in client.get("/contacts/").content


def test_logged_in_visitors_are_never_served_or_stored(
    site_root, cached, client, django_user_model
):
    client.get("/")  # stored for anonymous visitors
    user = django_user_model.objects.create_user("reader", "reader@example.org", "pw-1234567")
    client.force_login(user)
    mine = client.get("/")
    assert "X-Page-Cache" not in mine
    client.get("/about-networks/")  # rendered for them, not stored
    client.logout()
    assert client.get("/about-networks/")["X-Page-Cache"] == "miss"


def test_pages_for_someone_logged_in_name_them_and_are_private(
    site_root, cached, client, django_user_model
):
    anonymous = client.get("/")
    user = django_user_model.objects.create_user("reader", "reader@example.org", "pw-1234567")
    client.force_login(user)

    mine = client.get("/")

    assert b"Logged in as reader" in mine.content
    assert "private" in mine["Cache-Control"]
    client.logout()
    again = client.get("/")
    assert again["X-Page-Cache"] == "hit"
    assert again.content == anonymous.content
    assert b"Logged in as" not in again.content


def test_a_visitor_with_a_message_waiting_gets_the_page_rendered_for_them(
    site_root, cached, client
):
    client.get("/")
    client.cookies["messages"] = "a message to show once"
    assert "X-Page-Cache" not in client.get("/")


def test_restricted_pages_are_never_stored_for_anyone(site_root, cached, client, django_user_model):
    signatories = Group.objects.create(name="Data Sharing Protocol signatories")
    section = ReportSectionPageFactory(title="Unaudited data", slug="unaudited")
    restrict(section, signatories)
    report = ReportPageFactory(parent=section, title="Quarter 3 figures")
    assert client.get(report.url).status_code == 302  # to the login page
    member = django_user_model.objects.create_user("member", "m@example.org", "pw-1234567")
    member.groups.add(signatories)
    client.force_login(member)
    seen = client.get(report.url)
    assert seen.status_code == 200
    assert b"Quarter 3 figures" in seen.content
    client.logout()
    again = client.get(report.url)
    assert again.status_code == 302
    assert b"Quarter 3 figures" not in again.content


def test_admin_and_documents_are_never_stored(site_root, cached, client):
    client.get("/admin/login/")
    assert "X-Page-Cache" not in client.get("/admin/login/")


def test_responses_that_are_personal_or_not_pages_are_not_stored():
    ok = HttpResponse("page")
    assert page_cache._response_is_cacheable(ok)
    with_cookie = HttpResponse("page")
    with_cookie.set_cookie("csrftoken", "x")
    private = HttpResponse("page", headers={"Cache-Control": "private"})
    no_store = HttpResponse("page", headers={"Cache-Control": "max-age=0, no-store"})
    varies = HttpResponse("page", headers={"Vary": "Cookie, Accept-Language"})
    missing = HttpResponse("gone", status=404)
    for response in (with_cookie, private, no_store, varies, missing):
        assert not page_cache._response_is_cacheable(response)
    assert page_cache._response_is_cacheable(HttpResponse("page", headers={"Vary": "Cookie"}))


def test_the_cache_can_be_turned_off(site_root, settings, client, django_assert_max_num_queries):
    settings.SESLIP_PAGE_CACHE = False
    client.get("/")
    response = client.get("/")
    assert "X-Page-Cache" not in response


def _key_of(path):
    """The cache key of ``path`` for the test client's anonymous GET."""
    request = RequestFactory().get(path)
    return page_cache._key(request, page_cache.GENERATION.current())


def test_a_request_waits_for_the_copy_another_is_rendering(site_root, cached, client):
    key = _key_of("/")
    assert cache.add(f"{key}:rendering", 1)  # another request is rendering the home page
    other = threading.Timer(0.3, cache.set, [key, HttpResponse("The other request's copy")])
    other.start()
    response = client.get("/")
    other.join()
    assert response["X-Page-Cache"] == "hit"
    assert response.content == b"The other request's copy"


def test_a_request_renders_the_page_itself_once_the_other_stored_nothing(site_root, cached, client):
    key = _key_of("/")
    assert cache.add(f"{key}:rendering", 1)
    # The other request ends without storing anything (its page was not cacheable).
    other = threading.Timer(0.3, cache.delete, [f"{key}:rendering"])
    other.start()
    response = client.get("/")
    other.join()
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"
    assert b"<main" in response.content
