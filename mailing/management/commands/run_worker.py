"""Run the background worker (django-tasks' `db_worker`) after re-queueing interrupted sending.

`make run` starts it beside the web server; in production run it as a service. A worker that was
killed while sending an update leaves its task "running" for ever in django-tasks; this command
queues such a mailing again when it starts, and checks every minute while it runs, so that the
sending carries on where it stopped (see mailing.sending). When NEWSLETTER_BOUNCE_MAILDIR is set,
it also records the bounces waiting there every minute (mailing.bounces).
"""

import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection

from mailing.bounces import process_maildir
from mailing.sending import resume_stalled


class Command(BaseCommand):
    help = "Resume interrupted mailings, then run the django-tasks database worker."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Run the queued tasks, then stop.")
        parser.add_argument("--interval", type=float, default=1.0)
        parser.add_argument("--check-every", type=float, default=60.0)

    def handle(self, *args, batch, interval, check_every, **options):
        for mailing in resume_stalled():
            self.stdout.write(f"Resuming the interrupted sending of {mailing}.")
        if not batch:
            threading.Thread(target=self._watch, args=(check_every,), daemon=True).start()
        # As command-line arguments: db_worker checks its --backend default ("default", not a
        # database backend here) unless the option is given.
        arguments = ["--backend", "email", "--interval", str(interval), "--no-startup-delay"]
        call_command(
            "db_worker",
            *arguments,
            *(["--batch"] if batch else []),
            "--no-reload",
            verbosity=options["verbosity"],
        )

    def _watch(self, every):
        stop = threading.Event()
        while not stop.wait(every):
            try:
                close_old_connections()
                resume_stalled()
                if settings.NEWSLETTER_BOUNCE_MAILDIR:
                    process_maildir(settings.NEWSLETTER_BOUNCE_MAILDIR)
            except Exception as error:  # noqa: BLE001 (the check must outlive a database blip)
                self.stderr.write(f"Could not check for interrupted sending or bounces: {error}")
            finally:
                connection.close()
