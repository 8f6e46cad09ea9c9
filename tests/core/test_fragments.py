"""Pieces shown on many pages are kept between requests ({% fragment %} in core_tags, and the
table of addresses pages are routed from): a change to what they show is seen on the very next
visit, and what is kept is the same for everyone."""

import re

import pytest

from contacts.factories import PersonFactory
from events.factories import EventPageFactory
from networks.factories import NetworkPageFactory, UserFactory
from newsletters.factories import NewsItemFactory, WeeklyUpdatePageFactory
from seslip.factories import SiteSettingsFactory, StandardPageFactory
from tests.helpers import get_html

pytestmark = pytest.mark.django_db


def publish(page):
    page.save_revision().publish()


def test_an_event_renamed_after_a_visit_is_listed_by_its_new_name(site_root, client):
    event = EventPageFactory(title="Fostering forum")
    for path in ("/", "/events/"):
        assert "Fostering forum" in get_html(client, path).main.text

    event.title = "Fostering and adoption forum"
    publish(event)

    for path in ("/", "/events/"):
        text = get_html(client, path).main.text
        assert "Fostering and adoption forum" in text
        assert "Fostering forum" not in text


def test_a_news_item_changed_after_a_visit_is_shown_changed_in_its_update(site_root, client):
    item = NewsItemFactory(heading="Ofsted framework consultation")
    update = WeeklyUpdatePageFactory(number=650, body=[("news_item", item)])
    assert "Ofsted framework consultation" in get_html(client, update.url).main.text

    item.heading = "Ofsted framework consultation closes"
    item.save()

    for path in (update.url, "/"):
        assert "Ofsted framework consultation closes" in get_html(client, path).main.text


def test_an_update_changed_after_a_visit_is_summarised_afresh_in_the_archive(site_root, client):
    update = WeeklyUpdatePageFactory(number=651, intro="<p>Welcome to this week's update.</p>")
    assert "Welcome to this week's update." in get_html(client, "/newsletters/").main.text

    update.intro = "<p>A short update before the holidays.</p>"
    publish(update)

    text = get_html(client, "/newsletters/").main.text
    assert "A short update before the holidays." in text
    assert "Welcome to this week's update." not in text


def test_a_person_changed_after_a_visit_is_shown_changed_in_the_directory(site_root, client):
    person = PersonFactory(name="Sam Lee", role="Assistant Director")
    assert "Assistant Director" in get_html(client, "/contacts/").main.text
    assert "Leads" not in get_html(client, "/contacts/").main.text

    person.role = "Director of Children's Services"
    person.save()
    NetworkPageFactory(title="Fostering Network", key_contact=person)

    main = get_html(client, "/contacts/").main
    assert "Director of Children's Services" in main.text
    assert "Assistant Director" not in main.text
    assert "Fostering Network" in main.text  # the networks Sam leads


def test_the_footer_shows_a_new_contact_address_on_the_next_visit(site_root, client):
    settings = SiteSettingsFactory(contact_email="seslip@example.gov.uk")
    assert "mailto:seslip@example.gov.uk" in get_html(client, "/events/").hrefs()

    settings.contact_email = "programme@example.gov.uk"
    settings.save()

    hrefs = get_html(client, "/contacts/").hrefs()
    assert "mailto:programme@example.gov.uk" in hrefs
    assert "mailto:seslip@example.gov.uk" not in hrefs


def footer(html):
    return re.search(r"<footer\b.*?</footer>", html.source, re.DOTALL).group(0)


def test_the_sign_up_form_says_which_page_it_was_sent_from(site_root, client):
    for path in ("/events/", "/contacts/", "/newsletters/"):
        form = footer(get_html(client, path))
        assert f'<input type="hidden" name="source" value="{path}"' in form


def test_the_pieces_kept_are_the_same_for_someone_logged_in(site_root, client):
    EventPageFactory(title="Fostering forum")
    PersonFactory(name="Sam Lee")
    paths = ("/events/", "/contacts/")
    anonymous = {path: get_html(client, path) for path in paths}

    client.force_login(UserFactory(username="reader"))

    for path in paths:
        page = get_html(client, path)
        assert "Logged in as reader" in page.text
        assert "Logged in as" not in anonymous[path].text
        assert footer(page) == footer(anonymous[path])
        assert page.main.source == anonymous[path].main.source


def test_a_page_given_a_new_address_after_a_visit_is_found_there(site_root, client):
    page = StandardPageFactory(parent=site_root.home, title="Our plan", slug="plan")
    child = StandardPageFactory(parent=page, title="Priorities", slug="priorities")
    assert "Priorities" in get_html(client, "/plan/priorities/").main.text

    page.slug = "our-plan"
    publish(page)

    get_html(client, "/plan/priorities/", status=404)
    assert "Priorities" in get_html(client, "/our-plan/priorities/").main.text

    child.unpublish()
    get_html(client, "/our-plan/priorities/", status=404)

    StandardPageFactory(parent=site_root.home, title="Our aims", slug="aims")
    assert "Our aims" in get_html(client, "/aims/").main.text
