"""The reports library and restricted access in Chromium, against the real site with the demo
content, sending real email to an SMTP server on loopback.

The site runs in its own server process (``reports_site``), like ``live_site`` but pointed at this
module's SMTP server, so the approval email can be read and its link followed.
"""

import json
import re
import shutil
import subprocess
import time
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from seslip.demo.reports import REPORTS
from tests.conftest import serve_site
from tests.helpers import BROWSER_WAIT_MS, NU_CHECKER_JAVA
from tests.seslip.test_accessibility import WCAG_TAGS, describe
from tests.smtp import SMTPServer
from tests.two_factor import app_setup_script, log_in_to_admin

pytestmark = pytest.mark.browser

ADMIN_PASSWORD = "programme-manager-password"
ADMIN_APP_KEY = "3132333435363738393031323334353637383930"  # the key of the manager's app
OUTSIDER = "outsider@kent.gov.uk"
OUTSIDER_PASSWORD = "outsider-password-1"
NEW_MEMBER = "jo.bloggs@kent.gov.uk"
NEW_PASSWORD = "a long new passphrase"

RESTRICTED = next(r for r in REPORTS if r["slug"] == "restricted-benchmarking-report-q3-2024-25")
RESTRICTED_URL = f"/reports/{RESTRICTED['section']}/{RESTRICTED['slug']}/"
PUBLIC_URL = "/reports/regional-improvement-plan-2024-25/"
LINK = re.compile(r"https?://\S+/account/set-password/\S+/")


@pytest.fixture(scope="module")
def smtp():
    server = SMTPServer()
    server.controller.start()
    yield server
    server.controller.stop()


@pytest.fixture(scope="module")
def reports_site(tmp_path_factory, demo_database, smtp):
    """The real site with the demo content, an admin, and a member of no group."""
    extra_env = {
        "SESLIP_TEST_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
        "DJANGO_SUPERUSER_USERNAME": "admin",
        "DJANGO_SUPERUSER_EMAIL": "admin@example.com",
        "DJANGO_SUPERUSER_PASSWORD": ADMIN_PASSWORD,
    }
    outsider = (
        "from django.contrib.auth import get_user_model; "
        f"get_user_model().objects.create_user({OUTSIDER!r}, {OUTSIDER!r}, {OUTSIDER_PASSWORD!r})"
    )
    setup = [
        ["createsuperuser", "--noinput"],
        ["shell", "-c", app_setup_script("admin", ADMIN_APP_KEY)],
        ["shell", "-c", outsider],
    ]
    with serve_site(tmp_path_factory, demo_database, "reports", extra_env, setup) as site:
        url, _env, _manage = site
        yield url


def new_tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.set_default_timeout(BROWSER_WAIT_MS)
    return context.new_page()


def log_in(tab, site, username, password, next_path=""):
    tab.goto(f"{site}/account/login/" + (f"?next={next_path}" if next_path else ""))
    main = tab.locator("main")
    main.get_by_label("Email address").fill(username)
    main.get_by_label("Password").fill(password)
    main.get_by_role("button", name="Log in").click()


