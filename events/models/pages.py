"""Events and meetings: network meetings, peer challenge sessions, conferences.

A repeating event is one page with a rule; listings, the calendar and the home page show each of
its dates. Those dates are *occurrences*: copies of the page carrying one date's start and end,
made for display and never saved (``dates.EventDates``).
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.utils import dateformat, timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from core.fields import optional_link
from core.pages import SectionIndexPage
from core.routing import RoutedPageMixin
from core.utils import page_number, when_rendered

from ..calendar import FIRST_YEAR, LAST_YEAR, WEEKDAYS, add_months, month_bounds, month_grid
from ..forms import EventFilterForm, NetworkFilterForm
from ..ics import calendar_response, feed_events, webcal
from ..recurrence import Frequency, MonthlyBy, local_naive
from .changes import EventPageForm
from .dates import EventDates
from .occurrences import EventPageQuerySet


class EventIndexPage(RoutedPageMixin, RoutablePageMixin, SectionIndexPage):
    """The events calendar (/events/): upcoming events with filters, a month calendar, an
    archive of past events and a calendar feed of every event on the site."""

    parent_page_types = ["seslip.HomePage"]
    subpage_types = ["events.EventPage"]

    def events(self):
        """Every event on the site: those here and the meetings under each network."""
        return EventPage.objects.listed()

    def upcoming_events(self, limit=None):
        """The dates of events that are not over yet, soonest first."""
        return self.events().upcoming(limit=limit)

    def past_events(self):
        """The dates of events that are over, most recent first."""
        now = timezone.now()
        found = self.events().dates(before=now, newest_first=True)
        return [o for o in found if o.end_or_start < now]

    def get_context(self, request, *args, archive=False, listing=True, **kwargs):
        """The list of coming (or past) events; ``listing=False`` for the calendar's own view,
        which shows them otherwise."""
        context = super().get_context(request, *args, **kwargs)
        context["archive"] = archive
        if not listing:
            return context
        if archive:
            events = self.past_events()
        else:
            form = EventFilterForm(
                request.GET, networks=EventPage.network_choices(), today=timezone.localdate()
            )
            events = self.filtered_events(form)
            context["filter_form"] = form
        paginator = Paginator(events, self.per_page)
        context["events"] = paginator.get_page(page_number(request))
        context["paginator"] = paginator
        context.update(self.feed_links(request))
        return context

    def filtered_events(self, form):
        """Upcoming dates, narrowed by the valid parts of the filter form."""
        events = self.events()
        network = form.chosen_network()
        if network is not None:
            events = events.of_network(network)
        month = form.chosen_month()
        now = timezone.now()
        before = None
        after = now
        if month is not None:
            start, before = month_bounds(*month)
            after = max(now, start)
        return events.dates(after=after, before=before)

    def feed_links(self, request):
        """The addresses of the whole calendar's feed: to download, and to subscribe to."""
        url = self.feed_url(request)
        return {"feed_url": url, "subscribe_url": webcal(request, url)}

    def feed_url(self, request=None):
        return self.get_url(request) + self.reverse_subpage("feed").rstrip("/")

    @path("")
    def upcoming(self, request):
        return self.render(request)

    @path("past/")
    def past(self, request):
        return self.render(request, archive=True)

    @path("calendar/", name="calendar_now")
    def calendar_now(self, request):
        today = timezone.localdate()
        return self.calendar(request, str(today.year), str(today.month))

    @re_path(r"^calendar/([0-9]{4})/([0-9]{1,2})/$", name="calendar")
    def calendar(self, request, year, month):
        """A month as a grid of days, each listing its events."""
        year, month = int(year), int(month)
        if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
            raise Http404("No such month")
        form = NetworkFilterForm(request.GET, networks=EventPage.network_choices())
        events = self.events()
        network = form.chosen_network()
        if network is not None:
            events = events.of_network(network)
        start, end = month_bounds(year, month)
        first, today = datetime.date(year, month, 1), timezone.localdate()
        marked_day = today if (today.year, today.month) == (year, month) else None
        query = f"?{request.GET.urlencode()}" if network is not None else ""
        previous_month, next_month = add_months(first, -1), add_months(first, 1)
        # The month's dates are read only if its grid and list are rendered afresh: they are
        # kept for the month, the network and the day marked as today (in this month only)
        # until content changes. Copied once, for the grid and the list.
        month_events = when_rendered(
            occurrences=lambda: list(events.dates(after=start, before=end))
        )
        month_events |= when_rendered(
            weeks=lambda: month_grid(year, month, month_events["occurrences"], marked_day)
        )
        return self.render(
            request,
            listing=False,
            template="events/event_calendar.html",
            context_overrides={
                "month": first,
                "month_name": dateformat.format(first, "F Y"),
                "marked_day": marked_day,
                **month_events,
                "filter_form": form,
                "network": network,
                "previous": self.month_link(previous_month, query),
                "next": self.month_link(next_month, query),
                "this_month_url": self.url + self.reverse_subpage("calendar_now"),
                "weekday_names": WEEKDAYS,
                **self.feed_links(request),
            },
        )

    def month_link(self, day, query):
        """The link to a month's calendar (None outside the months it covers)."""
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            return None
        return {
            "url": self.url + self.reverse_subpage("calendar", args=[day.year, day.month]) + query,
            "label": dateformat.format(day, "F Y"),
        }

    @path("feed.ics/", name="feed")
    def feed(self, request):
        """Every event on the site as an iCalendar feed to subscribe to."""
        return calendar_response(
            request,
            feed_events(self.events()),
            name="SESLIP events",
            description="Network meetings, peer challenge sessions and conferences of SESLIP.",
            page=self,
        )


