"""Back up the database and the uploaded media into one file (``make backup``)."""

from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand

from core.backup import backup, run_or_fail


class Command(BaseCommand):
    help = "Write the database and every uploaded file into one backup file (a tar archive)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="The file to write (default: backups/seslip-<date and time>.tar).",
        )

    def handle(self, *args, output=None, **options):
        if output is None:
            output = Path("backups") / f"seslip-{datetime.now():%Y%m%d-%H%M%S}.tar"
        output.parent.mkdir(parents=True, exist_ok=True)
        manifest = run_or_fail(backup, output)
        self.stdout.write(
            f"Backed up the database {manifest['database']!r} and "
            f"{manifest['media_files']} media files to {output}"
        )
