"""What nearly every page reads, kept between requests in Django's cache: the site that answers
a host name (with its home page), the site settings, the menu, which sections are restricted,
rich text links and event dates.

Without it each page would look them up again: four to six of its queries. Entries are keyed by
a *generation* of their own, which every change to content starts afresh (the same changes as
the page cache's: ``generations.on_content_change``), at once and again when
the change commits, so that no request between the two keeps an old copy. Unlike the page
cache it is always on: ``SESLIP_PAGE_CACHE=off`` measures the site with it.

Values that nobody changes once built (rendered fragments, the table of addresses) are also
kept in each process's memory for the rest of their generation (``in_process=True``): reading
them then costs neither a file nor unpickling. Every process still reads the generation from the
shared cache once a request, so a change made through one process is seen by all the others on
their next request.
"""

import contextvars
import hashlib
import threading

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import F, Q
from django.http.request import split_domain_port
from django.utils.functional import cached_property
from wagtail.models import Page, PageManager, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname
from wagtail.query import PageQuerySet

from core.generations import Generation, on_content_change

GENERATION = Generation("content-cache:generation")
TIMEOUT = 60 * 60  # an hour: changes start a new generation anyway
_MISSING = object()
IN_PROCESS_LIMIT = 5000  # values kept in a process's memory for one generation, at most


# The generation a request read when it began (SiteMiddleware): a page reads the cache a dozen
# times, and the generation once. None outside requests, and after a change within one.
_request_generation = contextvars.ContextVar("content_cache_generation", default=None)


def _generation() -> int:
    generation = _request_generation.get()
    return GENERATION.current() if generation is None else generation


def invalidate() -> None:
    """Start a new generation: everything kept so far is read afresh on its next use."""
    GENERATION.advance()
    _request_generation.set(None)  # this request reads the new one from now on


class _InProcess:
    """Values of one generation kept in this process's memory, for every thread of it."""

    def __init__(self):
        self.lock = threading.Lock()
        self.generation = None
        self.values = {}

    def get(self, generation, key):
        with self.lock:
            if generation != self.generation:
                return _MISSING
            return self.values.get(key, _MISSING)

    def set(self, generation, key, value):
        with self.lock:
            if generation != self.generation or len(self.values) >= IN_PROCESS_LIMIT:
                self.generation, self.values = generation, {}
            self.values[key] = value


_in_process = _InProcess()


def get_or_build(name, build, *parts, in_process=False):
    """The value kept under ``name`` and ``parts`` in this generation, built and kept if there
    is none. ``build`` must return something that pickles. ``in_process``: the value is never
    changed by those who read it (a string, a tuple), so it is shared by the threads of this
    process as well, without reading the shared cache again."""
    generation = _generation()
    digest = hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()
    key = f"content-cache:{generation}:{name}:{digest}"
    if in_process:
        value = _in_process.get(generation, key)
        if value is not _MISSING:
            return value
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(key, value, TIMEOUT)
    if in_process:
        _in_process.set(generation, key, value)
    return value


class KeptCountPaginator(Paginator):
    """A paginator whose count is kept in the content cache: a long listing then asks the
    database only for the rows of the page shown. ``key`` names the listing and everything that
    narrows it (the index page, a year, a chosen filter; not the page number): never what a
    visitor typed, or each new word would keep a count of its own."""

    def __init__(self, object_list, per_page, key):
        super().__init__(object_list, per_page)
        self.key = key

    @cached_property
    def count(self):
        return get_or_build("count", self._count, *self.key, in_process=True)

    def _count(self):
        return super().count


def _site_for_host(hostname, port):
    try:
        site = get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None
    site.root_page.specific  # noqa: B018 - kept with the site: every page is routed from it
    return site


class SiteMiddleware:
    """Gives each request its Wagtail site (``Site.find_for_request``) from the content cache,
    with the site's home page already in its specific form, and reads the generation once for
    the whole request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_generation.set(GENERATION.current())
        try:
            hostname = split_domain_port(request._get_raw_host())[0]
            port = request.get_port()
            site = get_or_build("site", lambda: _site_for_host(hostname, port), hostname, port)
            if site is not None:
                request._wagtail_site = site  # where Site.find_for_request keeps it
            return self.get_response(request)
        finally:
            _request_generation.reset(token)


def _privacy():
    restrictions = list(
        PageViewRestriction.objects.annotate(page_path=F("page__path")).defer("password")
    )
    aliases = list(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True))
    return restrictions, aliases


def privacy():
    """Every page view restriction (each with its page's tree path, ``page_path``, and without
    its password, read only when a visitor gives one) and the tree paths of every alias page:
    what serving and listing pages read about privacy, kept between requests."""
    return get_or_build("privacy", _privacy)


def restricted_paths():
    """The tree paths of every page with a view restriction (each restricts its descendants
    too): what ``PageQuerySet.public()`` reads on every listing."""
    return [restriction.page_path for restriction in privacy()[0]]


class CachedPrivacyQuerySet:
    """A PageQuerySet mixin whose ``public()`` leaves out restricted sections using
    ``restricted_paths()`` instead of querying the restrictions each time."""

    def private_q(self):
        q = Q()
        for path in restricted_paths():
            q |= Q(path__startswith=path)
        return q if q else Q(pk__in=[])


class CachedPrivacyPageQuerySet(CachedPrivacyQuerySet, PageQuerySet):
    """Wagtail's page queryset with ``public()`` from the content cache."""


# For page models listed with ``public()``: ``objects = CachedPrivacyPageManager()``.
CachedPrivacyPageManager = PageManager.from_queryset(CachedPrivacyPageQuerySet)


# --- invalidation ---------------------------------------------------------------------------


def _invalidate_now_and_on_commit():
    invalidate()
    transaction.on_commit(invalidate)


def connect_signals() -> None:
    """Called once from the app's ``ready()``."""
    on_content_change(_invalidate_now_and_on_commit, "content_cache")
