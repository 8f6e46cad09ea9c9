"""In Chromium: an editor composes this week's update from reusable news items and publishes it.

Runs against the real site with the demo content (``live_site``), as a superuser added to its
database for this module and removed afterwards with the update it published.
"""

import re
import secrets

import pytest
from playwright.sync_api import expect

from core.templatetags.core_tags import summary
from seslip.demo.updates import NEWS_ITEMS
from tests.two_factor import app_setup_script, log_in_to_admin

pytestmark = pytest.mark.browser

EDITOR = "compose-editor"
PASSWORD = "compose-editor-password"
# A demo news item with an "Action required" part, found in the snippet chooser by its heading
# (one without figures: the search splits "2018-19" differently in headings and queries).
ITEM = next(
    item
    for item in NEWS_ITEMS
    if item.get("action_required") and not re.search(r"\d", item["heading"])
)
ACTION = summary(ITEM["action_required"], 8).removesuffix(" …")


def editor_login(live_manage, username):
    """An editor's login on the live site; what they publish is removed at the end. Each test
    has its own: an authenticator's code is accepted once, so two logins in the same 30 seconds
    need two accounts."""
    live_manage(
        "createsuperuser",
        "--noinput",
        env={
            "DJANGO_SUPERUSER_USERNAME": username,
            "DJANGO_SUPERUSER_EMAIL": f"{username}@example.org",
            "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
        },
    )
    key = secrets.token_hex(20)
    live_manage("shell", "-c", app_setup_script(username, key))
    yield username, PASSWORD, key
    live_manage(
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model\n"
        "from newsletters.models import WeeklyUpdatePage\n"
        f"for page in WeeklyUpdatePage.objects.filter(owner__username={username!r}):\n"
        "    page.delete()\n"
        f"get_user_model().objects.filter(username={username!r}).delete()\n",
    )


@pytest.fixture(scope="module")
def editor(live_manage):
    yield from editor_login(live_manage, EDITOR)


@pytest.fixture(scope="module")
def chooser_editor(live_manage):
    yield from editor_login(live_manage, "chooser-editor")


def test_an_editor_composes_and_publishes_an_update_from_reusable_items(page, live_site, editor):
    log_in_to_admin(page, live_site, *editor)
    expect(page).to_have_url(live_site + "/admin/")

    # "New weekly update" asks for confirmation, then opens the numbered draft.
    page.get_by_role("navigation", name="Main menu").get_by_role(
        "link", name="New weekly update"
    ).click()
    confirm = page.get_by_role("button", name=re.compile(r"^Create draft update no \d+$"))
    expect(confirm).to_be_visible()
    number = int(confirm.inner_text().rsplit(" ", 1)[1])
    expect(page.get_by_text("The intro is carried over from update no")).to_be_visible()
    confirm.click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(page.get_by_text(f"Draft update no {number} for Friday")).to_be_visible()
    expect(page.get_by_role("spinbutton", name="Number")).to_have_value(str(number))

    # The news: a reusable item, chosen with the snippet chooser.
    news = page.locator("#panel-child-content-body-content")
    news.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="News item", exact=True).click()
    news.get_by_role("button", name="Choose news item").click()
    chooser = page.get_by_role("dialog").filter(
        has=page.get_by_role("heading", name="Choose news item")
    )
    search = chooser.get_by_role("textbox", name="Search term")
    expect(search).to_be_visible()  # on failure, says what the page shows in its place
    search.fill(ITEM["heading"])
    chooser.get_by_role("link", name=ITEM["heading"], exact=True).click()
    expect(chooser).to_be_hidden()
    expect(news.get_by_text(ITEM["heading"], exact=True)).to_be_visible()

    # The update can be previewed for the web and for print.
    page.get_by_role("button", name="Toggle preview").click()
    modes = page.get_by_label("Preview mode").locator("option")
    expect(modes).to_have_text(["Web page", "Print"])
    page.get_by_role("button", name="Toggle preview").click()

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish", exact=True).click()
    # Published, the editor lands on the next step: its email, to test and send.
    expect(page.get_by_text(f"‘Update no {number} ")).to_contain_text("has been published")
    expect(page.locator("h1")).to_contain_text("Email to subscribers")
    expect(page.get_by_role("button", name="Send test to me")).to_be_visible()

    # The public page shows the item with its "Action required" panel.
    response = page.goto(f"{live_site}/newsletters/{number}/")
    assert response.status == 200
    expect(page.locator("h1")).to_have_text(re.compile(rf"^Update no {number} "))
    item = page.locator("main article").filter(
        has=page.get_by_role("heading", name=ITEM["heading"], exact=True)
    )
    expect(item).to_have_count(1)
    action = item.locator(".seslip-action")
    expect(action).to_be_visible()
    expect(action).to_contain_text("Action required")
    expect(action).to_contain_text(ACTION)


def test_an_editor_writes_a_new_item_in_the_chooser_without_leaving_the_update(
    page, live_site, chooser_editor
):
    log_in_to_admin(page, live_site, *chooser_editor)
    page.get_by_role("navigation", name="Main menu").get_by_role(
        "link", name="New weekly update"
    ).click()
    page.get_by_role("button", name=re.compile(r"^Create draft update no \d+$")).click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    edit_url = page.url

    news = page.locator("#panel-child-content-body-content")
    news.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="News item", exact=True).click()
    news.get_by_role("button", name="Choose news item").click()
    chooser = page.get_by_role("dialog").filter(
        has=page.get_by_role("heading", name="Choose news item")
    )
    # Each item shows its last change, networks and last update.
    expect(chooser.get_by_role("columnheader", name="Last update it was in")).to_be_visible()
    # The dialog takes the focus once it has opened (300 ms): typing before would lose keys.
    expect(page.locator(".modal.in")).to_be_focused()
    chooser.get_by_role("tab", name="Write a new news item").click()
    chooser.get_by_role("textbox", name="Heading").fill("Kinship care peer review")
    body = chooser.locator(".public-DraftEditor-content").first
    body.click()
    body.press_sequentially("Three authorities will review their kinship care offer in January.")
    # The rich text editor writes its content to the form a moment after the last key.
    expect(chooser.locator('input[name="body"]')).to_have_value(re.compile("Three authorities"))
    chooser.get_by_role("button", name="Save the news item and choose it").click()

    # Saving the item and indexing it for search takes a moment on a busy machine.
    expect(chooser).to_be_hidden(timeout=30_000)
    expect(news.get_by_text("Kinship care peer review", exact=True)).to_be_visible()
    assert page.url == edit_url  # the editor never left the update
