"""A visitor finds a network, an event and an update from the home page, by mouse and keyboard.

Runs in Chromium against the real site with the demo content (see ``live_site`` in conftest).
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SECTIONS = {"network": "/about-networks/", "event": "/events/", "update": "/newsletters/"}

# A link to one item in a section's list: the links inside headings of its main content.
ITEM_LINKS = "main h2 a[href], main h3 a[href]"

FOCUS_STYLE = """el => {
    const s = getComputedStyle(el);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor,
            s.color, s.textDecorationLine, s.textDecorationThickness].join(' | ');
}"""


def path_of(page, base):
    return page.url.removeprefix(base)


def is_item(href, section):
    if "?" in href or href in (section, "/events/past/"):
        return False
    # A network's meetings live under the network, so an event's address may be anywhere.
    return section == "/events/" or href.startswith(section)


def first_item_link(page, section):
    """The first link to an item on a section's page (not to the archive or another page)."""
    for link in page.locator(ITEM_LINKS).all():
        if is_item(link.get_attribute("href"), section):
            return link
    pytest.fail(f"No item to follow on {section}")


def h1_text(page):
    return " ".join(page.locator("h1").inner_text().split())


def test_by_mouse(page, live_site):
    for kind, section in SECTIONS.items():
        page.goto(live_site + "/")
        page.locator(f'header a[href="{section}"]').first.click()
        expect(page).to_have_url(live_site + section)

        link = first_item_link(page, section)
        title = " ".join(link.inner_text().split())
        link.click()

        expect(page.locator("h1")).to_have_count(1)
        assert h1_text(page) == title, kind
        assert path_of(page, live_site) != section
    assert h1_text(page).startswith("Update no")


# --- by keyboard only ---------------------------------------------------------------------


def focused(page, expression):
    return page.evaluate(f"() => {{ const el = document.activeElement; return {expression}; }}")


def tab_to(page, selector, limit=150):
    """Press Tab until the element matching ``selector`` has focus; return its focused style."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page, f"el && el.matches({selector!r})"):
            return page.evaluate_handle("document.activeElement").evaluate(FOCUS_STYLE)
    pytest.fail(f"Tab never reached {selector}")


def follow_by_keyboard(page, selector, live_site):
    """Tab to a link, check its focus is visible, press Enter and wait for the new page."""
    link = page.locator(selector).first
    href = link.get_attribute("href")
    unfocused = link.evaluate(FOCUS_STYLE)
    focused_style = tab_to(page, selector)
    assert focused_style != unfocused, f"focus on {selector} is not visible: {focused_style}"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(live_site + href.split("#")[0]) + "$"))
    page.wait_for_load_state()
    return href


def test_skip_link_is_first_and_moves_focus_to_the_main_content(page, live_site):
    page.goto(live_site + "/")
    skip = page.locator("body a[href]").first
    height = "el => el.getBoundingClientRect().height"
    assert skip.evaluate(height) <= 1  # hidden until focused

    page.keyboard.press("Tab")

    assert focused(page, "el.textContent.trim()") == "Skip to main content"
    assert focused(page, "el.getAttribute('href')") == "#main-content"
    assert skip.evaluate(height) > 10  # shown once focused
    page.keyboard.press("Enter")
    assert focused(page, "el.id") == "main-content"
    # The next Tab goes to the first link in the main content, past the navigation.
    page.keyboard.press("Tab")
    assert focused(page, "!!el.closest('main')")


def test_by_keyboard(page, live_site):
    for kind, section in SECTIONS.items():
        page.goto(live_site + "/")
        follow_by_keyboard(page, f'header a[href="{section}"]', live_site)

        link = first_item_link(page, section)
        href = link.get_attribute("href")
        title = " ".join(link.inner_text().split())
        follow_by_keyboard(page, f'main a[href="{href}"]', live_site)

        assert h1_text(page) == title, kind
    assert h1_text(page).startswith("Update no")


def test_search_from_the_header(page, live_site):
    page.goto(live_site + "/")

    page.get_by_role("searchbox", name="Search this site").fill("safeguarding")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?q=safeguarding$"))
    results = [
        link.get_attribute("href")
        for link in page.locator(ITEM_LINKS).all()
        if "?" not in link.get_attribute("href")
    ]
    assert results, "searching the demo content for 'safeguarding' found nothing"
