"""Reading updates: the order of an update's sections, its generated meetings and contacts, the
printable version, the feed, a news item's own page, and the pages that link to items."""

import datetime
import email.utils
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from contacts.factories import PersonFactory
from events.factories import EventPageFactory
from networks.factories import NetworkPageFactory
from newsletters.factories import (
    DocumentFactory,
    NewsItemFactory,
    WeeklyUpdatePageFactory,
    item_links,
    tools_and_templates,
)
from newsletters.feeds import FEED_LENGTH
from newsletters.models import WeeklyUpdatePage
from tests.helpers import Html, get_html

pytestmark = pytest.mark.django_db

DATE = datetime.date(2024, 3, 1)  # a Friday


def one_off(heading, action=""):
    return (
        "one_off_news_item",
        {"heading": heading, "body": "<p>Written in place.</p>", "action_required": action},
    )


def at(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def section(html, heading, next_heading=None):
    """The text of a page from one heading to the next one given (or to the end)."""
    text = html.text
    start = text.index(heading)
    end = text.index(next_heading, start) if next_heading else len(text)
    return text[start:end]


# --- the order of an update -----------------------------------------------------------------


def test_an_update_reads_in_the_order_of_the_real_ones(client, site_root, programme_manager):
    item = NewsItemFactory(
        heading="Workforce benchmarking report",
        action_required="<p>Send your comments by 4 May.</p>",
        action_by=datetime.date(2024, 5, 4),
    )
    reminder = NewsItemFactory(heading="Peer challenge nominations")
    EventPageFactory(title="Data network meeting", start=at(DATE + datetime.timedelta(days=14)))
    update = WeeklyUpdatePageFactory(
        number=560,
        date=DATE,
        intro="<p>Welcome to this week's update.</p>",
        body=[
            ("news_item", item),
            # Written between two items, but read after the meetings.
            tools_and_templates(
                {
                    "date": datetime.date(2024, 2, 27),
                    "publisher": "Ofsted",
                    "title": "Inspection framework",
                    "link": "https://www.gov.uk/ofsted",
                }
            ),
            ("rich_text", "<p>A note between the items.</p>"),
            one_off("Ofsted consultation", action="<p>Reply by 1 June.</p>"),
        ],
        reminders=[("news_item", reminder)],
    )

    html = get_html(client, update.url).main

    sections = [text for tag, text in html.headings if tag == "h2"]
    assert sections[: sections.index("Contact details") + 1] == [
        "Workforce benchmarking report",
        "Ofsted consultation",
        "Reminders from previous weeks",
        "Future dates for network meetings",
        "Tools & Templates",
        "Contact details",
    ]
    order = [
        "Welcome to this week's update.",
        "Workforce benchmarking report",
        "Send your comments by 4 May.",
        "A note between the items.",
        "Ofsted consultation",
        "Reply by 1 June.",
        "Peer challenge nominations",
        "Data network meeting",
        "On 27 February 2024 Ofsted published Inspection framework",
        "Mark Evans",
    ]
    for first, second in zip(order, order[1:], strict=False):
        assert html.before(first, second), (first, second)
    # Each item with an action shows it in its own "Action required" panel, with the date due.
    assert html.source.count('class="seslip-action"') == 2
    assert html.text.count("Action required") == 2
    assert "By Saturday 4 May 2024" in html.text
    assert html.link_to("https://www.gov.uk/ofsted") == "Inspection framework"


def test_an_update_without_tools_reminders_or_meetings_says_so_briefly(client, site_root):
    update = WeeklyUpdatePageFactory(number=561, date=DATE, body=[one_off("Only news")])

    html = get_html(client, update.url).main

    headings = html.heading_texts()
    assert "Tools & Templates" not in headings
    assert "Reminders from previous weeks" not in headings
    assert "No network meetings are planned in the weeks after this update." in html.text


def test_an_imported_list_of_meetings_is_not_followed_by_an_empty_generated_one(client, site_root):
    meetings = "<h3>Future dates for network meetings</h3><ul><li>PSW network, 7 March</li></ul>"
    update = WeeklyUpdatePageFactory(
        number=562, date=DATE, body=[one_off("Only news"), ("rich_text", meetings)]
    )

    html = get_html(client, update.url).main

    assert html.text.count("Future dates for network meetings") == 1
    assert "PSW network, 7 March" in html.text
    assert "No network meetings are planned" not in html.text


# --- generated meeting dates ------------------------------------------------------------------


def test_meetings_in_the_weeks_after_the_update_are_listed_and_no_others(client, site_root):
    network = NetworkPageFactory(title="Data Benchmarking Network")
    later = EventPageFactory(
        title="Meeting in seven weeks", start=at(DATE + datetime.timedelta(49))
    )
    same_day = EventPageFactory(title="Meeting that Friday", start=at(DATE, 14), network=network)
    EventPageFactory(title="Meeting the day before", start=at(DATE - datetime.timedelta(1)))
    EventPageFactory(title="Meeting in nine weeks", start=at(DATE + datetime.timedelta(63)))
    EventPageFactory(title="Draft meeting", start=at(DATE + datetime.timedelta(7)), live=False)
    update = WeeklyUpdatePageFactory(number=562, date=DATE)

    assert list(update.future_meetings()) == [same_day, later]
    html = get_html(client, update.url).main
    meetings = section(html, "Future dates for network meetings", "All weekly updates")
    assert html.before("Meeting that Friday", "Meeting in seven weeks")
    assert "Friday 1 March 2024, 2pm to 4pm" in meetings
    for absent in ("day before", "nine weeks", "Draft meeting"):
        assert absent not in meetings, absent
    assert html.link_to(same_day.url) == "Meeting that Friday"


# --- generated contact details ----------------------------------------------------------------


def test_contact_details_name_each_person_once_in_order_of_first_mention_then_the_manager(
    client, site_root, programme_manager
):
    luke = PersonFactory(name="Luke Ede", phone="01632 960 555", organisation__name="Kent CC")
    anna = PersonFactory(name="Anna Wright", phone="01632 960 556")
    zoe = PersonFactory(name="Zoe Adams", phone="01632 960 557")
    PersonFactory(name="Not Mentioned")
    first = NewsItemFactory(heading="First", people=[luke])
    second = NewsItemFactory(heading="Second", people=[anna, luke])
    reminder = NewsItemFactory(heading="Reminder", people=[zoe, anna])
    update = WeeklyUpdatePageFactory(
        number=563,
        body=[("news_item", first), one_off("Nobody named"), ("news_item", second)],
        reminders=[("news_item", reminder)],
    )

    assert update.contact_people() == [luke, anna, zoe, programme_manager]
    html = get_html(client, update.url).main
    contacts = section(html, "Contact details", "All weekly updates")
    for earlier, later in [("Luke Ede", "Anna Wright"), ("Anna Wright", "Zoe Adams")]:
        assert contacts.index(earlier) < contacts.index(later)
    assert contacts.index("Zoe Adams") < contacts.index("Mark Evans")
    for name in ("Luke Ede", "Anna Wright", "Zoe Adams", "Mark Evans"):
        assert contacts.count(name) == 1, name
    assert "Not Mentioned" not in contacts
    assert "Luke Ede (Kent CC)" in contacts
    assert "tel:01632960555" in html.hrefs()


def test_the_programme_manager_mentioned_in_an_item_is_listed_there_not_again_at_the_end(
    site_root, programme_manager
):
    luke = PersonFactory(name="Luke Ede")
    update = WeeklyUpdatePageFactory(
        number=564,
        body=[
            ("news_item", NewsItemFactory(people=[programme_manager])),
            ("news_item", NewsItemFactory(people=[luke])),
        ],
    )

    assert update.contact_people() == [programme_manager, luke]


# --- the printable version ---------------------------------------------------------------------


def test_the_printable_version_has_the_update_without_the_sites_navigation(
    client, site_root, programme_manager
):
    item = NewsItemFactory(heading="Data return", action_required="<p>Send it by Friday.</p>")
    update = WeeklyUpdatePageFactory(number=565, date=DATE, body=[("news_item", item)])

    web = get_html(client, update.url)
    printable_url = update.url + "print/"
    assert web.link_to(printable_url) == "Printable version of this update"

    html = get_html(client, printable_url)
    assert html.before("Update no 565 1 March 2024", "Data return")
    assert html.before("Send it by Friday.", "Contact details")
    assert "Mark Evans" in html.text
    assert "govuk-service-navigation" not in html.source
    assert 'role="search"' not in html.source
    assert "govuk-breadcrumbs" not in html.source
    assert printable_url not in html.hrefs()
    assert f'<link rel="canonical" href="http://testserver{update.url}">' in html.source
    assert "(printable version) – SESLIP</title>" in html.source


def test_the_print_preview_mode_shows_the_printable_version(site_root):
    update = WeeklyUpdatePageFactory(number=566, date=DATE, body=[one_off("Draft news")])
    assert ("print", "Print") in update.preview_modes

    printed = Html(update.make_preview_request(preview_mode="print").content.decode())
    web = Html(update.make_preview_request(preview_mode="").content.decode())

    assert "Draft news" in printed.text
    assert "govuk-service-navigation" not in printed.source
    assert "Draft news" in web.text
    assert "govuk-service-navigation" in web.source


# --- the feed ----------------------------------------------------------------------------------


def test_the_feed_is_valid_rss_2_of_the_latest_live_updates_with_absolute_links(client, site_root):
    for n in range(FEED_LENGTH + 2):
        WeeklyUpdatePageFactory(number=600 + n, intro=f"<p>The headlines of week <b>{n}</b>.</p>")
    WeeklyUpdatePageFactory(number=700, live=False)

    response = client.get("/newsletters/feed/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    rss = ET.fromstring(response.content)  # noqa: S314  (our own feed)
    assert rss.tag == "rss"
    assert rss.get("version") == "2.0"
    (channel,) = rss.findall("channel")
    for required in ("title", "link", "description"):
        assert (channel.findtext(required) or "").strip(), required
    assert channel.findtext("link") == "http://testserver/newsletters/"
    items = channel.findall("item")
    assert len(items) == FEED_LENGTH
    titles = [item.findtext("title") for item in items]
    assert titles[0].startswith("Update no 621 ")
    assert not any(title.startswith("Update no 700") for title in titles)
    dates = []
    for item in items:
        link = urlsplit(item.findtext("link"))
        assert (link.scheme, link.netloc) == ("http", "testserver")
        assert client.get(link.path).status_code == 200
        assert item.findtext("description").startswith("The headlines of week ")
        assert "<b>" not in item.findtext("description")
        dates.append(email.utils.parsedate_to_datetime(item.findtext("pubDate")))
        guid = item.find("guid")
        assert urlsplit(guid.text).netloc == "testserver"
    assert dates == sorted(dates, reverse=True)
    assert dates[0].date() == WeeklyUpdatePage.objects.get(number=621).date


def test_the_archive_points_feed_readers_at_the_feed(client, site_root):
    html = get_html(client, "/newsletters/")

    assert '<link rel="alternate" type="application/rss+xml"' in html.source
    assert "/newsletters/feed/" in html.hrefs()


# --- a news item's page, and the pages that link to it -------------------------------------------


def test_a_news_items_page_shows_it_whole_with_whom_to_contact_and_where_it_appeared(
    client, site_root
):
    luke = PersonFactory(name="Luke Ede", role="Data Lead")
    document = DocumentFactory(title="Workforce report 2017")
    item = NewsItemFactory(
        heading="Workforce benchmarking report",
        body="<p>The 2017 report has been published.</p>",
        action_required="<p>Send your comments to Luke.</p>",
        action_by=datetime.date(2018, 5, 4),
        people=[luke],
        links=item_links(document, url="https://www.gov.uk/workforce"),
    )
    shown = WeeklyUpdatePageFactory(number=298, body=[("news_item", item)])
    again = WeeklyUpdatePageFactory(number=299, reminders=[("news_item", item)])
    draft = WeeklyUpdatePageFactory(number=300, body=[("news_item", item)], live=False)

    html = get_html(client, f"/newsletters/items/{item.pk}/").main

    assert [text for tag, text in html.headings if tag == "h1"] == ["Workforce benchmarking report"]
    assert "The 2017 report has been published." in html.text
    assert "Action required" in html.text
    # Read today, the date has passed, and the page says so.
    assert "Was due by Friday 4 May 2018: this date has passed" in html.text
    assert "Send your comments to Luke." in html.text
    assert html.link_to("https://www.gov.uk/workforce") == "Read more on GOV.UK"
    assert html.link_to(document.url) == "Workforce report 2017"
    assert html.link_to(f"/contacts/{luke.pk}/") == "Luke Ede"
    assert html.link_to(again.url) == again.title
    assert html.link_to(shown.url) == shown.title
    assert html.before(again.title, shown.title)
    assert draft.url not in html.hrefs()
    assert client.get(f"/newsletters/items/{item.pk + 1000}/").status_code == 404


def test_a_persons_entry_links_to_the_items_that_mention_them(client, site_root):
    luke = PersonFactory(name="Luke Ede")
    mentioned = NewsItemFactory(heading="Benchmarking report", people=[luke])
    other = NewsItemFactory(heading="Unrelated news", people=[PersonFactory()])

    html = get_html(client, f"/contacts/{luke.pk}/").main

    assert "News items that mention them" in html.text
    assert html.link_to(f"/newsletters/items/{mentioned.pk}/") == "Benchmarking report"
    assert f"/newsletters/items/{other.pk}/" not in html.hrefs()
    assert "Unrelated news" not in html.text
    assert client.get(f"/newsletters/items/{mentioned.pk}/").status_code == 200


def test_a_network_page_links_to_its_recent_news_items(client, site_root):
    network = NetworkPageFactory(title="Data Benchmarking Network")
    items = [NewsItemFactory(heading=f"Data news {n}", networks=[network]) for n in range(7)]
    NewsItemFactory(heading="Other network's news", networks=[NetworkPageFactory()])

    html = get_html(client, network.url).main

    linked = [href for href in html.hrefs() if href.startswith("/newsletters/items/")]
    assert linked == [f"/newsletters/items/{item.pk}/" for item in reversed(items)][:5]
    assert "Other network's news" not in html.text
