"""Create the demo network lead's account with a random password, once, on a developer's machine."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse

from seslip.demo.authorities import LEAD_NETWORK, LEAD_USERNAME, ensure_network_lead


class Command(BaseCommand):
    help = (
        "Create the demo account of the AD Safeguarding Network's lead, who edits that "
        "network's page, meetings and documents and nothing else, and print its random "
        "password (only when DEBUG is True)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=None,
            help="Where the site is served (default: WAGTAILADMIN_BASE_URL).",
        )

    def handle(self, *args, base_url=None, **options):
        if not settings.DEBUG:
            self.stdout.write("ensure_demo_network_lead does nothing when DEBUG is False.")
            return
        password = ensure_network_lead()
        if password is None:
            self.stdout.write(
                f"The demo network lead '{LEAD_USERNAME}' already exists "
                f"(or the demo content, with the network '{LEAD_NETWORK}', is not loaded)."
            )
            return
        base = (base_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/")
        self.stdout.write(
            self.style.SUCCESS(
                "Created the demo lead of the AD Safeguarding Network, who may edit that "
                "network's page, meetings and documents in the admin."
            )
            + "\n"
            + f"  Log in at: {base}{reverse('wagtailadmin_login')}\n"
            + f"  Username:  {LEAD_USERNAME}\n"
            + f"  Password:  {password}\n"
            + "The password is shown only this once."
        )
