"""Create the superuser ``admin`` with a random password, once, on a developer's machine."""

import secrets

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from seslip.management.demo_account import DemoAccountCommand

USERNAME = "admin"


class Command(DemoAccountCommand):
    help = (
        "Create the superuser 'admin' with a random password and print it (only when DEBUG is "
        "True; does nothing under production settings)."
    )
    username = USERNAME
    created_message = (
        f"Created the superuser '{USERNAME}' for the Wagtail admin. Its first login sets up "
        "two-step verification: have an authenticator app on your phone ready."
    )
    exists_message = f"The admin user '{USERNAME}' already exists."

    def create(self):
        User = get_user_model()
        if User.objects.filter(username=USERNAME).exists():
            return None
        password = secrets.token_urlsafe(16)
        try:
            with transaction.atomic():
                User.objects.create_superuser(
                    username=USERNAME, email="admin@example.com", password=password
                )
        except IntegrityError:
            return None
        return password
