"""Which events happen when: the ``EventPage`` queryset, and a repeating event's dates.

``EventPage.objects.listed()`` is every live, public event with what listings show;
``.of_network(page)``, ``.occurring(after, before)`` narrow it; ``.dates(...)`` and
``.upcoming(...)`` expand it into *occurrences*, one per date of each event, soonest first.
"""

import datetime

from django.db.models import Q
from django.utils import timezone
from wagtail.query import PageQuerySet

from core.content_cache import CachedPrivacyQuerySet

from ..recurrence import aware


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
        """Each date of these events between ``after`` and ``before`` (see ``expand``)."""
        return expand(
            self.occurring(after=after, before=before),
            after=after,
            before=before,
            limit=limit,
            newest_first=newest_first,
        )

    def upcoming(self, limit=None, before=None):
        """The dates of these events that are not over yet, soonest first."""
        return self.dates(after=timezone.now(), before=before, limit=limit)
