"""The reports library, and restricted reports and documents: who may open what, and what
everyone else sees (and does not see)."""

import csv
import datetime
import importlib
import io
import re
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
import wagtail_factories
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.test import Client
from django.urls import clear_url_caches, reverse
from wagtail.models import Collection
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from networks.factories import (
    CollectionFactory,
    DocumentFactory,
    ReportPageFactory,
    ReportSectionPageFactory,
    UserFactory,
    network_editor,
)
from networks.models import DocumentDownload, ReportKind, ReportPage, ReportSectionPage
from tests.helpers import Html, get_html
from tests.networks.conftest import PASSWORD, RESTRICTED_BYTES, RESTRICTED_TITLE, report_form
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def log_in(client, user):
    """Log in on the site's own form, as a visitor does."""
    response = client.post("/account/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()


def download_bytes(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


# --- the library -------------------------------------------------------------------------------


def test_library_lists_reports_with_kind_date_format_and_size(client, library):
    html = get_html(client, "/reports/")

    assert html.link_to(library.public.url) == "Regional Improvement Plan 2024-25"
    assert "Plan, 10 June 2024" in html.text
    size = filesizeformat(library.public.document.get_file_size()).replace("\xa0", " ")
    assert f"PDF, {size}" in html.text


def test_report_page_shows_summary_details_and_download_link(client, library):
    html = get_html(client, library.public.url)

    assert html.heading_texts()[0] == "Regional Improvement Plan 2024-25"
    assert "The plan for the year: objectives, workstreams and budget." in html.text
    assert html.main.link_to(library.public.document.url).startswith("Download")
    assert "PDF" in html.main.link_to(library.public.document.url)


def test_library_filters_by_network_kind_and_year(client, library):
    ReportPageFactory(
        parent=library.index,
        title="Benchmarking report 2023",
        kind=ReportKind.BENCHMARKING,
        network=library.network,
        date=datetime.date(2023, 11, 1),
    )
    ReportPageFactory(
        parent=library.index,
        title="Audit toolkit",
        kind=ReportKind.TOOLKIT,
        date=datetime.date(2024, 3, 1),
    )

    by_kind = get_html(client, "/reports/?kind=toolkit").main
    assert "Audit toolkit" in by_kind.text
    assert "Benchmarking report 2023" not in by_kind.text

    by_network = get_html(client, f"/reports/?network={library.network.pk}").main
    assert "Benchmarking report 2023" in by_network.text
    assert "Audit toolkit" not in by_network.text

    by_year = get_html(client, "/reports/?year=2024").main
    assert "Audit toolkit" in by_year.text
    assert "Regional Improvement Plan 2024-25" in by_year.text
    assert "Benchmarking report 2023" not in by_year.text


def test_a_filter_that_matches_nothing_in_the_list_is_explained(client, library):
    response = client.get("/reports/?year=1999&kind=nonsense")

    assert response.status_code == 200
    html = Html(response)
    assert re.search(r"<title>\s*Error: ", html.source)
    assert "Choose a year from the list" in html.text
    assert "Choose a type from the list" in html.text
    # The other reports are still listed.
    assert "Regional Improvement Plan 2024-25" in html.main.text


def test_superseded_report_links_to_its_newer_version(client, library):
    older = ReportPageFactory(
        parent=library.index, title="Regional Improvement Plan 2023-24", kind=ReportKind.PLAN
    )
    older.superseded_by = library.public
    older.save_revision().publish()

    html = get_html(client, older.url).main
    assert html.link_to(library.public.url) == "Regional Improvement Plan 2024-25"
    assert "superseded" in html.text

    newer = get_html(client, library.public.url).main
    assert newer.link_to(older.url) == "Regional Improvement Plan 2023-24"


def test_a_restricted_newer_version_is_not_named_to_visitors_without_access(client, library):
    library.public.superseded_by = library.restricted
    library.public.save_revision().publish()

    html = get_html(client, library.public.url)
    assert "superseded by a newer one" in html.text
    assert RESTRICTED_TITLE not in html.source

    log_in(client, library.member)
    member_view = get_html(client, library.public.url).main
    assert member_view.link_to(library.restricted.url) == RESTRICTED_TITLE


# --- restricted titles stay out of sight ---------------------------------------------------------


def test_anonymous_visitors_do_not_see_restricted_titles_anywhere(client, library):
    # The restricted report is in the search index: search itself must leave it out.
    assert library.restricted in ReportPage.objects.search("unaudited")
    for url in (
        "/",
        "/reports/",
        "/reports/?year=2025",
        f"/reports/?network={library.network.pk}",
        "/search/?q=unaudited",
        "/search/?q=unaudted",  # misspelt: what is spelt like it
        "/search/?q=referrals",
        "/search/?q=quarter",
        library.network.url,
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert RESTRICTED_TITLE not in response.content.decode(), url
        assert library.restricted.url not in response.content.decode(), url
    feed = client.get("/newsletters/feed/")
    assert feed.status_code == 200
    assert RESTRICTED_TITLE not in feed.content.decode()


def sitemap_paths(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    sitemap = ElementTree.fromstring(response.content)  # noqa: S314 (our own output)
    locations = sitemap.iter(f"{SITEMAP_NS}loc")
    return response.content.decode(), {urlsplit(loc.text).path for loc in locations}


def test_the_sitemap_lists_public_reports_and_leaves_out_restricted_ones(client, library):
    text, paths = sitemap_paths(client)

    assert {"/", "/reports/", library.public.url, library.network.url} <= paths
    assert library.section.url not in paths
    assert library.restricted.url not in paths
    assert RESTRICTED_TITLE not in text
    # Logging in changes nothing: the sitemap is the same for everyone.
    log_in(client, library.member)
    assert sitemap_paths(client)[1] == paths


def test_public_reports_are_found_by_search(client, library):
    html = get_html(client, "/search/?q=workstreams")

    assert html.main.link_to(library.public.url) == "Regional Improvement Plan 2024-25"


def test_logged_in_people_without_access_do_not_see_restricted_titles(client, library):
    log_in(client, library.outsider)
    for url in ("/reports/", "/search/?q=unaudited"):
        assert RESTRICTED_TITLE not in client.get(url).content.decode(), url


def test_members_see_restricted_reports_in_the_library_marked_restricted(client, library):
    log_in(client, library.member)
    html = get_html(client, "/reports/").main

    assert html.link_to(library.restricted.url) == RESTRICTED_TITLE
    assert "Restricted" in html.text


# --- a restricted page ---------------------------------------------------------------------------


def test_restricted_page_asks_anonymous_visitors_to_log_in(client, library):
    response = client.get(library.restricted.url)

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/?next=")
    assert library.restricted.url in response["Location"]
    login = get_html(client, response["Location"])
    assert "Log in" in login.heading_texts()


def test_restricted_page_explains_who_has_access_to_a_logged_in_non_member(client, library):
    log_in(client, library.outsider)
    response = client.get(library.restricted.url)

    assert response.status_code == 403
    html = Html(response)
    assert html.heading_texts()[0] == "You do not have access to this page"
    assert "Data Sharing Protocol signatories" in html.text
    assert "Staff of member authorities that have signed the Data Sharing Protocol." in html.text
    assert html.main.link_to(f"/account/request-access/?group={library.signatories.pk}") == (
        "Request access"
    )
    assert RESTRICTED_TITLE not in html.source
    assert "no-cache" in response["Cache-Control"]


def test_restricted_page_is_served_to_a_member(client, library):
    log_in(client, library.member)
    html = get_html(client, library.restricted.url)

    assert html.heading_texts()[0] == RESTRICTED_TITLE
    assert html.main.link_to(library.document.url).startswith("Download")


def test_restricted_section_is_restricted_too(client, library):
    assert client.get(library.section.url).status_code == 302
    log_in(client, library.outsider)
    assert client.get(library.section.url).status_code == 403
    log_in(client, library.member)
    assert RESTRICTED_TITLE in get_html(client, library.section.url).main.text


# --- logging out ---------------------------------------------------------------------------------


def test_the_log_out_button_ends_the_session(library):
    client = Client(enforce_csrf_checks=True)
    client.force_login(library.member)
    library_page = get_html(client, "/reports/")
    assert "You are logged in as member@kent.gov.uk" in library_page.text
    token = re.search(
        r'<form method="post" action="/account/logout/">\s*'
        r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"',
        library_page.source,
    ).group(1)

    response = client.post("/account/logout/", {"csrfmiddlewaretoken": token})

    assert response.status_code == 302 and response["Location"] == "/account/logged-out/"
    assert "_auth_user_id" not in client.session
    told = get_html(client, response["Location"])
    assert told.heading_texts()[0] == "You have logged out"
    assert "Logged in as" not in told.text
    assert client.get(library.restricted.url).status_code == 302  # log in again
    assert RESTRICTED_TITLE not in get_html(client, "/reports/").text


def test_opening_the_log_out_address_does_not_log_out(client, library):
    log_in(client, library.member)

    response = client.get("/account/logout/")

    assert response.status_code == 405
    assert response["Allow"] == "POST, OPTIONS"
    assert client.get(library.restricted.url).status_code == 200


# --- a restricted document -----------------------------------------------------------------------


def test_restricted_document_asks_anonymous_visitors_to_log_in(client, library):
    response = client.get(library.document.url)

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/?next=")
    assert DocumentDownload.objects.count() == 0


def test_restricted_document_explains_who_has_access_to_a_logged_in_non_member(client, library):
    log_in(client, library.outsider)
    response = client.get(library.document.url)

    assert response.status_code == 403
    html = Html(response)
    assert html.heading_texts()[0] == "You do not have access to this document"
    assert "Data Sharing Protocol signatories" in html.text
    assert b"Kent,389" not in response.content
    assert RESTRICTED_TITLE not in html.source
    assert DocumentDownload.objects.count() == 0


def test_restricted_document_is_downloaded_by_a_member_and_the_download_logged(client, library):
    log_in(client, library.member)
    response = client.get(library.document.url)

    assert response.status_code == 200
    assert download_bytes(response) == RESTRICTED_BYTES
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    # No shared cache (proxy or CDN) may keep a copy for the next person.
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    download = DocumentDownload.objects.get()
    assert download.user == library.member
    assert download.username == "member@kent.gov.uk"
    assert download.document == library.document
    assert download.document_title == RESTRICTED_TITLE


def test_public_documents_are_downloads_and_are_not_logged(client, library):
    response = client.get(library.public.document.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert download_bytes(response).startswith(b"%PDF-")
    assert "no-store" not in response.get("Cache-Control", "")
    assert DocumentDownload.objects.count() == 0


def test_document_downloads_carry_no_content_encoding(client, library):
    """Wagtail's sendfile wrote ``Content-Encoding: None`` on every download: the files are sent
    as they are, so no encoding is named, and the length is the file's own."""
    log_in(client, library.member)
    for document in (library.public.document, library.document):
        response = client.get(document.url)
        assert response.status_code == 200
        assert "Content-Encoding" not in response.headers, response.headers
        content = download_bytes(response)
        assert int(response["Content-Length"]) == len(content) == document.file.size


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_RANGE": "bytes=0-10"},
        {"HTTP_IF_NONE_MATCH": "*"},
        {"HTTP_RANGE": "bytes=0-10", "HTTP_IF_NONE_MATCH": "*"},
    ],
    ids=["plain", "range", "if-none-match", "both"],
)
def test_restricted_document_with_conditional_headers_still_needs_access(client, library, headers):
    etag = f'"{library.document.file_hash}"'
    if headers.get("HTTP_IF_NONE_MATCH"):
        headers = {**headers, "HTTP_IF_NONE_MATCH": etag}
    anonymous = client.get(library.document.url, **headers)
    assert anonymous.status_code == 302
    assert b"Kent" not in anonymous.content

    log_in(client, library.outsider)
    outsider = client.get(library.document.url, **headers)
    assert outsider.status_code == 403
    assert b"Kent,389" not in outsider.content


# --- the direct media URL ------------------------------------------------------------------------


@pytest.fixture
def debug_urls(settings):
    """The URLs as `make run` has them (DEBUG on, media served by Django)."""
    import seslip.urls

    settings.DEBUG = True
    importlib.reload(seslip.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(seslip.urls)
    clear_url_caches()


MEDIA_HEADERS = [
    {},
    {"HTTP_RANGE": "bytes=0-10"},
    {"HTTP_IF_NONE_MATCH": "*"},
    {"HTTP_IF_MODIFIED_SINCE": "Mon, 01 Jan 1990 00:00:00 GMT"},
]


def _media_paths(document):
    name = document.file.name  # documents/unaudited-referrals-q3.csv
    assert Path(settings.MEDIA_ROOT, name).exists()
    return [
        f"/media/{name}",
        f"/media/images/../{name}",
        f"/media/./{name}",
        f"/media//{name}",
        f"/media/Documents/{name.split('/', 1)[1]}",
        f"/media/%64ocuments/{name.split('/', 1)[1]}",
    ]


@pytest.mark.parametrize("headers", MEDIA_HEADERS, ids=["plain", "range", "etag", "modified"])
def test_no_direct_media_url_serves_a_restricted_document(client, library, headers):
    for path in _media_paths(library.document):
        response = client.get(path, **headers)
        assert response.status_code in (403, 404), path
        assert b"Kent,389" not in download_bytes(response), path


@pytest.mark.parametrize("headers", MEDIA_HEADERS, ids=["plain", "range", "etag", "modified"])
def test_no_direct_media_url_serves_a_restricted_document_in_development(
    client, library, debug_urls, headers
):
    for path in _media_paths(library.document):
        response = client.get(path, **headers)
        assert response.status_code in (403, 404), path
        assert b"Kent,389" not in download_bytes(response), path


def test_media_urls_serve_public_images(client):
    image = wagtail_factories.ImageFactory(title="Logo", file__filename="logo-test.png")
    rendition = image.get_rendition("fill-20x20")

    for url in (image.file.url, rendition.file.url):
        response = client.get(url)
        assert response.status_code == 200, url
        assert download_bytes(response)[:4] in (b"\x89PNG", b"\xff\xd8\xff\xe0"), url


def test_media_urls_serve_no_file_that_no_image_owns(client):
    folder = Path(settings.MEDIA_ROOT, "original_images")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "stray-test.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")

    assert client.get("/media/original_images/stray-test.png").status_code == 404


# --- what editors may do -------------------------------------------------------------------------


def test_a_restricted_report_cannot_use_a_public_document(library):
    form_class = ReportPage.get_edit_handler().get_form_class()
    public_document = library.public.document
    data = {
        "title": "Leaky report",
        "slug": "leaky-report",
        "date": "2025-01-31",
        "kind": "data",
        "summary": "Figures.",
        "document": public_document.pk,
    }
    form = form_class(data, instance=ReportPage(), parent_page=library.section, for_user=None)

    assert not form.is_valid()
    assert "which anyone can download from" in " ".join(form.errors["document"])

    in_library = form_class(data, instance=ReportPage(), parent_page=library.index, for_user=None)
    assert "document" not in in_library.errors


def test_a_restricted_reports_document_cannot_move_to_a_public_collection(client, editor, library):
    root = Collection.get_first_root_node()
    response = client.post(
        f"/admin/documents/edit/{library.document.pk}/",
        {"title": library.document.title, "collection": root.pk, "tags": ""},
    )

    assert response.status_code == 200
    assert "keep it in a restricted collection" in response.content.decode()
    library.document.refresh_from_db()
    assert library.document.collection.name == "Restricted benchmarking data"


# --- the download log ----------------------------------------------------------------------------


def test_programme_manager_sees_and_exports_the_download_log(client, library):
    DocumentDownload.objects.create(
        username='=HYPERLINK("http://evil.example")@kent.gov.uk',
        document_title=RESTRICTED_TITLE,
        collection_name="Restricted benchmarking data",
    )
    log_in(client, library.member)
    client.get(library.document.url)
    manager = UserFactory(username="manager@seslip.example", is_superuser=True, is_staff=True)
    verified_login(client, manager)

    listing = get_html(client, "/admin/restricted_downloads/")
    assert "member@kent.gov.uk" in listing.text
    assert RESTRICTED_TITLE in listing.text

    export = client.get("/admin/restricted_downloads/?export=csv")
    assert export.status_code == 200
    rows = list(csv.reader(io.StringIO(download_bytes(export).decode("utf-8-sig"))))
    assert rows[0] == ["When", "User", "Name", "Document", "Collection"]
    users = [row[1] for row in rows[1:]]
    assert "member@kent.gov.uk" in users
    assert '\'=HYPERLINK("http://evil.example")@kent.gov.uk' in users
    assert all(row[3] == RESTRICTED_TITLE for row in rows[1:])


def test_only_the_programme_manager_sees_the_download_log(client, library):
    log_in(client, library.member)
    response = client.get("/admin/restricted_downloads/")
    assert response.status_code in (302, 403)


def restriction_rows(restriction):
    return restriction.restriction_type, list(restriction.groups.all()), restriction.password


def test_privacy_set_in_the_admin_keeps_non_members_out(client, editor, library):
    """Restricting a section and a collection with Wagtail's privacy dialogs gives the same
    restrictions as the fixtures' restrict(), with the same effect."""
    section = ReportSectionPageFactory(
        parent=library.index, title="Restricted finance data", slug="restricted-finance-data"
    )
    collection = CollectionFactory(name="Restricted finance data")
    privacy = {"restriction_type": "groups", "groups": [library.signatories.group.pk]}
    for url in (
        reverse("wagtailadmin_pages:set_privacy", args=[section.pk]),
        reverse("wagtailadmin_collections:set_privacy", args=[collection.pk]),
    ):
        response = client.post(url, {**privacy, "password": ""})
        assert response.status_code == 200
        assert response.json()["step"] == "set_privacy_done", url

    assert restriction_rows(section.get_view_restrictions().get()) == restriction_rows(
        library.section.get_view_restrictions().get()
    )
    assert restriction_rows(collection.get_view_restrictions().get()) == restriction_rows(
        library.document.collection.get_view_restrictions().get()
    )
    document = DocumentFactory(
        title="Finance figures",
        collection=collection,
        file__filename="finance.csv",
        file__data=RESTRICTED_BYTES,
    )
    report = ReportPageFactory(
        parent=section, title="Finance figures", slug="finance-figures", document=document
    )
    client.logout()
    assert client.get(report.url).status_code == 302
    assert client.get(document.url).status_code == 302
    log_in(client, library.outsider)
    assert client.get(report.url).status_code == 403
    assert client.get(document.url).status_code == 403
    log_in(client, library.member)
    assert client.get(report.url).status_code == 200
    assert download_bytes(client.get(document.url)) == RESTRICTED_BYTES


def test_document_urls_name_the_file(library):
    assert re.fullmatch(r"/documents/\d+/unaudited-referrals-q3(_\w+)?\.csv", library.document.url)


def add_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=["networks", model, parent.pk])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_editors_add_reports_and_sections_and_edit_a_restricted_report(client, editor, library):
    section = client.post(
        add_url("reportsectionpage", library.index),
        nested_form_data(
            {
                "title": "Restricted workforce data",
                "slug": "restricted-workforce-data",
                "intro": rich_text("<p>Workforce figures for signatories.</p>"),
                "comments": inline_formset([]),
                "action-publish": "action-publish",
            }
        ),
    )
    assert section.status_code == 302, section.context and section.context["form"].errors
    new_section = ReportSectionPage.objects.get(slug="restricted-workforce-data")
    assert new_section.live and new_section.get_parent().pk == library.index.pk

    public = client.post(
        add_url("reportpage", library.index),
        report_form("Annual report 2024-25", "annual-report-2024-25", library.public.document),
    )
    assert public.status_code == 302, public.context and public.context["form"].errors
    annual = ReportPage.objects.get(slug="annual-report-2024-25")
    assert annual.live and annual.document == library.public.document
    assert annual.date == datetime.date(2025, 3, 31)
    assert "Annual report 2024-25" in get_html(client, "/reports/").main.text

    restricted = client.post(
        add_url("reportpage", library.section),
        report_form("Unaudited referrals data, quarter 4", "unaudited-q4", library.document),
    )
    assert restricted.status_code == 302, restricted.context and restricted.context["form"].errors
    q4 = ReportPage.objects.get(slug="unaudited-q4")
    assert q4.get_parent().pk == library.section.pk
    # Restricted like its section: anonymous visitors are sent to log in.
    client.logout()
    assert client.get(q4.url).status_code == 302
    verified_login(client, editor)

    edited = client.post(
        edit_url(library.restricted),
        report_form(
            RESTRICTED_TITLE,
            "unaudited-referrals-q3",
            library.document,
            summary="Quarter 3 figures, now audited.",
            kind="benchmarking",
        ),
    )
    assert edited.status_code == 302, edited.context and edited.context["form"].errors
    library.restricted.refresh_from_db()
    assert library.restricted.summary == "Quarter 3 figures, now audited."
    assert library.restricted.kind == ReportKind.BENCHMARKING
    assert not library.restricted.has_unpublished_changes


@pytest.mark.parametrize("who", ["member", "network lead"])
def test_others_cannot_add_or_edit_reports(client, library, who):
    if who == "member":
        user = library.member
    else:
        user = network_editor(library.network, username="lead@kent.gov.uk")
    log_in(client, user)

    added = client.post(
        add_url("reportpage", library.index),
        report_form("Sneaky report", "sneaky-report", library.public.document),
    )
    edited = client.post(
        edit_url(library.restricted),
        report_form(
            RESTRICTED_TITLE, "unaudited-referrals-q3", library.document, summary="Hacked."
        ),
    )

    for response in (added, edited):
        # Refused: 403, 404 (a restricted page the lead may not see is not there for them), or
        # sent to the login page or the dashboard, never back to the form.
        assert response.status_code in (302, 403, 404)
        assert urlsplit(response.get("Location", "")).path in ("", "/admin/", "/admin/login/"), (
            response.get("Location")
        )
    assert not ReportPage.objects.filter(slug="sneaky-report").exists()
    library.restricted.refresh_from_db()
    assert library.restricted.summary == "Quarter 3 figures before audit, with small numbers."
    assert not library.restricted.revisions.filter(content__summary="Hacked.").exists()


def test_the_programme_manager_edits_an_access_group_in_the_admin(client, editor, library):
    url = f"/admin/access_groups/edit/{library.signatories.pk}/"
    assert "Data Sharing Protocol signatories" in get_html(client, url).text

    response = client.post(
        url,
        {
            "group": library.signatories.group.pk,
            "description": "Staff of authorities that signed the 2025 protocol.",
            "network": library.network.pk,
            "open_to_requests": "",
        },
    )

    assert response.status_code == 302
    library.signatories.refresh_from_db()
    assert library.signatories.description == "Staff of authorities that signed the 2025 protocol."
    assert library.signatories.network == library.network
    assert not library.signatories.open_to_requests
