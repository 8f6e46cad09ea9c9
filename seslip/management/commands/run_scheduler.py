"""Publish and unpublish scheduled pages every minute; `make run` starts it beside the server.

In production run `manage.py publish_scheduled` from cron every few minutes, or this command as a
service (see README).
"""

import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run Wagtail's scheduled publishing every INTERVAL seconds until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=60)
        parser.add_argument("--once", action="store_true", help="Run once and stop.")

    def handle(self, *args, interval, once, **options):
        while True:
            try:
                call_command("publish_scheduled", verbosity=0)
            except Exception:
                if once:
                    raise
                # Keep going: the next run publishes what this one could not.
                logger.exception("Scheduled publishing failed; trying again in %s s", interval)
            if once:
                return
            try:
                time.sleep(interval)
            except KeyboardInterrupt:
                return
            # A connection broken since the last run (the database restarted) is replaced.
            close_old_connections()
