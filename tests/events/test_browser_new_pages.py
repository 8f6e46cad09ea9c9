"""In Chromium, against the demo content: the calendar, the filtered lists, the contacts pages and
the member authorities page pass axe-core (WCAG 2.2 AA) and the Nu HTML checker, and the calendar
works by keyboard."""

import datetime
import json
import re
import shutil
import subprocess

import pytest
from playwright.sync_api import expect

from tests.helpers import NU_CHECKER_JAVA, Html, fetch
from tests.seslip.test_accessibility import WCAG_TAGS, describe

pytestmark = pytest.mark.browser


def months_ahead(count):
    """(year, month) of this month and the ``count`` - 1 after it."""
    day = datetime.date.today().replace(day=1)
    months = []
    for _ in range(count):
        months.append((day.year, day.month))
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    return months


@pytest.fixture(scope="module")
def new_pages(live_site):
    """Name -> path of each page of this work, in the demo content."""
    status, html = fetch(live_site + "/contacts/")
    assert status == 200
    person = next(
        href for href, _ in Html(html).main.heading_links if re.fullmatch(r"/contacts/\d+/", href)
    )
    pages = {
        f"calendar {year}-{month:02d}": f"/events/calendar/{year}/{month}/"
        for year, month in months_ahead(3)
    }
    pages.update(
        {
            "calendar of a network": "/events/calendar/2024/3/?network=ad-safeguarding-network",
            "calendar with a bad filter": "/events/calendar/2024/3/?network=nonsense",
            "events by network": "/events/?network=data-benchmarking-network",
            "events with bad filters": "/events/?network=nonsense&month=2031-13",
            "contacts": "/contacts/",
            "contacts searched": "/contacts/?q=evans",
            "contacts with bad filters": "/contacts/?organisation=abc&network=nonsense",
            "person": person,
            "member authorities": "/contacts/member-authorities/",
            "member authorities 2018-19": "/contacts/member-authorities/?year=2018",
            "network": "/about-networks/ad-safeguarding-network/",
            "repeating meeting": (
                "/about-networks/data-benchmarking-network/data-benchmarking-network-meeting/"
            ),
            "peer challenge": "/events/dcs-peer-challenge-triad-1/",
        }
    )
    return pages


NAMES = [
    "calendar of a network",
    "calendar with a bad filter",
    "events by network",
    "events with bad filters",
    "contacts",
    "contacts searched",
    "contacts with bad filters",
    "person",
    "member authorities",
    "member authorities 2018-19",
    "network",
    "repeating meeting",
    "peer challenge",
]
CALENDARS = [f"calendar {year}-{month:02d}" for year, month in months_ahead(3)]


@pytest.mark.parametrize("name", CALENDARS + NAMES)
def test_no_accessibility_violations(page, live_site, new_pages, axe_source, name):
    path = new_pages[name]
    response = page.goto(live_site + path)
    assert response.status == 200, path
    page.evaluate(axe_source)  # not a <script>: the pages' CSP allows none inline

    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )

    assert not results["violations"], f"axe-core on {path}:\n{describe(results['violations'])}"
    assert results["passes"]


def test_the_calendar_on_a_phone_is_the_list(page, live_site, axe_source):
    page.set_viewport_size({"width": 375, "height": 800})
    year, month = months_ahead(1)[0]
    page.goto(f"{live_site}/events/calendar/{year}/{month}/")

    expect(page.locator("table.seslip-calendar")).to_be_hidden()
    expect(page.get_by_role("heading", name=re.compile("All events in"))).to_be_visible()
    page.evaluate(axe_source)  # not a <script>: the pages' CSP allows none inline
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    assert not results["violations"], describe(results["violations"])


def test_the_calendar_by_keyboard(page, live_site):
    """From the events page to the month with a meeting, then into the meeting, by Tab and
    Enter only."""
    page.goto(live_site + "/events/")
    link = page.get_by_role("link", name="See the events calendar, month by month")
    tab_until(page, link)
    press_enter_and_wait(page)
    expect(page).to_have_url(re.compile(r"/events/calendar/$"))
    assert page.locator("table.seslip-calendar caption").inner_text().startswith("Events in")

    # Month by month, with the 'Next month' link, until one has an event in its grid.
    for _ in range(4):
        events = page.locator("table.seslip-calendar td a")
        if events.count():
            break
        tab_until(page, page.locator('a[rel="next"]').first)
        press_enter_and_wait(page)
    else:
        pytest.fail("No month in the next four has an event in the demo content")

    first = events.first
    title = " ".join(first.inner_text().split())
    tab_until(page, first)
    press_enter_and_wait(page)
    assert " ".join(page.locator("h1").inner_text().split()) == title


def press_enter_and_wait(page):
    """Press Enter on the focused link and wait for the page it opens."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def tab_until(page, locator, limit=200):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el === document.activeElement"):
            return
    pytest.fail(f"Tab never reached {locator}")


def test_the_calendar_is_read_as_a_table(page, live_site):
    """A screen reader meets a captioned table with a header for each weekday, and today."""
    today = datetime.date.today()
    page.goto(f"{live_site}/events/calendar/{today.year}/{today.month}/")

    table = page.get_by_role("table", name=re.compile(r"Events in "))
    expect(table).to_be_visible()
    headers = table.get_by_role("columnheader")
    expect(headers).to_have_count(7)
    assert "Monday" in headers.first.text_content()
    current = table.locator('[aria-current="date"]')
    expect(current).to_have_count(1)
    expect(current).to_contain_text("Today")


# --- the Nu HTML checker ----------------------------------------------------------------------


def test_html_is_valid(live_site, new_pages, vnu_jar, tmp_path):
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is needed for the Nu HTML checker: run `make system-deps`")
    files = {}
    for name, path in new_pages.items():
        status, html = fetch(live_site + path)
        assert status == 200, f"{path}: {status}"
        file = tmp_path / (re.sub(r"\W+", "-", name) + ".html")
        file.write_text(html)
        files[file.name] = path
    result = subprocess.run(
        [
            java,
            *NU_CHECKER_JAVA,
            "-jar",
            str(vnu_jar),
            "--errors-only",
            "--format",
            "json",
            *map(str, files),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"- {files.get(m.get('url', '').rsplit('/', 1)[-1], '?')} line {m.get('lastLine')}: "
        f"{m.get('message')}\n    {m.get('extract', '').strip()}"
        for m in messages
    ]
    assert not errors, "Nu HTML checker:\n" + "\n".join(errors)
