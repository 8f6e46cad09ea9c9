"""Fixtures shared by every app's tests.

Database tests build the site with the apps' factories: ``home_page`` makes the home page the
default Site's root, and ``site_root`` adds the four section pages under it.

Browser tests (``@pytest.mark.browser``) drive Debian's Chromium against ``live_site``: the real
site served by ``manage.py runserver`` from its own database, a copy of ``demo_database`` (filled
once by ``load_demo_content``).
"""

import contextlib
import fcntl
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import psycopg
import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client
from playwright.sync_api import expect, sync_playwright
from pytest_django.plugin import blocking_manager_key

from benchmarking.queries import data_changed
from contacts.factories import PersonFactory
from core import content_cache, database
from events.factories import EventIndexPageFactory
from networks.factories import NetworkIndexPageFactory
from newsletters.factories import NewsletterIndexPageFactory
from seslip.factories import ContactsIndexPageFactory, HomePageFactory, SiteSettingsFactory
from tests.helpers import BROWSER_WAIT_MS, MORE_PAGES, Html, fetch
from tests.scheduling import FileScheduling
from tests.two_factor import verified_login

REPO = Path(__file__).resolve().parent.parent
MANAGE = [sys.executable, str(REPO / "manage.py")]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# --- the site, built with factories ------------------------------------------------------------


@pytest.fixture(autouse=True)
def _benchmarking_reference_read_afresh():
    """Each test starts from its own database state (the last one was rolled back), so the
    benchmarking pages read their reference data afresh (benchmarking.queries.reference)."""
    data_changed()


@pytest.fixture
def home_page(db):
    """The home page, in place of Wagtail's welcome page as the default Site's root."""
    return HomePageFactory()


@pytest.fixture
def site_root(home_page):
    """The home page and its four section pages, at their real addresses."""
    return SimpleNamespace(
        home=home_page,
        newsletters=NewsletterIndexPageFactory(parent=home_page),
        networks=NetworkIndexPageFactory(parent=home_page),
        events=EventIndexPageFactory(parent=home_page),
        contacts=ContactsIndexPageFactory(parent=home_page),
    )


@pytest.fixture
def programme_manager(home_page):
    """The programme manager named in the site settings (shown at the end of every update)."""
    person = PersonFactory(
        name="Mark Evans",
        role="SESLIP Programme Manager",
        phone="07700 900123",
        email="mark.evans@example.org",
        organisation__name="SESLIP",
    )
    SiteSettingsFactory(programme_manager=person)
    return person


@pytest.fixture
def admin_client(admin_user):
    """pytest-django's admin_client, past two-factor authentication (which superusers need)."""
    return verified_login(Client(), admin_user)


@pytest.fixture
def safe_client():
    """A test client that turns server errors into 500 responses instead of raising them."""
    return Client(raise_request_exception=False)


def pytest_xdist_make_scheduler(config, log):
    """Test files to xdist's workers the slowest first, long sweeps split (tests/scheduling.py)."""
    if config.getvalue("dist") == "loadfile":
        return FileScheduling(config, log)
    return None


# --- tests on a committed database ----------------------------------------------------------


