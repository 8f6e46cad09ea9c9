"""Record the bounces waiting in the bounce Maildir (NEWSLETTER_BOUNCE_MAILDIR, or --maildir).

The worker (`manage.py run_worker`) runs this every minute when the setting is given; without a
worker, run it from cron. See mailing.bounces for what a bounce does.
"""

import mailbox

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from mailing import bounces


class Command(BaseCommand):
    help = "Record delivery status notifications (bounces) from a Maildir."

    def add_arguments(self, parser):
        parser.add_argument("--maildir", default="", help="Default: NEWSLETTER_BOUNCE_MAILDIR.")

    def handle(self, *args, maildir, **options):
        path = maildir or settings.NEWSLETTER_BOUNCE_MAILDIR
        if not path:
            raise CommandError("Give --maildir or set NEWSLETTER_BOUNCE_MAILDIR.")
        try:
            reports, others = bounces.process_maildir(path)
        except (mailbox.NoSuchMailboxError, FileNotFoundError) as error:
            raise CommandError(f"No Maildir at {path}: {error}") from error
        self.stdout.write(f"{reports} bounce reports recorded, {others} other messages left.")
