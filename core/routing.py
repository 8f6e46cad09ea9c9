"""Finding the page at an address in two queries, however deep it is.

Wagtail routes from the home page one level at a time: two queries a level (the child with the
slug, then its specific form). ``route_from`` reads every page the address could pass through
in one query by their ``url_path``, then only the page found in its specific form. It follows
Wagtail's rules: a routable page's own sub-routes (``feed/``, ``print/``, ``2026/4/``) come
before its children, and a non-live page is not served. The ancestors it read are kept on the
page found (``route_ancestors``), so that its breadcrumbs need no query; its view restrictions
come from the content cache.
"""

from django.db.models import Q
from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction

from . import content_cache

# An address with more parts than this is routed level by level, as Wagtail does (it would
# fail at the first unknown part anyway); the site's deepest page is four levels down.
MAX_PARTS = 8


def _has_sub_route(page, components) -> bool:
    """Whether a live routable page answers these remaining parts itself (from its class: no
    query)."""
    page_class = page.specific_class
    if not (page.live and page_class and issubclass(page_class, RoutablePageMixin)):
        return False
    try:
        page_class.get_resolver().resolve("/" + "".join(f"{part}/" for part in components))
    except Http404:
        return False
    return True


def route_from(root, request, path_components):
    """What ``root.route(request, path_components)`` returns, in two queries; None when the
    address is the root's own or names no page under it (let Wagtail answer those)."""
    if not path_components or len(path_components) > MAX_PARTS:
        return None
    prefixes = [
        root.url_path + "".join(f"{part}/" for part in path_components[:n])
        for n in range(1, len(path_components) + 1)
    ]
    ancestor_paths = [root.path[:n] for n in range(Page.steplen, len(root.path), Page.steplen)]
    found = {}
    ancestors = []
    for page in Page.objects.filter(
        Q(url_path__in=prefixes, path__startswith=root.path) | Q(path__in=ancestor_paths)
    ):
        if page.path in ancestor_paths:
            ancestors.append(page)
        else:
            found[page.url_path] = page
    ancestors.sort(key=lambda page: page.path)
    ancestors.append(root)
    page = root
    for depth, prefix in enumerate(prefixes):
        child = found.get(prefix)
        if page is not root and (child is None or _has_sub_route(page, path_components[depth:])):
            return _finish(page, request, path_components[depth:], ancestors[:-1])
        if child is None:
            return None  # no page of the home page's: Wagtail's own routing says so
        page = child
        ancestors.append(child)
    return _finish(page, request, [], ancestors[:-1])


def _finish(page, request, components, ancestors):
    """Let the page found (in its specific form) route what is left of the address."""
    specific = page.specific
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
