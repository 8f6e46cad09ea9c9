"""Build an archive at real scale: 600 weekly updates of 10 news items each (for benchmarks)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Max

from newsletters.models import NewsItem, NewsletterIndexPage, WeeklyUpdatePage


class Command(BaseCommand):
    help = "Add UPDATES weekly updates of ITEMS news items each after the highest number."

    def add_arguments(self, parser):
        parser.add_argument("--updates", type=int, default=600)
        parser.add_argument("--items", type=int, default=10)

    def handle(self, *args, updates, items, **options):
        index = NewsletterIndexPage.objects.first()
        if index is None:
            raise CommandError("There is no weekly updates archive page: run load_demo_content.")
        latest = WeeklyUpdatePage.objects.aggregate(n=Max("number"), d=Max("date"))
        highest = latest["n"] or 0
        last_date = latest["d"] or datetime.date(2010, 1, 1)
        with transaction.atomic():
            news = NewsItem.objects.bulk_create(
                NewsItem(
                    heading=f"Scale item {highest + u + 1}.{i + 1}",
                    body="<p>A news item generated to measure the site at the real archive's "
                    "scale.</p>",
                    action_required="<p>No action: this is generated content.</p>",
                )
                for u in range(updates)
                for i in range(items)
            )
            index = index.specific
            for u in range(updates):
                number = highest + u + 1
                chunk = news[u * items : (u + 1) * items]
                page = WeeklyUpdatePage(
                    number=number,
                    date=last_date + datetime.timedelta(weeks=u + 1),
                    intro="<p>A generated update.</p>",
                    body=[("news_item", item) for item in chunk],
                )
                index.add_child(instance=page)
                page.save_revision().publish()
                if (u + 1) % 100 == 0:
                    self.stdout.write(f"{u + 1} updates…")
        self.stdout.write(self.style.SUCCESS(f"Created {updates} updates of {items} items each."))
