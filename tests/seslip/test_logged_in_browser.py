"""Someone who logs in sees so in the header of every page, with a button to log out, while
visitors keep getting the same pages as everyone; and the cookies page names every cookie that
logging in and asking for access set (reading the site sets none)."""

import secrets

import pytest
from playwright.sync_api import expect

from tests.helpers import Html, fetch

pytestmark = pytest.mark.browser

USERNAME = "header.signatory@kent.gov.uk"


@pytest.fixture(scope="module")
def account(live_manage):
    """An account on the live site, as a signatory gets one: their username and password."""
    password = secrets.token_urlsafe(16)
    live_manage(
        "shell",
        "-c",
        "import os\n"
        "from django.contrib.auth import get_user_model\n"
        "get_user_model().objects.create_user(os.environ['NAME'], os.environ['NAME'], "
        "os.environ['PASSWORD'])\n",
        env={"NAME": USERNAME, "PASSWORD": password},
    )
    return USERNAME, password


def log_in(page, live_site, username, password):
    page.goto(live_site + "/account/login/")
    main = page.locator("main")
    main.get_by_label("Email address").fill(username)
    main.get_by_label("Password").fill(password)
    main.get_by_role("button", name="Log in").click()


def test_the_header_says_who_is_logged_in_and_logs_them_out(page, live_site, account):
    header = page.locator("header")
    page.goto(live_site + "/events/")
    expect(header.get_by_role("button", name="Log out")).to_have_count(0)

    log_in(page, live_site, *account)

    expect(header).to_contain_text(f"Logged in as {USERNAME}")
    response = page.goto(live_site + "/events/")
    assert "private" in response.headers["cache-control"]
    expect(header).to_contain_text(f"Logged in as {USERNAME}")
    # Visitors meanwhile get the page as before, naming nobody.
    _, anonymous = fetch(live_site + "/events/")
    assert "Logged in as" not in anonymous
    assert USERNAME not in anonymous

    header.get_by_role("button", name="Log out").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("You have logged out")
    expect(header.get_by_role("button", name="Log out")).to_have_count(0)
    expect(header).not_to_contain_text("Logged in as")
    page.goto(live_site + "/reports/")
    expect(page.locator("main")).not_to_contain_text(USERNAME)


def test_the_cookies_page_names_every_cookie_the_site_sets(page, live_site, account):
    for path in ("/", "/events/", "/newsletters/", "/contacts/", "/cookies/", "/search/?q=data"):
        page.goto(live_site + path)
        assert page.context.cookies() == [], f"{path} set a cookie"

    page.goto(live_site + "/account/request-access/")
    page.goto(live_site + "/account/reset-password/")
    log_in(page, live_site, *account)
    page.goto(live_site + "/reports/")
    names = {cookie["name"] for cookie in page.context.cookies()}

    assert {"csrftoken", "sessionid"} <= names
    _, html = fetch(live_site + "/cookies/")
    text = Html(html).main.text
    for name in names:
        assert name in text, f"the cookies page does not name {name}"
    assert "sets no cookies when you visit" not in text