def _runs_on_a_committed_database(item):
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(
        (marker is not None and marker.kwargs.get("transaction"))
        or "transactional_db" in fixtures
        or "live_server" in fixtures
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A test on a committed database (``transaction=True``, always with
    ``serialized_rollback=True`` here) ends by emptying every table; put back at once the rows
    the migrations made (Wagtail's root page, content types, groups). Alone, pytest-django runs
    such tests after all the others; under pytest-xdist, tests that roll back may follow them on
    the same worker and must find those rows. After the last test there is none to give them to:
    the test database is gone by then, and the connection names the development one again."""
    yield
    if (
        nextitem is not None
        and _runs_on_a_committed_database(item)
        and hasattr(connection, "_test_serialized_contents")
    ):
        with item.config.stash[blocking_manager_key].unblock():
            connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


# --- Redis, for what several processes must share ----------------------------------------------


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A real Redis server (Debian's redis-server) on a free loopback port, for this test run."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.fail(
            "redis-server is missing: `make test` installs it (apt-get install redis-server)"
        )
    port = _free_port()
    folder = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [
            server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(16).startswith(b"+PONG"):
                    break
        except OSError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            pytest.fail("redis-server did not start", pytrace=False)
        time.sleep(0.1)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


# --- S3-compatible storage ------------------------------------------------------------------


@pytest.fixture(scope="session")
def s3_endpoint(tmp_path_factory):
    """A real S3-compatible server (moto in server mode) on a free loopback port."""
    port = _free_port()
    log_path = tmp_path_factory.mktemp("s3") / "moto.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(url + "/", process, log_path)
        yield url
    finally:
        stop_server(process)


# --- the real site for the browser -------------------------------------------------------------


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _admin_connection():
    settings = database.start()
    return settings, psycopg.connect(
        host=settings["HOST"],
        port=settings["PORT"],
        user="postgres",
        dbname="postgres",
        autocommit=True,
    )


def _drop_database(name):
    _, conn = _admin_connection()
    with conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _run(args, env, what):
    result = subprocess.run(
        args, cwd=REPO, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    if result.returncode != 0:
        pytest.fail(
            f"{what} failed ({result.returncode}):\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-6000:]}",
            pytrace=False,
        )


def _build_css():
    """Build the CSS when it is missing (`make install` builds it too), so pages are styled."""
    if (REPO / "static/dist/css/main.css").exists():
        return
    if (REPO / "static/src/scss/main.scss").exists() and shutil.which("npm"):
        _run(["npm", "run", "--silent", "build"], dict(os.environ), "Building the CSS")


def _wait_until_serving(url, process, log_path, timeout=180, ssl_context=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"The server stopped ({process.returncode}):\n{log_path.read_text()[-6000:]}",
                pytrace=False,
            )
        try:
            urllib.request.urlopen(url, timeout=5, context=ssl_context)  # noqa: S310
            return
        except urllib.error.HTTPError:
            return  # it answers, if only with an error page
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"The server did not answer within {timeout} s:\n{log_path.read_text()[-6000:]}")


# The environment and manage.py command of the live site's server, for ``live_manage``.
_LIVE_SITE = {}
# The logs of the sites being served, shown (their last lines) beside a browser test's failure.
_SERVER_LOGS = set()
SERVER_LOG_LINES = 60
# What the test's browser tab reported: script errors, failed requests, console errors and warnings.
TAB_MESSAGES = pytest.StashKey[list]()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failing browser test reports what its tab's scripts said and what each site it may
    have used has just logged: the requests it answered, and any error behind a page that did
    not show."""
    outcome = yield
    report = outcome.get_result()
    if report.failed and item.get_closest_marker("browser"):
        if messages := item.stash.get(TAB_MESSAGES, []):
            report.sections.append(("browser tab messages", "\n".join(messages)))
        for log in sorted(_SERVER_LOGS):
            tail = "\n".join(log.read_text(errors="replace").splitlines()[-SERVER_LOG_LINES:])
            report.sections.append((f"server log {log.parent.name} (last lines)", tail))


def _database_name(suffix):
    base = os.environ.get("SESLIP_TEST_DB", "test_seslip")
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return f"{base}_{suffix}_{worker}" if worker else f"{base}_{suffix}"


def _site_env(settings, name, media_root, extra_env=None):
    """The environment of manage.py commands on the database ``name``."""
    host = urllib.parse.quote(settings["HOST"], safe="")
    return {
        **os.environ,
        "DATABASE_URL": f"postgresql://postgres@{host}:{settings['PORT']}/{name}",
        "DJANGO_SETTINGS_MODULE": "seslip.settings.test",
        "MEDIA_ROOT": str(media_root),
        "PYTHONUNBUFFERED": "1",
        **(extra_env or {}),
    }


def _copy_database(conn, template, name, timeout=30):
    """CREATE DATABASE … TEMPLATE, once the commands that filled the template have let go of it
    (PostgreSQL ends a closed session's backend a moment after the client goes)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
            return
        except psycopg.errors.ObjectInUse:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


# `make test` (tests/parallel.py) runs several pytest processes at once. They share two databases
# it names in SESLIP_TEST_SHARED_DB: one migrated, from which each process's test database is
# copied, and one with the demo content, from which each live site is copied. The first process
# that needs one builds it, holding a lock in SESLIP_TEST_RUN (the run's folder); the others
# wait for it and copy it. tests/parallel.py drops them when the run ends. A lone `pytest` builds
# its own.
SHARED_DB = os.environ.get("SESLIP_TEST_SHARED_DB")
SHARED_RUN = Path(os.environ["SESLIP_TEST_RUN"]) if os.environ.get("SESLIP_TEST_RUN") else None


_LOCK = {"file": None, "depth": 0}


@contextlib.contextmanager
def _shared_lock():
    """The run's lock on its shared databases: one process at a time builds or copies them
    (PostgreSQL copies a database only while nobody else uses it). Re-entrant."""
    if _LOCK["depth"] == 0:
        _LOCK["file"] = open(SHARED_RUN / "databases.lock", "w")  # noqa: SIM115
        fcntl.flock(_LOCK["file"], fcntl.LOCK_EX)
    _LOCK["depth"] += 1
    try:
        yield
    finally:
        _LOCK["depth"] -= 1
        if _LOCK["depth"] == 0:
            _LOCK["file"].close()  # closing lets go of the lock


def _migrated(settings, conn, name, media):
    """Make ``name`` a migrated database: a copy of the run's shared one, built first if needed."""
    if SHARED_DB is None:
        conn.execute(f'CREATE DATABASE "{name}"')
        _run([*MANAGE, "migrate", "--noinput", "-v0"], _site_env(settings, name, media), "migrate")
        return
    template = f"{SHARED_DB}_migrated"
    built = SHARED_RUN / f"{template}.built"
    with _shared_lock():
        if not built.exists():
            conn.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{template}"')
            env = _site_env(settings, template, media)
            _run([*MANAGE, "migrate", "--noinput", "-v0"], env, "migrate")
            built.touch()
        _copy_database(conn, template, name)


@pytest.fixture(scope="session")
def django_db_keepdb(request):
    """Under `make test`, each process's test database is a copy of the run's migrated one
    (made in django_db_modify_db_settings): Django keeps it, and tests/parallel.py drops it."""
    return SHARED_DB is not None or request.config.getvalue("reuse_db")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """Under `make test`, the test database starts as a copy of the run's migrated database."""
    if SHARED_DB is None:
        return
    name = django_settings.DATABASES["default"]["TEST"]["NAME"]
    settings, conn = _admin_connection()
    with conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        _migrated(settings, conn, name, tmp_path_factory.mktemp("migrate-media"))


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory):
    """A database migrated and filled by ``load_demo_content``, and its media files: made once
    (once for the whole run under `make test`), and copied for each live site (a copy takes
    seconds; loading the content takes minutes)."""
    shared = SHARED_DB is not None
    name = f"{SHARED_DB}_demo" if shared else _database_name("demo")
    media = SHARED_RUN / "demo-media" if shared else tmp_path_factory.mktemp("demo-media")
    built = SHARED_RUN / f"{name}.built" if shared else None
    settings, conn = _admin_connection()
    with conn, contextlib.ExitStack() as stack:
        if shared:
            stack.enter_context(_shared_lock())
        if not (shared and built.exists()):
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            _migrated(settings, conn, name, media)
            media.mkdir(exist_ok=True)
            env = _site_env(settings, name, media)
            _run([*MANAGE, "load_demo_content"], env, "load_demo_content")
            if shared:
                built.touch()
    try:
        yield name, media
    finally:
        if not shared:
            _drop_database(name)


def start_server(manage, env, log_path, server=None, tls=None):
    """Start ``manage.py runserver`` (or ``server(port)``'s command) on a free port; return
    ``(url, process)`` once it answers. With ``tls``, the ``ssl.SSLContext`` that trusts the
    server's certificate, the site is served over HTTPS on ``localhost``."""
    port = _free_port()
    command = server(port) if server else [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"]
    with open(log_path, "w") as log:
        # A session of its own, so that stop_server stops the server's children too (`make serve`).
        process = subprocess.Popen(
            command,
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"https://localhost:{port}" if tls else f"http://127.0.0.1:{port}"
    _wait_until_serving(url + "/", process, log_path, ssl_context=tls)
    return url, process


def _signal_server(process, signal_number):
    """Send a signal to the server and, when it leads a process group, to all of that group."""
    with contextlib.suppress(ProcessLookupError):
        if os.getpgid(process.pid) == process.pid:
            os.killpg(process.pid, signal_number)
        else:
            process.send_signal(signal_number)


def make_serve(port, *make_args):
    """The command of ``serve_site``'s ``server``: the production configuration as `make serve`
    runs it (its web server, the production settings, collected static files), on ``port``.
    The embedded database stays up while it runs: the test session holds it too."""
    return ["make", "-s", "serve", f"PORT={port}", *make_args]


def stop_server(process):
    _signal_server(process, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        _signal_server(process, signal.SIGKILL)
        process.wait()


@contextlib.contextmanager
def serve_site(
    tmp_path_factory,
    demo_database,
    suffix,
    extra_env=None,
    setup=(),
    server=None,
    server_env=None,
    tls=None,
):
    """Serve the real site with the demo content from its own database, for a browser.

    Yields ``(url, env, manage)``. The database and media files are a copy of ``demo_database``
    (the fixture). ``extra_env`` is added to the server's environment (say, an SMTP server);
    ``setup`` holds manage.py argument lists run before the server starts.

    ``server``, a function of the port, gives the command that serves the site in place of
    ``manage.py runserver`` (say, ``make_serve``: the production configuration), with ``server_env``
    added to its environment only; ``tls`` is then the ``ssl.SSLContext`` that trusts its
    certificate, and the site is served over HTTPS on ``localhost``.
    """
    _build_css()
    template, demo_media = demo_database
    name = _database_name(suffix)
    settings, conn = _admin_connection()
    with conn, _shared_lock() if SHARED_DB else contextlib.nullcontext():
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        _copy_database(conn, template, name)
    tmp = tmp_path_factory.mktemp(f"{suffix}-site")
    shutil.copytree(demo_media, tmp / "media")
    env = _site_env(settings, name, tmp / "media", extra_env)
    manage = MANAGE
    process = None
    try:
        for args in setup:
            _run([*manage, *args], env, " ".join(args[:2]))
        url, process = start_server(
            manage, {**env, **(server_env or {})}, tmp / "server.log", server=server, tls=tls
        )
        _SERVER_LOGS.add(tmp / "server.log")
        yield url, env, manage
    finally:
        _SERVER_LOGS.discard(tmp / "server.log")
        if process is not None:
            stop_server(process)
        _drop_database(name)


@pytest.fixture(scope="session")
def live_site(tmp_path_factory, demo_database):
    """The base URL of the real site with the demo content, served for the browser."""
    with serve_site(tmp_path_factory, demo_database, "browser") as (url, env, manage):
        _LIVE_SITE.update(env=env, manage=manage)
        yield url


@pytest.fixture(scope="session")
def live_manage(live_site):
    """Run a manage.py command on the live site's database, e.g. to add an editor:
    ``live_manage("createsuperuser", "--noinput", env={"DJANGO_SUPERUSER_USERNAME": …})``."""

    def run(*args, env=None):
        _run([*_LIVE_SITE["manage"], *args], {**_LIVE_SITE["env"], **(env or {})}, args[0])

    return run


def _first_href_in_main(base_url, path, pattern):
    """The first link in a page's main content whose address matches ``pattern``."""
    status, html = fetch(base_url + path)
    assert status == 200, f"{path} answered {status}"
    for href, _ in Html(html).main.links:
        if re.fullmatch(pattern, href):
            return href
    pytest.fail(f"No link like {pattern} on {path} in the demo content", pytrace=False)


def _first_link_in_main(base_url, path, keep):
    status, html = fetch(base_url + path)
    assert status == 200, f"{path} answered {status}"
    for href, _ in Html(html).main.heading_links:
        if keep(href):
            return href
    pytest.fail(f"No link to follow on {path} in the demo content", pytrace=False)


@pytest.fixture(scope="session")
def demo_pages(live_site):
    """Name -> path of a page of every type in the demo content (the 404 page included)."""

    def is_event(href):
        return not href.startswith("/events/past") and "?" not in href and href != "/events/"

    network = _first_link_in_main(
        live_site, "/about-networks/", lambda h: h.startswith("/about-networks/") and len(h) > 16
    )
    event = _first_link_in_main(live_site, "/events/", is_event)
    past_event = _first_link_in_main(live_site, "/events/past/", is_event)
    update_298 = "/newsletters/update-no-298-20-april-2018/"
    # Someone named in update 298's contact details, and a news item that mentions them.
    person = _first_href_in_main(live_site, update_298, r"/contacts/\d+/")
    news_item = _first_href_in_main(live_site, person, r"/newsletters/items/\d+/")
    # The programme manager, whose address the seeds publish: their page has the message form.
    messaged = _first_href_in_main(live_site, "/contacts/?q=Richard+Tyndall", r"/contacts/\d+/")
    return {
        "home": "/",
        "standard page": "/about/",
        "plan": "/regional-improvement-plan-2024-25/",
        "network index": "/about-networks/",
        "network": network,
        "events": "/events/",
        "past events": "/events/past/",
        "event": event,
        "past event": past_event,
        "contacts": "/contacts/",
        "newsletters": "/newsletters/",
        "update 298": update_298,
        "update 298, printable": update_298 + "print/",
        "news item": news_item,
        "person": person,
        "person with a message form": messaged,
        "send a message": messaged + "message/",
        "message sent": messaged + "message/sent/",
        "search results": "/search/?q=safeguarding",
        "search without results": "/search/?q=qwxzvbnmplk",
        "search for a misspelt word": "/search/?q=safegaurding",
        "logged out": "/account/logged-out/",
        "404 page": "/no-such-page/",
    }


@pytest.fixture(scope="session")
def public_pages(demo_pages, live_site):
    """``demo_pages`` and the public pages of MORE_PAGES (tests/helpers.py), with the latest
    update found in the archive."""
    latest = _first_href_in_main(live_site, "/newsletters/", r"/newsletters/update-[\w-]+/")
    return {**demo_pages, **MORE_PAGES, "latest update": latest}


@pytest.fixture(scope="module")
def browser():
    """Chromium, for one test module at a time.

    While Playwright's sync API is open it marks an asyncio loop as running in this thread, and
    Django refuses database queries from a thread with a running loop (SynchronousOnlyOperation).
    Closing it after each module leaves no loop behind for the database tests that follow, in
    whatever order tests run. ``make test`` runs the browser tests in a process of their own
    anyway (tests/parallel.py)."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


expect.set_options(timeout=BROWSER_WAIT_MS)


@pytest.fixture
def page(browser, request):
    """A fresh browser tab (its own context: no cookies or history from other tests). Its
    script errors, failed requests and console errors and warnings are shown if the test fails."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.set_default_timeout(BROWSER_WAIT_MS)
    tab = context.new_page()
    messages = request.node.stash.setdefault(TAB_MESSAGES, [])
    tab.on("pageerror", lambda error: messages.append(f"script error: {error}"))
    tab.on(
        "requestfailed",
        lambda req: messages.append(f"request failed: {req.method} {req.url} {req.failure}"),
    )

    def on_console(message):
        if message.type in ("error", "warning"):
            messages.append(f"console {message.type}: {message.text}")

    tab.on("console", on_console)
    yield tab
    context.close()


@pytest.fixture(scope="session")
def axe_source():
    """axe-core, to run in a page with ``page.evaluate(axe_source)``: DevTools evaluation, not a
    ``<script>`` element, which the site's Content-Security-Policy would refuse."""
    return (REPO / "node_modules/axe-core/axe.min.js").read_text()


@pytest.fixture(scope="session")
def vnu_jar():
    jar = REPO / "node_modules/vnu-jar/build/dist/vnu.jar"
    if not jar.exists():
        pytest.fail("node_modules/vnu-jar is missing: run `make install`", pytrace=False)
    return jar


@pytest.fixture(autouse=True)
def fresh_content_cache():
    """Each test starts from the database the last one rolled back, which sends no signal: what
    core.content_cache keeps between requests starts afresh too."""
    content_cache.invalidate()
