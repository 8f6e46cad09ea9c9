"""Events as iCalendar (RFC 5545) files and feeds, for Outlook, Google and Apple calendars.

Each event is one VEVENT whose UID (``event-<page id>@seslip.co.uk``) never changes, so a calendar
that has it updates the meeting in place when it changes; SEQUENCE rises with every publication.
A repeating event carries its rule (RRULE) rather than a copy per date. Times are Europe/London
local times with a VTIMEZONE, so that repeats stay at the same local time across clock changes;
all-day events are DATE values.
"""

import datetime
import re
from html import unescape
from zoneinfo import ZoneInfo

from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vDuration,
)

from .recurrence import local_naive

UID_DOMAIN = "seslip.co.uk"
PRODID = "-//SESLIP//South East Sector Led Improvement Programme website//EN"
TZID = "Europe/London"
LONDON = ZoneInfo(TZID)
CONTENT_TYPE = "text/calendar; charset=utf-8"
# How long a feed keeps events after they are over.
FEED_HISTORY = datetime.timedelta(days=366)
REFRESH = datetime.timedelta(hours=6)

_BREAKS = re.compile(r"</(p|li|h\d)>|<br\s*/?>", re.IGNORECASE)


def uid(event):
    return f"event-{event.pk}@{UID_DOMAIN}"


def plain_text(html):
    """Rich text as plain text, a line per paragraph or list item."""
    text = unescape(strip_tags(_BREAKS.sub("\n", html or "")))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def feed_events(events):
    """The events a feed carries (an ``EventPage`` queryset): all but those over for more than
    a year."""
    return events.occurring(after=timezone.now() - FEED_HISTORY).order_by("start", "pk")


def absolute_url(request, page):
    """A page's address as the visitor reached the site (as vCards and the RSS feed give it),
    or its site's address when there is no request."""
    if request is None:
        return page.get_full_url()
    url = page.get_url(request)
    return request.build_absolute_uri(url) if url else ""


def webcal(request, url):
    """A feed's address for calendar apps that subscribe to webcal: links."""
    if request is None:
        return ""
    absolute = request.build_absolute_uri(url)
    return "webcal://" + absolute.split("://", 1)[1]


def _clock_change(kind, name, hours_before, start):
    """A yearly change of the clocks on the last Sunday of ``start``'s month, from ``start``."""
    change = kind()
    change.add("tzname", name)
    change.add("tzoffsetfrom", datetime.timedelta(hours=hours_before))
    change.add("tzoffsetto", datetime.timedelta(hours=1 - hours_before))
    change.add("dtstart", start)
    change.add("rrule", {"FREQ": "YEARLY", "BYMONTH": start.month, "BYDAY": "-1SU"})
    return change


def london_timezone():
    """The VTIMEZONE for Europe/London: BST from the last Sunday of March to the last Sunday
    of October, as the rules have been since 1996."""
    zone = Timezone()
    zone.add("tzid", TZID)
    zone.add("x-lic-location", TZID)
    zone.add_component(
        _clock_change(TimezoneDaylight, "BST", 0, datetime.datetime(1970, 3, 29, 1, 0))
    )
    zone.add_component(
        _clock_change(TimezoneStandard, "GMT", 1, datetime.datetime(1970, 10, 25, 2, 0))
    )
    return zone


def _local(value):
    return value.astimezone(LONDON)


def _location(event):
    parts = []
    if event.has_venue and event.venue:
        parts.append(", ".join(line.strip() for line in event.venue.splitlines() if line.strip()))
    if event.is_online:
        parts.append(f"Online ({event.online_platform})" if event.online_platform else "Online")
    return " and ".join(parts)


def _contact(person):
    parts = [person.name, person.role, person.phone, person.public_email]
    return ", ".join(part for part in parts if part)


def _description(event, url):
    parts = [plain_text(event.description)]
    if event.is_online and event.joining_instructions:
        parts.append(f"How to join: {event.joining_instructions}")
    if event.contact_id and event.contact:
        parts.append(f"Contact: {_contact(event.contact)}")
    if url:
        parts.append(f"Details: {url}")
    return "\n\n".join(part for part in parts if part)


