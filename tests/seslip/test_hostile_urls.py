"""Malformed and hostile addresses get a 4xx answer (or the page itself), never a server error.

The second half sweeps every public address of the site (each live page of a site with a page of
every type, its sub-routes, and the URLconf's own views), every query parameter and every public
form, with hostile values, under production settings and under DEBUG, and counts the requests
sent and the server errors seen.
"""

import datetime
import urllib.parse
from collections import Counter
from types import SimpleNamespace

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from wagtail.models import Page, PageViewRestriction, get_page_models

from benchmarking.factories import BenchmarkingIndexPageFactory
from contacts.factories import OrganisationFactory, PersonFactory
from events.factories import EventIndexPageFactory, EventPageFactory, EventParticipantFactory
from events.models import EventPage
from mailing import subscriptions
from mailing.factories import SubscriberFactory
from networks.factories import (
    AccessGroupFactory,
    CollectionFactory,
    DocumentFactory,
    NetworkIndexPageFactory,
    NetworkPageFactory,
    ReportIndexPageFactory,
    ReportPageFactory,
    ReportSectionPageFactory,
    UserFactory,
    restrict,
)
from newsletters.factories import (
    NewsItemFactory,
    NewsletterIndexPageFactory,
    WeeklyUpdatePageFactory,
)
from seslip.factories import (
    ContactsIndexPageFactory,
    HomePageFactory,
    MemberAuthoritiesPageFactory,
    PlanPageFactory,
    StandardPageFactory,
)
from tests.helpers import Html

LONG = "a" * 10_000

# (address, the status it should get)
ADDRESSES = [
    ("/search/?q=abc%00", 200),
    ("/search/?q=%00%01%1f%7f", 200),
    ("/search/?q=safeguarding&page=-1", 200),
    ("/search/?q=safeguarding&page=0", 200),
    ("/search/?q=safeguarding&page=abc", 200),
    ("/search/?q=safeguarding&page=99999", 200),
    ("/search/?q=safeguarding&page=9999999999999999999999", 200),
    (f"/search/?q={LONG}", 200),
    ("/search/?q=%27%20OR%201%3D1%20--", 200),
    ("/search/?q=%26%7C!%3A*()%3C%3E", 200),
    ("/search/?q=%22unterminated", 200),
    ("/search/?q=%F0%9F%99%82%20%C3%BCn%C3%AFc%C3%B8d%C3%A9", 200),
    ("/search/?q=%ff%fe", 200),
    ("/search/?q=a&q=b", 200),
    ("/newsletters/?year=abc", 200),
    ("/newsletters/?year=99999", 200),
    ("/newsletters/?year=-2018", 200),
    ("/newsletters/?year=2018&page=-1", 200),
    ("/newsletters/?page=abc", 200),
    ("/newsletters/?page=99999", 200),
    ("/newsletters/0/", 404),
    ("/newsletters/99999999999/", 404),
    ("/newsletters/-1/", 404),
    ("/newsletters/298abc/", 404),
    ("/newsletters/items/0/", 404),
    ("/newsletters/items/99999999999999999999/", 404),
    ("/newsletters/feed/?page=abc", 200),
    ("/events/?page=0", 200),
    ("/events/?page=-5", 200),
    ("/events/?page=abc", 200),
    ("/events/?page=99999", 200),
    ("/events/past/?page=99999", 200),
    ("/events/past/extra/", 404),
    ("/contacts/0/", 404),
    ("/contacts/99999999999999999999/", 404),
    ("/contacts/abc/", 404),
    ("/no-such-page/", 404),
    ("/about-networks/no-such-network/", 404),
    (f"/{LONG[:2000]}/", 404),
    ("/%00/", 404),
    ("/documents/../../etc/passwd", 404),
    ("/documents/..%2f..%2fetc%2fpasswd", 404),
    ("/documents/1/../../../etc/passwd", 404),
    ("/documents/999999/secret.pdf", 404),
    ("/static/../seslip/settings/base.py", 404),
    ("/media/../seslip/settings/base.py", 404),
    ("/media/original_images/x.png%00", 404),
    ("/media/images/%00", 404),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("address", "status"), ADDRESSES, ids=[a[:60] for a, _ in ADDRESSES])
