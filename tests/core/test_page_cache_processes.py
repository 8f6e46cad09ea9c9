"""Two app processes on one database and one Redis share the page cache: a change published by
another process (an editor's request, the scheduler) is seen through both, never stale."""

import subprocess
import urllib.request
from types import SimpleNamespace

from tests.conftest import REPO, serve_site, start_server, stop_server

RENAME = """
from networks.models import NetworkPage
page = NetworkPage.objects.live().get(slug="ad-safeguarding-network")
page.title = "AD Safeguarding and Child Protection Network"
page.save_revision().publish()
"""


def fetch_response(url):
    """GET a page as the site's public address: behind a proxy every process sees one host."""
    request = urllib.request.Request(url, headers={"Host": "www.seslip.example"})
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return SimpleNamespace(headers=response.headers, text=response.read().decode())


def test_a_change_published_elsewhere_is_seen_through_both_processes(
    tmp_path_factory, demo_database, redis_url
):
    shared = {"REDIS_URL": redis_url, "SESLIP_PAGE_CACHE": "on"}
    with serve_site(tmp_path_factory, demo_database, "two_processes", extra_env=shared) as (
        first,
        env,
        manage,
    ):
        second, process = start_server(manage, env, tmp_path_factory.mktemp("second") / "log")
        try:
            path = "/about-networks/"
            assert fetch_response(first + path).headers["X-Page-Cache"] == "miss"
            # The page the first process stored is the one the second serves.
            seen = fetch_response(second + path)
            assert seen.headers["X-Page-Cache"] == "hit"
            assert "AD Safeguarding Network" in seen.text

            subprocess.run(
                [*manage, "shell", "-c", RENAME], cwd=REPO, env=env, check=True, timeout=120
            )

            for server in (first, second):
                fresh = fetch_response(server + path)
                assert "AD Safeguarding and Child Protection Network" in fresh.text, server
        finally:
            stop_server(process)