def _describe(component, event, url):
    """What every VEVENT of an event says, whichever date it stands for."""
    component.add("uid", uid(event))
    component.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    component.add("sequence", event.live_revision_id or 0)
    if event.first_published_at:
        component.add("created", event.first_published_at.astimezone(datetime.UTC))
    if event.last_published_at:
        component.add("last-modified", event.last_published_at.astimezone(datetime.UTC))
    component.add("summary", event.title)
    location = _location(event)
    if location:
        component.add("location", location)
    description = _description(event, url)
    if description:
        component.add("description", description)
    if url:
        component.add("url", url)
    categories = [event.get_kind_display()]
    if event.network_id and event.network:
        categories.append(event.network.title)
    component.add("categories", categories)
    if event.contact_id and event.contact:
        component.add("contact", _contact(event.contact))
    component.add("class", "PUBLIC")


def _when(value, all_day):
    """A moment as the calendar writes it: a date for an all-day event, else London time."""
    return timezone.localtime(value).date() if all_day else _local(value)


def _add_times(component, occurrence):
    """DTSTART and DTEND of an event, or of one date of it."""
    if occurrence.all_day:
        component.add("dtstart", occurrence.local_start.date())
        component.add("dtend", occurrence.last_day + datetime.timedelta(days=1))
        component.add("transp", "TRANSPARENT")
    else:
        component.add("dtstart", _local(occurrence.start))
        if occurrence.end:
            component.add("dtend", _local(occurrence.end))
        component.add("transp", "OPAQUE")


def event_components(event, request=None):
    """An event as VEVENTs: the event (with its rule, when it repeats), then one for each
    changed date of a series, with the same UID and the date it replaces as RECURRENCE-ID
    (STATUS:CANCELLED when cancelled), as RFC 5545 has calendars update one date in place."""
    url = absolute_url(request, event)
    component = Event()
    _describe(component, event, url)
    _add_times(component, event)
    rule = event.recurrence
    if rule:
        parts = rule.parts(local_naive(event.start))
        if rule.until and not rule.count:
            if event.all_day:
                parts["UNTIL"] = rule.until
            else:
                last_moment = datetime.datetime.combine(rule.until, datetime.time(23, 59, 59))
                parts["UNTIL"] = last_moment.replace(tzinfo=LONDON).astimezone(datetime.UTC)
        component.add("rrule", parts)
    component.add("status", "CONFIRMED")
    components = [component]
    for change in event.changed_dates().values():
        occurrence = event.changed_occurrence(change)
        if occurrence is None:
            continue  # no longer a date of the series
        instance = Event()
        _describe(instance, event, url)
        original = occurrence.moved_from or occurrence.start
        instance.add("recurrence-id", _when(original, event.all_day))
        _add_times(instance, occurrence)
        instance.add("status", "CANCELLED" if change.cancelled else "CONFIRMED")
        if occurrence.change_text:
            instance.add("comment", occurrence.change_text)
        components.append(instance)
    return components


def build_calendar(events, request=None, name="SESLIP events", description="", url=""):
    """A VCALENDAR of these events, with the time zone their times refer to."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    if description:
        cal.add("description", description)
        cal.add("x-wr-caldesc", description)
    cal.add("x-wr-timezone", TZID)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(REFRESH))
    if url:
        cal.add("url", url)
    components = [c for event in events for c in event_components(event, request)]
    if any(not event.all_day for event in events):
        cal.add_component(london_timezone())
    for component in components:
        cal.add_component(component)
    return cal


def calendar_response(request, events, name, page, description="", filename=None):
    """The events as a text/calendar response: a download for one event, a feed otherwise.
    ``page`` is the page the calendar is of (the event, the network, the events page)."""
    events = list(events)
    url = absolute_url(request, page)
    body = build_calendar(events, request, name=name, description=description, url=url)
    response = HttpResponse(body.to_ical(), content_type=CONTENT_TYPE)
    disposition = "attachment" if filename else "inline"
    response["Content-Disposition"] = (
        f'{disposition}; filename="{slugify(filename or name) or "calendar"}.ics"'
    )
    response["Cache-Control"] = "public, max-age=900"
    return response
