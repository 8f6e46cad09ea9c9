"""A full-page cache for anonymous visitors, shared by every process of the site.

Most visitors are anonymous and read pages that change once a week, yet a page costs up to ten
queries and tens of milliseconds to render. This middleware keeps each public page's whole
response in Django's default cache (files in ``var/cache/`` on one machine, Redis when
``REDIS_URL`` is set) and serves it again without touching the session, the database or a template.

What is never stored or served from the cache:

- requests that carry a session cookie (anyone logged in: editors, signatories) or a messages
  cookie (a message waiting to be shown once), an ``Authorization`` header, a query parameter
  that no page reads (``SESLIP_PAGE_CACHE_PARAMETERS``: made-up names would fill the cache), or
  are not ``GET``; the admin, documents and account pages;
- responses that are not 200, set a cookie, say ``private``, ``no-cache`` or ``no-store``, vary on
  anything but ``Cookie`` (the cache only answers requests without a session cookie, which is the
  variant it holds), or stream. Restricted pages answer anonymous visitors with a redirect to
  the login page, so they are never stored; their members are logged in, so never served one.

A page made for someone logged in names them in its header: it says ``Cache-Control: private``
as well, so that no proxy keeps it either. Anonymous visitors' pages name nobody, so they are
the same for everyone.

Invalidation is by *generation*: every cached page's key holds the current generation number, and
any change to what pages show starts a new one, so every page is rendered afresh after it. A change
is a save or deletion of a page, a snippet, a document, an image, a collection, a privacy setting,
a site setting, a redirect or a site: everything Wagtail registers as content, found from its
registries rather than named here. Pages also expire after ``SESLIP_PAGE_CACHE_SECONDS`` (ten
minutes), so lists of coming events move on with the clock. While one request renders a page
that is not cached, others for the same page wait for its copy (at most ten seconds) instead of
rendering it too: after a change, a hundred visitors cost one rendering of each page, not a
hundred. ``SESLIP_PAGE_CACHE=off`` turns the
cache off (for benchmarks of the site without it).
"""

import hashlib
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.utils.cache import cc_delim_re, patch_cache_control

from core.generations import Generation, on_content_change

GENERATION = Generation("page-cache:generation")
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/account/", "/django-admin/")
MAX_KEYED_URL = 2000  # longer addresses are rendered, not stored: they are not pages people share
CACHE_HEADER = "X-Page-Cache"
RENDERING_SECONDS = 10  # the longest a request waits for another's rendering of its page
WAIT_STEP = 0.05


def enabled() -> bool:
    return settings.SESLIP_PAGE_CACHE


def invalidate() -> None:
    """Start a new generation: every page cached so far is rendered afresh on its next visit."""
    GENERATION.advance()


def _key(request, generation: int) -> str:
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()
    return f"page-cache:{generation}:{digest}"


def _request_is_cacheable(request) -> bool:
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path.startswith(EXCLUDED_PREFIXES)
        and len(request.get_full_path()) <= MAX_KEYED_URL
        and set(request.GET) <= settings.SESLIP_PAGE_CACHE_PARAMETERS
    )


def _response_is_cacheable(response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = {
        part.split("=")[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if cache_control & {"private", "no-cache", "no-store"}:
        return False
    varies = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    return varies <= {"cookie"}


def _private_when_logged_in(request, response):
    """A page made for someone logged in (it names them in the header) is theirs alone: no
    shared cache or proxy may keep it."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        patch_cache_control(response, private=True)
    return response


class PageCacheMiddleware:
    """Serves anonymous visitors' public pages from the shared cache (see the module's text)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _request_is_cacheable(request):
            return _private_when_logged_in(request, self.get_response(request))
        if not enabled():
            return self.get_response(request)
        try:
            key = _key(request, GENERATION.current())
        except Exception:  # noqa: BLE001 - a bad Host header: let Django answer it as usual
            return self.get_response(request)
        cached = cache.get(key)
        rendering = f"{key}:rendering"
        renders = cached is None and cache.add(rendering, 1, RENDERING_SECONDS)
        if cached is None and not renders:
            cached = _wait_for(key, rendering)
        if cached is not None:
            cached[CACHE_HEADER] = "hit"
            return cached
        try:
            response = self.get_response(request)
            if _response_is_cacheable(response):
                if hasattr(response, "render") and callable(response.render):
                    response.render()
                response[CACHE_HEADER] = "miss"
                cache.set(key, response, settings.SESLIP_PAGE_CACHE_SECONDS)
        finally:
            if renders:
                cache.delete(rendering)
        return response


def _wait_for(key, rendering):
    """Another request is rendering this page (after a change, every visitor asks for pages that
    are not cached): wait for its copy rather than render it too, for as long as it is at work
    and at most RENDERING_SECONDS. None if it stored nothing (the page is not cacheable)."""
    deadline = time.monotonic() + RENDERING_SECONDS
    while time.monotonic() < deadline:
        time.sleep(WAIT_STEP)
        cached = cache.get(key)
        if cached is not None or not cache.has_key(rendering):
            return cached
    return None


# --- invalidation ---------------------------------------------------------------------------


def connect_signals() -> None:
    """Called once from the app's ``ready()``."""
    on_content_change(lambda: transaction.on_commit(invalidate), "page_cache")