class EventPage(EventDates, RoutedPageMixin, RoutablePageMixin, Page):
    """One event: when and where it is, how it repeats, the network it belongs to, whom to
    contact and the authorities taking part. Put a network's meetings under the network's page
    so that its editors can keep them up to date. One date of a repeating event can be
    cancelled or moved under "Changed dates"."""

    base_form_class = EventPageForm

    class Kind(models.TextChoices):
        """What the event is: its category in calendar files; a peer challenge also makes a triad
        on the member authorities page."""

        MEETING = "meeting", "Meeting"
        PEER_CHALLENGE = "peer_challenge", "Peer challenge"
        CONFERENCE = "conference", "Conference"
        TRAINING = "training", "Training or workshop"
        OTHER = "other", "Other event"

    class Location(models.TextChoices):
        VENUE = "venue", "At a venue"
        ONLINE = "online", "Online"
        HYBRID = "hybrid", "At a venue and online"

    kind = models.CharField(
        "Kind of event",
        max_length=20,
        choices=Kind.choices,
        default=Kind.MEETING,
        help_text="Peer challenge sessions appear as triads on the member authorities page.",
    )
    start = models.DateTimeField(
        help_text="UK time, as day/month/year hours:minutes (19/02/2027 10:00), or choose from "
        "the calendar. For a repeating event, its first date."
    )
    end = models.DateTimeField(
        null=True, blank=True, help_text="UK time, as day/month/year hours:minutes."
    )
    all_day = models.BooleanField(
        default=False, help_text="Tick when the event has a date but no set times."
    )
    repeat = models.CharField(
        max_length=20,
        choices=Frequency.choices,
        default=Frequency.NONE,
        blank=True,
        help_text="For regular meetings: each date appears in the calendar and the feeds.",
    )
    repeat_on = models.CharField(
        "Monthly on",
        max_length=20,
        choices=MonthlyBy.choices,
        default=MonthlyBy.WEEKDAY,
        help_text="For meetings every one, two, three or six months: which day of the month they "
        "fall on, taken from the first date.",
    )
    repeat_until = models.DateField(
        "Repeat until",
        null=True,
        blank=True,
        help_text="The last possible date, as day/month/year (optional).",
    )
    repeat_count = models.PositiveSmallIntegerField(
        "Number of times",
        null=True,
        blank=True,
        help_text="How many meetings in all, counting the first (optional; or give a date).",
    )
    end_or_start = models.DateTimeField(
        editable=False,
        db_index=True,
        null=True,
        help_text="When the event's last date is over; empty when it repeats with no end.",
    )
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
    network = optional_link(
        "networks.NetworkPage",
        related_name="events",
        help_text="Set automatically for meetings filed under a network's page.",
    )
    contact = models.ForeignKey(
        "contacts.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = PageManager.from_queryset(EventPageQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("all_day")],
            heading="When",
        ),
        MultiFieldPanel(
            [
                FieldPanel("repeat"),
                FieldPanel("repeat_on"),
                FieldRowPanel([FieldPanel("repeat_until"), FieldPanel("repeat_count")]),
            ],
            heading="Repeats",
        ),
        InlinePanel(
            "date_changes",
            heading="Changed dates",
            label="Changed date",
            help_text="One date of a repeating event that is cancelled or held at another time.",
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

    # --- where ----------------------------------------------------------------------------

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

    # --- saving ---------------------------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.end and self.start and self.end < self.start:
            errors["end"] = "The end must be after the start."
        if self.is_recurring and self.start:
            errors.update(self.recurrence.problems(local_naive(self.start)))
        elif not self.is_recurring and (self.repeat_until or self.repeat_count):
            errors["repeat"] = "Choose how often the event repeats, or clear the end and count."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.is_occurrence:
            raise TypeError("This is one date of an event, for display: save the event itself.")
        if kwargs.get("update_fields") is None:
            parent_network = self._parent_network_id()
            if parent_network is not None:
                self.network_id = parent_network
        self.end_or_start = self._series_finish()
        super().save(*args, **kwargs)

    @classmethod
    def network_model(cls):
        """The network page model, as the ``network`` field names it: events stand below
        networks (the network page lists its meetings) and never import them."""
        return cls._meta.get_field("network").related_model

    @classmethod
    def network_choices(cls):
        """The live networks and projects in workstream order, for the filters (the network
        model's own ``filter_choices()``)."""
        return cls.network_model().filter_choices()

    def _parent_network_id(self):
        """The network page this event is filed under, if any."""
        if not self.path or self.depth is None or self.depth < 2:
            return None
        network_type = ContentType.objects.get_for_model(self.network_model())
        parent_path = self.path[: -self.steplen]
        return (
            Page.objects.filter(path=parent_path, content_type=network_type)
            .values_list("pk", flat=True)
            .first()
        )

    def _series_finish(self):
        """When the last date is over: None when the event repeats with no end."""
        if not self.start:
            return None
        if not self.is_recurring:
            return self.finish
        rule = self.recurrence
        if not (rule.count or rule.until):
            return None
        dates = self.occurrences()
        return max(date.end_or_start for date in dates) if dates else self.finish

    # --- views ----------------------------------------------------------------------------

    @cached_property
    def ics_path(self):
        return self.reverse_subpage("ics").rstrip("/")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        dates = self.next_dates()
        held = [date for date in dates if not date.cancelled]
        context["next_date"] = (held or dates or [self])[0]
        context["dates"] = dates if self.is_recurring else []
        # Over once its last date has ended (next_dates gives only that one then): the page says
        # so and offers no calendar file.
        now = timezone.now()
        context["over"] = over = bool(dates) and all(date.finish <= now for date in dates)
        url = self.get_url(request)
        context["ics_url"] = url + self.ics_path if url and self.live and not over else ""
        return context

    @path("event.ics/", name="ics")
    def ics(self, request):
        """This event (with its rule, when it repeats) as a file to add to a calendar."""
        return calendar_response(request, [self], name=self.title, page=self, filename=self.slug)


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
