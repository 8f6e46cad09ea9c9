"""A worker killed (SIGKILL) half-way through sending resumes with nobody missed or sent twice.

The real worker (`manage.py run_worker`, django-tasks' database worker) runs as a subprocess
against the test database and sends to a real SMTP server on loopback, which kills it at a
chosen moment of the SMTP conversation. The test then starts a new worker and counts, at the SMTP
server, the messages each subscriber got.
"""

import os
import signal
import subprocess
import sys
import time
import urllib.parse
from collections import Counter
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.db import connection

from mailing import sending
from mailing.factories import SubscriberFactory
from mailing.models import Delivery
from tests.mailing.mail import full_update
from tests.smtp import CollectingHandler, SMTPServer

# serialized_rollback: each test starts with the data the migrations made (Wagtail's root page).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

REPO = Path(__file__).resolve().parents[2]
READERS = 30
KILL_AFTER = 12


class KillingHandler(CollectingHandler):
    """Kills the worker once ``kill_after`` messages have arrived, either when it asks for the
    next recipient (``at="rcpt"``) or while the server holds the 250 for the last message it has
    accepted (``at="data"``: the worker never hears that it was accepted)."""

    def __init__(self, kill_after, at, sig=signal.SIGKILL):
        super().__init__()
        self.kill_after = kill_after
        self.at = at
        self.sig = sig
        self.pid = None
        self.killed = False

    def _kill(self):
        os.kill(self.pid, self.sig)
        self.killed = True

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.at == "rcpt" and self._due():
            self._kill()
            return "451 4.3.0 Gone"
        return await super().handle_RCPT(server, session, envelope, address, rcpt_options)

    async def handle_DATA(self, server, session, envelope):
        answer = await super().handle_DATA(server, session, envelope)
        if self.at == "data" and self._due():
            self._kill()
        return answer

    def _due(self):
        return self.pid and not self.killed and len(self.envelopes) >= self.kill_after


def start_server(kill_after, at, sig=signal.SIGKILL):
    server = SMTPServer()
    server.handler = KillingHandler(kill_after, at, sig)
    server.controller = Controller(server.handler, hostname="127.0.0.1", port=server.port)
    server.controller.start()
    return server


def worker_env(port):
    settings = connection.settings_dict
    query = urllib.parse.urlencode({"host": settings["HOST"], "port": settings["PORT"] or 5432})
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "seslip.settings.test",
        "DATABASE_URL": f"postgresql://{settings['USER']}@/{settings['NAME']}?{query}",
        "SESLIP_TEST_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        # One sender, so that the kill lands exactly where the test says (see KillingHandler).
        "NEWSLETTER_SENDING_THREADS": "1",
        "PYTHONUNBUFFERED": "1",
    }


def run_worker(server):
    """Run `manage.py run_worker --batch` until it stops (or is killed); its exit code."""
    process = subprocess.Popen(
        [sys.executable, str(REPO / "manage.py"), "run_worker", "--batch", "-v0"],
        cwd=REPO,
        env=worker_env(server.port),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    server.handler.pid = process.pid
    try:
        output, _ = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
        pytest.fail(f"The worker did not finish:\n{output[-3000:]}")
    return process.returncode, output


def wait_until_unlocked(mailing, timeout=15):
    """PostgreSQL ends a killed client's session (and frees its locks) in a moment: wait."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not sending.being_sent(mailing.pk):
            return
        time.sleep(0.05)
    pytest.fail("The killed worker's database session still holds the mailing")


def prepare(site_root):
    readers = [SubscriberFactory(email=f"reader{n:02d}@example.org") for n in range(READERS)]
    mailing = sending.start_mailing(full_update())
    return readers, mailing


def received(server):
    return Counter(r for e in server.envelopes for r in e.recipients)


def kill_and_resume(server, mailing):
    code, output = run_worker(server)
    assert code == -signal.SIGKILL, f"the worker was not killed ({code}):\n{output[-3000:]}"
    assert len(server.envelopes) == KILL_AFTER
    assert Delivery.objects.filter(status="pending").exists()
    wait_until_unlocked(mailing)

    server.handler.pid = None  # the second worker is left alone
    code, output = run_worker(server)
    assert code == 0, output[-3000:]


def test_killed_between_messages_resumes_without_duplicates_or_gaps(site_root, programme_manager):
    readers, mailing = prepare(site_root)
    server = start_server(KILL_AFTER, at="rcpt")
    try:
        kill_and_resume(server, mailing)
    finally:
        server.controller.stop()

    assert received(server) == Counter({r.email: 1 for r in readers})
    assert Delivery.objects.filter(status="sent").count() == READERS
    mailing.refresh_from_db()
    assert mailing.finished_at is not None


def test_killed_after_the_server_accepted_resends_that_one_message(site_root, programme_manager):
    """The one window SMTP leaves open: the server has the message, the worker has not
    recorded it. We chose at-least-once (see mailing.sending): that reader gets a second
    copy with the same Message-ID, and nobody is skipped."""
    readers, mailing = prepare(site_root)
    server = start_server(KILL_AFTER, at="data")
    try:
        kill_and_resume(server, mailing)
    finally:
        server.controller.stop()

    counts = received(server)
    assert set(counts) == {r.email for r in readers}
    twice = [email for email, n in counts.items() if n > 1]
    assert len(twice) == 1 and counts[twice[0]] == 2
    ids = {str(e.message["Message-ID"]) for e in server.envelopes if twice[0] in e.recipients}
    assert len(ids) == 1
    assert Delivery.objects.filter(status="sent").count() == READERS


def test_stopped_with_sigterm_mid_message_finishes_it_and_resumes_later(
    site_root, programme_manager
):
    """SIGTERM (or Ctrl-C in `make run`) even inside that window: the worker waits for the
    server's answer, records the message, stops cleanly, and the next worker carries on."""
    readers, mailing = prepare(site_root)
    server = start_server(KILL_AFTER, at="data", sig=signal.SIGTERM)
    try:
        code, output = run_worker(server)
        assert code == 0, output[-3000:]
        assert len(server.envelopes) == KILL_AFTER
        assert Delivery.objects.filter(status="sent").count() == KILL_AFTER
        server.handler.pid = None
        code, output = run_worker(server)
        assert code == 0, output[-3000:]
    finally:
        server.controller.stop()

    assert received(server) == Counter({r.email: 1 for r in readers})


def test_several_senders_at_once_send_each_message_once(site_root, programme_manager):
    """Four threads claim rows side by side (FOR UPDATE SKIP LOCKED): nobody twice."""
    from tests.smtp import SMTPServer

    readers, mailing = prepare(site_root)
    server = SMTPServer()
    server.controller.start()
    from django.test import override_settings

    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=server.port,
        ):
            result = sending.deliver(mailing.pk, threads=4)
    finally:
        server.controller.stop()

    assert result == {"status": "finished", "sent": READERS}
    assert received(server) == Counter({r.email: 1 for r in readers})
