"""In Chromium: a superuser's first login to the admin sets up two-step verification with an
authenticator app; the next login asks for the app's code after the password."""

import re
import time
from base64 import b32decode

import pytest
from playwright.sync_api import expect

from tests.seslip.test_accessibility import WCAG_TAGS, describe
from tests.two_factor import totp

pytestmark = pytest.mark.browser

USERNAME = "two-step-admin"
PASSWORD = "two-step-admin-password"


@pytest.fixture(scope="module")
def superuser(live_manage):
    live_manage(
        "createsuperuser",
        "--noinput",
        env={
            "DJANGO_SUPERUSER_USERNAME": USERNAME,
            "DJANGO_SUPERUSER_EMAIL": "two-step-admin@example.org",
            "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
        },
    )
    yield
    live_manage(
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model\n"
        f"get_user_model().objects.filter(username={USERNAME!r}).delete()\n",
    )


def assert_accessible(page, axe_source):
    page.evaluate(axe_source)  # not a <script>: the pages' CSP allows none inline
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    assert not results["violations"], describe(results["violations"])


def sign_in(page, live_site):
    page.goto(live_site + "/admin/login/")
    page.get_by_label("Username").fill(USERNAME)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_first_login_sets_up_the_app_and_the_next_asks_for_its_code(
    page, live_site, superuser, axe_source
):
    sign_in(page, live_site)

    # Sent to set up before anything else, with a QR code and the key as text.
    expect(page).to_have_url(re.compile(r"/admin/two-factor/set-up/\?next=%2Fadmin%2F$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-step verification")
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    assert_accessible(page, axe_source)
    key = b32decode(page.locator("#two-factor-secret").inner_text().replace(" ", "")).hex()

    page.get_by_role("textbox", name=re.compile("^Code")).fill(totp(key))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    expect(page.get_by_role("list", name="Recovery codes").get_by_role("listitem")).to_have_count(
        10
    )
    page.get_by_role("link", name="I have kept my recovery codes").click()
    expect(page).to_have_url(live_site + "/admin/")

    # The next login: password, then the app's code (the next one: each code works once).
    page.context.clear_cookies()
    sign_in(page, live_site)
    expect(page).to_have_url(re.compile(r"/admin/two-factor/verify/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
    assert_accessible(page, axe_source)
    page.get_by_label("Code").fill(totp(key, time.time() + 30))
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(live_site + "/admin/")
    expect(page.get_by_role("navigation", name="Main menu")).to_be_visible()
