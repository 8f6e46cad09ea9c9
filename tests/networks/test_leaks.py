"""Restricted reports, documents and images reach their groups and nobody else, by any path.

The site holds a section, a report, a document and an image restricted to the Data Sharing
Protocol signatories (the ``library`` fixture, plus an image and some history), and a release
of benchmarking figures shared with them. Each kind of
visitor asks for every path that could show them: public pages, feeds, search, calendars, media
files, and the admin's listings, searches, choosers, bulk actions, reports, usage, history and
revisions. A leak is a restricted title, summary, file name or file content in the answer.
Nobody outside the group may see one; members (and superusers in the admin) must, or the test
would prove nothing.
"""

import datetime
import html
import io
from collections import Counter
from urllib.parse import quote

import pytest
import wagtail_factories
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.admin.viewsets.pages import base_page_viewset, page_viewset_registry
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    Comment,
    CommentReply,
    Page,
    PageSubscription,
    get_page_models,
)
from wagtail.test.utils.form_data import inline_formset

from benchmarking import importer
from benchmarking.factories import BenchmarkingIndexPageFactory
from networks.factories import (
    NetworkPageFactory,
    ReportPageFactory,
    UserFactory,
    network_editor,
)
from tests.benchmarking.conftest import quarter_values_file, source_rows, subset_files
from tests.networks.conftest import RESTRICTED_TITLE, report_form
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db

RESTRICTED_SUMMARY = "Quarter 3 figures before audit, with small numbers."
SECTION_TITLE = "Restricted benchmarking data"
IMAGE_TITLE = "Referrals chart, quarter 3"
IMAGE_FILE = "referrals-chart-q3"
# A restricted release of benchmarking figures (the authorities' own, before the DfE's).
RELEASE = "Unaudited authority figures"
MEASURE = "/benchmarking/measures/LACStable_2016on/"
# What must never reach anyone outside the group (the file names without their folders).
MARKERS = {
    "report title": RESTRICTED_TITLE,
    "report summary": RESTRICTED_SUMMARY,
    "section title": SECTION_TITLE,
    "report address": "/restricted-benchmarking-data/unaudited-referrals-q3/",
    "document file name": "unaudited-referrals-q3.csv",
    "document content": "Kent,389",
    "image title": IMAGE_TITLE,
    "image file name": f"{IMAGE_FILE}.",
    "benchmarking release": RELEASE,
    "benchmarking period": "2026 Q2",
}

# Kinds outside the group: not one marker may reach them.
OUTSIDERS = [
    "anonymous",
    "non-member",
    "network lead",
    "site editor",
    "moderator",
    "former member",
]
KINDS = [*OUTSIDERS, "member", "member lead", "superuser"]