def test_hostile_address_gets_no_server_error(safe_client, public_site, address, status):
    response = safe_client.get(address)

    assert response.status_code < 500
    assert response.status_code == status
    if status == 404:
        assert "404.html" in [t.name for t in response.templates]


@pytest.mark.django_db
def test_a_long_query_is_cut_short(safe_client, public_site):
    response = safe_client.get(f"/search/?q={LONG}")

    assert response.status_code == 200
    assert LONG not in response.content.decode()
    assert LONG[:200] in response.content.decode()


@pytest.mark.django_db
def test_control_characters_are_not_echoed(safe_client, public_site):
    response = safe_client.get("/search/?q=abc%00def")

    assert response.status_code == 200
    assert "\x00" not in response.content.decode()
    assert "abc def" in Html(response).source


# --- every public address, parameter and form, with every kind of hostile value ---------------


# Values a visitor can put in any parameter, path segment or form field, as the bytes sent:
# digits that str.isdigit() takes and int() may not, numbers past every limit, NUL, broken UTF-8.
HOSTILE_VALUES = {
    "superscript two": "²".encode(),
    "circled one": "①".encode(),
    "Arabic-Indic three": "٣".encode(),
    "full-width one": "１".encode(),
    "full-width year": "２０１８".encode(),
    "Arabic-Indic year": "٢٠١٨".encode(),
    "5,000 nines": b"9" * 5000,
    "minus 5,000 nines": b"-" + b"9" * 5000,
    "past bigint": b"99999999999999999999",
    "negative": b"-1",
    "zero": b"0",
    "Unicode minus": "−1".encode(),
    "exponent": b"1e3",
    "spaces": b" 2018 ",
    "NUL": b"\x00",
    "digits around NUL": b"20\x0018",
    "lone surrogate": "\ud800".encode("utf-8", "surrogatepass"),
    "latin-1 byte": b"caf\xe9",
    "not UTF-8 at all": b"\xff\xfe\xfd",
    "overlong UTF-8": b"\xc0\xaf",
    "markup": b"<script>alert(1)</script>",
    "10,000 characters": b"a" * 10_000,
}

# Every page type: its sub-routes (relative to the page's address) and the query parameters each
# reads. ``{…}`` is filled in from the site built below.
PAGE_ROUTES = {
    "seslip.HomePage": {"": []},
    # With no figures loaded: the index and its search (tests/benchmarking sweeps the rest).
    "benchmarking.BenchmarkingIndexPage": {"": ["q", "topic"]},
    "seslip.StandardPage": {"": []},
    "seslip.PlanPage": {"": []},
    "newsletters.NewsletterIndexPage": {
        "": ["year", "page"],
        "feed/": ["page"],
        "items/{item}/": [],
        "{update_number}/": [],
    },
    "newsletters.WeeklyUpdatePage": {"": [], "print/": []},
    "networks.NetworkIndexPage": {"": []},
    "networks.NetworkPage": {"": [], "events.ics": []},
    "networks.ReportIndexPage": {"": ["network", "kind", "year", "page"]},
    "networks.ReportSectionPage": {"": ["network", "kind", "year", "page"]},
    "networks.ReportPage": {"": []},
    "events.EventIndexPage": {
        "": ["network", "month", "page"],
        "past/": ["page"],
        "calendar/": ["network"],
        "calendar/{year}/{month}/": ["network"],
        "feed.ics": [],
    },
    "events.EventPage": {"": [], "event.ics": []},
    "seslip.ContactsIndexPage": {
        "": ["q", "network", "organisation", "page"],
        "{person}/": [],
        "{person}.vcf": [],
    },
    "seslip.MemberAuthoritiesPage": {"": ["year"]},
}

