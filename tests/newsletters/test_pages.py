"""The archive of weekly updates and an update's page."""

import datetime

import pytest
from django.utils import timezone

from contacts.factories import PersonFactory
from events.factories import EventPageFactory
from newsletters.factories import NewsItemFactory, WeeklyUpdatePageFactory
from tests.helpers import get_html

pytestmark = pytest.mark.django_db


def one_off(heading, body="<p>Some news.</p>", action=""):
    return ("one_off_news_item", {"heading": heading, "body": body, "action_required": action})


# --- the archive ------------------------------------------------------------------------------


def test_archive_lists_updates_newest_first(client, site_root):
    site_root.newsletters.intro = "<p>Every update since 2014.</p>"
    site_root.newsletters.save()
    older = WeeklyUpdatePageFactory(number=298, date=datetime.date(2018, 4, 20))
    newer = WeeklyUpdatePageFactory(number=299, date=datetime.date(2018, 4, 27))
    WeeklyUpdatePageFactory(number=300, date=datetime.date(2018, 5, 4), live=False)

    html = get_html(client, "/newsletters/")

    assert "Every update since 2014." in html.text
    assert html.link_to(newer.url) == "Update no 299 27 April 2018"
    assert html.link_to(older.url) == "Update no 298 20 April 2018"
    assert html.before("Update no 299", "Update no 298")
    assert "Update no 300" not in html.text


def test_archive_filters_by_year(client, site_root):
    in_2018 = WeeklyUpdatePageFactory(number=298, date=datetime.date(2018, 4, 20))
    in_2019 = WeeklyUpdatePageFactory(number=340, date=datetime.date(2019, 2, 8))

    everything = get_html(client, "/newsletters/")
    only_2018 = get_html(client, "/newsletters/?year=2018")

    assert any("year=2018" in href for href in everything.hrefs())
    assert any("year=2019" in href for href in everything.hrefs())
    assert in_2018.url in only_2018.hrefs()
    assert in_2019.url not in only_2018.hrefs()
    # A year with no updates shows them all rather than nothing.
    assert in_2019.url in get_html(client, "/newsletters/?year=2017").hrefs()


def test_archive_is_paginated_twenty_to_a_page(client, site_root):
    updates = [WeeklyUpdatePageFactory(number=600 + n) for n in range(25)]  # 600 to 624

    first = get_html(client, "/newsletters/")
    second = get_html(client, "/newsletters/?page=2")

    on_first = [u for u in updates if u.url in first.hrefs()]
    on_second = [u for u in updates if u.url in second.hrefs()]
    assert [u.number for u in on_first] == list(range(605, 625))
    assert [u.number for u in on_second] == list(range(600, 605))
    assert any("page=2" in href for href in first.hrefs())


def test_year_filter_and_pagination_combine(client, site_root):
    for n in range(22):
        WeeklyUpdatePageFactory(
            number=700 + n, date=datetime.date(2020, 1, 3) + n * (datetime.timedelta(weeks=1))
        )
    WeeklyUpdatePageFactory(number=800, date=datetime.date(2021, 1, 8))

    second = get_html(client, "/newsletters/?year=2020&page=2")

    assert "Update no 701 " in second.text
    assert "Update no 700 " in second.text
    assert "Update no 800 " not in second.text
    assert "Update no 721 " not in second.text


# --- an update's address ---------------------------------------------------------------------


def test_update_by_number_redirects_permanently_to_its_page(client, site_root):
    WeeklyUpdatePageFactory(number=298, date=datetime.date(2018, 4, 20))

    response = client.get("/newsletters/298/")

    assert response.status_code == 301
    assert response["Location"] == "/newsletters/update-no-298-20-april-2018/"
    assert client.get(response["Location"]).status_code == 200


def test_update_by_unknown_or_draft_number_is_not_found(client, site_root):
    WeeklyUpdatePageFactory(number=299, live=False)

    assert client.get("/newsletters/297/").status_code == 404
    assert client.get("/newsletters/299/").status_code == 404


# --- an update's content ---------------------------------------------------------------------


def test_update_shows_intro_news_actions_reminders_and_contacts(
    client, site_root, programme_manager
):
    luke = PersonFactory(
        name="Luke Ede", role="Data Lead", phone="01632 960 555", email="luke.ede@example.gov.uk"
    )
    item = NewsItemFactory(
        heading="Workforce benchmarking report",
        body="<p>The 2017 report has been published.</p>",
        action_required="<p>Send your comments to Luke by 4 May.</p>",
        people=[luke],
    )
    reminder = NewsItemFactory(heading="Peer challenge nominations", people=[programme_manager])
    update = WeeklyUpdatePageFactory(
        number=298,
        date=datetime.date(2018, 4, 20),
        intro="<p>Welcome to this week's update.</p>",
        body=[
            ("news_item", item),
            one_off(
                "Ofsted framework consultation",
                body="<p>Ofsted is consulting on its framework.</p>",
                action="<p>Reply to the consultation by 1 June.</p>",
            ),
        ],
        reminders=[("news_item", reminder)],
    )

    html = get_html(client, update.url)

    assert [t for tag, t in html.headings if tag == "h1"] == ["Update no 298 20 April 2018"]
    assert "Welcome to this week's update." in html.text
    for text in (
        "Workforce benchmarking report",
        "The 2017 report has been published.",
        "Send your comments to Luke by 4 May.",
        "Ofsted framework consultation",
        "Ofsted is consulting on its framework.",
        "Reply to the consultation by 1 June.",
        "Action required",
        "Reminders from previous weeks",
        "Peer challenge nominations",
    ):
        assert text in html.text, text
    assert html.before("Workforce benchmarking report", "Ofsted framework consultation")
    assert html.before("Reminders from previous weeks", "Peer challenge nominations")
    # Contact details: everyone the items mention, then the programme manager, each once.
    assert "01632 960 555" in html.text
    assert "mailto:luke.ede@example.gov.uk" in html.hrefs()
    assert "mailto:mark.evans@example.org" in html.hrefs()
    assert html.before("01632 960 555", "07700 900123")
    assert html.text.count("07700 900123") == 1


def test_update_lists_meetings_in_the_weeks_after_it(client, site_root):
    today = timezone.localdate()
    update = WeeklyUpdatePageFactory(number=950, date=today)
    soon = timezone.now() + datetime.timedelta(days=10)
    EventPageFactory(title="Meeting in ten days", start=soon)
    EventPageFactory(title="Meeting in ten weeks", start=soon + datetime.timedelta(weeks=9))

    html = get_html(client, update.url)

    assert "Meeting in ten days" in html.text
    assert "Meeting in ten weeks" not in html.text


def test_news_item_page_shows_the_item_and_the_updates_that_show_it(client, site_root):
    item = NewsItemFactory(heading="Regional data return", body="<p>Due in June.</p>")
    update = WeeklyUpdatePageFactory(number=410, body=[("news_item", item)])

    html = get_html(client, f"/newsletters/items/{item.pk}/")

    assert "Regional data return" in html.text
    assert "Due in June." in html.text
    assert update.url in html.hrefs()
    assert client.get(f"/newsletters/items/{item.pk + 1000}/").status_code == 404


def test_feed_lists_the_latest_updates(client, site_root):
    WeeklyUpdatePageFactory(number=298, date=datetime.date(2018, 4, 20))

    response = client.get("/newsletters/feed/")

    assert response.status_code == 200
    assert "xml" in response["Content-Type"]
    assert "Update no 298 20 April 2018" in response.content.decode()
