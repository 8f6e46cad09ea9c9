"""What the demo-account commands share: create an account once, print its password once."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse


class DemoAccountCommand(BaseCommand):
    """Subclasses say who the account is and how to create it; ``create()`` returns the new
    password, or None when the account exists (or cannot be made yet)."""

    requires_system_checks = []  # `make run` runs these straight after `migrate`.
    username = ""
    login_url_name = "wagtailadmin_login"
    created_message = ""
    exists_message = ""

    def create(self):
        raise NotImplementedError

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            help="Where the site is served (default: WAGTAILADMIN_BASE_URL).",
        )

    def handle(self, *args, base_url=None, **options):
        command = self.__module__.rsplit(".", 1)[-1]
        if not settings.DEBUG:
            self.stdout.write(f"{command} does nothing when DEBUG is False (production settings).")
            return
        password = self.create()
        if password is None:
            self.stdout.write(self.exists_message)
            return
        base = (base_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/")
        self.stdout.write(
            self.style.SUCCESS(self.created_message)
            + "\n"
            + f"  Log in at: {base}{reverse(self.login_url_name)}\n"
            + f"  Username:  {self.username}\n"
            + f"  Password:  {password}\n"
            + "The password is shown only this once: note it now, or change it in the admin."
        )