# The URLconf's own public views: address -> the query parameters it reads. Each pattern of the
# URLconf outside the admin is in COVERED_PATTERNS, checked against the URLconf.
VIEWS = {
    "/search/": ["q", "page"],
    "/favicon.ico": [],
    "/.well-known/security.txt": [],
    "/sitemap.xml": [],
    "/account/login/": ["next"],
    "/account/logout/": [],
    "/account/logged-out/": [],
    "/account/reset-password/": [],
    "/account/reset-password/sent/": [],
    "/account/set-password/{uidb64}/{reset_token}/": [],
    "/account/set-password/done/": [],
    "/account/request-access/": ["group"],
    "/account/request-access/sent/": [],
    "/newsletters/subscribe/": [],
    "/newsletters/subscribe/check-your-email/": [],
    "/newsletters/subscribe/confirm/{confirm_token}/": [],
    "/newsletters/unsubscribe/{unsubscribe_token}/": [],
    "/contacts/{person}/message/": [],
    "/contacts/{person}/message/sent/": [],
    "/newsletters/subscription/{unsubscribe_token}/": [],
    "/documents/{document}/{document_name}": [],
    "/_util/login/": ["next"],
}
COVERED_PATTERNS = {
    "^documents/(\\d+)/(.*)$",
    "documents/^(\\d+)/(.*)$",
    "search/",
    "favicon.ico",
    ".well-known/security.txt",
    "sitemap.xml",
    "account/login/",
    "account/logout/",
    "account/logged-out/",
    "account/set-password/<uidb64>/<token>/",
    "account/set-password/done/",
    "account/reset-password/",
    "account/reset-password/sent/",
    "account/request-access/",
    "account/request-access/sent/",
    "newsletters/subscribe/",
    "newsletters/subscribe/check-your-email/",
    "newsletters/subscribe/confirm/<str:token>/",
    "newsletters/unsubscribe/<str:token>/",
    "contacts/<int:pk>/message/",
    "contacts/<int:pk>/message/sent/",
    "newsletters/subscription/<str:token>/",
    "_util/login/",
    # Wagtail's pages (the page tree, PAGE_ROUTES) and their .ics and .vcf files.
    "^((?:[\\w\\-]+/)*[\\w\\-]+\\.(?:ics|vcf))$",
    "^((?:[\\w\\-]+/)*)$",
}

# Each public form (POST) with valid values, one field at a time replaced by a hostile one.
FORMS = {
    "/newsletters/subscribe/": {
        "email": b"reader@example.org",
        "name": b"A Reader",
        "source": b"/newsletters/",
    },
    "/account/login/": {"username": b"member@kent.gov.uk", "password": b"wrong password"},
    "/account/reset-password/": {"email": b"member@kent.gov.uk"},
    "/account/request-access/": {
        "name": b"Jo Bloggs",
        "organisation": b"{organisation}",
        "email": b"jo.bloggs@kent.gov.uk",
        "access_group": b"{access_group}",
        "reason": b"I lead on performance data.",
    },
    "/account/set-password/{uidb64}/set-password/": {
        "new_password1": b"a new long password 42",
        "new_password2": b"a new long password 42",
    },
    "/newsletters/subscribe/confirm/{confirm_token}/": {"confirm": b"1"},
    "/newsletters/unsubscribe/{unsubscribe_token}/": {"List-Unsubscribe": b"One-Click"},
    "/newsletters/subscription/{unsubscribe_token}/": {"networks": b"{network}"},
    "/search/": {"q": b"safeguarding"},
    "/contacts/{person}/message/": {
        "name": b"Jo Bloggs",
        "email": b"jo.bloggs@example.org",
        "message": b"Could we talk about the network?",
    },
    "/_util/login/": {"username": b"member@kent.gov.uk", "password": b"wrong password"},
}

BOUNDARY = "hostileBoundary"


def quote(value):
    return urllib.parse.quote_from_bytes(value, safe="")


def urlencoded(fields):
    """A form body from (name, bytes) pairs, each value percent-encoded as sent."""
    return "&".join(f"{quote(name.encode())}={quote(value)}" for name, value in fields).encode()


def multipart(fields, boundary=BOUNDARY):
    """A multipart/form-data body from (name, bytes) pairs, each value sent as raw bytes."""
    body = b""
    for name, value in fields:
        body += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + value
            + b"\r\n"
        )
    return body + f"--{boundary}--\r\n".encode()


