"""Build an archive at real scale: 600 weekly updates of 10 news items each (for benchmarks).

Each item names a person and a network of the demo content and links to a web page; each update
carries the previous update's first items forward as reminders and ends with a "Tools & Templates"
list, so that the pages do all the work the real ones do. Updates are created live through
Wagtail's page tree (one save each: no revision history), and the search index is written in bulk
at the end rather than by the task worker, one page at a time.
"""

import datetime
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from wagtail.search.backends import get_search_backend
from wagtail.signal_handlers import disable_reference_index_auto_update

from contacts.models import Person
from networks.models import NetworkPage
from newsletters.models import NewsItem, NewsletterIndexPage, WeeklyUpdatePage

REMINDERS = 2


class Command(BaseCommand):
    help = "Add UPDATES live weekly updates of ITEMS news items each after the highest number."

    def add_arguments(self, parser):
        parser.add_argument("--updates", type=int, default=600)
        parser.add_argument("--items", type=int, default=10)

    def handle(self, *args, updates, items, **options):
        started = time.monotonic()
        index = NewsletterIndexPage.objects.first()
        if index is None:
            raise CommandError("There is no weekly updates archive page: run load_demo_content.")
        index = index.specific
        latest = WeeklyUpdatePage.objects.aggregate(n=Max("number"), d=Max("date"))
        highest = latest["n"] or 0
        last_date = latest["d"] or datetime.date(2010, 1, 1)
        people = list(Person.objects.current().values_list("pk", flat=True)[:50])
        networks = list(NetworkPage.objects.values_list("pk", flat=True))

        with transaction.atomic(), disable_reference_index_auto_update():
            news = self.news_items(highest, updates, items, people, networks)
            pages, previous = [], []
            for u in range(updates):
                number = highest + u + 1
                chunk = news[u * items : (u + 1) * items]
                date = last_date + datetime.timedelta(weeks=u + 1)
                published = timezone.make_aware(datetime.datetime.combine(date, datetime.time(9)))
                page = WeeklyUpdatePage(
                    number=number,
                    date=date,
                    intro="<p>A generated update: the headlines and actions of the week.</p>",
                    body=[
                        *[("news_item", item) for item in chunk],
                        self.tools_and_templates(date),
                    ],
                    reminders=[("news_item", item) for item in previous[:REMINDERS]],
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=published,
                    last_published_at=published,
                )
                index.add_child(instance=page)
                pages.append(page)
                previous = chunk
                if (u + 1) % 100 == 0:
                    self.stdout.write(f"{u + 1} updates…")
            self.stdout.write("Indexing them for search…")
            backend = get_search_backend()
            backend.add_bulk(WeeklyUpdatePage, pages)
            backend.add_bulk(NewsItem, news)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {updates} updates of {items} items each "
                f"in {time.monotonic() - started:.0f} s."
            )
        )

    def news_items(self, highest, updates, items, people, networks):
        """The updates' items in one insert, with the people and networks they name."""
        news = NewsItem.objects.bulk_create(
            NewsItem(
                heading=f"Scale item {highest + u + 1}.{i + 1}",
                body="<p>A news item generated to measure the site at the real archive's "
                "scale.</p>",
                action_required="<p>Reply to the programme manager by Friday.</p>",
                links=[
                    (
                        "link",
                        {"title": "The guidance on GOV.UK", "url": "https://www.gov.uk/"},
                    )
                ],
            )
            for u in range(updates)
            for i in range(items)
        )
        if people:
            NewsItem.people.through.objects.bulk_create(
                NewsItem.people.through(newsitem=item, person_id=people[n % len(people)])
                for n, item in enumerate(news)
            )
        if networks:
            NewsItem.networks.through.objects.bulk_create(
                NewsItem.networks.through(newsitem=item, networkpage_id=networks[n % len(networks)])
                for n, item in enumerate(news)
            )
        return news

    @staticmethod
    def tools_and_templates(date):
        return (
            "tools_and_templates",
            {
                "heading": "Tools & Templates",
                "entries": [
                    {
                        "date": date - datetime.timedelta(days=2),
                        "publisher": "Ofsted",
                        "title": "Children's social care: inspection outcomes",
                        "link": "https://www.gov.uk/government/organisations/ofsted",
                    }
                ],
            },
        )
