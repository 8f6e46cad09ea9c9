"""Factories for the events calendar, events and the authorities taking part."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone
from factory.django import DjangoModelFactory

from core.factories import section_page_factory, under

from .models import EventIndexPage, EventPage, EventParticipant


def _in_days(days, hour=10):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


EventIndexPageFactory = section_page_factory(EventIndexPage, slug="events", title="Events")


class EventPageFactory(wagtail_factories.PageFactory):
    """An event a few weeks ahead; pass ``start`` (and ``end``) for another time, ``repeat``
    (and ``repeat_on``, ``repeat_until`` or ``repeat_count``) for a regular meeting."""

    title = factory.Sequence(lambda n: f"Network meeting {n}")
    kind = EventPage.Kind.MEETING
    start = factory.Sequence(lambda n: _in_days(14 + n % 300))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    all_day = False
    description = "<p>The network's regular meeting.</p>"
    location = EventPage.Location.ONLINE
    venue = ""
    online_platform = "MS Teams"
    joining_instructions = "Contact the organiser for the Teams link"
    repeat = ""
    repeat_on = "weekday"
    repeat_until = None
    repeat_count = None
    network = None
    contact = factory.SubFactory("contacts.factories.PersonFactory", role="Network coordinator")
    parent = under(EventIndexPageFactory)

    class Meta:
        model = EventPage


class EventParticipantFactory(DjangoModelFactory):
    page = factory.SubFactory(EventPageFactory)
    organisation = factory.SubFactory("contacts.factories.OrganisationFactory")
    role = EventParticipant.Role.PARTICIPANT
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = EventParticipant


def london(year, month, day, hour=0, minute=0):
    """An aware datetime at this UK wall-clock time."""
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))