def png_bytes():
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def site(library):
    """The library, plus: a restricted image with a rendition; the restricted report edited,
    sent for moderation and locked by a moderator who was a signatory then (so it is in the
    history, the reports and on their dashboard), and published by an administrator; a network
    lead who is not a signatory, one who is, Wagtail's editors and moderators, and a
    superuser."""
    restricted_collection = library.document.collection
    admin = UserFactory(username="admin@seslip.example", is_superuser=True, is_staff=True)
    # Wagtail's "Moderators": publish and moderate all over the site.
    moderators = Group.objects.get(name="Moderators")
    former_member = UserFactory(
        username="former.member@example.gov.uk",
        groups=[moderators, library.signatories.group],
    )
    image = wagtail_factories.ImageFactory(
        title=IMAGE_TITLE,
        collection=restricted_collection,
        file__filename=f"{IMAGE_FILE}.png",
        file__data=png_bytes(),
    )
    rendition = image.get_rendition("fill-20x20")
    files = {}
    for name, field in (("image file", image.file), ("rendition file", rendition.file)):
        with field.open("rb") as file:
            files[name] = file.read()
    report = library.restricted
    report.summary = RESTRICTED_SUMMARY
    revision = report.save_revision(user=former_member, log_action=True)
    revision.publish(user=admin)
    report.get_workflow().start(report, former_member)  # (starting it unlocks the page)
    report.refresh_from_db()
    report.locked, report.locked_by, report.locked_at = True, former_member, timezone.now()
    report.save(update_fields=["locked", "locked_by", "locked_at"])
    former_member.groups.remove(library.signatories.group)
    call_command("rebuild_references_index", verbosity=0)
    call_command("update_index", verbosity=0)

    safeguarding = NetworkPageFactory(
        title="AD Safeguarding Network", slug="ad-safeguarding-network"
    )
    lead = network_editor(safeguarding, username="safeguarding.lead@example.gov.uk")
    member_lead = network_editor(
        NetworkPageFactory(title="Fostering Network", slug="fostering-network"),
        username="fostering.lead@example.gov.uk",
    )
    member_lead.groups.add(library.signatories.group)
    # Wagtail's own "Editors" group: pages, documents and images all over the site.
    site_editor = UserFactory(
        username="site.editor@example.gov.uk", groups=[Group.objects.get(name="Editors")]
    )
    moderator = UserFactory(username="moderator@example.gov.uk", groups=[moderators])
    return library, {
        "admin": admin,
        "image": image,
        "rendition": rendition,
        "files": files,
        "revision": report.latest_revision,
        "safeguarding": safeguarding,
        "users": {
            "anonymous": None,
            "non-member": library.outsider,
            "network lead": lead,
            "site editor": site_editor,
            "moderator": moderator,
            "former member": former_member,
            "member": library.member,
            "member lead": member_lead,
            "superuser": admin,
        },
    }


@pytest.fixture
def benchmarking(site, site_root):
    """The benchmarking page with one measure's public figures and a release of two
    authorities' own figures shared with the signatories until next month."""
    library, _ = site
    BenchmarkingIndexPageFactory(parent=site_root.home)
    importer.load(subset_files(source_rows(["LACStable_2016on"])), release_name="LAIT test")
    importer.load(
        {"values": quarter_values_file()},
        release_name=RELEASE,
        restricted=True,
        groups=[library.signatories.group],
        embargo_date=timezone.localdate() + datetime.timedelta(days=30),
    )
    return site


def public_paths(library, extra):
    image, rendition = extra["image"], extra["rendition"]
    document = library.document
    return [
        "/benchmarking/",
        MEASURE,
        f"{MEASURE}?authority=886",
        f"{MEASURE}download/latest/",
        f"{MEASURE}download/trend/?authority=886",
        f"{MEASURE}download/all/",
        "/benchmarking/authorities/886/?topic=Children+Looked+After",
        "/benchmarking/grid/?topic=Children+Looked+After",
        "/benchmarking/grid/download/?topic=Children+Looked+After",
        "/benchmarking/compare/?authority=886&measure=LACStable_2016on&others=936",
        "/",
        "/reports/",
        "/reports/?year=2025",
        f"/reports/?network={library.network.pk}",
        library.section.url,
        library.restricted.url,
        library.network.url,
        f"{library.network.url}events.ics",
        "/about-networks/",
        "/search/?q=unaudited",
        "/search/?q=unaudted",  # misspelt: what is spelt like it
        "/search/?q=referrals",
        "/search/?q=quarter",
        "/search/?q=restricted",
        "/sitemap.xml",
        "/newsletters/",
        "/newsletters/feed/",
        "/events/",
        "/events/feed.ics",
        "/contacts/",
        document.url,
        f"/media/{document.file.name}",
        f"/media/{image.file.name}",
        f"/media/{rendition.file.name}",
    ]