class Sweep:
    """Sends requests with a client that turns exceptions into 500s, counting the requests and
    the server errors."""

    def __init__(self, tally):
        self.client = Client(raise_request_exception=False)
        self.tally = tally
        self.errors = []

    def send(self, method, path, body=None, content_type=None, **extra):
        if body is None:
            response = self.client.generic(method, path, **extra)
        else:
            response = self.client.generic(method, path, body, content_type, **extra)
        self.tally["requests"] += 1
        if response.status_code >= 500:
            self.tally["5xx"] += 1
            self.errors.append(f"{method} {path[:100]} {content_type or ''} {(body or b'')[:60]!r}")
        return response

    def check(self):
        assert not self.errors, f"{len(self.errors)} server errors:\n" + "\n".join(self.errors[:40])


@pytest.fixture(scope="module")
def tally(request):
    """Requests sent and server errors seen by the sweep, printed at the end of the module."""
    counts = Counter()
    yield counts
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line(
                f"\nHostile input: {counts['requests']} requests sent, {counts['5xx']} answered 5xx"
            )


@pytest.fixture(scope="module")
def public_site(django_db_setup, django_db_blocker):
    """A page of every type and everything a public address names (a person, a news item, a
    document, password-protected pages and documents, links from emails), made once for the
    module and rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        home = HomePageFactory()
        newsletters = NewsletterIndexPageFactory(parent=home)
        networks = NetworkIndexPageFactory(parent=home)
        events = EventIndexPageFactory(parent=home)
        contacts = ContactsIndexPageFactory(parent=home)
        MemberAuthoritiesPageFactory(parent=contacts)
        StandardPageFactory(parent=home, title="About", slug="about")
        PlanPageFactory(parent=home)
        BenchmarkingIndexPageFactory(parent=home)
        network = NetworkPageFactory(parent=networks, title="Safeguarding", slug="safeguarding")
        library = ReportIndexPageFactory(parent=home)
        ReportPageFactory(parent=library, network=network, date=datetime.date(2024, 6, 1))
        signatories = AccessGroupFactory()
        AccessGroupFactory(group__name="Peer challenge reviewers")  # two: a choice to make
        section = ReportSectionPageFactory(parent=library)
        restrict(section, signatories.group)
        ReportPageFactory(parent=section, date=datetime.date(2025, 1, 31))
        protected = StandardPageFactory(parent=home, title="Protected", slug="protected")
        page_restriction = PageViewRestriction.objects.create(
            page=protected, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
        update = WeeklyUpdatePageFactory(
            parent=newsletters, number=298, intro="<p>Safeguarding partnership news.</p>"
        )
        item = NewsItemFactory(heading="Safeguarding review")
        authority = OrganisationFactory(kind="member", name="Kent")
        person = PersonFactory(organisation=authority)
        meeting = EventPageFactory(
            parent=events, network=network, title="Safeguarding network meeting"
        )
        EventParticipantFactory(page__kind=EventPage.Kind.PEER_CHALLENGE, organisation=authority)
        EventPageFactory(parent=network, network=network, title="Network meeting")
        collection = CollectionFactory(name="Password protected")
        document_restriction = collection.view_restrictions.create(
            restriction_type="password", password="secret"
        )
        document = DocumentFactory(file__filename="plan.pdf")
        member = UserFactory(username="member@kent.gov.uk", groups=[signatories.group])
        subscriber = SubscriberFactory()
        today = timezone.localdate()
        yield SimpleNamespace(
            values={
                "item": item.pk,
                "update_number": update.number,
                "person": person.pk,
                "year": today.year,
                "month": today.month,
                "document": document.pk,
                "document_name": document.filename,
                "document_restriction": document_restriction.pk,
                "page_restriction": page_restriction.pk,
                "restricted_page": protected.pk,
                "organisation": authority.pk,
                "access_group": signatories.pk,
                "uidb64": urlsafe_base64_encode(force_bytes(member.pk)),
                "reset_token": default_token_generator.make_token(member),
                "confirm_token": subscriptions.confirm_token(subscriber),
                "unsubscribe_token": subscriptions.unsubscribe_signer().sign(subscriber.key.hex),
                "network": network.pk,
            },
            meeting=meeting,
        )
        transaction.set_rollback(True)


def public_addresses(site):
    """(address, query parameters) of every public address: a live page of each type in the
    tree with each of its sub-routes, and the URLconf's own views."""
    addresses = []
    types = set()
    for page in Page.objects.live().specific().order_by("path"):
        if page.depth < 2 or page._meta.label in types:
            continue
        types.add(page._meta.label)
        for route, parameters in PAGE_ROUTES[page._meta.label].items():
            addresses.append((page.url + route.format(**site.values), parameters))
    assert types == set(PAGE_ROUTES)
    for address, parameters in VIEWS.items():
        addresses.append((address.format(**site.values), parameters))
    return addresses


