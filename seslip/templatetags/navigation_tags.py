"""The main navigation and the breadcrumbs, computed in Python for the header and page templates."""

from django import template
from django.urls import NoReverseMatch, reverse
from wagtail.models import Page, Site

from core import content_cache

register = template.Library()


def _current_state(item_path, page, request_path, item_url):
    """'page' when the item is the current page, 'true' when the current page is inside it."""
    if page is not None and item_path is not None:
        if page.path == item_path:
            return "page"
        if page.path.startswith(item_path):
            return "true"
        return None
    if item_url and request_path:
        if request_path == item_url:
            return "page"
        if item_url != "/" and request_path.startswith(item_url):
            return "true"
    return None


def menu_pages(request):
    """The home page and its live children that are shown in menus: kept between requests
    (core.content_cache) and on the request."""
    cached = getattr(request, "_seslip_menu_pages", None)
    if cached is not None:
        return cached
    site = Site.find_for_request(request)
    pages = []
    if site is not None:
        root = site.root_page
        pages = content_cache.get_or_build(
            "menu",
            lambda: [root, *Page.objects.live().in_menu().child_of(root).order_by("path")],
            site.pk,
        )
    request._seslip_menu_pages = pages
    return pages


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """Items for the service navigation: Home, each section shown in menus, then Search.

    Each item is a dict with ``title``, ``url`` and ``current`` ('page', 'true' or None, the
    value for aria-current).
    """
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    if not isinstance(page, Page):
        page = None
    items = []
    pages = menu_pages(request)
    for index, item in enumerate(pages):
        url = item.get_url(request)
        if url is None:
            continue
        if index == 0:
            # Home is current only on the home page itself, not in every section under it.
            if page is not None:
                current = "page" if page.pk == item.pk else None
            else:
                current = "page" if request.path == url else None
            items.append({"title": "Home", "url": url, "current": current})
        else:
            items.append(
                {
                    "title": item.title,
                    "url": url,
                    "current": _current_state(item.path, page, request.path, url),
                }
            )
    try:
        search_url = reverse("search")
    except NoReverseMatch:
        search_url = None
    if search_url:
        items.append(
            {
                "title": "Search",
                "url": search_url,
                "current": _current_state(None, None, request.path, search_url),
            }
        )
    return items


@register.simple_tag(takes_context=True)
def breadcrumb_items(context, page=None, include_self=False):
    """The links above the page title: the page's ancestors that belong to the site.

    Returns a list of dicts with ``title`` and ``url``, home first ("Home"). Empty on the home
    page. Without a page (the search page, error pages) it is just Home. ``include_self`` adds
    the page itself, for views of a page that are not the page (the past events archive).
    """
    request = context.get("request")
    page = page if page is not None else context.get("page")
    if not isinstance(page, Page):
        page = None
    site = Site.find_for_request(request) if request is not None else None
    root = site.root_page if site is not None else None
    if page is None:
        if root is None:
            return []
        url = root.get_url(request)
        return [{"title": "Home", "url": url}] if url else []
    if root is not None and page.pk == root.pk:
        return []
    crumbs = []
    min_depth = root.depth if root is not None else 2
    # A page served at its address knows its ancestors (core.routing): no query then.
    known = getattr(page, "route_ancestors", None)
    if known is not None:
        ancestors = [a for a in [*known, *([page] if include_self else [])] if a.depth >= min_depth]
    else:
        ancestors = page.get_ancestors(inclusive=bool(include_self)).filter(depth__gte=min_depth)
    for ancestor in ancestors:
        url = ancestor.get_url(request)
        if url is None:
            continue
        title = "Home" if root is not None and ancestor.pk == root.pk else ancestor.title
        crumbs.append({"title": title, "url": url})
    return crumbs
