"""The home page factory takes in the sections that other apps' factories made before it, under
Wagtail's welcome page (core.factories puts a section under the site's root)."""

import pytest
from wagtail.models import Page, Site

from events.factories import EventPageFactory
from networks.factories import ReportPageFactory
from seslip.factories import HomePageFactory
from seslip.models import HomePage

pytestmark = pytest.mark.django_db


def test_sections_made_before_the_home_page_move_under_it(client):
    event = EventPageFactory(title="Adoption Panel", slug="adoption-panel")
    report = ReportPageFactory(title="Annual report", slug="annual-report")
    welcome = Site.objects.get(is_default_site=True).root_page
    assert not isinstance(welcome.specific, HomePage)
    assert event.get_parent().get_parent().pk == welcome.pk

    home = HomePageFactory()

    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert not Page.objects.filter(pk=welcome.pk).exists()
    assert [page.slug for page in home.get_children()] == ["events", "reports"]
    assert Page.find_problems() == ([], [], [], [], [])
    event.refresh_from_db()
    report.refresh_from_db()
    assert event.url_path == "/home/events/adoption-panel/"
    assert report.url_path == "/home/reports/annual-report/"
    assert client.get("/events/adoption-panel/").status_code == 200
    assert client.get("/").status_code == 200
