"""manage.py import_update PATH… [--dry-run] [--json]: old updates' text into draft updates."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from importer.drafts import (
    ImportRefused,
    check_importable,
    create_draft,
    match_contacts,
    match_news_items,
)
from importer.parser import parse_update
from importer.text import ParseError, decode


class Command(BaseCommand):
    help = (
        "Read the plain text of old weekly updates (as on the old site or in the email) and "
        "create each as a draft update under the newsletters index, with its news items and "
        "contacts. Files that cannot be read as an update are refused with PATH:LINE: what was "
        "expected; an update whose number exists is not imported again. The exit status is "
        "non-zero when any file is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="text files of updates")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="read and check the files, and say what would be created, writing nothing",
        )
        parser.add_argument(
            "--json",
            action="store_true",
            dest="as_json",
            help="print what was read as JSON (one object, or a list for several files); "
            "implies --dry-run",
        )

    def handle(self, *args, paths, dry_run, as_json, **options):
        dry_run = dry_run or as_json
        refused, parsed_all = [], []
        seen: dict[int, str] = {}
        for path in paths:
            try:
                parsed = self._parse(path)
                if parsed.number in seen:
                    raise ImportRefused(
                        f"update {parsed.number} is also in {seen[parsed.number]}", parsed.line
                    )
                seen[parsed.number] = path
                if as_json:
                    parsed_all.append(parsed.to_dict())
                if dry_run:
                    if not as_json:
                        self._report_dry_run(path, parsed)
                    check_importable(parsed)
                else:
                    result = create_draft(parsed)
                    self._report_created(path, parsed, result)
            except (ParseError, ImportRefused) as error:
                line = getattr(error, "line", None)
                where = f"{path}:{line}" if line else path
                self.stderr.write(f"{where}: {error.message}")
                refused.append(path)
        if as_json:
            output = parsed_all[0] if len(paths) == 1 and parsed_all else parsed_all
            self.stdout.write(json.dumps(output, indent=2, ensure_ascii=False))
        if refused:
            raise CommandError(
                f"{len(refused)} of {len(paths)} file{'s' if len(paths) > 1 else ''} refused"
            )

    def _parse(self, path):
        file = Path(path)
        try:
            data = file.read_bytes()
        except OSError as error:
            raise ImportRefused(f"cannot read the file: {error.strerror or error}") from error
        return parse_update(decode(data))

    def _summary(self, parsed):
        reminders = len(parsed.reminders)
        tables = len(parsed.tables())
        parts = [
            f"{len(parsed.items)} news item{'s' if len(parsed.items) != 1 else ''}"
            + (f" ({reminders} reminder{'s' if reminders != 1 else ''})" if reminders else ""),
            f"{tables} table{'s' if tables != 1 else ''}",
            f"{len(parsed.tool_entries)} tools & templates",
            f"{len(parsed.meetings)} future meeting{'s' if len(parsed.meetings) != 1 else ''}",
            f"{len(parsed.contacts)} contact{'s' if len(parsed.contacts) != 1 else ''}",
        ]
        return f"update {parsed.number} ({parsed.date:%-d %B %Y}): " + ", ".join(parts)

    def _warnings(self, path, parsed):
        for warning in parsed.warnings:
            self.stderr.write(f"{path}: warning: {warning}")

    def _report_dry_run(self, path, parsed):
        self.stdout.write(f"{path}: would create draft {self._summary(parsed)}")
        existing = match_news_items(parsed)
        for item, found in zip(parsed.items, existing, strict=True):
            if found is not None:
                self.stdout.write(f'  item "{item.heading}": already saved, shown again')
        for match in match_contacts(parsed, existing):
            who = "existing person" if match.person else "new person"
            where = (
                "mentioned in " + ", ".join(f'"{parsed.items[i].heading}"' for i in match.items)
                if match.mentioned
                else "mentioned by no item: attached to the first new item"
            )
            self.stdout.write(f"  contact {match.contact.name}: {who}, {where}")
        self._warnings(path, parsed)

    def _report_created(self, path, parsed, result):
        page = result.page
        self.stdout.write(
            self.style.SUCCESS(
                f"{path}: created draft {self._summary(parsed)}; "
                f"{len(result.news_items_reused)} news items already saved and shown again, "
                f"{len(result.people_created)} people created, "
                f"{len(result.people_matched)} matched; page id {page.pk}"
            )
        )
        self._warnings(path, parsed)
