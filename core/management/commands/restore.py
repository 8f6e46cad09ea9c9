"""Restore a backup made by ``manage.py backup`` into an empty database (``make restore``)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import restore, run_or_fail


class Command(BaseCommand):
    help = (
        "Restore a backup file into the database named by the settings, which must be empty, "
        "and its media files into the storage."
    )
    # The database is empty until the restore: the checks would look for tables.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="The backup file (a .tar from `backup`).")

    def handle(self, *args, backup, **options):
        if not backup.is_file():
            raise CommandError(f"No backup file at {backup}.")
        result = run_or_fail(restore, backup)
        self.stdout.write(
            f"Restored the backup of {result['created']} "
            f"and {result['media_restored']} media files."
        )
