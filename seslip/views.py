"""Site search and error pages."""

from django.core.paginator import Paginator
from django.http import HttpResponsePermanentRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from wagtail.models import Page

from contacts.models import Person
from core.forms import clean_query
from core.utils import page_number
from newsletters.models import NewsItem


def search(request):
    """Search updates, news items, networks, events, people and pages."""
    query = clean_query(request.GET.get("q", ""))
    pages = people = items = None
    if query:
        pages = Paginator(Page.objects.live().public().specific().search(query), 20).get_page(
            page_number(request)
        )
        people = list(Person.objects.current().select_related("organisation").search(query)[:10])
        items = list(NewsItem.objects.search(query)[:10])
    return render(
        request,
        "seslip/search.html",
        {"search_query": query, "pages": pages, "people": people, "news_items": items},
    )


def favicon(request):
    """Browsers ask for /favicon.ico: point them at the SVG icon."""
    return HttpResponsePermanentRedirect(static("images/favicon.svg"))


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """The 500 page, rendered without the request: no context processor, no database."""
    return HttpResponseServerError(render_to_string("500.html"))
