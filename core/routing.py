"""Finding the page at an address without a query, however deep it is.

Wagtail routes from the home page one level at a time: two queries a level (the child with the
slug, then its specific form). ``route_from`` looks the address up in a table of every page's
``url_path`` and reads the page found, in its specific form and with its ancestors, both kept in
the content cache (``core.content_cache``) until the next change to content. It follows
Wagtail's rules: a routable page's own sub-routes (``feed/``, ``print/``, ``2026/4/``) come
before its children, and a non-live page is not served. The ancestors it read are kept on the
page found (``route_ancestors``), so that its breadcrumbs need no query; its view restrictions
come from the content cache too.
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction

from . import content_cache

# An address with more parts than this is routed level by level, as Wagtail does (it would
# fail at the first unknown part anyway); the site's deepest page is four levels down.
MAX_PARTS = 8


def _addresses(root):
    """Every page under ``root`` by its ``url_path``: its id, content type and whether it is
    live. One query, kept in the content cache (in each process's memory too)."""
    return {
        url_path: (pk, content_type_id, live)
        for url_path, pk, content_type_id, live in Page.objects.filter(
            path__startswith=root.path, depth__gt=root.depth
        ).values_list("url_path", "pk", "content_type_id", "live")
    }


def _specific_with_ancestors(pk):
    """A page in its specific form and its ancestors, root first: what serving it reads."""
    page = Page.objects.get(pk=pk)
    return page.specific, list(page.get_ancestors())


def _has_sub_route(address, components) -> bool:
    """Whether a live routable page answers these remaining parts itself (from its class: no
    query)."""
    _, content_type_id, live = address
    page_class = ContentType.objects.get_for_id(content_type_id).model_class()
    if not (live and page_class and issubclass(page_class, RoutablePageMixin)):
        return False
    try:
        page_class.get_resolver().resolve("/" + "".join(f"{part}/" for part in components))
    except Http404:
        return False
    return True


def route_from(root, request, path_components):
    """What ``root.route(request, path_components)`` returns, from the content cache (no query
    once kept); None when the address is the root's own or names no page under it (let
    Wagtail answer those)."""
    if not path_components or len(path_components) > MAX_PARTS:
        return None
    addresses = content_cache.get_or_build(
        "addresses", lambda: _addresses(root), root.pk, in_process=True
    )
    address = None
    for depth in range(len(path_components)):
        prefix = root.url_path + "".join(f"{part}/" for part in path_components[: depth + 1])
        child = addresses.get(prefix)
        rest = path_components[depth:]
        if address is not None and (child is None or _has_sub_route(address, rest)):
            return _finish(address, request, rest)
        if child is None:
            return None  # no page of the home page's: Wagtail's own routing says so
        address = child
    return _finish(address, request, [])


def _finish(address, request, components):
    """Let the page found (in its specific form) route what is left of the address."""
    pk = address[0]
    specific, ancestors = content_cache.get_or_build(
        "routed-page", lambda: _specific_with_ancestors(pk), pk
    )
    specific.route_ancestors = ancestors
    return specific.route(request, components)


class RoutedPageMixin:
    """For every page model: its view restrictions read from the content cache, not queried."""

    def get_view_restrictions(self):
        """The restrictions on this page and its ancestors (Wagtail's), from those kept in the
        content cache: a queryset of them holding the kept rows, so that looping over it (as
        Wagtail does before serving the page) runs no query. With an alias on the way, whose
        original's restrictions apply instead, Wagtail's own lookup."""
        restrictions, alias_paths = content_cache.privacy()
        if any(self.path.startswith(path) for path in alias_paths):
            return super().get_view_restrictions()
        found = [r for r in restrictions if self.path.startswith(r.page_path)]
        queryset = PageViewRestriction.objects.filter(pk__in=[r.pk for r in found])
        queryset._result_cache = found  # what the query returns, as the cache holds it
        return queryset
