"""Create the editors group and document collection for one network, or for all of them."""

from django.core.management.base import BaseCommand, CommandError

from networks.models import NetworkPage
from networks.permissions import ensure_network_editors


class Command(BaseCommand):
    help = "Create the editors group for the network with this slug (or --all)."

    def add_arguments(self, parser):
        parser.add_argument("slug", nargs="?")
        parser.add_argument("--all", action="store_true", help="Every network and project.")

    def handle(self, *args, slug, all, **options):
        if all:
            networks = NetworkPage.objects.all()
        elif slug:
            networks = NetworkPage.objects.filter(slug=slug)
            if not networks:
                known = ", ".join(NetworkPage.objects.values_list("slug", flat=True))
                raise CommandError(f"No network has the slug '{slug}'. Known slugs: {known}")
        else:
            raise CommandError("Give a network's slug, or --all.")
        for network in networks:
            group = ensure_network_editors(network)
            self.stdout.write(f"{network.title}: group '{group.name}'")