def admin_paths(library, extra):
    section, report, index = library.section, library.restricted, library.index
    document, image = library.document, extra["image"]
    revision = extra["revision"]
    pages = f"?id={report.pk}&id={section.pk}"
    paths = [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{index.pk}/",
        f"/admin/pages/{index.pk}/results/",
        f"/admin/pages/{section.pk}/",
        f"/admin/pages/{section.pk}/results/",
        "/admin/pages/search/?q=unaudited",
        "/admin/pages/search/results/?q=audit",
        f"/admin/pages/{report.pk}/edit/",
        f"/admin/pages/{report.pk}/usage/",
        f"/admin/pages/{library.network.pk}/usage/",
        f"/admin/pages/{report.pk}/history/",
        f"/admin/pages/{report.pk}/history/results/",
        f"/admin/pages/{report.pk}/revisions/{revision.pk}/view/",
        f"/admin/pages/{report.pk}/revisions/compare/earliest...{revision.pk}/",
        f"/admin/pages/{report.pk}/workflow_history/",
        f"/admin/pages/{report.pk}/view_draft/",
        f"/admin/pages/{report.pk}/delete/",
        f"/admin/pages/{report.pk}/unpublish/",
        f"/admin/pages/{report.pk}/move/",
        f"/admin/pages/{report.pk}/copy/",
        f"/admin/pages/{report.pk}/privacy/",
        f"/admin/pages/{section.pk}/add_subpage/",
        "/admin/pages/usage/networks/reportpage/",
        "/admin/pages/usage/networks/reportpage/results/",
        "/admin/pages/create/networks/reportpage",
        "/admin/choose-page/",
        f"/admin/choose-page/{index.pk}/",
        f"/admin/choose-page/{section.pk}/",
        f"/admin/choose-page/{section.pk}/?page_type=networks.reportpage",
        f"/admin/choose-page/{section.pk}/?multiple=1",
        f"/admin/choose-page/{index.pk}/?page_type=networks.reportpage",
        "/admin/choose-page/search/?q=audit",
        "/admin/choose-page/search/?q=unaudited&page_type=networks.reportpage",
        f"/admin/choose-page/chosen-multiple/?id={report.pk}",
        f"/admin/api/main/pages/?child_of={section.pk}",
        f"/admin/api/main/pages/?child_of={index.pk}&for_explorer=1",
        "/admin/api/main/pages/?search=unaudited",
        f"/admin/api/main/pages/{report.pk}/",
        f"/admin/api/main/pages/find/?id={report.pk}",
        "/admin/api/main/documents/",
        f"/admin/api/main/documents/{document.pk}/",
        "/admin/api/main/images/",
        f"/admin/api/main/images/{image.pk}/",
        *[f"/admin/bulk/wagtailcore/page/{a}/{pages}" for a in BULK_PAGE_ACTIONS],
        *[
            f"/admin/bulk/wagtaildocs/document/{a}/?id={document.pk}"
            for a in BULK_COLLECTION_ACTIONS
        ],
        *[f"/admin/bulk/wagtailimages/image/{a}/?id={image.pk}" for a in BULK_COLLECTION_ACTIONS],
        "/admin/reports/page-types-usage/",
        "/admin/reports/page-types-usage/results/",
        "/admin/reports/site-history/",
        "/admin/reports/site-history/results/",
        *[
            f"/admin/reports/{name}/{tail}"
            for name in ("aging-pages", "locked", "workflow", "workflow_tasks")
            for tail in ("", "results/", "?export=csv")
        ],
        "/admin/documents/",
        "/admin/documents/?q=unaudited",
        f"/admin/documents/edit/{document.pk}/",
        f"/admin/documents/usage/{document.pk}/",
        "/admin/documents/multiple/add/",
        "/admin/documents/chooser/",
        "/admin/documents/chooser/results/?q=unaudited",
        f"/admin/documents/chooser/chosen/{document.pk}/",
        f"/admin/documents/chooser/chosen-multiple/?id={document.pk}",
        "/admin/images/",
        "/admin/images/?q=referrals",
        f"/admin/images/{image.pk}/",
        f"/admin/images/usage/{image.pk}/",
        f"/admin/images/{image.pk}/generate_url/",
        "/admin/images/multiple/add/",
        "/admin/images/chooser/",
        "/admin/images/chooser/results/?q=referrals",
        f"/admin/images/chooser/chosen/{image.pk}/",
        f"/admin/images/chooser/{image.pk}/select_format/",
        "/admin/collections/",
        "/admin/snippets/contacts/person/",
        "/admin/snippets/choose/contacts/person/",
        "/admin/snippets/newsletters/newsitem/",
        "/admin/snippets/choose/newsletters/newsitem/",
        "/admin/restricted_downloads/",
        "/admin/access_groups/",
        "/admin/searchpicks/",
        "/admin/workflows/list/",
        "/admin/tag-autocomplete/?term=a",
        "/admin/benchmarking/upload/",
    ]
    return paths