MODES = {"production": False, "DEBUG": True}


@pytest.fixture(params=MODES, ids=list(MODES))
def mode(request, settings):
    settings.DEBUG = MODES[request.param]
    settings.SECURITY_CONTACT = "mailto:security@seslip.example"  # so security.txt answers
    return request.param


def test_every_public_address_is_swept():
    page_models = {model._meta.label for model in get_page_models()} - {"wagtailcore.Page"}
    assert page_models == set(PAGE_ROUTES)

    def patterns(resolvers, prefix=""):
        for entry in resolvers:
            if isinstance(entry, URLResolver):
                yield from patterns(entry.url_patterns, prefix + str(entry.pattern))
            else:
                yield prefix + str(entry.pattern)

    public = {p for p in patterns(get_resolver().url_patterns) if not p.startswith("admin/")}
    assert public - {"^media/(?P<path>.*)$"} == COVERED_PATTERNS


@pytest.mark.django_db
def test_hostile_query_parameters(public_site, tally, mode):
    sweep = Sweep(tally)
    addresses = public_addresses(public_site)
    assert len(addresses) > 40
    for address, parameters in addresses:
        assert sweep.send("GET", address).status_code in (200, 301, 302, 400, 403, 405, 410), (
            address
        )
        # Every parameter it reads, each value on its own and the parameter twice.
        for parameter in parameters:
            for value in HOSTILE_VALUES.values():
                sweep.send("GET", f"{address}?{parameter}={quote(value)}")
            sweep.send("GET", f"{address}?{parameter}=2018&{parameter}={quote('²'.encode())}")
        # A parameter it does not read, with every value at once.
        sweep.send(
            "GET", f"{address}?" + "&".join(f"x={quote(v)}" for v in HOSTILE_VALUES.values())
        )
        # A query string of 100 kB, and one of 20,000 parameters.
        sweep.send("GET", f"{address}?q={'a' * 100_000}")
        sweep.send("GET", f"{address}?" + "&".join(f"p{n}=1" for n in range(20_000)))
    sweep.check()


# Addresses with a number or token in them, with each hostile value in its place.
SEGMENTS = [
    "/newsletters/{}/",
    "/newsletters/items/{}/",
    "/contacts/{}/",
    "/contacts/{}.vcf",
    "/events/calendar/{}/1/",
    "/events/calendar/2026/{}/",
    "/documents/{}/plan.pdf",
    "/documents/1/{}",
    "/account/set-password/{}/{}/",
    "/newsletters/subscribe/confirm/{}/",
    "/newsletters/unsubscribe/{}/",
    "/newsletters/subscription/{}/",
    "/{}/",
    "/about-networks/{}/",
    "/about-networks/safeguarding/{}",
]


# Those of them that take a POST.
POSTED_SEGMENTS = {
    "/account/set-password/{}/{}/",
    "/newsletters/subscribe/confirm/{}/",
    "/newsletters/unsubscribe/{}/",
    "/newsletters/subscription/{}/",
}


