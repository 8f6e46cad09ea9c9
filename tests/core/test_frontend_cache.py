"""A CDN or caching proxy in front of the site is told to forget a page when it is published
(Wagtail's frontend cache, configured by FRONTEND_CACHE_PURGE_URL)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from seslip.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def purges():
    """A real HTTP server on loopback that records the PURGE requests it is sent."""
    received = []

    class Proxy(BaseHTTPRequestHandler):
        def do_PURGE(self):  # noqa: N802 - the HTTP method's name
            received.append((self.headers["Host"], self.path))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", received
    server.shutdown()
    server.server_close()


def test_publishing_a_page_purges_it_from_the_proxy(
    site_root, settings, purges, django_capture_on_commit_callbacks
):
    location, received = purges
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location,
        }
    }
    page = StandardPageFactory(parent=site_root.home, title="Our aims", slug="aims")
    page.title = "Our aims for 2026"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert ("localhost", "/aims/") in received
    received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert ("localhost", "/aims/") in received