BULK_PAGE_ACTIONS = ["publish", "delete", "move", "unpublish"]
BULK_COLLECTION_ACTIONS = ["delete", "add_to_collection", "add_tags"]

# Where each kind inside the group must see restricted content (so that the test can fail).
MUST_SEE = {
    "member": [
        MEASURE,
        f"{MEASURE}download/all/",
        "/benchmarking/grid/?topic=Children+Looked+After",
        "/reports/",
        "{restricted report}",
        "/search/?q=unaudited",
        "/search/?q=unaudted",
        "{document}",
        "{image}",
        "{rendition}",
    ],
    "member lead": [
        "/admin/choose-page/{section}/",
        "/admin/choose-page/search/?q=unaudited&page_type=networks.reportpage",
        "/admin/reports/page-types-usage/",
    ],
    "superuser": [
        MEASURE,
        "/admin/",
        "/admin/reports/aging-pages/",
        "/admin/reports/locked/?export=csv",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/results/",
        "/admin/choose-page/{section}/",
        "/admin/choose-page/search/?q=unaudited&page_type=networks.reportpage",
        "/admin/pages/search/?q=unaudited",
        "/admin/pages/{network}/usage/",
        "/admin/pages/usage/networks/reportpage/",
        "/admin/reports/page-types-usage/",
        "/admin/reports/site-history/",
        "/admin/documents/",
        "/admin/documents/multiple/add/",
        "/admin/documents/chooser/results/?q=unaudited",
        "/admin/images/chooser/",
        "/admin/images/chooser/results/?q=referrals",
    ],
}


def leaks_in(response, path, files):
    """The restricted things named in a response (other than in the address asked for, which
    a page may repeat, such as in a link to log in), and the restricted ``files`` it holds."""
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    found = [name for name, content in files.items() if content in body]
    text = html.unescape(body.decode("utf-8", errors="replace"))
    for asked in (path, quote(path), quote(path, safe="")):
        text = text.replace(asked, "")
    return found + [name for name, marker in MARKERS.items() if marker in text]


def try_every_path(client, library, extra):
    """For each kind of user: every path tried, and the markers each one showed (a server
    error counts too: it must not happen, whoever asks)."""
    results = {}
    paths = public_paths(library, extra) + admin_paths(library, extra)
    for kind in KINDS:
        client.logout()
        user = extra["users"][kind]
        if user is not None:
            verified_login(client, user)
        results[kind] = {}
        for path in paths:
            response = client.get(path)
            errors = ["server error"] if response.status_code >= 500 else []
            results[kind][path] = errors + leaks_in(response, path, extra["files"])
    return results


def report(results):
    lines = ["", "Paths tried and responses showing restricted content, per kind of user:"]
    for kind, by_path in results.items():
        shown = {path: found for path, found in by_path.items() if found}
        counts = Counter(name for found in shown.values() for name in found)
        lines.append(f"  {kind}: {len(by_path)} paths, {len(shown)} showing restricted content")
        lines.extend(f"      {path}: {', '.join(found)}" for path, found in shown.items())
        if counts:
            lines.append(f"      ({dict(counts)})")
    return "\n".join(lines)


def test_restricted_content_reaches_members_only_by_every_path(safe_client, benchmarking):
    library, extra = benchmarking
    results = try_every_path(safe_client, library, extra)
    print(report(results))

    for kind in OUTSIDERS:
        leaked = {path: found for path, found in results[kind].items() if found}
        assert leaked == {}, f"{kind} sees restricted content:\n{report(results)}"

    named = {
        "{section}": str(library.section.pk),
        "{network}": str(library.network.pk),
        "{restricted report}": library.restricted.url,
        "{document}": library.document.url,
        "{image}": f"/media/{extra['image'].file.name}",
        "{rendition}": f"/media/{extra['rendition'].file.name}",
    }
    for kind, wanted in MUST_SEE.items():
        for path in wanted:
            for placeholder, value in named.items():
                path = path.replace(placeholder, value)
            assert results[kind][path], f"{kind} should see restricted content at {path}"


