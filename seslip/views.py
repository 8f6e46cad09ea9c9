"""Site search, error pages and /.well-known/security.txt."""

from datetime import UTC, timedelta

from django.conf import settings
from django.contrib.postgres.search import TrigramWordSimilarity
from django.core.paginator import Paginator
from django.http import (
    Http404,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone
from django.utils.cache import patch_cache_control
from wagtail.models import Page
from wagtail.search.query import Fuzzy

from benchmarking.models import BenchmarkingIndexPage
from benchmarking.views.index import matching_measures
from contacts.models import Person, SiteSettings
from core.forms import clean_query
from core.privacy import page_restrictions, restricted_to, visible_to
from core.utils import page_number
from newsletters.models import NewsItem

RESULTS_PER_PAGE = 20
# What is spelt like a query is looked for when nothing matches it, if it is this short.
SIMILAR_MOST_WORDS = 3
SIMILAR_MOST_CHARACTERS = 40
SIMILAR_LIKENESS = 0.3  # pg_trgm's word similarity, as Wagtail's fuzzy search takes it
# security.txt stays valid this long after each request for it (RFC 9116 advises under a year).
SECURITY_TXT_LIFETIME = timedelta(days=365)


def search(request):
    """Search updates, news items, networks, events, people, benchmarking measures and pages.
    Restricted reports are found by the people who may open them (core.privacy), labelled with
    who that is. When nothing matches a short query, the pages, people and news items spelt like
    it are shown, saying so, and the measures found by the query respelt
    (benchmarking.measure_search.respelt). People, news items and measures are listed on the
    first page of results only."""
    query = clean_query(request.GET.get("q", ""))
    found = {"pages": None, "people": None, "news_items": None, "measures": []}
    measure_count, measures_note, benchmarking, similar = 0, "", None, False
    restricted = {}
    if query:
        restrictions = page_restrictions()
        visible = visible_to(Page.objects.live(), request, restrictions)
        # The benchmarking measures (not pages: routes of the benchmarking page), found as its
        # own search finds them, when this visitor may see that page.
        benchmarking = BenchmarkingIndexPage.objects.filter(pk__in=visible.values("pk")).first()
        found = _search(request, visible, query)
        if benchmarking is not None and found["pages"].number == 1:
            measures = matching_measures(benchmarking, query)
            found["measures"], measure_count = measures.listings, len(measures.measures)
        if not any(found.values()) and _may_be_misspelt(query):
            found, similar = _search_similar(visible, query), True
            if benchmarking is not None:
                measures = matching_measures(benchmarking, query, respell=True)
                found["measures"], measure_count = measures.listings, len(measures.measures)
                measures_note = measures.respelling_note
        pages = found["pages"]
        restricted = restricted_to(
            [*pages.object_list, *([benchmarking] if found["measures"] else [])], restrictions
        )
        for page in pages.object_list:
            page.restricted_to = restricted.get(page.pk, "")
    response = render(
        request,
        "seslip/search.html",
        {
            "search_query": query,
            **found,
            "similar": similar,
            "measure_count": measure_count,
            "measures_note": measures_note,
            "benchmarking": benchmarking,
        },
    )
    if restricted:
        # Results only this visitor may see: never kept by a shared cache.
        patch_cache_control(response, private=True, no_store=True, max_age=0)
    return response


def _search(request, visible, query):
    """The visible pages matching ``query`` (a page of them), with the people and news items."""
    pages = Paginator(visible.specific().search(query), RESULTS_PER_PAGE)
    return _with_people_and_news(pages.get_page(page_number(request)), query)


def _may_be_misspelt(query):
    """Whether to look for what is spelt like a query that matched nothing: a word or a few,
    as people mistype. (Each such search reads the text of every page.)"""
    return len(query) <= SIMILAR_MOST_CHARACTERS and len(query.split()) <= SIMILAR_MOST_WORDS


def _search_similar(visible, query):
    """The visible pages spelt most like ``query``, one page of them (counting them all would
    read every page's text again), with the people and news items."""
    fuzzy = Fuzzy(query)
    closest = list(visible.specific().search(fuzzy)[:RESULTS_PER_PAGE])
    pages = Paginator(closest, RESULTS_PER_PAGE).get_page(1)
    return _with_people_and_news(pages, fuzzy, news=_news_headed_like)


def _news_headed_like(fuzzy):
    """The news items whose heading has words spelt like the query's (their headings only:
    reading every item's text took ten times as long with 6,000 items)."""
    likeness = TrigramWordSimilarity(fuzzy.query_string, "heading")
    items = NewsItem.objects.annotate(likeness=likeness).filter(likeness__gte=SIMILAR_LIKENESS)
    return list(items.order_by("-likeness", "-pk")[:10])


def _matching_news(query):
    return list(NewsItem.objects.search(query)[:10])


def _with_people_and_news(pages, query, news=_matching_news):
    """The results: these ``pages`` and, with the first page of them, the people and the news
    items (found by ``news``) matching ``query``."""
    found = {"pages": pages, "people": [], "news_items": [], "measures": []}
    if pages.number == 1:
        people = Person.objects.current().select_related("organisation")
        found["people"] = list(people.search(query)[:10])
        found["news_items"] = news(query)
    return found


def favicon(request):
    """Browsers ask for /favicon.ico: point them at the SVG icon."""
    return HttpResponsePermanentRedirect(static("images/favicon.svg"))


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """The 500 page, rendered without the request: no context processor, no database."""
    return HttpResponseServerError(render_to_string("500.html"))


def security_txt(request):
    """/.well-known/security.txt (RFC 9116): where to report a security problem.

    The contact is the SECURITY_CONTACT setting, or else the contact email of the site settings.
    """
    contact = settings.SECURITY_CONTACT or SiteSettings.for_request(request).contact_email
    if not contact:
        raise Http404("No security contact is set")
    if ":" not in contact:
        contact = f"mailto:{contact}"
    expires = (timezone.now() + SECURITY_TXT_LIFETIME).astimezone(UTC)
    fields = [
        ("Contact", contact),
        ("Expires", expires.strftime("%Y-%m-%dT%H:%M:%SZ")),
        ("Preferred-Languages", "en"),
        ("Canonical", request.build_absolute_uri()),
    ]
    return HttpResponse(
        "".join(f"{name}: {value}\n" for name, value in fields),
        content_type="text/plain; charset=utf-8",
    )