@pytest.mark.django_db
def test_hostile_path_segments(public_site, tally, mode):
    sweep = Sweep(tally)
    for address in SEGMENTS:
        for value in [*HOSTILE_VALUES.values(), "٢٠٢٦".encode(), "１１".encode()]:
            segment = quote(value)
            sweep.send("GET", address.format(segment, segment))
            if address in POSTED_SEGMENTS:
                sweep.send("POST", address.format(segment, segment))
    sweep.check()


@pytest.mark.django_db
def test_unicode_digits_in_an_address_are_not_found(public_site, client):
    """An address means one thing: ٢٠٢٦ is not 2026, nor ３ 3."""
    assert client.get("/events/calendar/٢٠٢٦/١١/").status_code == 404
    assert client.get("/newsletters/２９８/").status_code == 404
    assert client.get("/contacts/١/").status_code == 404


def form_fields(address, site):
    return [
        (name, value.decode().format(**site.values).encode())
        for name, value in FORMS[address].items()
    ]


@pytest.mark.django_db
def test_hostile_form_fields(public_site, tally, mode):
    sweep = Sweep(tally)
    for address in FORMS:
        path = address.format(**public_site.values)
        fields = form_fields(address, public_site)
        for index, (name, _) in enumerate(fields):
            for value in HOSTILE_VALUES.values():
                hostile = [*fields[:index], (name, value), *fields[index + 1 :]]
                sweep.send("POST", path, urlencoded(hostile), "application/x-www-form-urlencoded")
                sweep.send(
                    "POST", path, multipart(hostile), f"multipart/form-data; boundary={BOUNDARY}"
                )
            # The field twice, and a file where text is expected.
            twice = [*fields, (name, "²".encode())]
            sweep.send("POST", path, urlencoded(twice), "application/x-www-form-urlencoded")
            file_body = multipart(fields).replace(
                f'name="{name}"'.encode(),
                f'name="{name}"; filename="\udc80.exe"'.encode("utf-8", "surrogateescape"),
                1,
            )
            sweep.send("POST", path, file_body, f"multipart/form-data; boundary={BOUNDARY}")
    sweep.check()