def test_no_admin_page_is_kept_by_the_browser(client, site):
    """Wagtail's admin answers ``no-store``, so that the browser of a shared computer keeps no
    copy of what an editor saw (to show with Back after they log out): the views put in front
    of Wagtail's (networks/restricted_admin.py) as well as its own."""
    library, extra = site
    verified_login(client, extra["admin"])
    kept = {}
    for path in admin_paths(library, extra):
        response = client.get(path)
        if "no-store" not in response.get("Cache-Control", ""):
            kept[path] = (response.status_code, response.get("Cache-Control"))

    assert kept == {}


def test_a_restricted_page_s_admin_address_answers_as_a_missing_one(client, site):
    """An editor outside the group asking for a restricted page in the admin gets the answer
    for a page that does not exist (the admin's 'not found' page, kept by no browser), at
    Wagtail's addresses and at those of the views put in front of them; someone not logged in
    is sent to log in for both. Otherwise the answer would tell which ids are restricted pages."""
    library, extra = site
    missing = Page.objects.order_by("-pk").first().pk + 1000
    tails = ["edit/", "history/", "usage/", f"revisions/{extra['revision'].pk}/revert/"]

    def answers():
        found = {}
        for page_id, page in ((library.restricted.pk, "restricted"), (missing, "missing")):
            for tail in tails:
                response = client.get(f"/admin/pages/{page_id}/{tail}")
                found.setdefault(tail, {})[page] = (
                    response.status_code,
                    [t.name for t in response.templates][:1],
                    "no-store" in response.get("Cache-Control", ""),
                    response.get("Location", "").replace(str(page_id), "{id}"),
                )
        return found

    anonymous = answers()
    verified_login(client, extra["users"]["site editor"])
    editor = answers()

    for tail in tails:
        assert anonymous[tail]["restricted"] == anonymous[tail]["missing"], tail
        assert anonymous[tail]["missing"][0] == 302, tail
        assert editor[tail]["restricted"] == editor[tail]["missing"], tail
        assert editor[tail]["missing"] == (404, ["wagtailadmin/404.html"], True, ""), tail


def test_members_find_restricted_reports_in_search_marked_restricted(client, site):
    library, _ = site
    client.force_login(library.member)

    response = client.get("/search/?q=unaudited")

    text = html.unescape(response.content.decode())
    assert RESTRICTED_TITLE in text
    assert "Restricted: Data Sharing Protocol signatories" in text


def test_a_collection_listing_names_no_restricted_collection_to_a_lead(client, site):
    """The lead's document chooser offers only the collections they may choose from."""
    library, extra = site
    client.force_login(extra["users"]["network lead"])

    response = client.get(reverse("wagtaildocs_chooser:choose"))

    assert response.status_code == 200
    assert SECTION_TITLE not in html.unescape(response.content.decode())
    assert Collection.objects.filter(name=SECTION_TITLE).exists()
    assert Page.objects.filter(title=RESTRICTED_TITLE).exists()


def test_an_editor_cannot_upload_into_a_collection_they_may_not_see(client, site):
    """The upload forms of the choosers neither name the restricted collection to a site editor
    outside its group nor accept its id."""
    library, extra = site
    restricted = library.document.collection
    verified_login(client, extra["users"]["site editor"])
    uploads = {
        get_document_model(): (
            "wagtaildocs_chooser:create",
            "document-chooser-upload",
            SimpleUploadedFile("smuggled.csv", b"Area,Referrals\nKent,1\n"),
        ),
        get_image_model(): (
            "wagtailimages_chooser:create",
            "image-chooser-upload",
            SimpleUploadedFile("smuggled.png", png_bytes()),
        ),
    }
    for model, (url_name, prefix, upload) in uploads.items():
        response = client.post(
            reverse(url_name),
            {
                f"{prefix}-title": "Smuggled",
                f"{prefix}-file": upload,
                f"{prefix}-collection": restricted.pk,
            },
        )

        assert response.status_code == 200, model
        assert SECTION_TITLE not in html.unescape(response.content.decode()), model
        assert not model.objects.filter(title="Smuggled", collection=restricted).exists()


