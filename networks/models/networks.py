"""The practice networks and projects of the Regional Improvement Plan."""

from collections import defaultdict

from django import forms
from django.db import models
from django.db.models import Exists, ExpressionWrapper, F, OuterRef, Q, Subquery
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Collection, CollectionViewRestriction, Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from contacts.models import Person
from core import content_cache
from core.blocks import BodyBlock
from core.chosen import PageForm
from core.content_cache import CachedPrivacyQuerySet
from core.fields import optional_link
from core.routing import RoutedPageMixin
from core.utils import current_programme_year, when_rendered
from events.ics import calendar_response, feed_events, webcal
from events.models import EventPage


class NetworkIndexPage(RoutedPageMixin, Page):
    """The list of practice networks and projects (/about-networks/)."""

    base_form_class = PageForm

    intro = RichTextField(blank=True, features=["bold", "italic", "link", "ul", "ol"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["seslip.HomePage"]
    subpage_types = ["networks.NetworkPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        networks = (
            NetworkPage.objects.child_of(self)
            .live()
            .public()
            .select_related("sponsor", "project_manager")
            .order_by("number", "title")
        )
        context["practice_networks"] = [n for n in networks if n.kind == NetworkPage.Kind.NETWORK]
        context["projects"] = [n for n in networks if n.kind == NetworkPage.Kind.PROJECT]
        return context


class NetworkPageQuerySet(CachedPrivacyQuerySet, PageQuerySet):
    def led_by(self, person):
        return self.filter(
            Q(sponsor=person) | Q(project_manager=person) | Q(key_contact=person)
        ).distinct()


def _network_own(model, help_text):
    """A network's own group or collection, made for it when it is created (not edited)."""
    return models.OneToOneField(
        model,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="network",
        help_text=help_text,
    )


class NetworkPage(RoutedPageMixin, RoutablePageMixin, Page):
    """A practice network or a project: who it is for, its leads, the authorities taking part,
    its outputs for the year and budget line. Its meetings are event pages under it, and its
    documents live in its own collection; /events.ics under its address is its calendar feed."""

    base_form_class = PageForm

    class Kind(models.TextChoices):
        NETWORK = "network", "Practice network"
        PROJECT = "project", "Project"

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NETWORK)
    number = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Its workstream number in the Regional Improvement Plan."
    )
    purpose = RichTextField(features=["bold", "italic", "link", "ul", "ol"])
    who_for = RichTextField(
        "Who the network is for", blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )
    eligibility = RichTextField(
        "Membership eligibility", blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )
    sponsor = models.ForeignKey(
        "contacts.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sponsor_title = models.CharField(
        max_length=100,
        default="DCS sponsor",
        help_text="e.g. 'DCS sponsor', 'Lead Member sponsor'.",
    )
    project_manager = models.ForeignKey(
        "contacts.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    project_manager_title = models.CharField(
        max_length=100, default="Project manager", help_text="e.g. 'Programme manager'."
    )
    key_contact = optional_link(
        "contacts.Person",
        help_text="Leave blank when the project manager is the key contact.",
    )
    member_authorities = ParentalManyToManyField(
        "contacts.Organisation",
        blank=True,
        related_name="networks",
        limit_choices_to={"kind": "member"},
        verbose_name="Member authorities taking part",
        help_text="Shown on this page and on the member authorities page.",
    )
    budget = models.DecimalField(
        "Budget this year (£)", max_digits=10, decimal_places=0, null=True, blank=True
    )
    budget_year = models.CharField(
        max_length=20,
        default=current_programme_year,
        help_text="The programme year the budget is for (April to March), e.g. 2026-27.",
    )
    budget_note = models.CharField(max_length=255, blank=True, help_text="e.g. 'Paid to ESCC'.")
    body = StreamField(BodyBlock(), blank=True, use_json_field=True)
    editors = _network_own(
        "auth.Group",
        "The group whose members edit this network's pages, meetings and documents.",
    )
    collection = _network_own("wagtailcore.Collection", "Where this network's documents are kept.")

    objects = PageManager.from_queryset(NetworkPageQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("number")]),
        FieldPanel("purpose"),
        FieldPanel("who_for"),
        FieldPanel("eligibility"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("sponsor_title"), FieldPanel("sponsor")]),
                FieldRowPanel([FieldPanel("project_manager_title"), FieldPanel("project_manager")]),
                FieldPanel("key_contact"),
            ],
            heading="Management and governance",
        ),
        FieldPanel("member_authorities", widget=forms.CheckboxSelectMultiple),
        InlinePanel("outputs", heading="Outputs for the year", label="Output"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("budget_year"), FieldPanel("budget"), FieldPanel("budget_note")]
                )
            ],
            heading="Budget line",
        ),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("purpose"),
        index.SearchField("who_for"),
        index.SearchField("body"),
        index.RelatedFields("outputs", [index.SearchField("text")]),
    ]
    parent_page_types = ["networks.NetworkIndexPage"]
    subpage_types = ["events.EventPage"]

    recent_news_count = 5
    upcoming_meetings_count = 10
    documents_count = 20

    def meetings(self):
        """The network's live events: those filed under it and those that name it."""
        return EventPage.objects.listed().of_network(self)

    def upcoming_meetings(self):
        """The dates of its coming meetings, soonest first (each date of a repeating one), as
        a list: read more than once."""
        return list(self.meetings().upcoming(limit=self.upcoming_meetings_count))

    def public_documents(self):
        """The newest documents in the network's collection (and its sub-collections) that
        anyone may download: none from a collection with restricted privacy. Kept in the
        content cache, which any change to a document, collection or its privacy renews."""
        if self.collection_id is None:
            return []
        return content_cache.get_or_build(
            "network-documents", self._public_documents, self.collection_id, self.documents_count
        )

    def _public_documents(self):
        # One query: documents in a collection at or under the network's, unless a collection
        # with a view restriction is at or above theirs.
        own_path = Collection.objects.filter(pk=self.collection_id).values("path")
        restricted = CollectionViewRestriction.objects.annotate(
            document_path=ExpressionWrapper(
                OuterRef("collection__path"), output_field=models.CharField()
            )
        ).filter(document_path__startswith=F("collection__path"))
        return list(
            get_document_model()
            .objects.filter(collection__path__startswith=Subquery(own_path))
            .exclude(Exists(restricted))
            .order_by("-created_at", "title")[: self.documents_count]
        )

    def leads(self):
        """Its sponsor, its project manager and the person to contact, with their
        organisations, in one query rather than two each."""
        people = Person.objects.select_related("organisation").in_bulk(
            {self.sponsor_id, self.project_manager_id, self.key_contact_id} - {None}
        )
        manager = people.get(self.project_manager_id)
        return {
            "sponsor": people.get(self.sponsor_id),
            "project_manager": manager,
            "contact": people.get(self.key_contact_id) or manager,
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        meetings = self.upcoming_meetings()
        # How its regular meetings repeat, in words, each rule once.
        meeting_patterns = list(
            dict.fromkeys(m.recurrence_text for m in meetings if m.is_recurring)
        )
        context.update(
            upcoming_meetings=meetings,
            meeting_patterns=meeting_patterns,
            **when_rendered(
                leads=self.leads,
                member_authority_list=lambda: list(self.member_authorities.order_by("name")),
                documents=self.public_documents,
                recent_news=lambda: list(
                    self.news_items.order_by("-created_at")[: self.recent_news_count]
                ),
            ),
        )
        url = self.get_url(request)
        if url and self.live:
            feed = url + self.reverse_subpage("events_feed").rstrip("/")
            context["feed_url"] = feed
            context["subscribe_url"] = webcal(request, feed)
        return context

    @path("events.ics/", name="events_feed")
    def events_feed(self, request):
        """The network's meetings as an iCalendar feed to subscribe to."""
        return calendar_response(
            request,
            feed_events(self.meetings()),
            name=f"SESLIP: {self.title}",
            description=f"Meetings of the {self.title}, from the SESLIP website.",
            page=self,
        )

    @classmethod
    def filter_choices(cls):
        """The live networks and projects in workstream order: what filter forms offer (kept
        in the content cache, without their long text)."""
        return content_cache.get_or_build(
            "network-choices",
            lambda: list(
                cls.objects.live().public().defer_streamfields().order_by("number", "title")
            ),
            in_process=True,  # read, never changed
        )

    @classmethod
    def leads_by_person(cls, people):
        """Map person id to the live networks they lead, in one query."""
        ids = [p.pk for p in people]
        led = defaultdict(list)
        networks = (
            cls.objects.live()
            .public()
            .filter(Q(sponsor__in=ids) | Q(project_manager__in=ids) | Q(key_contact__in=ids))
            .order_by("number", "title")
        )
        for network in networks:
            for person_id in {
                network.sponsor_id,
                network.project_manager_id,
                network.key_contact_id,
            }:
                if person_id in ids:
                    led[person_id].append(network)
        return led


class NetworkOutput(Orderable):
    """One output a network or project commits to for the year, with its status."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    page = ParentalKey(NetworkPage, on_delete=models.CASCADE, related_name="outputs")
    text = models.TextField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    due = models.DateField("Date", null=True, blank=True)

    panels = [FieldPanel("text"), FieldRowPanel([FieldPanel("status"), FieldPanel("due")])]

    def __str__(self):
        return self.text
