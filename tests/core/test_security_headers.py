"""Security headers on every kind of response, and /.well-known/security.txt.

The Content-Security-Policy of public pages allows nothing inline and nothing from another
origin; the Wagtail admin's allows the inline script and style Wagtail writes, and its previews
may be framed by the admin only. Browser tests (test_content_security_policy.py) check that
pages and the admin work under these policies.
"""

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from networks.factories import DocumentFactory, UserFactory
from seslip.factories import SiteSettingsFactory, StandardPageFactory
from tests.helpers import Html, inline_code
from tests.two_factor import verified_login

# The headers every response carries, whatever it is (expected values from the issue).
COMMON = {
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
DENIED = ["camera", "microphone", "geolocation", "payment", "usb"]


def policy(response):
    """The Content-Security-Policy as {directive: [sources]}."""
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        assert name not in directives, f"{name} twice in {header}"
        directives[name] = sources
    return directives


def assert_common_headers(response):
    for name, value in COMMON.items():
        assert response.headers.get(name) == value, name
    assert response.headers.get("Referrer-Policy")
    permissions = response.headers.get("Permissions-Policy", "")
    for feature in DENIED:
        assert f"{feature}=()" in permissions, feature


def assert_public_policy(response, frame_ancestors="'none'"):
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["frame-ancestors"] == [frame_ancestors]
    # Scripts and styles fall back to default-src: our own files, nothing inline.
    for directive in ("script-src", "style-src"):
        assert csp.get(directive, csp["default-src"]) == ["'self'"]
    assert "unsafe" not in response.headers["Content-Security-Policy"]


@pytest.fixture
def document(db):
    return DocumentFactory(title="Terms of reference")


@pytest.fixture
def failing_site(settings):
    settings.ROOT_URLCONF = "tests.seslip.failing_urls"


def test_a_page(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    assert_common_headers(response)
    assert_public_policy(response)
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "upgrade-insecure-requests" not in policy(response)


def test_over_https_the_policy_upgrades_insecure_requests(client, home_page):
    response = client.get("/", secure=True)
    assert "upgrade-insecure-requests" in policy(response)


@pytest.mark.parametrize(
    ("kind", "address", "status"),
    [
        ("page not found", "/no-such-page/", 404),
        ("static file (WhiteNoise)", "/static/js/init.mjs", 200),
        ("search", "/search/?q=safeguarding", 200),
        ("login page", "/account/login/", 200),
        ("admin login page", "/admin/login/", 200),
        ("security.txt", "/.well-known/security.txt", 200),
    ],
)
def test_every_kind_of_response(client, home_page, kind, address, status):
    SiteSettingsFactory(contact_email="programme@seslip.example")
    response = client.get(address)
    assert response.status_code == status, kind
    assert_common_headers(response)
    assert response.headers["X-Frame-Options"] == "DENY"
    if not address.startswith("/admin/"):
        assert_public_policy(response)


def test_a_server_error(failing_site, safe_client, home_page):
    response = safe_client.get("/test-failure/")
    assert response.status_code == 500
    assert_common_headers(response)
    assert_public_policy(response)
    assert response.headers["X-Frame-Options"] == "DENY"


def test_a_document_download(client, document):
    response = client.get(document.url)
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert_common_headers(response)
    # Wagtail's own policy for documents, stricter than pages', with framing refused too.
    assert policy(response) == {"default-src": ["'none'"], "frame-ancestors": ["'none'"]}
    assert response.headers["X-Frame-Options"] == "DENY"


# --- the admin -------------------------------------------------------------------------------


@pytest.fixture
def editor_client(home_page):
    return verified_login(Client(), UserFactory(is_superuser=True, is_staff=True))


def test_the_admin_allows_inline_script_and_style_from_its_own_origin_only(editor_client):
    response = editor_client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert_common_headers(response)
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert response.headers["X-Frame-Options"] == "DENY"
    # Nothing from any other origin: every source is a keyword or a local scheme.
    for sources in csp.values():
        assert all(re.fullmatch(r"'[a-z-]+'|data:|blob:", source) for source in sources), sources
    assert "unsafe-eval" not in response.headers["Content-Security-Policy"]


def test_a_preview_may_be_framed_by_the_admin_only(editor_client, home_page):
    """The editor's preview panel frames the page being edited, as the admin shows it."""
    standard = StandardPageFactory(parent=home_page, title="Our approach", slug="our-approach")
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[standard.pk])
    form = nested_form_data(
        {
            "title": "Our approach, edited",
            "slug": "our-approach",
            "intro": "A summary being written.",
            "body": streamfield([]),
            "comments": inline_formset([]),
        }
    )
    assert editor_client.post(url, form).json()["is_valid"]

    response = editor_client.get(url + "?in_preview_panel=true")
    assert "Our approach, edited" in response.content.decode()
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert_public_policy(response, frame_ancestors="'self'")
    # The admin itself may not be framed.
    edit = editor_client.get(reverse("wagtailadmin_pages:edit", args=[standard.pk]))
    assert policy(edit)["frame-ancestors"] == ["'none'"]


# --- /.well-known/security.txt ---------------------------------------------------------------


def security_txt(client):
    before = timezone.now()
    response = client.get("/.well-known/security.txt")
    after = timezone.now()
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    fields = dict(line.split(": ", 1) for line in lines)
    assert len(fields) == len(lines), "a field appears twice"
    expires = datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    year = timedelta(days=365)
    assert before.replace(microsecond=0) + year <= expires <= after + year
    return fields


def test_security_txt_names_the_programmes_contact_email(client, home_page):
    SiteSettingsFactory(contact_email="programme@seslip.example")
    fields = security_txt(client)
    assert fields["Contact"] == "mailto:programme@seslip.example"
    assert fields["Preferred-Languages"] == "en"
    assert fields["Canonical"] == "http://testserver/.well-known/security.txt"


def test_security_txt_contact_from_the_setting_comes_first(client, home_page, settings):
    settings.SECURITY_CONTACT = "https://seslip.example/report-a-problem/"
    SiteSettingsFactory(contact_email="programme@seslip.example")
    assert security_txt(client)["Contact"] == "https://seslip.example/report-a-problem/"
    settings.SECURITY_CONTACT = "security@seslip.example"
    assert security_txt(client)["Contact"] == "mailto:security@seslip.example"


def test_no_security_txt_without_a_contact(client, home_page):
    SiteSettingsFactory(contact_email="")
    assert client.get("/.well-known/security.txt").status_code == 404


# --- public templates ------------------------------------------------------------------------


TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# Emails carry their styles inline (mail programs need them); the admin has its own policy.
NOT_PUBLIC = {"email", "emails", "admin"}
PUBLIC_TEMPLATES = sorted(
    str(path.relative_to(TEMPLATES))
    for path in TEMPLATES.rglob("*.html")
    if not NOT_PUBLIC & set(path.relative_to(TEMPLATES).parts)
)


@pytest.mark.parametrize("template", PUBLIC_TEMPLATES)
def test_public_templates_have_no_inline_script_or_style(template):
    """The browser tests scan every page type of the demo content once rendered; this catches
    the templates they don't render (forms, account pages, error pages)."""
    assert inline_code((TEMPLATES / template).read_text()) == []


def test_public_pages_have_no_inline_script_or_style(client, home_page):
    assert inline_code(Html(client.get("/")).source) == []
