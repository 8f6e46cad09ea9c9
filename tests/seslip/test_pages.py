"""The home page and standard pages render with their content; missing pages get our 404 page
and failures our 500 page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.models import SiteSettings
from events.factories import EventPageFactory
from newsletters.factories import NewsItemFactory, WeeklyUpdatePageFactory
from seslip.factories import HomePagePartnerFactory, StandardPageFactory
from tests.helpers import Html, get_html


def one_off(heading, body="<p>Some news.</p>"):
    return ("one_off_news_item", {"heading": heading, "body": body, "action_required": ""})


def h1s(html):
    return [text for tag, text in html.headings if tag == "h1"]


@pytest.mark.django_db
def test_home_page_introduces_the_programme(client, site_root, programme_manager):
    home = site_root.home
    home.intro = "<p>Nineteen authorities improving children's services together.</p>"
    home.what_we_do = "<p>We run practice networks and peer challenge.</p>"
    home.purpose = "<p>This website is where the programme publishes its updates.</p>"
    home.save()

    html = get_html(client, "/")

    assert "Nineteen authorities improving children's services together." in html.text
    assert "We run practice networks and peer challenge." in html.text
    assert "This website is where the programme publishes its updates." in html.text
    assert len(h1s(html)) == 1
    assert "Mark Evans" in html.text  # the programme manager


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("contact_email", "shown"),
    [("programme@seslip.example", True), ("Mark.Evans@example.org", False)],
)
def test_home_page_gives_the_programme_s_email_beside_its_manager_s_once(
    client, site_root, programme_manager, contact_email, shown
):
    """The programme's contact email follows the programme manager's card, unless it is their
    own address (in any case), which the card gives already."""
    SiteSettings.objects.update(contact_email=contact_email)
    SiteSettings.objects.get().save()  # (a change to the settings, as the admin saves it)

    html = get_html(client, "/")

    assert html.main.text.lower().count("mark.evans@example.org") == 1  # on the card
    assert html.main.text.count("Email the programme at") == int(shown)
    assert ("Email the programme at programme@seslip.example." in html.main.text) is shown


@pytest.mark.django_db
def test_home_page_features_the_latest_updates_first_news_items(client, site_root):
    site_root.home.featured_news_count = 3
    site_root.home.save()
    WeeklyUpdatePageFactory(number=500, body=[one_off("Last week's news")])
    chosen = NewsItemFactory(heading="Peer challenge dates agreed")
    latest = WeeklyUpdatePageFactory(
        number=501,
        body=[
            ("news_item", chosen),
            one_off("Ofsted framework consultation"),
            ("rich_text", "<p>Not a news item.</p>"),
            one_off("Workforce benchmarking report"),
            one_off("Fourth item, not featured"),
        ],
    )

    html = get_html(client, "/")

    for heading in (
        "Peer challenge dates agreed",
        "Ofsted framework consultation",
        "Workforce benchmarking report",
    ):
        assert heading in html.text
    assert html.before("Peer challenge dates agreed", "Workforce benchmarking report")
    assert "Fourth item, not featured" not in html.text
    assert "Last week's news" not in html.text
    assert latest.url in html.hrefs()


@pytest.mark.django_db
def test_home_page_lists_the_next_upcoming_events(client, site_root):
    site_root.home.upcoming_events_count = 4
    site_root.home.save()
    now = datetime.datetime.now(datetime.UTC)
    for days in (5, 2, 3, 4, 6):
        EventPageFactory(title=f"Meeting in {days} days", start=now + datetime.timedelta(days=days))
    EventPageFactory(title="Meeting last week", start=now - datetime.timedelta(days=7))
    EventPageFactory(title="Draft meeting", start=now + datetime.timedelta(days=1), live=False)

    html = get_html(client, "/")

    shown = [f"Meeting in {days} days" for days in (2, 3, 4, 5)]
    for title in shown:
        assert title in html.text
    assert [html.text.index(t) for t in shown] == sorted(html.text.index(t) for t in shown)
    assert "Meeting in 6 days" not in html.text
    assert "Meeting last week" not in html.text
    assert "Draft meeting" not in html.text


@pytest.mark.django_db
def test_home_page_shows_partners(client, site_root):
    HomePagePartnerFactory(
        page=site_root.home,
        organisation__name="Research in Practice",
        description="Evidence for children's services.",
    )
    HomePagePartnerFactory(
        page=site_root.home,
        organisation__name="Association of Directors of Children's Services",
        organisation__description="The national association of directors.",
    )

    html = get_html(client, "/")

    assert "Research in Practice" in html.text
    assert "Evidence for children's services." in html.text
    # Without a description of its own, a partner is described by its organisation's.
    assert "The national association of directors." in html.text


@pytest.mark.django_db
def test_home_page_links_to_every_section(client, site_root):
    hrefs = get_html(client, "/").hrefs()

    for section in ("/newsletters/", "/about-networks/", "/events/", "/contacts/", "/search/"):
        assert section in hrefs


# Income rows of Table 2 of the 2024-25 plan (seslip/demo/seeds).
TABLE = {
    "first_row_is_table_header": True,
    "first_col_is_header": True,
    "table_caption": "Income 2024-25",
    "data": [
        ["Income", "24-25 budget (£)"],
        ["DfE core funding – data", "80,000"],
        ["SE subs", "165,500"],
    ],
}


@pytest.mark.django_db
def test_standard_page_shows_its_text_and_tables(client, site_root):
    page = StandardPageFactory(
        title="Regional Improvement Plan 2024-25",
        intro="What the programme will do this year.",
        body=[
            ("heading", {"text": "Workstreams and budget", "level": "h2"}),
            ("paragraph", "<p>Each workstream has a sponsor.</p>"),
            ("table", TABLE),
            ("inset_text", "<p>Approved by the Steering Group.</p>"),
        ],
    )
    StandardPageFactory(parent=page, title="Accessibility statement")

    html = get_html(client, page.url)

    assert h1s(html) == ["Regional Improvement Plan 2024-25"]
    assert "What the programme will do this year." in html.text
    assert ("h2", "Workstreams and budget") in html.headings
    assert "Each workstream has a sponsor." in html.text
    assert "Approved by the Steering Group." in html.text
    [table] = html.tables
    assert table["caption"] == ["Income 2024-25"]
    assert table["th"] == ["Income", "24-25 budget (£)", "DfE core funding – data", "SE subs"]
    assert table["td"] == ["80,000", "165,500"]
    child = page.get_children().get()
    assert html.link_to(child.url) == "Accessibility statement"


@pytest.mark.django_db
def test_page_title_names_the_page_and_the_site(client, site_root):
    page = StandardPageFactory(title="Privacy notice")

    response = client.get(page.url)

    assert "<title>Privacy notice – SESLIP</title>" in " ".join(response.content.decode().split())


@pytest.mark.django_db
def test_the_home_page_title_names_the_site_once(client, site_root):
    home = site_root.home
    home.seo_title = "SESLIP: South East Sector Led Improvement Programme"
    home.save_revision().publish()
    titled = " ".join(client.get("/").content.decode().split())
    home.seo_title = "Home"
    home.save_revision().publish()
    untitled = " ".join(client.get("/").content.decode().split())

    assert "<title>SESLIP: South East Sector Led Improvement Programme</title>" in titled
    assert "<title>Home – SESLIP</title>" in untitled


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/no-such-page/", "/about-networks/no-such-network/"])
def test_missing_pages_use_the_sites_404_page(client, site_root, path):
    response = client.get(path)

    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]
    html = Html(response)
    assert "/" in html.hrefs()  # the header and footer are there: a way back into the site


@pytest.mark.django_db
def test_draft_pages_are_not_served(client, site_root):
    page = StandardPageFactory(title="Not yet published", live=False)

    response = client.get(page.url)

    assert response.status_code == 404
    assert "Not yet published" not in response.content.decode()


@pytest.mark.urls("tests.seslip.failing_urls")
def test_a_server_error_shows_the_sites_500_page(safe_client, settings, caplog):
    """Without the database (no ``db`` here: any query would fail) and without DEBUG."""
    settings.DEBUG = False

    response = safe_client.get("/test-failure/")

    assert response.status_code == 500
    assert response["Content-Type"] == "text/html; charset=utf-8"
    html = Html(response)
    assert html.heading_texts() == ["Sorry, there is a problem with the service"]
    assert "Try again later." in html.text
    assert html.main.link_to("/") == "Go to the SESLIP home page"
    assert "secret detail" not in html.source and "RuntimeError" not in html.source
    # The failure is logged for the people who run the site.
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.levelname == "ERROR" and record.exc_info[0] is RuntimeError


def test_the_sitemap_makes_as_many_queries_for_many_pages_as_for_few(client, site_root):
    StandardPageFactory(title="Accessibility statement")
    WeeklyUpdatePageFactory(number=699)
    client.get("/sitemap.xml")
    with CaptureQueriesContext(connection) as few:
        assert client.get("/sitemap.xml").status_code == 200
    for number in range(20):
        StandardPageFactory(title=f"Extra page {number}")
        WeeklyUpdatePageFactory(number=700 + number)
    client.get("/sitemap.xml")  # the first visit after a change reads the site afresh
    with CaptureQueriesContext(connection) as many:
        response = client.get("/sitemap.xml")

    assert "/extra-page-19/" in response.content.decode()
    assert len(many) == len(few)


def test_the_main_menu_shows_a_pages_short_menu_title_in_place_of_its_title(site_root, client):
    StandardPageFactory(
        parent=site_root.home,
        title="Regional Improvement Plan 2024-25",
        slug="plan",
        show_in_menus=True,
        menu_title="Improvement plan",
    )
    StandardPageFactory(parent=site_root.home, title="About us", slug="about", show_in_menus=True)

    html = get_html(client, "/events/")

    assert html.link_to("/plan/") == "Improvement plan"
    assert html.link_to("/about/") == "About us"
    plan = get_html(client, "/plan/")
    assert plan.heading_texts()[0] == "Regional Improvement Plan 2024-25"