def test_the_usage_of_a_public_document_names_no_restricted_page(client, site):
    """A public document used by a restricted report: its usage names the report to those
    who may see it, and not to a site editor outside the group."""
    library, extra = site
    ReportPageFactory(
        parent=library.section,
        title="Unaudited plan annex",
        slug="unaudited-plan-annex",
        document=library.public.document,
    )
    url = reverse("wagtaildocs:document_usage", args=[library.public.document.pk])

    shown = {}
    for kind in ("site editor", "superuser"):
        verified_login(client, extra["users"][kind])
        response = client.get(url)
        assert response.status_code == 200, kind
        shown[kind] = "Unaudited plan annex" in html.unescape(response.content.decode())

    assert shown == {"site editor": False, "superuser": True}


def test_the_admin_page_search_counts_no_restricted_page(client, site):
    """The page search's counts (in all and by page type) would tell a site editor that a
    restricted page matches their words: they count only pages the editor may see."""
    _library, extra = site
    counts = {}
    for kind in ("site editor", "superuser"):
        verified_login(client, extra["users"][kind])
        response = client.get("/admin/pages/search/?q=unaudited")
        assert response.status_code == 200, kind
        context = response.context
        counts[kind] = (
            context["all_pages"].count(),
            [(ct.model, count) for ct, count in context["content_types"]],
        )

    assert counts == {"site editor": (0, []), "superuser": (1, [("reportpage", 1)])}


def test_workflow_emails_name_a_restricted_report_only_to_its_group(library, mailoutbox):
    """Wagtail emails the Moderators and superusers when a page is sent for approval, and the
    requester when it is approved or rejected: about a restricted report, only those who may
    see it are written to (a requester who has left the group is not)."""
    moderators = Group.objects.get(name="Moderators")
    signatories = library.signatories.group
    admin = UserFactory(username="admin@seslip.example", is_superuser=True, is_staff=True)
    moderator = UserFactory(username="moderator@example.gov.uk", groups=[moderators])
    member_moderator = UserFactory(
        username="member.moderator@kent.gov.uk", groups=[moderators, signatories]
    )
    stays = UserFactory(username="stays@kent.gov.uk", groups=[moderators, signatories])
    leaves = UserFactory(username="leaves@kent.gov.uk", groups=[moderators, signatories])
    report = library.restricted

    def naming_the_report():
        return Counter(
            address
            for message in mailoutbox
            if RESTRICTED_TITLE in message.subject + message.body
            for address in message.to
        )

    report.save_revision(user=stays)
    report.get_workflow().start(report, stays)
    submitted = naming_the_report()
    assert submitted[admin.email] and submitted[member_moderator.email], submitted
    assert not submitted[moderator.email], submitted

    mailoutbox.clear()
    report.current_workflow_task_state.reject(user=admin)
    assert naming_the_report()[stays.email], "the requester who may see it is told"
    report.current_workflow_state.cancel(user=stays)

    report.save_revision(user=leaves)
    report.get_workflow().start(report, leaves)
    leaves.groups.remove(signatories)
    mailoutbox.clear()
    report.current_workflow_task_state.approve(user=admin)
    assert not naming_the_report()[leaves.email], "a requester who left the group is not"

    report.save_revision(user=stays)
    report.get_workflow().start(report, stays)
    mailoutbox.clear()
    report.current_workflow_task_state.approve(user=admin)
    assert naming_the_report()[stays.email], "a requester in the group is told of approval"


