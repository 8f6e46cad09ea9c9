"""Print each public page's SQL query count and server time (run after generate_scale_data)."""

import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from newsletters.models import NewsletterIndexPage, WeeklyUpdatePage


class Command(BaseCommand):
    help = "Measure queries and server time of the home page, the archive and an update."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=20)
        parser.add_argument("--host", default="localhost")

    def handle(self, *args, repeat, host, **options):
        client = Client(HTTP_HOST=host)
        latest = WeeklyUpdatePage.objects.live().order_by("-number").first()
        index = NewsletterIndexPage.objects.live().first()
        urls = [("Home page", "/")]
        if index:
            urls += [
                ("Archive", index.url),
                ("Archive, page 20", f"{index.url}?page=20"),
                ("Search within updates", "/search/?q=scale"),
                # Nothing matches: what is spelt like it is looked for (short queries only).
                ("Search, misspelt", "/search/?q=scael"),
                ("Search, no such word", "/search/?q=qwxzvbnmplk"),
                ("Search, long, nothing found", "/search/?q=" + "+".join(["qwxzvbnmplk"] * 8)),
            ]
        if latest:
            urls.append((f"Update no {latest.number}", latest.url))
            urls.append(("Its printable version", latest.url + "print/"))
            item = next(iter(latest.news_items()), None)
            if item is not None and index:
                urls.append(("One of its news items", item.get_url()))
        self.stdout.write(
            f"{WeeklyUpdatePage.objects.count()} updates in the archive; "
            f"{repeat} requests per page after one warm-up.\n"
        )
        self.stdout.write(f"{'page':<28}{'status':>7}{'queries':>9}{'median ms':>11}{'p95 ms':>9}")
        for label, url in urls:
            client.get(url)
            timings = []
            for _ in range(repeat):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(url)
                    timings.append((time.perf_counter() - started) * 1000)
            timings.sort()
            p95 = timings[max(0, round(len(timings) * 0.95) - 1)]
            self.stdout.write(
                f"{label:<28}{response.status_code:>7}{len(queries):>9}"
                f"{statistics.median(timings):>11.1f}{p95:>9.1f}"
            )
