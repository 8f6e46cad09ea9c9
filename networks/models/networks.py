"""The practice networks and projects of the Regional Improvement Plan."""

from collections import defaultdict

from django.db import models
from django.db.models import Q
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from seslip.blocks import BodyBlock


class NetworkIndexPage(Page):
    """The list of practice networks and projects (/about-networks/)."""

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


class NetworkPageQuerySet(PageQuerySet):
    def led_by(self, person):
        return self.filter(
            Q(sponsor=person) | Q(project_manager=person) | Q(key_contact=person)
        ).distinct()


class NetworkPage(Page):
    """A practice network or a project: its purpose, leads, outputs for the year and budget line."""

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
    key_contact = models.ForeignKey(
        "contacts.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Leave blank when the project manager is the key contact.",
    )
    budget = models.DecimalField(
        "Budget this year (£)", max_digits=10, decimal_places=0, null=True, blank=True
    )
    budget_year = models.CharField(max_length=20, default="2024-25")
    budget_note = models.CharField(max_length=255, blank=True, help_text="e.g. 'Paid to ESCC'.")
    body = StreamField(BodyBlock(), blank=True, use_json_field=True)
    editors = models.OneToOneField(
        "auth.Group",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="network",
        help_text="The group whose members edit this network's pages, meetings and documents.",
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="network",
        help_text="Where this network's documents are kept.",
    )

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
        index.FilterField("kind"),
    ]
    parent_page_types = ["networks.NetworkIndexPage"]
    subpage_types = ["events.EventPage"]

    recent_news_count = 5

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["recent_news"] = list(
            self.news_items.order_by("-created_at")[: self.recent_news_count]
        )
        context["upcoming_meetings"] = list(
            self.events.live()
            .public()
            .filter(end_or_start__gte=timezone.now())
            .order_by("start")[:10]
        )
        return context

    @property
    def contact(self):
        """The person to contact about this network."""
        return self.key_contact or self.project_manager

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