@pytest.mark.parametrize("editor", ["edit", "revisions_revert"])
def test_comment_emails_name_a_restricted_report_only_to_its_group(
    client, library, mailoutbox, editor
):
    """Answering or resolving a comment in the page editor (or in that of a revision to go back
    to) emails those subscribed to the page's comments of every change, and the people in a
    thread of the changes to it: about a restricted report, only those who may still see it
    (not a commenter or subscriber who has left the group since)."""
    editors = Group.objects.get(name="Editors")
    signatories = library.signatories.group
    report = library.restricted

    def signatory_editor(name):
        return UserFactory(username=f"{name}@kent.gov.uk", groups=[editors, signatories])

    writer, asked, answered, noted, watches, watched = (
        signatory_editor(name)
        for name in ("writer", "asked", "answered", "noted", "watches", "watched")
    )
    question = Comment.objects.create(
        page=report, user=asked, text="Is Medway's figure right?", contentpath="title"
    )
    reply = CommentReply.objects.create(comment=question, user=answered, text="Checking.")
    note = Comment.objects.create(
        page=report, user=noted, text="Add the footnote on small numbers.", contentpath="summary"
    )
    for user in (watches, watched):
        PageSubscription.objects.create(page=report, user=user, comment_notifications=True)
    for user in (asked, watched):
        user.groups.remove(signatories)

    def thread(comment, resolved="", replies=()):
        fields = ("id", "contentpath", "text")
        return {
            **{field: getattr(comment, field) for field in fields},
            "resolved": resolved,
            "position": "",
            "replies": inline_formset(list(replies), initial=1 if replies else 0),
        }

    replies = [{"id": reply.pk, "text": reply.text}, {"id": "", "text": "It is: 402."}]
    threads = [thread(question, replies=replies), thread(note, resolved="on")]
    args = [report.pk] if editor == "edit" else [report.pk, report.save_revision().pk]
    verified_login(client, writer)
    response = client.post(
        reverse(f"wagtailadmin_pages:{editor}", args=args),
        report_form(
            RESTRICTED_TITLE,
            report.slug,
            library.document,
            comments=inline_formset(threads, initial=2),
            **{"action-publish": ""},
        ),
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert question.replies.filter(text="It is: 402.").exists()

    answered_news, resolved_news = "It is: 402.", 'Resolved comments:\n - "Add the footnote'
    told = {}
    for message in mailoutbox:
        assert RESTRICTED_TITLE in message.subject
        for address in message.to:
            told[address] = [n for n in (answered_news, resolved_news) if n in message.body]
    assert told == {
        answered.email: [answered_news],
        noted.email: [resolved_news],
        watches.email: [answered_news, resolved_news],
    }


def test_no_page_type_has_an_editor_other_than_the_one_that_filters_comment_emails():
    """Comment emails are filtered by the page editor put at Wagtail's address for every page
    (networks/restricted_admin.py): a page type given its own viewset would be edited by
    another, which Wagtail's own address would never reach."""
    own = {
        model.__name__
        for model in get_page_models()
        if page_viewset_registry.get_by_type(model) is not base_page_viewset
    }
    assert own == set()


def test_a_restricted_document_refuses_outsiders_alike_whatever_name_is_asked(client, library):
    """Wagtail answers 404 for a document's address with a wrong file name before asking who
    may download it: the answer would confirm a guessed name of a restricted document to
    anyone. Outsiders are refused alike for any name; members get a 404 for a wrong one."""
    document = library.document
    right = document.url
    wrong = right.replace("unaudited-referrals-q3", "inadequate-judgement")
    assert wrong != right

    def answer(path):
        response = client.get(path)
        return response.status_code, response.get("Location", "").replace(path, "{asked}")

    answers = {"anonymous": [answer(right), answer(wrong)]}
    for user in (library.outsider, library.member):
        verified_login(client, user)
        answers[user.username] = [answer(right)[0], answer(wrong)[0]]

    assert answers == {
        "anonymous": [(302, "/account/login/?next={asked}")] * 2,
        library.outsider.username: [403, 403],
        library.member.username: [200, 404],
    }
