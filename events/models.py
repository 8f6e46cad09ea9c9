"""Events and meetings: network meetings, peer challenge sessions, conferences.

A repeating event is one page with a rule; listings, the calendar and the home page show each of
its dates. Those dates are *occurrences*: copies of the page carrying one date's start and end,
made for display and never saved.
"""

import calendar
import copy
import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import dateformat, timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.utils import page_number

from .recurrence import (
    HORIZON,
    MAX_OCCURRENCES,
    WEEKDAY_NAMES,
    Frequency,
    MonthlyBy,
    Recurrence,
    aware,
    local_naive,
)

# The calendar's range of months: anything else is not found.
FIRST_YEAR, LAST_YEAR = 2000, 2100
# How far ahead the month filter offers.
FILTER_MONTHS = 12
# The calendar's column headings, short and in full.
WEEKDAYS = [(name[:3], name) for name in WEEKDAY_NAMES]


def finish_of(start, end, all_day):
    """The moment an event is over: its end, its start, or the end of its last day."""
    last = end or start
    if all_day and last:
        day = timezone.localtime(last).date() + datetime.timedelta(days=1)
        last = aware(datetime.datetime.combine(day, datetime.time.min))
    return last


def expand(events, after=None, before=None, limit=None, newest_first=False):
    """Every date of these events that is not over by ``after`` and starts before ``before``,
    soonest first. A rule with no end is expanded to ``HORIZON`` beyond ``after``."""
    found = []
    for event in events:
        found.extend(event.occurrences(after=after, before=before))
    found.sort(key=lambda o: (o.start, o.title.lower(), o.pk or 0), reverse=newest_first)
    return found[:limit] if limit else found


def live_events():
    """Every live, public event on the site, with what listings show about it."""
    return (
        EventPage.objects.live()
        .public()
        .select_related("network", "contact", "contact__organisation")
    )


def of_network(events, network):
    """Narrow a queryset of events to a network's: those filed under its page or naming it."""
    return events.filter(
        Q(network=network) | Q(path__startswith=network.path, depth=network.depth + 1)
    )


def occurring(events, after=None, before=None):
    """Narrow a queryset of events to those with a date between ``after`` and ``before``."""
    if after is not None:
        events = events.filter(Q(end_or_start__gte=after) | Q(end_or_start__isnull=True))
    if before is not None:
        events = events.filter(start__lt=before)
    return events


def upcoming(events=None, limit=None, before=None):
    """The dates of these events (default: all) that are not over yet, soonest first."""
    now = timezone.now()
    events = live_events() if events is None else events
    return expand(
        occurring(events, after=now, before=before), after=now, before=before, limit=limit
    )


