"""In Chromium, under the site's Content-Security-Policy: public pages break no rule of it and
their scripts still run; in the Wagtail admin an editor edits a page, chooses a document in the
chooser, saves a draft and watches the live preview, with no violation either.

Every frame reports its ``securitypolicyviolation`` events as they happen, and the browser
console is read for the messages Chromium logs when a policy refuses something or names a feature
it does not know.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.helpers import PAGE_TYPES, fetch, inline_code
from tests.networks.test_network_lead_browser import edit_url_of
from tests.two_factor import app_setup_script, log_in_to_admin

pytestmark = pytest.mark.browser

# Reported as they happen, so that a frame's are kept when it goes (the live preview replaces
# its frame on each refresh).
RECORD_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.__reportViolation(
        `${event.violatedDirective} refused ${event.blockedURI || "inline"} ` +
        `(${event.sourceFile || location.href}:${event.lineNumber})`
    );
});
"""
POLICY_MESSAGE = re.compile(r"Content Security Policy|Refused to|Permissions-Policy", re.I)

# A public document of the demo content, in place of the report's own.
CHOSEN = "SESLIP Data Sharing Protocol"
EDITOR = {"username": "csp.editor", "password": "a-long-test-password-for-the-csp-editor"}
# The key of the editor's authenticator app: superusers log in with a code.
EDITOR_APP_KEY = "5e1f0c2a9b7d3e4f60718293a4b5c6d7e8f90a1b"


@pytest.fixture
def violations(page):
    """A function listing what the tab's policies refused so far: the violations its frames
    reported, and the policy messages on the console."""
    reported = []
    console = []
    page.expose_function("__reportViolation", lambda text: reported.append(text))
    page.add_init_script(RECORD_VIOLATIONS)
    page.on("console", lambda message: console.append(message.text))

    def found():
        page.evaluate("0")  # a round trip: reports sent before it have arrived
        return reported + [text for text in console if POLICY_MESSAGE.search(text)]

    return found


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_public_pages_keep_the_policy(page, violations, live_site, demo_pages, page_type):
    path = demo_pages[page_type]
    _, html = fetch(live_site + path)
    assert inline_code(html) == [], f"{path} has inline code a strict policy refuses"

    page.goto(live_site + path, wait_until="networkidle")
    # init.mjs, a module script, ran: GOV.UK Frontend's components are on.
    expect(page.locator("body.govuk-frontend-supported")).to_have_count(1)
    assert violations() == [], path


@pytest.fixture(scope="module")
def editor(live_manage):
    live_manage(
        "createsuperuser",
        "--noinput",
        env={
            "DJANGO_SUPERUSER_USERNAME": EDITOR["username"],
            "DJANGO_SUPERUSER_EMAIL": "csp.editor@seslip.example",
            "DJANGO_SUPERUSER_PASSWORD": EDITOR["password"],
        },
    )
    live_manage("shell", "-c", app_setup_script(EDITOR["username"], EDITOR_APP_KEY))
    return EDITOR


def test_the_admin_edits_chooses_saves_and_previews_under_its_policy(
    page, violations, live_site, editor
):
    log_in_to_admin(page, live_site, editor["username"], editor["password"], EDITOR_APP_KEY)
    edit_url = edit_url_of(
        page,
        live_site,
        "South East Sector Led Improvement Programme",
        "Reports",
        "Regional Improvement Plan 2024-25",
    )
    page.goto(edit_url)
    expect(page.locator("#id_title")).to_have_value("Regional Improvement Plan 2024-25")

    # The document chooser: a modal that lists the documents and returns the one chosen.
    chooser = page.locator("#id_document-chooser")
    chosen = chooser.locator("[data-chooser-title]")
    expect(chosen).not_to_have_text(CHOSEN)
    chooser.get_by_role("button", name="Actions").click()
    chooser.get_by_role("button", name="Choose another document").click()
    modal = page.locator(".modal-dialog")
    expect(modal.get_by_role("heading", name="Choose a document")).to_be_visible()
    modal.get_by_role("link", name=CHOSEN).click()
    expect(modal).to_be_hidden()
    expect(chosen).to_have_text(CHOSEN)

    # The live preview, in its frame, shows the edited summary.
    page.fill("#id_summary", "A summary written under the Content-Security-Policy.")
    page.locator('button[data-side-panel-toggle="preview"]').click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("main")).to_contain_text(
        "A summary written under the Content-Security-Policy.", timeout=20_000
    )

    # Save draft: the first action of the editor's footer.
    page.locator("footer").get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text("has been updated")
    expect(page.locator("#id_document-chooser [data-chooser-title]")).to_have_text(CHOSEN)

    assert violations() == []
