"""No programme year is written into the site: the menu leads to the newest plan, whatever year
it is for, and new networks' budgets default to the current programme year."""

import datetime
import re

import pytest

from core.utils import current_programme_year, programme_year, programme_year_label
from networks.models import NetworkPage
from seslip.factories import PlanPageFactory
from tests.helpers import get_html

pytestmark = pytest.mark.django_db


def published(year, when):
    return PlanPageFactory(
        title=f"Regional Improvement Plan {year}",
        slug=f"regional-improvement-plan-{year}",
        first_published_at=datetime.datetime(*when, tzinfo=datetime.UTC),
    )


def menu(client, url="/"):
    html = get_html(client, url)
    start = html.source.index('<ul class="govuk-service-navigation__list"')
    end = html.source.index("</ul>", start)
    return html.source[start:end]


def test_the_menu_leads_to_the_newest_plan_without_naming_a_year(client, site_root):
    older = published("2024-25", (2024, 5, 1))
    newer = published("2026-27", (2026, 5, 1))

    nav = menu(client)

    assert f'href="{newer.url}"' in nav
    assert f'href="{older.url}"' not in nav
    text = " ".join(re.sub(r"<[^>]+>", " ", nav).split())
    assert "Regional Improvement Plan" in text
    assert "2024-25" not in text and "2026-27" not in text


def test_the_newest_plan_is_in_the_menu_even_when_not_ticked_for_it(client, site_root):
    published("2024-25", (2024, 5, 1))
    newer = published("2025-26", (2025, 5, 1))
    newer.show_in_menus = False
    newer.save()

    assert f'href="{newer.url}"' in menu(client)


def test_an_older_plan_points_to_the_current_one(client, site_root):
    older = published("2024-25", (2024, 5, 1))
    newer = published("2026-27", (2026, 5, 1))

    old_page = get_html(client, older.url)
    new_page = get_html(client, newer.url)

    assert old_page.main.link_to(newer.url) == "Read the current Regional Improvement Plan"
    assert "earlier year's plan" in old_page.main.text
    assert "earlier year's plan" not in new_page.main.text


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (datetime.date(2026, 12, 2), "2026-27"),
        (datetime.date(2027, 3, 31), "2026-27"),
        (datetime.date(2027, 4, 1), "2027-28"),
        (datetime.date(2099, 6, 1), "2099-00"),
        (datetime.date(2024, 4, 1), "2024-25"),
    ],
)
def test_the_programme_year_runs_from_april_to_march(day, label):
    assert programme_year_label(programme_year(day)) == label


def test_a_new_networks_budget_is_for_the_current_programme_year():
    assert NetworkPage._meta.get_field("budget_year").default is current_programme_year
    assert NetworkPage(title="New network").budget_year == current_programme_year()
