"""Load a release of benchmarking data (the DfE's long format); with no files, the bundled data."""

from pathlib import Path

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from benchmarking import importer


class Command(BaseCommand):
    help = (
        "Load benchmarking data in the DfE's LAIT formats as a release. With no files, loads "
        "the data bundled in benchmarking/data/ (and does nothing when it is already loaded)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--values", help="Values in the long format (CSV, may be gzipped).")
        parser.add_argument("--measures", help="The data dictionary (CSV).")
        parser.add_argument("--neighbours", help="Statistical neighbours (CSV).")
        parser.add_argument("--areas", help="Authority codes (CSV).")
        parser.add_argument("--release", default=importer.DEFAULT_RELEASE, help="Release name.")
        parser.add_argument(
            "--restricted",
            action="store_true",
            help="Not public yet: for its groups until its embargo date. Values only.",
        )
        parser.add_argument(
            "--group", action="append", default=[], help="A group who may see it (repeatable)."
        )
        parser.add_argument("--embargo", help="The date it becomes public (YYYY-MM-DD).")

    def handle(self, *args, **options):
        given = {role: options[role] for role in importer.BUNDLED if options[role]}
        if options["restricted"] and not options["values"]:
            raise CommandError("A --restricted release holds values only: give its --values.")
        try:
            files = (
                {role: Path(name).read_bytes() for role, name in given.items()}
                if given
                else importer.bundled_files()
            )
        except OSError as error:
            raise CommandError(f"Cannot read {error.filename}: {error.strerror}") from error
        groups = []
        for name in options["group"]:
            group = Group.objects.filter(name=name).first()
            if group is None:
                raise CommandError(f"There is no group called “{name}”.")
            groups.append(group)
        embargo = None
        if options["embargo"]:
            embargo = importer.parse_embargo(options["embargo"])
            if embargo is None:
                raise CommandError("--embargo must be a date written YYYY-MM-DD.")
        if (groups or embargo) and not options["restricted"]:
            raise CommandError("--group and --embargo are for a --restricted release.")
        try:
            report = importer.load(
                files,
                release_name=options["release"],
                restricted=options["restricted"],
                groups=groups,
                embargo_date=embargo,
            )
        except importer.ImportRefused as refused:
            lines = [f"{label}: {line}" for label, line in refused.errors]
            raise CommandError(
                f"Nothing was loaded: {len(lines)} problems.\n" + "\n".join(lines)
            ) from refused
        for line in report.lines():
            self.stdout.write(line)
        if options["verbosity"] > 1:
            for step, seconds in report.timings.items():
                self.stdout.write(f"  {step}: {seconds:.1f} s")
