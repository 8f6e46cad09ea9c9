"""Benchmark: send the latest update to N confirmed subscribers through a local SMTP server.

Run by `make bench-email` in a scratch database. The SMTP server is aiosmtpd in its own process
(`manage.py run_dev_smtp --discard`), so that it does not share this process's interpreter; the
sending is the worker's own code (mailing.sending.deliver). One subscriber in four follows a
network (in turn), so the sending renders a copy per choice as it would for real. Prints the time
to render one copy, the size of a message, the time and messages per second, and checks that the
server got exactly one message per subscriber.
"""

import re
import socket
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from mailing import email_render, sending
from mailing.models import Delivery, MailingCopy, Subscriber
from mailing.prepared_email import PreparedEmail
from networks.models import NetworkPage
from newsletters.models import WeeklyUpdatePage

BENCH_DOMAIN = "bench.example.invalid"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Command(BaseCommand):
    help = "Send the latest update to SUBSCRIBERS subscribers through a local SMTP server."

    def add_arguments(self, parser):
        parser.add_argument("--subscribers", type=int, default=5000)
        parser.add_argument("--limit", type=float, default=60.0, help="Seconds allowed.")

    def handle(self, *args, subscribers, limit, **options):
        if "bench" not in connection.settings_dict["NAME"]:
            raise CommandError(
                "Run this in a scratch database (make bench-email): it adds subscribers."
            )
        settings.DEBUG = False  # no query log
        update = WeeklyUpdatePage.objects.live().order_by("-number").first()
        if update is None:
            raise CommandError("No published update: run load_demo_content first.")
        self._subscribers(subscribers)
        port = free_port()
        server = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "run_dev_smtp", "--discard", f"--port={port}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            self._wait_for(port, server)
            settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
            settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
            settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
            figures = self._send(update)
        finally:
            server.terminate()
            output, _ = server.communicate(timeout=30)
        received = int(re.search(r"after (\d+) messages", output).group(1))
        self._report(update, subscribers, received, figures, limit)

    def _subscribers(self, count):
        Delivery.objects.all().delete()
        Subscriber.objects.filter(email__endswith=BENCH_DOMAIN).delete()
        Subscriber.objects.bulk_create(
            (
                Subscriber(
                    email=f"reader{n:05d}@{BENCH_DOMAIN}",
                    name=f"Reader {n}",
                    status=Subscriber.Status.CONFIRMED,
                )
                for n in range(count)
            ),
            batch_size=2000,
        )
        networks = list(NetworkPage.objects.live().order_by("pk").values_list("pk", flat=True))
        readers = Subscriber.objects.filter(email__endswith=BENCH_DOMAIN).order_by("email")
        following = list(readers.values_list("pk", flat=True)[:: self.FOLLOWING_ONE_IN])
        if networks:
            Subscriber.networks.through.objects.bulk_create(
                Subscriber.networks.through(
                    subscriber_id=pk, networkpage_id=networks[n % len(networks)]
                )
                for n, pk in enumerate(following)
            )

    FOLLOWING_ONE_IN = 4

    def _wait_for(self, port, server, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise CommandError(f"The SMTP server stopped: {server.stdout.read()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise CommandError("The SMTP server did not start")

    def _send(self, update):
        rendering = time.perf_counter()
        email_render.compose(update)
        rendered = time.perf_counter()
        started = time.perf_counter()
        mailing = sending.start_mailing(update)
        queued = time.perf_counter()
        result = sending.deliver(mailing.pk)
        finished = time.perf_counter()
        if result["status"] != "finished":
            raise CommandError(f"The sending did not finish: {result}")
        reader = Subscriber.objects.filter(email__endswith=BENCH_DOMAIN).first()
        message = PreparedEmail.for_mailing(mailing).for_subscriber(reader)
        return {
            "mailing": mailing,
            "render": rendered - rendering,
            "copies": 1 + MailingCopy.objects.filter(mailing=mailing).count(),
            "message": len(message.data),
            "prepare": queued - started,
            "send": finished - queued,
            "total": finished - started,
            "size": len(mailing.html.encode()) + len(mailing.text.encode()),
        }

    def _report(self, update, subscribers, received, figures, limit):
        sent = Delivery.objects.filter(mailing=figures["mailing"], status="sent").count()
        total = figures["total"]
        self.stdout.write(f"Update: {update.title} ({figures['size'] / 1024:.0f} KB of HTML+text)")
        self.stdout.write(f"Subscribers:            {subscribers}")
        self.stdout.write(f"Render one copy:        {figures['render'] * 1000:.0f} ms")
        self.stdout.write(f"Message size:           {figures['message'] / 1024:.1f} KB")
        self.stdout.write(f"Copies (network choices): {figures['copies']}")
        self.stdout.write(f"Render and queue:       {figures['prepare']:.2f} s")
        self.stdout.write(f"Send:                   {figures['send']:.2f} s")
        self.stdout.write(f"Total:                  {total:.2f} s")
        self.stdout.write(f"Messages per second:    {subscribers / total:.0f}")
        self.stdout.write(f"Recorded sent:          {sent}")
        self.stdout.write(f"Received by the server: {received}")
        if sent != subscribers or received != subscribers:
            raise CommandError("Not every subscriber got exactly one message.")
        if total > limit:
            raise CommandError(f"Slower than the {limit:.0f} s allowed.")
        self.stdout.write(self.style.SUCCESS(f"Within {limit:.0f} s."))
