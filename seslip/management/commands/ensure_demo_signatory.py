"""Create the demo signatory account with a random password, once, on a developer's machine."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse

from seslip.demo.reports import SIGNATORY_USERNAME, ensure_signatory


class Command(BaseCommand):
    help = (
        "Create the demo account of a Data Sharing Protocol signatory, who may open the "
        "restricted reports, and print its random password (only when DEBUG is True)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=None,
            help="Where the site is served (default: WAGTAILADMIN_BASE_URL).",
        )

    def handle(self, *args, base_url=None, **options):
        if not settings.DEBUG:
            self.stdout.write("ensure_demo_signatory does nothing when DEBUG is False.")
            return
        password = ensure_signatory()
        if password is None:
            self.stdout.write(
                f"The demo signatory '{SIGNATORY_USERNAME}' already exists "
                "(or the demo content is not loaded)."
            )
            return
        base = (base_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/")
        self.stdout.write(
            self.style.SUCCESS(
                "Created a demo signatory of the Data Sharing Protocol, who may open the "
                "restricted reports."
            )
            + "\n"
            + f"  Log in at: {base}{reverse('login')}\n"
            + f"  Username:  {SIGNATORY_USERNAME}\n"
            + f"  Password:  {password}\n"
            + "The password is shown only this once."
        )
