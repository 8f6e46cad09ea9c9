"""The sign-up, confirm and unsubscribe pages in Chromium: axe-core, the Nu HTML checker, keyboard.

Runs against the real site with the demo content (``live_site`` in tests/conftest.py). The links
from the emails are made here from the subscriber's key in the site's database, signed with the
same settings as the site.
"""

import json
import re
import shutil
import subprocess
import time

import psycopg
import pytest
from django.core import signing
from playwright.sync_api import expect

from core import database
from mailing import subscriptions
from tests.helpers import NU_CHECKER_JAVA, fetch
from tests.seslip.test_accessibility import WCAG_TAGS, describe

pytestmark = pytest.mark.browser


def live_database_name():
    import os

    base = os.environ.get("SESLIP_TEST_DB", "test_seslip")
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return f"{base}_browser_{worker}" if worker else f"{base}_browser"


def subscriber_key(email):
    """The key of the subscriber with this address in the live site's database."""
    settings = database.start()
    with psycopg.connect(
        host=settings["HOST"], port=settings["PORT"], user="postgres", dbname=live_database_name()
    ) as conn:
        row = conn.execute(
            "SELECT key FROM newsletters_subscriber WHERE lower(email) = lower(%s)", [email]
        ).fetchone()
    assert row, f"{email} did not sign up"
    return row[0]


def confirm_path(key, age_days=0):
    signer = signing.TimestampSigner(salt=subscriptions.CONFIRM_SALT)
    if not age_days:
        return f"/newsletters/subscribe/confirm/{signer.sign(key.hex)}/"
    then = signing.b62_encode(int(time.time()) - age_days * 24 * 3600)
    token = signing.Signer.sign(signer, f"{key.hex}{signer.sep}{then}")
    return f"/newsletters/subscribe/confirm/{token}/"


def unsubscribe_path(key):
    return f"/newsletters/unsubscribe/{subscriptions.unsubscribe_signer().sign(key.hex)}/"


def manage_path(key):
    return f"/newsletters/subscription/{subscriptions.unsubscribe_signer().sign(key.hex)}/"


def check_axe(page, axe_source, what):
    page.evaluate(axe_source)  # not a <script>: the pages' CSP allows none inline
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    assert not results["violations"], f"axe-core on {what}:\n{describe(results['violations'])}"
    assert results["passes"]


def sign_up_by_keyboard(page, live_site, email):
    """From an update, by keyboard only: Tab to the update's own form, type, press Enter."""
    page.goto(live_site + "/newsletters/update-no-298-20-april-2018/")
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "update-signup-email":
            break
    else:
        pytest.fail("Tab never reached the sign-up form")
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "update-signup-name"
    page.keyboard.type("Ada Lovelace")
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_site + "/newsletters/subscribe/check-your-email/")


def test_every_sign_up_page_passes_axe_and_works_by_keyboard(page, live_site, axe_source):
    sign_up_by_keyboard(page, live_site, "ada.browser@example.org")
    expect(page.locator("h1")).to_have_text("Check your email")
    check_axe(page, axe_source, "check your email")
    assert page.context.cookies() == []  # no cookie for a visitor, even after signing up

    page.goto(live_site + "/newsletters/subscribe/")
    check_axe(page, axe_source, "the sign-up page")
    page.get_by_role("button", name="Subscribe").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your email address")
    assert page.title().startswith("Error: ")
    check_axe(page, axe_source, "the sign-up page with an error")
    page.locator(".govuk-error-summary a").first.click()
    assert page.evaluate("document.activeElement.id") == "subscribe-email"

    key = subscriber_key("ada.browser@example.org")
    page.goto(live_site + confirm_path(key))
    expect(page.locator("h1")).to_have_text("Confirm your subscription")
    check_axe(page, axe_source, "confirm")
    page.keyboard.press("Tab")
    for _ in range(60):
        if page.evaluate("document.activeElement.textContent.trim()") == "Confirm subscription":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("You are subscribed")
    check_axe(page, axe_source, "confirmed")

    page.goto(live_site + manage_path(key))
    expect(page.locator("h1")).to_have_text("Choose the networks you follow")
    check_axe(page, axe_source, "choose networks")
    for _ in range(200):  # by keyboard: Tab to the first network, tick it, Tab to Save
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "checkbox":
            break
    page.keyboard.press("Space")
    first_network = page.evaluate("document.activeElement.labels[0].textContent.trim()")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Save your choice":
            break
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your choice is saved")
    expect(page.get_by_label(first_network)).to_be_checked()
    check_axe(page, axe_source, "choice saved")

    for path, heading in (
        (confirm_path(key, age_days=8), "This link has expired"),
        ("/newsletters/subscribe/confirm/tampered:token/", "This link does not work"),
        ("/newsletters/unsubscribe/tampered:token/", "This link does not work"),
        ("/newsletters/subscription/tampered:token/", "This link does not work"),
    ):
        page.goto(live_site + path)
        expect(page.locator("h1")).to_have_text(heading)
        check_axe(page, axe_source, heading)

    page.goto(live_site + unsubscribe_path(key))
    expect(page.locator("h1")).to_have_text("Unsubscribe from the weekly update")
    check_axe(page, axe_source, "unsubscribe")
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.locator("h1")).to_have_text("You have unsubscribed")
    check_axe(page, axe_source, "unsubscribed")
    assert page.context.cookies() == []


