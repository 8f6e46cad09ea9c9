"""Site search, error pages and /.well-known/security.txt."""

from datetime import UTC, timedelta

from django.conf import settings
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

from benchmarking.models import BenchmarkingIndexPage
from benchmarking.views import matching_measures
from contacts.models import Person, SiteSettings
from core.forms import clean_query
from core.privacy import restricted_to, visible_to
from core.utils import page_number
from newsletters.models import NewsItem

# security.txt stays valid this long after each request for it (RFC 9116 advises under a year).
SECURITY_TXT_LIFETIME = timedelta(days=365)


def search(request):
    """Search updates, news items, networks, events, people, benchmarking measures and pages.
    Restricted reports are found by the people who may open them (core.privacy), labelled with
    who that is."""
    query = clean_query(request.GET.get("q", ""))
    pages = people = items = None
    measures, measure_count, benchmarking = [], 0, None
    restricted = {}
    if query:
        visible = visible_to(Page.objects.live(), request)
        pages = Paginator(visible.specific().search(query), 20).get_page(page_number(request))
        # The benchmarking measures (not pages: routes of the benchmarking page), found as its
        # own search finds them, when this visitor may see that page.
        benchmarking = BenchmarkingIndexPage.objects.filter(pk__in=visible.values("pk")).first()
        if benchmarking is not None:
            measures, measure_count = matching_measures(benchmarking, query)
        restricted = restricted_to([*pages.object_list, *([benchmarking] if measures else [])])
        for page in pages.object_list:
            page.restricted_to = restricted.get(page.pk, "")
        people = list(Person.objects.current().select_related("organisation").search(query)[:10])
        items = list(NewsItem.objects.search(query)[:10])
    response = render(
        request,
        "seslip/search.html",
        {
            "search_query": query,
            "pages": pages,
            "people": people,
            "news_items": items,
            "measures": measures,
            "measure_count": measure_count,
            "benchmarking": benchmarking,
        },
    )
    if restricted:
        # Results only this visitor may see: never kept by a shared cache.
        patch_cache_control(response, private=True, no_store=True, max_age=0)
    return response


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