def month_bounds(year, month):
    """The first moment of a month and of the next, in UK time."""
    first = datetime.date(year, month, 1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return (
        aware(datetime.datetime.combine(first, datetime.time.min)),
        aware(datetime.datetime.combine(following, datetime.time.min)),
    )


def add_months(day, months):
    """The first day of the month ``months`` after (or before) ``day``'s."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


class EventIndexPage(RoutablePageMixin, Page):
    """The events calendar (/events/): upcoming events with filters, a month calendar, an
    archive of past events and a calendar feed of every event on the site."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["seslip.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1
    per_page = 20

    def events(self):
        """Every event on the site: those here and the meetings under each network."""
        return live_events()

    def upcoming_events(self, limit=None):
        """The dates of events that are not over yet, soonest first."""
        return upcoming(self.events(), limit=limit)

    def past_events(self):
        """The dates of events that are over, most recent first."""
        now = timezone.now()
        found = expand(occurring(self.events(), before=now), before=now, newest_first=True)
        return [o for o in found if o.end_or_start < now]

    def get_context(self, request, *args, archive=False, **kwargs):
        from .forms import EventFilterForm

        context = super().get_context(request, *args, **kwargs)
        context["archive"] = archive
        if archive:
            events = self.past_events()
        else:
            form = EventFilterForm(request.GET, today=timezone.localdate())
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
            events = of_network(events, network)
        month = form.chosen_month()
        now = timezone.now()
        before = None
        after = now
        if month is not None:
            start, before = month_bounds(*month)
            after = max(now, start)
        return expand(occurring(events, after=after, before=before), after=after, before=before)

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

    @re_path(r"^calendar/(\d{4})/(\d{1,2})/$", name="calendar")
    def calendar(self, request, year, month):
        """A month as a grid of days, each listing its events."""
        from .forms import NetworkFilterForm

        year, month = int(year), int(month)
        if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
            raise Http404("No such month")
        form = NetworkFilterForm(request.GET)
        events = self.events()
        network = form.chosen_network()
        if network is not None:
            events = of_network(events, network)
        start, end = month_bounds(year, month)
        occurrences = expand(occurring(events, after=start, before=end), after=start, before=end)
        first = datetime.date(year, month, 1)
        query = f"?{request.GET.urlencode()}" if network is not None else ""
        previous_month, next_month = add_months(first, -1), add_months(first, 1)
        return self.render(
            request,
            template="events/event_calendar.html",
            context_overrides={
                "month": first,
                "month_name": dateformat.format(first, "F Y"),
                "weeks": month_grid(year, month, occurrences, timezone.localdate()),
                "occurrences": occurrences,
                "filter_form": form,
                "network": network,
                "previous": _month_link(self, previous_month, query),
                "next": _month_link(self, next_month, query),
                "this_month_url": self.url + self.reverse_subpage("calendar_now"),
                "weekday_names": WEEKDAYS,
                **self.feed_links(request),
            },
        )

    @path("feed.ics/", name="feed")
    def feed(self, request):
        """Every event on the site as an iCalendar feed to subscribe to."""
        from .ics import calendar_response, feed_events

        return calendar_response(
            request,
            feed_events(self.events()),
            name="SESLIP events",
            description="Network meetings, peer challenge sessions and conferences of SESLIP.",
            url=self.get_full_url(request),
        )


def _month_link(index, day, query):
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        return None
    return {
        "url": index.url + index.reverse_subpage("calendar", args=[day.year, day.month]) + query,
        "label": dateformat.format(day, "F Y"),
    }


def webcal(request, url):
    """A feed's address for calendar apps that subscribe to webcal: links."""
    if request is None:
        return ""
    absolute = request.build_absolute_uri(url)
    return "webcal://" + absolute.split("://", 1)[1]


def month_grid(year, month, occurrences, today):
    """The weeks of a month, Monday first: each day a dict (None outside the month) with its
    ``date``, ``label`` ('Wednesday 4 November 2026'), ``is_today`` and ``events``."""
    by_day = {}
    first = datetime.date(year, month, 1)
    last = add_months(first, 1) - datetime.timedelta(days=1)
    for occurrence in occurrences:
        day = max(occurrence.local_start.date(), first)
        final = occurrence.last_day
        while day <= min(final, last):
            by_day.setdefault(day, []).append(occurrence)
            day += datetime.timedelta(days=1)
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        days = []
        for day in week:
            if day.month != month:
                days.append(None)
                continue
            days.append(
                {
                    "date": day,
                    "label": dateformat.format(day, "l j F Y"),
                    "is_today": day == today,
                    "events": by_day.get(day, []),
                }
            )
        weeks.append(days)
    return weeks


class EventPage(RoutablePageMixin, Page):
    """One event: when and where it is, how it repeats, the network it belongs to, whom to
    contact and the authorities taking part. Put a network's meetings under the network's page
    so that its editors can keep them up to date."""

    class Kind(models.TextChoices):
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
    start = models.DateTimeField(help_text="UK time. For a repeating event, its first date.")
    end = models.DateTimeField(null=True, blank=True, help_text="UK time.")
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
        help_text="For monthly, quarterly and six-monthly meetings: taken from the first date.",
    )
    repeat_until = models.DateField(
        "Repeat until", null=True, blank=True, help_text="The last possible date (optional)."
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
    network = models.ForeignKey(
        "networks.NetworkPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text="Set automatically for meetings filed under a network's page.",
    )
    contact = models.ForeignKey(
        "contacts.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

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

    # Set on the copies that stand for one date of an event (see occurrences()).
    is_occurrence = False

    class Meta:
        indexes = [models.Index(fields=["start"])]

    # --- when -----------------------------------------------------------------------------

    @property
    def is_recurring(self):
        return bool(self.repeat) and self.repeat in Frequency.values

    @property
    def recurrence(self):
        if not self.is_recurring:
            return None
        return Recurrence(
            frequency=self.repeat,
            monthly_by=self.repeat_on or MonthlyBy.WEEKDAY,
            until=self.repeat_until,
            count=self.repeat_count,
        )

    @property
    def recurrence_text(self):
        """How the event repeats, in words ('Every month, on the first Wednesday'), or ''."""
        rule = self.recurrence
        return rule.describe(local_naive(self.start)) if rule and self.start else ""

    @property
    def finish(self):
        """The moment this date of the event is over."""
        return finish_of(self.start, self.end, self.all_day)

    def occurrences(self, after=None, before=None, limit=None):
        """The event's dates that are not over by ``after`` and start before ``before``.

        Each is a copy of this page with that date's ``start`` and ``end``; a one-off event has
        one. A rule with no end stops at ``HORIZON`` after ``after`` (or after now).
        """
        if not self.is_recurring:
            finish = self.finish
            if (after is None or finish >= after) and (before is None or self.start < before):
                return [self._occurrence(self.start, self.end)]
            return []
        rule = self.recurrence
        if before is None and not (rule.count or rule.until):
            before = (after or timezone.now()) + HORIZON
        first = local_naive(self.start)
        length = local_naive(self.end) - first if self.end else None
        begin = first
        if after is not None:
            # Start early enough to catch a date that began before ``after`` and is not over.
            margin = (length or datetime.timedelta(0)) + datetime.timedelta(days=1)
            begin = max(first, local_naive(after) - margin)
        found = []
        for count, naive in enumerate(rule.rule(first).xafter(begin, inc=True)):
            if count >= MAX_OCCURRENCES or (limit and len(found) >= limit):
                break
            start = aware(naive)
            if before is not None and start >= before:
                break
            end = aware(naive + length) if length is not None else None
            if after is not None and finish_of(start, end, self.all_day) < after:
                continue
            found.append(self._occurrence(start, end))
        return found

    def _occurrence(self, start, end):
        occurrence = copy.copy(self)
        occurrence.start, occurrence.end = start, end
        occurrence.end_or_start = finish_of(start, end, self.all_day)
        occurrence.first_start = self.start
        occurrence.is_occurrence = True
        return occurrence

    def next_dates(self, limit=12):
        """The coming dates (or, when all are past, the last one), for the event's page."""
        coming = self.occurrences(after=timezone.now(), limit=limit)
        if coming:
            return coming
        dates = self.occurrences(limit=MAX_OCCURRENCES)
        return dates[-1:]

    @property
    def local_start(self):
        return timezone.localtime(self.start)

    @property
    def local_end(self):
        return timezone.localtime(self.end) if self.end else None

    @property
    def ends_same_day(self):
        return self.end is None or self.local_end.date() == self.local_start.date()

    @property
    def last_day(self):
        """The last calendar day (UK) this date of the event takes up."""
        if self.end is None:
            return self.local_start.date()
        end = self.local_end
        if self.all_day:
            return max(end.date(), self.local_start.date())
        if end.time() == datetime.time.min and end.date() > self.local_start.date():
            return end.date() - datetime.timedelta(days=1)  # ends at midnight
        return end.date()

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

    def _parent_network_id(self):
        """The network page this event is filed under, if any."""
        if not self.path or self.depth is None or self.depth < 2:
            return None
        from networks.models import NetworkPage

        network_type = ContentType.objects.get_for_model(NetworkPage)
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
        return dates[-1].end_or_start if dates else self.finish

    # --- views ----------------------------------------------------------------------------

    @cached_property
    def ics_path(self):
        return self.reverse_subpage("ics").rstrip("/")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        dates = self.next_dates()
        context["next_date"] = dates[0] if dates else self
        context["dates"] = dates if self.is_recurring else []
        url = self.get_url(request)
        context["ics_url"] = url + self.ics_path if url and self.live else ""
        return context

    @path("event.ics/", name="ics")
    def ics(self, request):
        """This event (with its rule, when it repeats) as a file to add to a calendar."""
        from .ics import calendar_response

        return calendar_response(
            request, [self], name=self.title, url=self.get_full_url(request), filename=self.slug
        )


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