def test_sign_up_from_the_footer(page, live_site):
    page.goto(live_site + "/")
    footer = page.locator("footer")
    footer.get_by_label("Email address").fill("footer.reader@example.org")
    footer.get_by_role("button", name="Subscribe").click()

    expect(page).to_have_url(live_site + "/newsletters/subscribe/check-your-email/")
    assert subscriber_key("footer.reader@example.org")


def test_sign_up_pages_are_valid_html(live_site, vnu_jar, tmp_path):
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is needed for the Nu HTML checker: run `make system-deps`")
    status, _ = fetch(live_site + "/newsletters/subscribe/")
    assert status == 200
    pages = {
        "subscribe": "/newsletters/subscribe/",
        "sent": "/newsletters/subscribe/check-your-email/",
        "confirm-invalid": "/newsletters/subscribe/confirm/tampered:token/",
        "unsubscribe-invalid": "/newsletters/unsubscribe/tampered:token/",
        "manage-invalid": "/newsletters/subscription/tampered:token/",
        "update": "/newsletters/update-no-298-20-april-2018/",
    }
    with urlopen_post(live_site + "/newsletters/subscribe/", "email=valid.html%40example.org"):
        key = subscriber_key("valid.html@example.org")
    with urlopen_post(live_site + confirm_path(key), "confirm=1"):
        pages["manage"] = manage_path(key)
    for name, path in pages.items():
        _, html = fetch(live_site + path)
        (tmp_path / f"{name}.html").write_text(html)
    with urlopen_post(live_site + "/newsletters/subscribe/", "email=not-an-address") as html:
        (tmp_path / "subscribe-error.html").write_text(html)

    result = subprocess.run(
        [
            java,
            *NU_CHECKER_JAVA,
            "-jar",
            str(vnu_jar),
            "--errors-only",
            "--format",
            "json",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{m.get('url', '').rsplit('/', 1)[-1]}: {m.get('message')}" for m in messages]
    assert not errors, "\n".join(errors)


class urlopen_post:  # noqa: N801 (a context manager used like a function)
    """POST a form to the live site and give back the page's HTML."""

    def __init__(self, url, body):
        self.url, self.body = url, body

    def __enter__(self):
        import urllib.error
        import urllib.request

        request = urllib.request.Request(self.url, data=self.body.encode(), method="POST")  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return response.read().decode()
        except urllib.error.HTTPError as error:
            return error.read().decode()

    def __exit__(self, *exc):
        return False


def test_an_update_has_its_own_sign_up_form_and_not_the_footers(live_site):
    _, html = fetch(live_site + "/newsletters/update-no-298-20-april-2018/")
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert "update-signup-email" in ids and "footer-signup-email" not in ids
    _, other = fetch(live_site + "/events/")
    assert "footer-signup-email" in other
