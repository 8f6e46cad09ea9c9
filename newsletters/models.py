"""Weekly updates and the reusable news items they are composed from."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import (
    Exists,
    Func,
    OuterRef,
    Q,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import ExtractYear, JSONObject
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.blocks import StreamValue
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from contacts.models import SiteSettings
from core import content_cache
from core.chosen import SnippetForm
from core.content_cache import CachedPrivacyPageManager
from core.pages import SectionIndexPage
from core.panels import ChecksPanel
from core.routing import RoutedPageMixin
from core.utils import page_number, parse_int, when_rendered
from events.models import EventPage

from .blocks import ITEM_FEATURES, NewsItemLinksBlock, RemindersBlock, UpdateBodyBlock
from .checks import asks_to_act, deadline_passed, item_warnings, update_warnings
from .feeds import LatestUpdatesFeed
from .forms import WeeklyUpdateForm

MEETINGS_HEADING = "Future dates for network meetings"
MEETINGS_LOOKAHEAD = datetime.timedelta(weeks=8)
TOOLS_BLOCK = "tools_and_templates"
PRINT_TEMPLATE = "newsletters/weekly_update_page_print.html"


def prefetch_streams(instances, field_name):
    """Convert one StreamField of many instances with one query per block type in all, rather
    than one per instance (the links and documents of every news item on a page)."""
    unique = {id(obj): obj for obj in instances}.values()
    pending = [
        (obj, value)
        for obj in unique
        if isinstance(value := getattr(obj, field_name), StreamValue) and value.is_lazy and value
    ]
    if not pending:
        return
    stream_block = pending[0][1].stream_block
    raw = [item for _, value in pending for item in value.raw_data]
    children = iter(list(StreamValue(stream_block, raw, is_lazy=True)))
    for obj, value in pending:
        chunk = [next(children) for _ in range(len(value))]
        converted = [(child.block_type, child.value, child.id) for child in chunk]
        setattr(obj, field_name, StreamValue(stream_block, converted, is_lazy=False))


def choosing(pk):
    """Updates whose news or reminders choose the news item ``pk`` (a value or an OuterRef):
    their stored JSON contains the chooser block, whatever its id. Read from the updates
    themselves, so it holds the moment they are saved (Wagtail's reference index is written
    later, by the task worker)."""
    block = Func(
        JSONObject(type=Value("news_item"), value=pk),
        function="jsonb_build_array",
        output_field=models.JSONField(),
    )
    return Q(body__contains=block) | Q(reminders__contains=block)


class NewsItemQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def in_updates(self, updates=None):
        """The items that some update (of ``updates``, default all) shows."""
        updates = WeeklyUpdatePage.objects.all() if updates is None else updates
        return self.filter(Exists(updates.filter(choosing(OuterRef("pk")))))

    def with_last_update(self):
        """Each item with the number and date of the latest update that chooses it (live or
        draft), or None: one query, however many items."""
        latest = WeeklyUpdatePage.objects.filter(choosing(OuterRef("pk"))).order_by("-number")
        return self.annotate(
            last_update_number=Subquery(latest.values("number")[:1]),
            last_update_date=Subquery(latest.values("date")[:1]),
        )


class NewsItem(index.Indexed, ClusterableModel):
    """A news item, written once and shown in every update that chooses it."""

    base_form_class = SnippetForm

    heading = models.CharField(max_length=255)
    body = RichTextField(features=ITEM_FEATURES)
    action_required = RichTextField(
        blank=True, features=ITEM_FEATURES, help_text="What readers need to do, if anything."
    )
    action_by = models.DateField(null=True, blank=True, help_text="The date the action is due.")
    networks = ParentalManyToManyField(
        "networks.NetworkPage", blank=True, related_name="news_items"
    )
    people = ParentalManyToManyField(
        "contacts.Person",
        blank=True,
        related_name="news_items",
        help_text="Everyone the item mentions: their contact details end the update.",
    )
    remind_until = models.DateField(
        null=True,
        blank=True,
        help_text="Offer this item under 'Reminders from previous weeks' until this date.",
    )
    links = StreamField(
        NewsItemLinksBlock(),
        blank=True,
        use_json_field=True,
        help_text="Web pages and documents the item refers to.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NewsItemQuerySet.as_manager()

    panels = [
        ChecksPanel(),
        FieldPanel("heading"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("action_required"), FieldPanel("action_by")], heading="Action required"
        ),
        # Boxes to tick: a list to Ctrl-click loses every choice at one plain click.
        FieldPanel("networks", widget=forms.CheckboxSelectMultiple),
        FieldPanel("people", widget=forms.CheckboxSelectMultiple),
        FieldPanel("links"),
        FieldPanel("remind_until"),
    ]
    search_fields = [
        index.SearchField("heading", boost=2),
        index.AutocompleteField("heading"),
        index.SearchField("body"),
        index.AutocompleteField("body"),
        index.SearchField("action_required"),
        index.AutocompleteField("action_required"),
    ]

    # The date of the update it is being shown in (WeeklyUpdatePage.news_items), if any.
    shown_on = None

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.heading

    def clean(self):
        super().clean()
        if self.action_by is not None and not asks_to_act(self):
            raise ValidationError(
                {
                    "action_by": "Say under ‘Action required’ what readers need to do by this "
                    "date, or clear the date: a date with no action is not shown."
                }
            )

    def get_url(self):
        index = NewsletterIndexPage.objects.live().first()
        return index.news_item_url(self) if index else ""

    @property
    def current_action_by(self):
        """The date the action is due, unless it had passed by the date of the update showing
        the item (or, shown on its own, by today): a passed date is never shown as current."""
        if deadline_passed(self, self.shown_on or timezone.localdate()):
            return None
        return self.action_by

    def content_warnings(self):
        return item_warnings(self)

    def updates(self):
        """Live weekly updates that show this item, in their news or their reminders."""
        return WeeklyUpdatePage.objects.live().public().filter(choosing(self.pk))


class NewsletterIndexPage(RoutedPageMixin, RoutablePageMixin, SectionIndexPage):
    """The archive of weekly updates (/newsletters/), newest first, with a year filter."""

    parent_page_types = ["seslip.HomePage"]
    subpage_types = ["newsletters.WeeklyUpdatePage"]

    def updates(self):
        return WeeklyUpdatePage.objects.child_of(self).live().public().order_by("-number")

    def years(self):
        """The years with updates, newest first (kept in the content cache)."""
        return list(
            self.updates()
            .annotate(year=ExtractYear("date"))
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )

    def get_context(self, request, *args, listing=True, **kwargs):
        """The archive's list of updates; ``listing=False`` for a news item's own page."""
        context = super().get_context(request, *args, **kwargs)
        if not listing:
            return context
        updates = self.updates()
        years = content_cache.get_or_build("update-years", self.years, self.pk)
        # A year of the archive, or all: "²" or "٢٠٢٤" is no year (str.isdigit() says it is).
        asked = request.GET.get("year", "")
        year = parse_int(asked, minimum=1)
        selected_year = year if year in years else None
        if selected_year:
            updates = updates.filter(date__year=selected_year)
        paginator = content_cache.KeptCountPaginator(
            updates.only("title", "number", "date", "url_path", "path", "depth", "slug", "intro"),
            self.per_page,
            key=("update-archive", self.pk, selected_year),
        )
        context.update(
            updates=paginator.get_page(page_number(request)),
            paginator=paginator,
            years=years,
            selected_year=selected_year,
            # A year in the address with no updates (or no year at all): all are shown, and why.
            year_not_found=bool(asked) and selected_year is None,
        )
        return context

    @path("")
    def index(self, request):
        return self.render(request)

    def news_item_url(self, item):
        """The address of a reusable news item's own page (/newsletters/items/12/)."""
        return self.url + self.reverse_subpage("news_item", args=[item.pk])

    @path("items/<int:pk>/", name="news_item")
    def news_item(self, request, pk):
        """A news item on its own, with the updates that show it."""
        item = NewsItem.objects.filter(pk=pk).prefetch_related("people__organisation").first()
        if item is None:
            raise Http404("No such news item")
        return self.render(
            request,
            listing=False,
            template="newsletters/news_item.html",
            context_overrides={"item": item, "item_updates": item.updates().order_by("-number")},
        )

    @path("feed/", name="feed")
    def feed(self, request):
        return LatestUpdatesFeed(self)(request)

    @re_path(r"^(?P<number>[0-9]{1,7})/$")
    def by_number(self, request, number):
        """/newsletters/298/ redirects to the update's full address."""
        update = self.updates().filter(number=int(number)).first()
        if update is None:
            raise Http404("No update with that number")
        return redirect(update.url, permanent=True)


