"""Create the demo content that is missing (``make run`` runs this every time)."""

from django.core.management.base import BaseCommand

from seslip.demo import loader


class Command(BaseCommand):
    # `make run` runs it straight after `migrate`, which has run the checks.
    requires_system_checks = []
    help = (
        "Create the SESLIP demo content that is missing: organisations, people, the home page, "
        "networks, events, weekly updates and standard pages. Never changes what exists."
    )

    def handle(self, *args, **options):
        result = loader.load()
        if options["verbosity"] > 1:
            for kind, (created, present) in result.details.items():
                self.stdout.write(f"  {kind}: {created} created, {present} already present")
        self.stdout.write(result.summary())
