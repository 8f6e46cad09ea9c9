"""The home page, standard pages and the yearly plan."""

import datetime

from django.conf import settings
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core import content_cache
from core.blocks import BodyBlock
from core.chosen import PageForm
from core.routing import RoutedPageMixin, route_from
from core.utils import when_rendered
from events.models import EventIndexPage
from newsletters.models import WeeklyUpdatePage, prefetch_streams

# Before any page was published: for ordering pages that never were.
NEVER = datetime.datetime.min.replace(tzinfo=datetime.UTC)
HOME_FEATURES = ["bold", "italic", "link", "document-link", "ul", "ol"]


class HomePage(RoutedPageMixin, Page):
    """The home page: the programme's aims, what it does, latest news, events and partners."""

    base_form_class = PageForm

    intro = RichTextField(
        features=HOME_FEATURES, help_text="Who we are and what the programme aims to do."
    )
    what_we_do = RichTextField("What we do", blank=True, features=HOME_FEATURES)
    featured_news_count = models.PositiveSmallIntegerField(
        default=3, help_text="How many items of the latest update to feature."
    )
    upcoming_events_count = models.PositiveSmallIntegerField(default=4)
    partners_intro = models.CharField(max_length=255, blank=True)
    purpose = RichTextField("The purpose of this website", blank=True, features=HOME_FEATURES)

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("what_we_do"),
        index.SearchField("purpose"),
    ]
    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("what_we_do"),
        MultiFieldPanel(
            [FieldPanel("featured_news_count"), FieldPanel("upcoming_events_count")],
            heading="News and events",
        ),
        MultiFieldPanel(
            [FieldPanel("partners_intro"), InlinePanel("partners", label="Partner")],
            heading="Our partners",
        ),
        FieldPanel("purpose"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "seslip.StandardPage",
        "seslip.PlanPage",
        "newsletters.NewsletterIndexPage",
        "networks.NetworkIndexPage",
        "events.EventIndexPage",
        "seslip.ContactsIndexPage",
        "networks.ReportIndexPage",
        "benchmarking.BenchmarkingIndexPage",
    ]
    max_count = 1

    @property
    def title_names_the_site(self):
        """Whether the title browsers show already names the site ('SESLIP: …'): the page then
        leaves out the ' – SESLIP' every other page's title ends with."""
        return settings.WAGTAIL_SITE_NAME in (self.seo_title or self.title)

    def route(self, request, path_components):
        """Every page under the home page is found in two queries (core.routing)."""
        found = route_from(self, request, path_components)
        return found if found is not None else super().route(request, path_components)

    def latest_update(self):
        return WeeklyUpdatePage.objects.live().public().order_by("-number").first()

    def latest_news(self):
        """The latest weekly update and the first of its news (``featured_news_count``), with
        their links and documents read in one query, not one per item."""
        latest = content_cache.get_or_build("latest-update", self.latest_update, self.pk)
        featured = []
        if latest:
            featured = [
                block
                for block in latest.body
                if block.block_type in ("news_item", "one_off_news_item") and block.value
            ][: self.featured_news_count]
            prefetch_streams([b.value for b in featured if b.block_type == "news_item"], "links")
        return {"update": latest, "featured": featured}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events_index = content_cache.get_or_build(
            "index-page", EventIndexPage.objects.live().first, "events.EventIndexPage"
        )
        upcoming = []
        if events_index:
            upcoming = list(events_index.specific.upcoming_events()[: self.upcoming_events_count])
        context.update(
            upcoming_events=upcoming,
            events_index=events_index,
            **when_rendered(
                latest_news=self.latest_news,
                home_partners=lambda: list(self.partners.select_related("organisation")),
            ),
        )
        return context


class HomePagePartner(Orderable):
    """A partner organisation shown on the home page, with a line about it."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "contacts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    description = models.TextField(
        blank=True, help_text="Leave blank to use the organisation's own description."
    )

    panels = [FieldPanel("organisation"), FieldPanel("description")]

    @property
    def text(self):
        return self.description or self.organisation.description


class StandardPage(RoutedPageMixin, Page):
    """A page of text and tables: about the programme, the plan, accessibility, privacy."""

    base_form_class = PageForm

    intro = models.TextField(blank=True, help_text="A summary shown under the title.")
    body = StreamField(BodyBlock(), blank=True, use_json_field=True)
    menu_title = models.CharField(
        max_length=40,
        blank=True,
        help_text="A short title for the main menu, when the page's own is long (the menu "
        "should fit on one line on a laptop). Leave blank to use the page's title.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    promote_panels = [*Page.promote_panels, FieldPanel("menu_title")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["seslip.HomePage", "seslip.StandardPage", "seslip.PlanPage"]
    subpage_types = ["seslip.StandardPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["child_pages"] = self.get_children().live().public().specific()
        return context


class PlanPage(StandardPage):
    """A year's Regional Improvement Plan. The main menu's "Regional Improvement Plan" leads to
    the newest plan published, whatever year it is for; an older plan's page points to it."""

    menu_label = "Regional Improvement Plan"

    parent_page_types = ["seslip.HomePage"]
    subpage_types = ["seslip.StandardPage"]

    @classmethod
    def newest(cls, plans):
        """The newest of these plan pages (first published last; added last if never
        published), or None."""
        return max(
            plans, key=lambda page: (page.first_published_at or NEVER, page.path), default=None
        )

    @classmethod
    def current(cls):
        """The newest live, public plan page, or None."""
        return cls.newest(cls.objects.live().public().only("first_published_at", "path"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        current = self.current()
        context["current_plan"] = current if current and current.pk != self.pk else None
        return context