def malformed_bodies(fields):
    """(content type, body, extra WSGI variables) of requests that no browser would send."""
    form = urlencoded(fields)
    body = multipart(fields)
    latin1 = "&".join(f"{n}={v.decode()}é" for n, v in fields).encode("latin-1")
    return [
        ("application/x-www-form-urlencoded; charset=utf-7", b"q=+ADw-script+AD4-&" + form, {}),
        ("application/x-www-form-urlencoded; charset=utf-7", b"q=+2D3cAA-&" + form, {}),
        ("application/x-www-form-urlencoded; charset=no-such-charset", form, {}),
        ("application/x-www-form-urlencoded; charset=latin-1", latin1, {}),
        ("application/x-www-form-urlencoded; charset=utf-16", form, {}),
        ("application/x-www-form-urlencoded", latin1, {}),
        ("application/x-www-form-urlencoded", form + b"&" + b"a" * 3_000_000, {}),
        ("application/x-www-form-urlencoded", b"&".join([b"f=1"] * 20_000), {}),
        ("application/x-www-form-urlencoded", form, {"CONTENT_LENGTH": "abc"}),
        ("application/x-www-form-urlencoded", form, {"CONTENT_LENGTH": "-5"}),
        ("application/x-www-form-urlencoded", form, {"CONTENT_LENGTH": "99999999999999999999"}),
        ("application/x-www-form-urlencoded", form, {"CONTENT_LENGTH": "９"}),
        ("multipart/form-data", body, {}),
        ("multipart/form-data; boundary=", body, {}),
        ("multipart/form-data; boundary=\x00\xff", body, {}),
        ("multipart/form-data; boundary=" + "b" * 5000, body, {}),
        ("multipart/form-data; boundary=other", body, {}),
        (f"multipart/form-data; boundary={BOUNDARY}", body[: len(body) // 2], {}),
        (f"multipart/form-data; boundary={BOUNDARY}", body[:-4], {}),
        (f"multipart/form-data; boundary={BOUNDARY}", b"--" + BOUNDARY.encode(), {}),
        (f"multipart/form-data; boundary={BOUNDARY}", b"", {}),
        (f"multipart/form-data; boundary={BOUNDARY}; charset=utf-7", body, {}),
        (f"multipart/form-data; boundary={BOUNDARY}; charset=bogus", body, {}),
        (
            f"multipart/form-data; boundary={BOUNDARY}",
            body.replace(b"Content-Disposition: form-data", b"Content-Disposition: junk\x00"),
            {},
        ),
        (
            f"multipart/form-data; boundary={BOUNDARY}",
            body.replace(b"\r\n\r\n", b"\r\nContent-Type: text/plain; charset=utf-7\r\n\r\n"),
            {},
        ),
        (
            f"multipart/form-data; boundary={BOUNDARY}",
            body.replace(b"\r\n\r\n", b"\r\nContent-Transfer-Encoding: base64\r\n\r\n"),
            {},
        ),
        (
            f"multipart/form-data; boundary={BOUNDARY}",
            body.replace(b'name="', b'name="\xed\xa0\x80'),
            {},
        ),
        (
            f"multipart/form-data; boundary={BOUNDARY}",
            body.replace(b"form-data;", b"form-data; filename*=utf-8''%ED%A0%80;"),
            {},
        ),
        ("application/json", b'{"email": "\\ud800"}', {}),
        ("text/plain; charset=utf-7", form, {}),
        ("", form, {}),
        ("\x00/\x00", form, {}),
    ]


@pytest.mark.django_db
def test_malformed_request_bodies(public_site, tally, mode):
    sweep = Sweep(tally)
    for address in FORMS:
        path = address.format(**public_site.values)
        for content_type, body, extra in malformed_bodies(form_fields(address, public_site)):
            sweep.send("POST", path, body, content_type, **extra)
    sweep.check()


# Request headers that browsers would not send, all at once.
HEADERS = {
    "HTTP_COOKIE": "sessionid=\x00\xff; csrftoken=" + "a" * 5000,
    "HTTP_IF_MODIFIED_SINCE": "٣ Jan 2026",
    "HTTP_IF_NONE_MATCH": '"\x00"',
    "HTTP_ACCEPT_LANGUAGE": "١" * 5000,
    "HTTP_ACCEPT_ENCODING": "\x00",
    "HTTP_X_FORWARDED_FOR": "²²²",
    "HTTP_SEC_FETCH_SITE": "cross-site\x00",
}
RANGES = ["bytes=99999999999999999999999-", "bytes=²-", "bytes=-0", "bytes=5-1,0-"]


@pytest.mark.django_db
def test_hostile_headers(public_site, tally, mode):
    sweep = Sweep(tally)
    for address, _ in public_addresses(public_site):
        sweep.send("GET", address, **HEADERS)
    document = "/documents/{document}/{document_name}".format(**public_site.values)
    for value in RANGES:
        sweep.send("GET", document, HTTP_RANGE=value)
    sweep.check()


YEARS = ["%C2%B2", "%E2%91%A0", "%D9%A3", "%EF%BC%91", "9" * 5000, "-2018", "1999"]


@pytest.mark.django_db
@pytest.mark.parametrize("year", YEARS, ids=["²", "①", "٣", "１", "5,000 nines", "-2018", "1999"])
def test_a_year_with_no_updates_lists_them_all_and_says_why(public_site, client, settings, year):
    for debug in (False, True):
        settings.DEBUG = debug
        response = client.get(f"/newsletters/?year={year}")

        assert response.status_code == 200
        text = Html(response).text
        assert "There are no updates from the year in the address, so all updates are shown" in text
        assert "Showing 1 to 1 of 1" in text


@pytest.mark.django_db
@pytest.mark.parametrize("group", ["%C2%B2", "%E2%91%A0", "9" * 5000, "-1", "0"])
def test_a_group_that_is_not_offered_chooses_nothing(public_site, client, group):
    chosen = client.get(
        "/account/request-access/?group={access_group}".format(**public_site.values)
    )
    response = client.get(f"/account/request-access/?group={group}")

    assert chosen.status_code == response.status_code == 200
    assert "checked" in Html(chosen).main.source
    assert "checked" not in Html(response).main.source
