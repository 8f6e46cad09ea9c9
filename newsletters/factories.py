"""Factories for the updates archive, weekly updates and reusable news items."""

import datetime

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.documents import get_document_model
from wagtail.models import Collection

from core.factories import section_page_factory, under

from .models import NewsItem, NewsletterIndexPage, WeeklyUpdatePage

UPDATE_298_DATE = datetime.date(2018, 4, 20)


def friday_of(number):
    """The Friday an update of this number came out on, counting weekly from update 298."""
    return UPDATE_298_DATE + datetime.timedelta(weeks=number - 298)


NewsletterIndexPageFactory = section_page_factory(
    NewsletterIndexPage, slug="newsletters", title="Newsletters"
)


class DocumentFactory(DjangoModelFactory):
    """A small PDF in the root collection of the document library."""

    title = factory.Sequence(lambda n: f"Benchmarking report {n}")
    file = factory.django.FileField(filename="report.pdf", data=b"%PDF-1.4\n%%EOF\n")
    collection = factory.LazyFunction(Collection.get_first_root_node)

    class Meta:
        model = get_document_model()


def item_links(document=None, url="https://www.gov.uk/government/organisations/ofsted"):
    """A news item's links: a web page and, when given, a document."""
    links = [("link", {"title": "Read more on GOV.UK", "url": url})]
    if document is not None:
        links.append(("document", {"document": document, "title": ""}))
    return links


def tools_and_templates(*entries):
    """A "Tools & Templates" body block; each entry a dict of date, publisher, title, link."""
    return (
        "tools_and_templates",
        {"heading": "Tools & Templates", "entries": [dict(e) for e in entries]},
    )


def _many(name):
    """A post-generation declaration that sets the many-to-many field ``name`` to what is
    passed for it (``people=[person]``)."""

    def set_many(obj, create, extracted, **kwargs):
        if extracted:
            getattr(obj, name).set(extracted)
            if create:
                obj.save()

    return factory.PostGeneration(set_many)


class NewsItemFactory(DjangoModelFactory):
    """A reusable news item; ``people=[...]`` and ``networks=[...]`` set whom it mentions, and
    ``links=item_links(document)`` what it links to."""

    heading = factory.Sequence(lambda n: f"Regional news item {n}")
    body = "<p>The regional group met and agreed its priorities.</p>"
    action_required = ""
    action_by = None
    remind_until = None
    links = factory.LazyFunction(list)

    class Meta:
        model = NewsItem
        skip_postgeneration_save = True

    people = _many("people")
    networks = _many("networks")


class WeeklyUpdatePageFactory(wagtail_factories.PageFactory):
    """A weekly update; its title and slug follow its number and date, as the model makes them."""

    number = factory.Sequence(lambda n: 600 + n)
    date = factory.LazyAttribute(lambda o: friday_of(o.number))
    title = factory.LazyAttribute(lambda o: f"Update no {o.number} {o.date:%-d %B %Y}")
    intro = "<p>Welcome to this week's update.</p>"
    body = factory.LazyFunction(
        lambda: [
            (
                "one_off_news_item",
                {
                    "heading": "Data Benchmarking Group",
                    "body": "<p>The workforce benchmarking report has been published.</p>",
                    "action_required": "",
                },
            )
        ]
    )
    reminders = factory.LazyFunction(list)
    parent = under(NewsletterIndexPageFactory)

    class Meta:
        model = WeeklyUpdatePage