class WeeklyUpdatePage(RoutedPageMixin, RoutablePageMixin, Page):
    """A numbered weekly update: intro, news items with actions, reminders and contacts."""

    base_form_class = WeeklyUpdateForm

    number = models.PositiveIntegerField(unique=True, help_text="The update's number, e.g. 518.")
    date = models.DateField(help_text="The Friday it is published.")
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    body = StreamField(UpdateBodyBlock(), blank=True, use_json_field=True)
    reminders = StreamField(
        RemindersBlock(),
        blank=True,
        use_json_field=True,
        verbose_name="Reminders from previous weeks",
    )

    content_panels = [
        ChecksPanel(),
        FieldRowPanel([FieldPanel("number"), FieldPanel("date")]),
        FieldPanel("intro"),
        FieldPanel("body", heading="News"),
        FieldPanel("reminders"),
    ]
    promote_panels = [FieldPanel("search_description")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("reminders"),
        index.FilterField("number"),
        index.FilterField("date"),
    ]
    objects = CachedPrivacyPageManager()

    parent_page_types = ["newsletters.NewsletterIndexPage"]
    subpage_types = []

    class Meta:
        ordering = ["-number"]

    preview_modes = [("", "Web page"), ("print", "Print")]

    def set_title_and_slug(self):
        """Title and slug follow the number and date: "Update no 298 20 April 2018"."""
        if self.number and self.date:
            self.title = f"Update no {self.number} {self.date:%-d %B %Y}"
            self.slug = slugify(f"update-no-{self.number}-{self.date:%-d-%B-%Y}")

    def full_clean(self, *args, **kwargs):
        self.set_title_and_slug()
        super().full_clean(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.pk:
            published = (
                WeeklyUpdatePage.objects.filter(pk=self.pk, first_published_at__isnull=False)
                .values_list("number", flat=True)
                .first()
            )
            if published is not None and published != self.number:
                raise ValidationError(
                    {
                        "number": f"This update has been published as number {published}; "
                        "a published update's number cannot change."
                    }
                )
        if self.number:
            clash = WeeklyUpdatePage.objects.filter(number=self.number).exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError({"number": f"Update number {self.number} already exists."})

    def save(self, *args, **kwargs):
        self.set_title_and_slug()
        super().save(*args, **kwargs)

    def get_preview_template(self, request, mode_name):
        if mode_name == "print":
            return PRINT_TEMPLATE
        return super().get_preview_template(request, mode_name)

    def serve_preview(self, request, mode_name):
        if mode_name == "print":
            return self.print_version(request)
        return super().serve_preview(request, mode_name)

    @path("print/", name="print")
    def print_version(self, request):
        """The update laid out for paper: just the update, without the site's navigation."""
        return self.render(
            request,
            template=PRINT_TEMPLATE,
            context_overrides={"canonical_url": request.build_absolute_uri(self.get_url(request))},
        )

    # --- generated sections -------------------------------------------------------------

    def news_items(self):
        """Every reusable news item chosen in the body and reminders, in reading order, each
        marked as shown on this update's date (so that a passed action date is not shown)."""
        items = []
        for stream in (self.body, self.reminders):
            for block in stream:
                if block.block_type == "news_item" and block.value is not None:
                    block.value.shown_on = self.date
                    items.append(block.value)
        return items

    def content_warnings(self):
        earlier = (
            WeeklyUpdatePage.objects.filter(number__lt=self.number)
            .exclude(pk=self.pk)  # (a draft renumbering the page itself)
            .order_by("-number")
        )
        return update_warnings(self, earlier.first())

    def body_sections(self):
        """The body split as the update reads: the news (items, text and tables, in the order
        written), then every "Tools & Templates" block, which comes after the meetings."""
        news, tools = [], []
        for block in self.body:
            if block.block_type == TOOLS_BLOCK:
                tools.append(block)
            elif block.block_type != "news_item" or block.value is not None:
                news.append(block)
        return news, tools

    def contact_people(self, items=None, request=None):
        """Everyone mentioned in the update's items, each once, in order of first mention,
        then the programme manager."""
        items = self.news_items() if items is None else items
        seen, people = set(), []
        for item in items:
            for person in item.people.all():
                if person.pk not in seen:
                    seen.add(person.pk)
                    people.append(person)
        if request is not None:
            site_settings = SiteSettings.for_request(request)
        else:
            site_settings = SiteSettings.for_site(self.get_site())
        manager = site_settings.programme_manager
        if manager and manager.pk not in seen:
            people.append(manager)
        return people

    def future_meetings(self):
        """Meetings in the weeks after the update's date, generated from the live events: each
        date of a repeating meeting (two queries, however many events)."""
        start = timezone.make_aware(datetime.datetime.combine(self.date, datetime.time.min))
        end = start + MEETINGS_LOOKAHEAD
        dates = EventPage.objects.listed().dates(after=start, before=end)
        # Those that start on or after the update's date (not one that began the day before).
        return [date for date in dates if date.start >= start]

    def reading_sections(self, request=None, prefetch=("people__organisation",)):
        """What the update shows after its introduction, for its page and its email alike: the
        news blocks, the reminders, the meetings in the weeks after it, the "Tools & Templates"
        blocks and everyone to contact. ``prefetch``: what to read with the news items."""
        items = self.news_items()
        prefetch_related_objects(items, *prefetch)
        prefetch_streams(items, "links")
        news_blocks, tools_blocks = self.body_sections()
        future_meetings = list(self.future_meetings())
        return {
            "news_blocks": news_blocks,
            "tools_blocks": tools_blocks,
            "reminder_blocks": [
                block
                for block in self.reminders
                if block.block_type != "news_item" or block.value is not None
            ],
            "future_meetings": future_meetings,
            # An imported update keeps its own list of meeting dates: say nothing more then.
            "show_future_meetings": bool(future_meetings) or not self.has_own_meetings_list(),
            "contact_people": self.contact_people(items, request=request),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["hide_footer_signup"] = True  # the update ends with its own sign-up form
        url = self.get_url(request)
        context["print_url"] = url + self.reverse_subpage("print") if url else ""
        context.update(when_rendered(sections=lambda: self.reading_sections(request)))
        return context

    def has_own_meetings_list(self):
        """Whether the body carries its own "Future dates for network meetings" (imported)."""
        return any(
            block.block_type == "rich_text" and MEETINGS_HEADING in str(block.value.source)
            for block in self.body
        )
