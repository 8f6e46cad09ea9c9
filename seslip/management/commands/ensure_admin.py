"""Create the superuser ``admin`` with a random password, once, on a developer's machine."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.urls import reverse

USERNAME = "admin"


class Command(BaseCommand):
    # `make run` runs it straight after `migrate`, which has run the checks.
    requires_system_checks = []
    help = (
        "Create the superuser 'admin' with a random password and print it (only when DEBUG is "
        "True; does nothing under production settings)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=None,
            help="Where the site is served (default: WAGTAILADMIN_BASE_URL).",
        )

    def handle(self, *args, base_url=None, **options):
        if not settings.DEBUG:
            self.stdout.write(
                "ensure_admin does nothing when DEBUG is False (production settings)."
            )
            return
        User = get_user_model()
        if User.objects.filter(username=USERNAME).exists():
            self.stdout.write(f"The admin user '{USERNAME}' already exists.")
            return
        password = secrets.token_urlsafe(16)
        try:
            with transaction.atomic():
                User.objects.create_superuser(
                    username=USERNAME, email="admin@example.com", password=password
                )
        except IntegrityError:
            self.stdout.write(f"The admin user '{USERNAME}' already exists.")
            return
        base = (base_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/")
        login_url = base + reverse("wagtailadmin_login")
        self.stdout.write(
            self.style.SUCCESS(f"Created the superuser '{USERNAME}' for the Wagtail admin.")
            + "\n"
            + f"  Log in at: {login_url}\n"
            + f"  Username:  {USERNAME}\n"
            + f"  Password:  {password}\n"
            + "The password is shown only this once: note it now, or change it in the admin."
        )
