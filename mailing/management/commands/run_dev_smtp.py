"""A local SMTP server for development: keeps every message as a .eml file in .mail/.

`make run` starts it on 127.0.0.1:1025 (DEV_SMTP_PORT) and settings/dev.py sends there; open the
files with any mail program. Nothing leaves the machine. ``--discard`` only counts (benchmarks).
"""

import itertools
import signal
import threading
import time
from pathlib import Path

from aiosmtpd.controller import Controller
from django.conf import settings
from django.core.management.base import BaseCommand


class KeepingHandler:
    """Writes each message to DIRECTORY/<time>-<n>.eml (or only counts it)."""

    def __init__(self, directory=None):
        self.directory = directory
        self.count = 0
        self.numbers = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        if self.directory is not None:
            name = f"{time.strftime('%Y%m%d-%H%M%S')}-{next(self.numbers):06d}.eml"
            header = "".join(f"X-Envelope-To: {rcpt}\r\n" for rcpt in envelope.rcpt_tos)
            (self.directory / name).write_bytes(header.encode() + envelope.original_content)
        return "250 Message accepted for delivery"


class Command(BaseCommand):
    help = "Run an SMTP server on loopback that keeps every message in .mail/ (development)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=settings.EMAIL_PORT)
        parser.add_argument("--directory", default=str(settings.BASE_DIR / ".mail"))
        parser.add_argument("--discard", action="store_true", help="Count messages, keep none.")

    def handle(self, *args, port, directory, discard, **options):
        folder = None
        if not discard:
            folder = Path(directory)
            folder.mkdir(parents=True, exist_ok=True)
        handler = KeepingHandler(folder)
        controller = Controller(
            handler,
            hostname="127.0.0.1",
            port=port,
            server_hostname="localhost",  # not socket.getfqdn(), a DNS look-up per connection
            data_size_limit=20 * 1024 * 1024,
        )
        controller.start()
        where = "counting only" if discard else f"keeping messages in {folder}"
        self.stdout.write(f"Development mail server on 127.0.0.1:{port}, {where}.", ending="\n")
        self.stdout.flush()
        stopped = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stopped.set())
        try:
            stopped.wait()
        finally:
            controller.stop()
            if options["verbosity"] > 0:
                self.stdout.write(f"Mail server stopped after {handler.count} messages.")
