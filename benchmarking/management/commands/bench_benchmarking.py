"""Print the server time and SQL queries of the benchmarking pages at the data loaded."""

import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from benchmarking.models import Area, BenchmarkingIndexPage, Measure, Value
from benchmarking.models.data import SOUTH_EAST


class Command(BaseCommand):
    help = "Time the benchmarking pages (measure, authority, grid, compare) at the loaded data."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=5)

    def handle(self, *args, **options):
        # The server's own time: the full-page cache would answer from its store.
        with override_settings(SESLIP_PAGE_CACHE=False):
            self.time_pages(options["runs"])

    def time_pages(self, runs):
        page = BenchmarkingIndexPage.objects.live().first()
        if page is None:
            raise CommandError("No live benchmarking page: run load_demo_content first.")
        authority = Area.objects.authorities().filter(region=SOUTH_EAST).first()
        measure = Measure.objects.filter(code="LACStable_2016on").first() or Measure.objects.first()
        if authority is None or measure is None:
            raise CommandError("No data: run import_benchmarking first.")
        base = page.url
        topic = measure.topic
        paths = {
            "index": base,
            "index, search": f"{base}?q=placements",
            "index, misspelt search": f"{base}?q=placments",
            "measure": f"{base}measures/{measure.slug}/",
            "authority": f"{base}authorities/{authority.la_number}/",
            "grid (one topic)": f"{base}grid/?topic={topic}",
            "compare": f"{base}compare/?authority={authority.la_number}&measure={measure.code}"
            "&neighbours=on&region=on&england=on",
            "measure CSV (all values)": f"{base}measures/{measure.slug}/download/all/",
        }
        self.stdout.write(f"{Value.objects.count():,} values loaded.")
        client = Client()
        for name, path in paths.items():
            times, cpu = [], []
            for _ in range(runs + 1):
                with CaptureQueriesContext(connection) as queries:
                    started, started_cpu = time.perf_counter(), time.process_time()
                    response = client.get(path, HTTP_HOST="localhost")
                    times.append((time.perf_counter() - started) * 1000)
                    cpu.append((time.process_time() - started_cpu) * 1000)
                if response.status_code != 200:
                    raise CommandError(f"{path} answered {response.status_code}")
            warm = times[1:]  # the first run fills Wagtail's caches and the reference data
            sql = sum(float(q["time"]) for q in queries.captured_queries) * 1000
            self.stdout.write(
                f"{name:26} {statistics.median(warm):7.1f} ms median (best {min(warm):.1f} ms; "
                f"Python {statistics.median(cpu[1:]):.1f} ms, SQL {sql:.1f} ms), "
                f"{len(queries)} queries  {path}"
            )
