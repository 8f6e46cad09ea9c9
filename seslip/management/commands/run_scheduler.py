"""Publish and unpublish scheduled pages every minute; `make run` starts it beside the server.

In production run `manage.py publish_scheduled` from cron every few minutes instead (see README).
"""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run Wagtail's scheduled publishing every INTERVAL seconds until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=60)
        parser.add_argument("--once", action="store_true", help="Run once and stop.")

    def handle(self, *args, interval, once, **options):
        while True:
            call_command("publish_scheduled", verbosity=0)
            if once:
                return
            try:
                time.sleep(interval)
            except KeyboardInterrupt:
                return
