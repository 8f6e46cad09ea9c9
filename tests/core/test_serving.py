"""The production server, run by `make serve` itself: slow clients are harmless, bodies over the
limit are refused before they are read, and a hundred visitors for a minute while an editor
publishes get no error and no stale page.

The site is served from a copy of the demo content, with a page cache of its own that the
editor's commands share (SESLIP_CACHE_DIR), as every process of one machine does.
"""

import socket
import subprocess
import time
import urllib.parse
from types import SimpleNamespace

import pytest

from bench.clients import SlowClients, Visits
from bench.serve import PAGES, mixed_script, wrk_command, wrk_figures
from tests.conftest import REPO, make_serve, serve_site
from tests.helpers import fetch

# Far below the 30 s after which gunicorn's sync workers were killed: on the old server (two of
# them, reading requests themselves) the slow clients held both and every visitor waited that long.
VISITOR_TIMEOUT = 5
NETWORK = "/about-networks/ad-safeguarding-network/"
NETWORK_TITLE = "AD Safeguarding Network"

EDITOR = """
import sys
from networks.models import NetworkPage
page = NetworkPage.objects.live().get(slug="ad-safeguarding-network")
print("ready", flush=True)
for line in sys.stdin:
    page.title = f"AD Safeguarding Network, revision {line.strip()}"
    page.save_revision().publish()
    print("published", line.strip(), flush=True)
"""


@pytest.fixture(scope="module")
def production_site(tmp_path_factory, demo_database):
    """The site as `make serve` serves it (the production settings and web server)."""
    folder = tmp_path_factory.mktemp("production")
    shared = {"SESLIP_CACHE_DIR": str(folder / "cache")}
    with serve_site(
        tmp_path_factory,
        demo_database,
        "production",
        extra_env=shared,
        server=make_serve,
        server_env={"STATIC_ROOT": str(folder / "static")},
    ) as (url, env, manage):
        yield SimpleNamespace(url=url, env=env, manage=manage)


def test_fifty_slow_clients_leave_other_visitors_answered(production_site):
    url = production_site.url
    visits = Visits()
    with SlowClients(url, count=50) as slow:
        time.sleep(3)  # every slow client connected and sending
        for _ in range(3):
            for _, path in PAGES:
                visits.visit(url + path, timeout=VISITOR_TIMEOUT)
        open_connections, sent = slow.open_connections(), slow.bytes_sent
    assert open_connections == 50, "the slow clients were not all connected"
    assert sent >= 50 * 10, "the slow clients were not sending"
    assert visits.failures == []
    assert len(visits.timings) == 3 * len(PAGES)
    print(f"Visitors beside 50 slow clients: p99 {visits.percentile(99) * 1000:.0f} ms")


def test_a_body_over_the_limit_is_refused_before_it_is_sent(production_site):
    parts = urllib.parse.urlsplit(production_site.url)
    with socket.create_connection((parts.hostname, parts.port), timeout=VISITOR_TIMEOUT) as sock:
        sock.sendall(
            b"POST /newsletters/subscribe/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: 100000000\r\n\r\nemail=a"
        )
        # The answer comes while 99,999,993 bytes of the body are still to come.
        answer = sock.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413 ")


@pytest.mark.in_order
def test_a_hundred_visitors_for_a_minute_while_an_editor_publishes(production_site, tmp_path):
    site = production_site
    assert NETWORK in [path for _, path in PAGES]
    editor = subprocess.Popen(
        [*site.manage, "shell", "--no-imports", "-c", EDITOR],
        cwd=REPO,
        env=site.env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    load, published = None, 0
    try:
        assert editor.stdout.readline().split() == ["ready"]
        # 30 s: a bound for each request, far above what anyone should wait (every publish makes
        # all 100 visitors' next pages fresh renders at once), and never reached here.
        command = wrk_command(
            site.url + "/", 60, 100, threads=1, timeout="30s", script=mixed_script(tmp_path)
        )
        load = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        time.sleep(3)
        while load.poll() is None and published < 10:
            published += 1
            editor.stdin.write(f"{published}\n")
            editor.stdin.flush()
            assert editor.stdout.readline().split() == ["published", str(published)]
            for path in (NETWORK, "/about-networks/"):
                started = time.monotonic()
                status, html = fetch(site.url + path)
                print(f"Publish {published}: {path} in {time.monotonic() - started:.1f} s")
                assert status == 200
                assert f"{NETWORK_TITLE}, revision {published}" in html, (path, published)
            time.sleep(2)
        output = load.communicate(timeout=120)[0]
    finally:
        editor.stdin.close()
        editor.wait(timeout=60)
        if load is not None and load.poll() is None:
            load.kill()
    print(output)
    assert published >= 3, "the editor published too few times during the load"
    figures = wrk_figures(output)
    assert figures["requests"] > 100 * len(PAGES)
    assert figures["socket_errors"] == 0
    assert figures["non_2xx"] == 0