def wait_for_message(smtp, to, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for envelope in smtp.envelopes:
            if to in envelope.recipients:
                return envelope.message
        time.sleep(0.2)
    pytest.fail(f"No email to {to} arrived: {[e.recipients for e in smtp.envelopes]}")


def h1(tab):
    return " ".join(tab.locator("h1").inner_text().split())


# --- the journey -------------------------------------------------------------------------------


def test_a_visitor_asks_for_access_is_approved_and_downloads_the_restricted_report(
    browser, reports_site, smtp
):
    site = reports_site
    visitor = new_tab(browser)

    # A link to a restricted report asks the anonymous visitor to log in.
    visitor.goto(site + RESTRICTED_URL)
    expect(visitor).to_have_url(re.compile(r"/account/login/\?next="))
    assert h1(visitor) == "Log in"
    assert RESTRICTED["title"] not in visitor.content()

    # They have no account: they ask for one.
    visitor.locator("main").get_by_role("link", name="request access").click()
    assert h1(visitor) == "Request access to restricted reports"
    visitor.locator("main").get_by_label("Full name").fill("Jo Bloggs")
    visitor.locator("main").get_by_label("Authority").select_option(label="Kent County Council")
    visitor.locator("main").get_by_label("Work email address").fill(NEW_MEMBER)
    visitor.locator("main").get_by_label("Data Sharing Protocol signatories").check()
    visitor.locator("main").get_by_label("Why do you need access?").fill(
        "I lead the performance team and compare our figures with the region's."
    )
    visitor.locator("main").get_by_role("button", name="Send request").click()
    assert h1(visitor) == "We have your request"

    # The programme manager approves it in the admin.
    manager = new_tab(browser)
    log_in_to_admin(manager, site, "admin", ADMIN_PASSWORD, ADMIN_APP_KEY)
    expect(manager).to_have_url(site + "/admin/")
    manager.goto(site + "/admin/access_requests/")
    row = manager.locator("tr", has_text=NEW_MEMBER)
    expect(row).to_contain_text("Matches the authority")
    row.get_by_role("link", name="Jo Bloggs").click()
    expect(manager.locator("main")).to_contain_text("I lead the performance team")
    manager.get_by_role("radio", name=re.compile("Approve: give them access")).check()
    manager.get_by_role("button", name="Send the decision").click()
    expect(manager.locator(".messages")).to_contain_text("Approved: Jo Bloggs")

    # The approval email carries the link to set a password.
    message = wait_for_message(smtp, NEW_MEMBER)
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "approved" in text
    link = LINK.search(text).group(0)
    # On the site's own address (WAGTAILADMIN_BASE_URL: http://testserver in the tests), not
    # the one the manager's browser used.
    assert link.startswith("http://testserver/account/set-password/")

    # The new member sets a password, logs in and downloads the restricted report.
    visitor.goto(site + urlsplit(link).path)
    assert h1(visitor) == "Set your password"
    visitor.locator("main").get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    visitor.locator("main").get_by_label("Confirm new password").fill(NEW_PASSWORD)
    visitor.locator("main").get_by_role("button", name="Set password").click()
    assert h1(visitor) == "Your password is set"
    visitor.get_by_role("link", name="Log in").click()
    log_in(visitor, site, NEW_MEMBER, NEW_PASSWORD, next_path=RESTRICTED_URL)
    expect(visitor).to_have_url(site + RESTRICTED_URL)
    assert h1(visitor) == RESTRICTED["title"]
    with visitor.expect_download() as download_info:
        visitor.locator("main").get_by_role("link", name=re.compile(r"^Download")).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as file:
        assert file.read() == RESTRICTED["content"]()

    # The programme manager sees the download in the log.
    manager.goto(site + "/admin/restricted_downloads/")
    expect(manager.locator("main")).to_contain_text(NEW_MEMBER)
    expect(manager.locator("main")).to_contain_text(RESTRICTED["title"])
    visitor.context.close()
    manager.context.close()


def test_a_logged_in_person_without_access_gets_an_explanation(browser, reports_site):
    tab = new_tab(browser)
    log_in(tab, reports_site, OUTSIDER, OUTSIDER_PASSWORD)

    response = tab.goto(reports_site + RESTRICTED_URL)

    assert response.status == 403
    assert h1(tab) == "You do not have access to this page"
    expect(tab.locator("main")).to_contain_text("Data Sharing Protocol signatories")
    assert RESTRICTED["title"] not in tab.content()
    tab.locator("main").get_by_role("link", name="Request access").click()
    assert h1(tab) == "Request access to restricted reports"
    expect(tab.locator("main").get_by_label("Data Sharing Protocol signatories")).to_be_checked()
    tab.context.close()


def test_the_library_filters_by_keyboard(browser, reports_site):
    tab = new_tab(browser)
    tab.goto(reports_site + "/reports/")
    tab.locator("#filter-kind").focus()
    tab.keyboard.press("Tab")
    tab.keyboard.press("Shift+Tab")
    expect(tab.locator("#filter-kind")).to_be_focused()
    tab.locator("#filter-kind").select_option(label="Plan")
    # Tab to the year, then to the Filter button, and press it.
    tab.keyboard.press("Tab")
    tab.keyboard.press("Tab")
    expect(tab.locator("main").get_by_role("button", name="Filter")).to_be_focused()
    tab.keyboard.press("Enter")
    expect(tab).to_have_url(re.compile(r"kind=plan"))
    listed = tab.locator("main .seslip-link-list")
    expect(listed).to_contain_text("Regional Improvement Plan 2024-25")
    expect(listed).not_to_contain_text("SESLIP Data Sharing Protocol")
    tab.context.close()


def test_anonymous_visitors_see_no_restricted_title_in_the_browser(browser, reports_site):
    tab = new_tab(browser)
    restricted_titles = [r["title"] for r in REPORTS if r["section"]]
    for path in ("/", "/reports/", "/search/?q=benchmarking", "/search/?q=unaudited"):
        tab.goto(reports_site + path)
        content = tab.content()
        for title in restricted_titles:
            assert title not in content, (path, title)
    tab.context.close()


# --- accessibility and valid HTML of every new page --------------------------------------------


def _pages(site, browser):
    """(name, tab, path, expected status) for each new page, each in its visitor's tab."""
    anonymous = new_tab(browser)
    outsider = new_tab(browser)
    log_in(outsider, site, OUTSIDER, OUTSIDER_PASSWORD)
    return [
        ("reports library", anonymous, "/reports/", 200),
        ("reports library, filtered", anonymous, "/reports/?kind=plan&year=2024", 200),
        ("reports library, bad filter", anonymous, "/reports/?year=1999", 200),
        ("report page", anonymous, PUBLIC_URL, 200),
        ("superseded report page", anonymous, "/reports/regional-improvement-plan-2023-24/", 200),
        ("restricted link: login", anonymous, RESTRICTED_URL, 200),
        ("login", anonymous, "/account/login/", 200),
        ("request access", anonymous, "/account/request-access/", 200),
        ("request sent", anonymous, "/account/request-access/sent/", 200),
        ("reset password", anonymous, "/account/reset-password/", 200),
        ("access denied: page", outsider, RESTRICTED_URL, 403),
        ("report page, logged in", outsider, PUBLIC_URL, 200),
    ]


def test_new_pages_have_no_accessibility_violations(browser, reports_site, axe_source):
    failures = []
    for name, tab, path, status in _pages(reports_site, browser):
        response = tab.goto(reports_site + path)
        assert response.status == status, name
        results = _axe(tab, axe_source)
        if results["violations"]:
            failures.append(f"{name} ({path}):\n{describe(results['violations'])}")
    # The request form with its error messages.
    tab = new_tab(browser)
    tab.goto(reports_site + "/account/request-access/")
    tab.locator("main").get_by_role("button", name="Send request").click()
    expect(tab.locator(".govuk-error-summary")).to_be_visible()
    results = _axe(tab, axe_source)
    if results["violations"]:
        failures.append(f"request access with errors:\n{describe(results['violations'])}")
    assert not failures, "\n".join(failures)


def _axe(tab, axe_source):
    tab.evaluate(axe_source)  # not a <script>: the pages' CSP allows none inline
    results = tab.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    assert results["passes"], "axe-core checked nothing"
    return results


def test_new_pages_are_valid_html(browser, reports_site, vnu_jar, tmp_path):
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is needed for the Nu HTML checker: run `make system-deps`")
    files = {}
    for name, tab, path, status in _pages(reports_site, browser):
        response = tab.context.request.get(reports_site + path)
        assert response.status == status, name
        file = tmp_path / (re.sub(r"\W+", "-", name) + ".html")
        file.write_text(response.text())
        files[file.name] = name
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
        f"{files.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url'))}: line "
        f"{m.get('lastLine', '?')}: {m.get('message')}"
        for m in messages
    ]
    assert not errors, "\n".join(errors)
