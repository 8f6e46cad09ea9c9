"""A section's page is made under the home page, and refused, saying so, before there is one
(core.factories: the apps' factories do not know the home page's factory)."""

import pytest

from events.factories import EventPageFactory
from networks.factories import ReportPageFactory
from seslip.factories import HomePageFactory

pytestmark = pytest.mark.django_db


def test_a_section_before_the_home_page_is_refused_saying_what_to_make_first():
    with pytest.raises(ValueError, match="make the home page first"):
        EventPageFactory()


def test_sections_go_under_the_home_page(client):
    home = HomePageFactory()
    event = EventPageFactory(slug="adoption-panel")
    report = ReportPageFactory(slug="annual-report")

    home.refresh_from_db()
    assert [page.slug for page in home.get_children()] == ["events", "reports"]
    assert event.url_path == "/home/events/adoption-panel/"
    assert report.url_path == "/home/reports/annual-report/"
    assert client.get("/events/adoption-panel/").status_code == 200
