"""Pieces shown on many pages are kept between requests ({% fragment %} in core_tags, and the
table of addresses pages are routed from): a change to what they show is seen on the very next
visit, and what is kept is the same for everyone."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from contacts.factories import OrganisationFactory, PersonFactory
from events.factories import EventPageFactory
from networks.factories import (
    CollectionFactory,
    DocumentFactory,
    NetworkPageFactory,
    UserFactory,
)
from newsletters.factories import NewsItemFactory, WeeklyUpdatePageFactory, friday_of
from seslip.factories import HomePagePartnerFactory, SiteSettingsFactory, StandardPageFactory
from seslip.models import HomePage
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


def test_a_network_changed_after_a_visit_is_shown_changed(site_root, client):
    lead = PersonFactory(name="Sam Lee", role="Assistant Director")
    network = NetworkPageFactory(
        title="Fostering Network",
        purpose="<p>To share fostering practice.</p>",
        key_contact=lead,
        collection=CollectionFactory(),
    )
    text = get_html(client, network.url).main.text
    assert "To share fostering practice." in text
    assert "Assistant Director" in text

    network.purpose = "<p>To recruit and keep foster carers.</p>"
    network.member_authorities.add(OrganisationFactory(name="Medway Council"))
    publish(network)
    lead.role = "Director of Children's Services"
    lead.save()
    DocumentFactory(title="Terms of reference 2026", collection=network.collection)
    NewsItemFactory(heading="Foster carer fortnight", networks=[network])
    EventPageFactory(
        parent=network,
        title="Fostering leads' meeting",
        start=timezone.now() + datetime.timedelta(days=10),
    )

    text = get_html(client, network.url).main.text
    for shown in (
        "To recruit and keep foster carers.",  # its purpose, the page's own text
        "Medway Council",  # a member authority taking part
        "Director of Children's Services",  # the key contact's card
        "Terms of reference 2026",  # its documents
        "Foster carer fortnight",  # its recent news
        "Fostering leads' meeting",  # its coming meetings
    ):
        assert shown in text
    assert "To share fostering practice." not in text
    assert "Assistant Director" not in text


def test_the_home_page_shows_what_changed_after_a_visit(site_root, client):
    partner = HomePagePartnerFactory(
        page=site_root.home, organisation=OrganisationFactory(name="Ofsted")
    )
    WeeklyUpdatePageFactory(number=660, title="Update no 660")
    text = get_html(client, "/").main.text
    assert "Read the whole of Update no 660" in text

    partner.description = "Inspects children's services."
    partner.save()
    home = HomePage.objects.get(pk=site_root.home.pk)  # with the partner as it is now
    home.partners_intro = "We work with the regional bodies below."
    publish(home)
    WeeklyUpdatePageFactory(number=661, title="Update no 661")

    text = get_html(client, "/").main.text
    assert "Read the whole of Update no 661" in text
    assert "Update no 660" not in text
    assert "We work with the regional bodies below." in text
    assert "Inspects children's services." in text


def test_a_draft_is_previewed_as_written_not_as_the_live_page_kept(site_root, client, admin_client):
    update = WeeklyUpdatePageFactory(number=662, intro="<p>Welcome to this week's update.</p>")
    network = NetworkPageFactory(purpose="<p>To share fostering practice.</p>")
    pages = {update: "Welcome to this week's update.", network: "To share fostering practice."}
    for page, live in pages.items():
        assert live in get_html(client, page.url).main.text

    update.intro = "<p>A draft introduction.</p>"
    update.save_revision()
    network.purpose = "<p>A draft purpose.</p>"
    network.save_revision()
    drafts = {update: "A draft introduction.", network: "A draft purpose."}

    for page, live in pages.items():
        draft_url = reverse("wagtailadmin_pages:view_draft", args=[page.pk])
        preview = get_html(admin_client, draft_url).main.text
        assert drafts[page] in preview
        assert live not in preview
        # The live page still shows what is published, to everyone.
        text = get_html(client, page.url).main.text
        assert live in text
        assert drafts[page] not in text


# Listings kept for their filter and page number: a change shows at once, and what a visitor
# adds to the address never enters what is kept.


def heading_links(client, path):
    """The texts of the links in the headings of a page's main content."""
    return [text for _, text in get_html(client, path).main.heading_links]


