"""In Chromium, the AD Safeguarding Network's lead keeps their network up to date in the admin,
and cannot open another network's edit page."""

import json
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def log_in(page, live_site, lead):
    page.goto(live_site + "/admin/login/")
    page.fill("#id_username", lead["username"])
    page.fill("#id_password", lead["password"])
    page.locator('button[type="submit"]').click()
    expect(page).to_have_url(re.compile(re.escape(live_site) + r"/admin/$"))


def publish(page):
    """Press Publish, in the editor's footer menu."""
    button = page.locator('button[name="action-publish"]')
    if not button.is_visible():
        page.locator("footer").get_by_role("button", name="More actions").click()
    button.click()


def edit_url_of(page, live_site, *titles):
    """A page's edit address, found by title through the admin's page chooser (which lists
    every page, as when an editor links to one)."""
    url = live_site + "/admin/choose-page/"
    for title in titles:
        html = json.loads(page.request.get(url).text())["html"]
        match = re.search(
            rf'data-id="(\d+)" data-title="{re.escape(title)}"[^>]*data-edit-url="([^"]+)"', html
        )
        if match is None:
            # Not a choice here: follow the link that opens the page's children.
            link = re.search(
                rf'href="(/admin/choose-page/\d+/)[^"]*"[^>]*>\s*(?:<[^>]+>\s*)*'
                rf"[^<]*{re.escape(title)}",
                html,
            )
            assert link, f"{title} is not in the chooser at {url}"
            url = live_site + link.group(1)
            continue
        if title == titles[-1]:
            return live_site + match.group(2)
        url = f"{live_site}/admin/choose-page/{match.group(1)}/"
    pytest.fail(f"No edit address for {titles[-1]}")


def test_a_network_lead_edits_their_network_adds_a_meeting_and_nothing_else(
    page, live_site, network_lead
):
    log_in(page, live_site, network_lead)

    # The admin opens on their network: the only part of the site they may edit.
    page.goto(live_site + "/admin/pages/")
    expect(page.locator("h1")).to_contain_text("AD Safeguarding Network")
    network_id = re.search(r"/admin/pages/(\d+)/", page.url).group(1)

    # They edit their network's page and publish it.
    page.goto(f"{live_site}/admin/pages/{network_id}/edit/")
    page.fill("#id_budget_note", "Paid to ESCC; updated by the network lead")
    publish(page)
    expect(page.locator(".messages")).to_contain_text("published")
    page.goto(live_site + "/about-networks/ad-safeguarding-network/")
    expect(page.locator("main")).to_contain_text("updated by the network lead")

    # They add a meeting under it: the only kind of page a network takes.
    page.goto(f"{live_site}/admin/pages/{network_id}/add_subpage/")
    expect(page).to_have_url(re.compile(r"/admin/pages/add/events/eventpage/\d+/"))
    page.fill("#id_title", "AD Safeguarding Network summer meeting")
    page.fill("#id_start", "01/07/2031 10:00")
    page.keyboard.press("Escape")
    page.fill("#id_end", "01/07/2031 12:30")
    page.keyboard.press("Escape")
    page.fill("#id_joining_instructions", "Contact Mark Evans for the Teams link")
    publish(page)
    expect(page.locator(".messages")).to_contain_text("published")
    page.goto(live_site + "/about-networks/ad-safeguarding-network/")
    meeting = page.locator("main").get_by_role(
        "link", name="AD Safeguarding Network summer meeting"
    )
    expect(meeting).to_be_visible()
    meeting.click()
    expect(page.locator("main")).to_contain_text("Tuesday 1 July 2031")
    expect(page.locator("main")).to_contain_text("10am to 12:30pm")

    # Another network's edit page is closed to them.
    other = edit_url_of(
        page,
        live_site,
        "South East Sector Led Improvement Programme",
        "Networks and projects",
        "Fostering Network",
    )
    response = page.goto(other)
    assert "/edit/" not in page.url
    assert response.status in (200, 403)
    expect(page.locator("body")).to_contain_text("permission")
