"""Events and meetings: network meetings, peer challenge sessions, conferences."""

import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from seslip.utils import page_number


class EventIndexPage(RoutablePageMixin, Page):
    """The events calendar (/events/): upcoming events first, past ones in an archive."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["seslip.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1
    per_page = 20

    def events(self):
        """Every event on the site: those here and the meetings under each network."""
        return (
            EventPage.objects.live()
            .public()
            .select_related("network", "contact", "contact__organisation")
        )

    def upcoming_events(self):
        """Events that have not yet ended, soonest first."""
        return self.events().filter(end_or_start__gte=timezone.now()).order_by("start")

    def past_events(self):
        return self.events().filter(end_or_start__lt=timezone.now()).order_by("-start")

    def get_context(self, request, *args, archive=False, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["archive"] = archive
        events = self.past_events() if archive else self.upcoming_events()
        paginator = Paginator(events, self.per_page)
        context["events"] = paginator.get_page(page_number(request))
        context["paginator"] = paginator
        return context

    @path("")
    def upcoming(self, request):
        return self.render(request)

    @path("past/")
    def past(self, request):
        return self.render(request, archive=True)


class EventPage(Page):
    """One event: when and where it is, the network it belongs to, and whom to contact."""

    class Location(models.TextChoices):
        VENUE = "venue", "At a venue"
        ONLINE = "online", "Online"
        HYBRID = "hybrid", "At a venue and online"

    start = models.DateTimeField()
    end = models.DateTimeField(null=True, blank=True)
    all_day = models.BooleanField(
        default=False, help_text="Tick when the event has a date but no set times."
    )
    end_or_start = models.DateTimeField(editable=False, db_index=True, null=True)
    description = RichTextField(blank=True, features=["bold", "italic", "link", "ul", "ol"])
    location = models.CharField(max_length=20, choices=Location.choices, default=Location.ONLINE)
    venue = models.TextField(blank=True, help_text="The venue's name and address.")
    online_platform = models.CharField(
        max_length=100, blank=True, default="MS Teams", help_text="e.g. 'MS Teams'."
    )
    joining_instructions = models.CharField(
        max_length=255,
        blank=True,
        help_text="A joining link, or e.g. 'Contact Mark Evans for the Teams link'.",
    )
    network = models.ForeignKey(
        "networks.NetworkPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    contact = models.ForeignKey(
        "contacts.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("all_day")],
            heading="When",
        ),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("location"),
                FieldPanel("venue"),
                FieldPanel("online_platform"),
                FieldPanel("joining_instructions"),
            ],
            heading="Where",
        ),
        FieldPanel("network"),
        FieldPanel("contact"),
        InlinePanel("participants", heading="Participating authorities", label="Authority"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.SearchField("venue"),
        index.FilterField("start"),
    ]
    # Network meetings live under their network, so that its editors can edit them.
    parent_page_types = ["events.EventIndexPage", "networks.NetworkPage"]
    subpage_types = []

    class Meta:
        indexes = [models.Index(fields=["start"])]

    def clean(self):
        super().clean()
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": "The end must be after the start."})

    def save(self, *args, **kwargs):
        # The moment the event is over: what upcoming and past listings compare with.
        last = self.end or self.start
        if self.all_day and last:
            day = timezone.localtime(last).date() + datetime.timedelta(days=1)
            last = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
        self.end_or_start = last
        super().save(*args, **kwargs)

    @property
    def is_online(self):
        return self.location in (self.Location.ONLINE, self.Location.HYBRID)

    @property
    def has_venue(self):
        return self.location in (self.Location.VENUE, self.Location.HYBRID)

    @property
    def where(self):
        """A one-line description of where the event is held."""
        parts = []
        if self.has_venue and self.venue:
            parts.append(self.venue.splitlines()[0])
        if self.is_online:
            parts.append(self.online_platform or "Online")
        return ", ".join(parts) or "To be confirmed"

    @property
    def local_start(self):
        return timezone.localtime(self.start)

    @property
    def local_end(self):
        return timezone.localtime(self.end) if self.end else None

    @property
    def ends_same_day(self):
        return self.end is None or self.local_end.date() == self.local_start.date()


class EventParticipant(Orderable):
    """An authority taking part in an event, with its role (host, visitor, observer)."""

    class Role(models.TextChoices):
        PARTICIPANT = "participant", "Participant"
        HOST = "host", "Host"
        VISITOR = "visitor", "Visitor"
        OBSERVER = "observer", "Observer"

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey(
        "contacts.Organisation", on_delete=models.CASCADE, related_name="event_participations"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.PARTICIPANT)

    panels = [FieldRowPanel([FieldPanel("organisation"), FieldPanel("role")])]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"
