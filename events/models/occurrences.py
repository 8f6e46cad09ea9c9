"""Which events happen when: the ``EventPage`` queryset, and a repeating event's dates.

``EventPage.objects.listed()`` is every live, public event with what listings show;
``.of_network(page)``, ``.occurring(after, before)`` narrow it; ``.dates(...)`` and
``.upcoming(...)`` expand it into *occurrences*, one per date of each event, soonest first.

Expanding repeating events costs more than the rest of a listing, so ``.dates(...)`` keeps the
expansion of each query in the content cache (``core.content_cache``): read again after any
change to content, and each hour, since its window is widened to whole hours (``STEP``) and
the dates outside the one asked for are left out when it is read.
"""

import datetime
from collections.abc import Sequence

from django.core.exceptions import EmptyResultSet
from django.db.models import Q
from django.utils import timezone
from wagtail.query import PageQuerySet

from core import content_cache
from core.content_cache import CachedPrivacyQuerySet

from ..recurrence import HORIZON, aware

# The expansions kept in the cache cover whole hours around the window asked for.
STEP = datetime.timedelta(hours=1)


def finish_of(start, end, all_day):
    """The moment an event is over: its end; the end of its last day when it lasts all day, or
    of its day when it has no end time (it may go on all day)."""
    last = end or start
    if (all_day or end is None) and last:
        day = timezone.localtime(last).date() + datetime.timedelta(days=1)
        last = aware(datetime.datetime.combine(day, datetime.time.min))
    return last


def expand(events, after=None, before=None, limit=None, newest_first=False):
    """Every date of these events that is not over by ``after`` and starts before ``before``,
    soonest first. A rule with no end is expanded to ``HORIZON`` beyond ``after``."""
    found = []
    for event in events:
        found.extend(event.occurrences(after=after, before=before))
    return _ordered(found, limit, newest_first)


def _order(start, event):
    """Dates are listed by start, then by the event's title."""
    return (start, event.title.lower(), event.pk or 0)


def _ordered(found, limit, newest_first):
    found.sort(key=lambda o: _order(o.start, o), reverse=newest_first)
    return found[:limit] if limit else found


def _hour_before(moment):
    return moment.replace(minute=0, second=0, microsecond=0)


def _hour_after(moment):
    start = _hour_before(moment)
    return start if start == moment else start + STEP


def _spans(events, after, before):
    """Every date of these events in the window as plain values (no copies of pages), with
    the events themselves: what the cache keeps."""
    events = list(events)
    spans = [
        (index, o.start, o.end, o.cancelled, o.moved_from, o.change_note)
        for index, event in enumerate(events)
        for o in event.occurrences(after=after, before=before, horizon=HORIZON + STEP)
    ]
    return events, spans


def _in_window(event, start, end, after, before):
    """Whether a date from the widened window is one ``event.occurrences(after, before)``
    gives."""
    if after is not None and finish_of(start, end, event.all_day) < after:
        return False
    if before is None and after is not None and event.repeats_endlessly:
        before = after + HORIZON
    return before is None or start < before


class Dates(Sequence):
    """Dates of events in order, each copied from its event when it is read: a page of a long
    listing (a paginator slices it) copies only the dates it shows. Each reading makes new
    copies: what reads them more than once takes a ``list`` of them."""

    def __init__(self, events, spans):
        self.events, self.spans = events, spans

    def __len__(self):
        return len(self.spans)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._copy(span) for span in self.spans[index]]
        return self._copy(self.spans[index])

    def __repr__(self):
        return f"<Dates: {len(self)}>"

    def _copy(self, span):
        index, start, end, cancelled, moved_from, note = span
        return self.events[index].occurrence_at(start, end, cancelled, moved_from, note)


class EventPageQuerySet(CachedPrivacyQuerySet, PageQuerySet):
    def listed(self):
        """Every live, public event on the site, with what listings show about it."""
        return (
            self.live()
            .public()
            .select_related("network", "contact", "contact__organisation")
            .prefetch_related("date_changes")
        )

    def of_network(self, network):
        """A network's events: those filed under its page or naming it."""
        return self.filter(
            Q(network=network) | Q(path__startswith=network.path, depth=network.depth + 1)
        )

    def occurring(self, after=None, before=None):
        """The events with a date between ``after`` and ``before``."""
        events = self
        if after is not None:
            events = events.filter(Q(end_or_start__gte=after) | Q(end_or_start__isnull=True))
        if before is not None:
            events = events.filter(start__lt=before)
        return events

    def dates(self, after=None, before=None, limit=None, newest_first=False):
        """Each date of these events between ``after`` and ``before`` (see ``expand``), from
        the expansion of the whole hours around them kept in the content cache: a sequence
        (``Dates``) that copies each date as it is read."""
        if after is None and before is None:  # to a horizon from now: not kept
            return expand(self.occurring(), limit=limit, newest_first=newest_first)
        wide_after = _hour_before(after) if after is not None else None
        wide_before = _hour_after(before) if before is not None else None
        try:
            # Which events: their ids' query says it as well as the whole one, and is compiled
            # in a fraction of the time (no columns of the related rows).
            query = str(self.values_list("pk").query)
        except EmptyResultSet:
            return Dates([], [])
        events, spans = content_cache.get_or_build(
            "event-dates",
            lambda: _spans(self.occurring(wide_after, wide_before), wide_after, wide_before),
            query,
            wide_after,
            wide_before,
            in_process=True,  # read, never changed: each date shown is a copy
        )
        found = [span for span in spans if _in_window(events[span[0]], *span[1:3], after, before)]
        # Ordered and cut before the pages are copied: only the dates shown are.
        found.sort(key=lambda span: _order(span[1], events[span[0]]), reverse=newest_first)
        return Dates(events, found[:limit] if limit else found)

    def upcoming(self, limit=None, before=None):
        """The dates of these events that are not over yet, soonest first."""
        return self.dates(after=timezone.now(), before=before, limit=limit)
