"""The main navigation and the breadcrumbs, computed in Python for the header and page templates."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Q, Subquery
from django.urls import NoReverseMatch, reverse
from wagtail.models import Page, Site

from core import content_cache

from ..models import PlanPage, StandardPage

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
    """The home page, its live children that are shown in menus, and the newest plan page (not
    the older ones), whatever year it is for: kept between requests (core.content_cache) and
    on the request."""
    cached = getattr(request, "_seslip_menu_pages", None)
    if cached is not None:
        return cached
    site = Site.find_for_request(request)
    pages = []
    if site is not None:
        root = site.root_page
        pages = content_cache.get_or_build("menu", lambda: _menu_pages(root), site.pk)
    request._seslip_menu_pages = pages
    return pages


def _menu_pages(root):
    """One query: the root's live children shown in menus or that are plans, each standard
    page with its short menu title; of the plans, only the newest."""
    plan_type = ContentType.objects.get_for_model(PlanPage)
    menu_title = StandardPage.objects.filter(pk=OuterRef("pk")).values("menu_title")
    children = list(
        Page.objects.live()
        .child_of(root)
        .filter(Q(show_in_menus=True) | Q(content_type=plan_type))
        .annotate(menu_title=Subquery(menu_title))
        .order_by("path")
    )
    plans = [page for page in children if page.content_type_id == plan_type.pk]
    current_plan = PlanPage.newest(plans)
    pages = [root]
    for page in children:
        if page in plans:
            if page is not current_plan:
                continue
            page.menu_label = PlanPage.menu_label
        pages.append(page)
    return pages


def _menu_links(request):
    """The menu's links as (title, address, tree path, page id, whether it is Home) for the
    request's site: Home first, then each section. Kept in the content cache (in each process's
    memory too)."""
    site = Site.find_for_request(request)

    def build():
        links = []
        for index, item in enumerate(menu_pages(request)):
            url = item.get_url(request)
            if url is None:
                continue
            home = index == 0
            title = "Home" if home else item.menu_title or getattr(item, "menu_label", item.title)
            links.append((title, url, item.path, item.pk, home))
        return tuple(links)

    return content_cache.get_or_build(
        "menu-links", build, site.pk if site is not None else None, in_process=True
    )


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
    for title, url, path, pk, home in _menu_links(request):
        if home:
            # Home is current only on the home page itself, not in every section under it.
            if page is not None:
                current = "page" if page.pk == pk else None
            else:
                current = "page" if request.path == url else None
        else:
            current = _current_state(path, page, request.path, url)
        items.append({"title": title, "url": url, "current": current})
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
