"""Events and meetings: the pages (pages.py), an event's own dates (dates.py) and which events
happen when (occurrences.py).
The month grid is in events/calendar.py, the iCalendar files in events/ics.py."""

from .changes import EventDateChange, EventPageForm
from .occurrences import EventPageQuerySet, expand, finish_of
from .pages import EventIndexPage, EventPage, EventParticipant

__all__ = [
    "EventDateChange",
    "EventIndexPage",
    "EventPage",
    "EventPageForm",
    "EventPageQuerySet",
    "EventParticipant",
    "expand",
    "finish_of",
]