def test_the_archive_lists_and_counts_an_update_published_after_a_visit(site_root, client):
    for number in range(301, 322):  # 21 updates: two pages of 20
        WeeklyUpdatePageFactory(number=number)
    first_page = heading_links(client, "/newsletters/")
    assert len(first_page) == 20 and first_page[0].startswith("Update no 321 ")
    assert heading_links(client, "/newsletters/?page=2")[0].startswith("Update no 301 ")
    assert "Showing 1 to 20 of 21" in get_html(client, "/newsletters/").main.text

    WeeklyUpdatePageFactory(number=322)

    assert "Showing 1 to 20 of 22" in get_html(client, "/newsletters/").main.text
    assert heading_links(client, "/newsletters/")[0].startswith("Update no 322 ")
    second_page = heading_links(client, "/newsletters/?page=2")
    assert [title.split()[2] for title in second_page] == ["302", "301"]
    year = friday_of(322).year
    assert heading_links(client, f"/newsletters/?year={year}")[0].startswith("Update no 322 ")


def test_what_a_visitor_adds_to_the_archive_address_is_not_kept_for_others(site_root, client):
    for number in range(301, 322):
        WeeklyUpdatePageFactory(number=number)
    visited = get_html(client, "/newsletters/?campaign=spring-news").source
    assert "campaign=spring-news" in visited  # the pagination links keep it, for this visitor

    for path in ("/newsletters/", "/newsletters/?page=1"):
        assert "spring-news" not in get_html(client, path).source


def test_the_directory_lists_and_counts_someone_added_after_a_visit(site_root, client):
    council = OrganisationFactory(name="Kent County Council")
    PersonFactory(name="Sam Lee", organisation=council)
    PersonFactory(name="Jo Patel")
    by_council = f"/contacts/?organisation={council.pk}"
    assert heading_links(client, "/contacts/") == ["Jo Patel", "Sam Lee"]
    assert heading_links(client, by_council) == ["Sam Lee"]
    assert "1 person matches" in get_html(client, by_council).main.text

    PersonFactory(name="Ali Khan", organisation=council)
    PersonFactory(name="Jo Patel", has_left=True)

    assert heading_links(client, "/contacts/") == ["Ali Khan", "Jo Patel", "Sam Lee"]
    assert heading_links(client, by_council) == ["Ali Khan", "Sam Lee"]
    assert "2 people match" in get_html(client, by_council).main.text


def test_a_search_of_the_directory_finds_what_it_asks_for_after_a_listing_was_kept(
    site_root, client
):
    PersonFactory(name="Sam Lee", role="Head of Fostering")
    PersonFactory(name="Jo Patel", role="Head of Adoption")
    assert heading_links(client, "/contacts/") == ["Jo Patel", "Sam Lee"]

    assert heading_links(client, "/contacts/?q=fostering") == ["Sam Lee"]
    assert heading_links(client, "/contacts/?q=adoption") == ["Jo Patel"]
    assert "1 person matches" in get_html(client, "/contacts/?q=adoption").main.text


def calendar_events(client, path):
    """The events in a month's grid of days, and in its list below."""
    page = get_html(client, path).main
    grid = re.findall(
        r'class="seslip-calendar__event"><a class="govuk-link" href="[^"]+">([^<]+)<', page.source
    )
    return {"grid": grid, "list": [text for _, text in page.heading_links]}


def test_the_calendar_shows_an_event_added_after_a_visit(site_root, client):
    today = timezone.localdate()
    month = f"/events/calendar/{today.year}/{today.month}/"
    at_noon = timezone.make_aware(datetime.datetime.combine(today, datetime.time(12)))
    network = NetworkPageFactory(title="Fostering Network")
    EventPageFactory(title="Fostering forum", start=at_noon, network=network)
    by_network = f"{month}?network={network.slug}"
    assert calendar_events(client, month) == {
        "grid": ["Fostering forum"],
        "list": ["Fostering forum"],
    }
    assert calendar_events(client, by_network)["list"] == ["Fostering forum"]

    EventPageFactory(title="Adoption forum", start=at_noon + datetime.timedelta(minutes=30))
    EventPageFactory(
        title="Fostering panel", start=at_noon + datetime.timedelta(hours=1), network=network
    )

    assert calendar_events(client, month) == {
        "grid": ["Fostering forum", "Adoption forum", "Fostering panel"],
        "list": ["Fostering forum", "Adoption forum", "Fostering panel"],
    }
    assert calendar_events(client, by_network) == {
        "grid": ["Fostering forum", "Fostering panel"],
        "list": ["Fostering forum", "Fostering panel"],
    }
