"""`make run`'s one call for every demo account: admin, signatory and network lead."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    requires_system_checks = []
    help = "Run ensure_admin, ensure_demo_signatory and ensure_demo_network_lead in one process."

    def handle(self, *args, **options):
        for command in ("ensure_admin", "ensure_demo_signatory", "ensure_demo_network_lead"):
            call_command(command, stdout=self.stdout, stderr=self.stderr)
