"""An event's dates: its repeat rule, each of its dates as a copy of the page (an *occurrence*,
made for display and never saved), its cancelled and moved dates, and how a date reads."""

import copy
import datetime

from django.utils import dateformat, timezone

from ..recurrence import (
    HORIZON,
    MAX_OCCURRENCES,
    REPEATS,
    MonthlyBy,
    Recurrence,
    aware,
    local_naive,
)
from .changes import one_day
from .occurrences import finish_of


class EventDates:
    """What ``EventPage`` knows of its dates, from its ``start``, ``end``, ``all_day`` and
    ``repeat…`` fields and its ``date_changes``."""

    # Set on the copies that stand for one date of an event (see occurrences()).
    is_occurrence = False
    # On such a copy: the date is cancelled, or moved from this moment (see date_changes).
    cancelled = False
    moved_from = None
    change_note = ""

    @property
    def is_recurring(self):
        return self.repeat in REPEATS

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

    @property
    def repeats_endlessly(self):
        """Whether the event repeats with neither an end date nor a number of times."""
        rule = self.recurrence
        return rule is not None and not (rule.count or rule.until)

    def occurrences(self, after=None, before=None, limit=None, horizon=HORIZON):
        """The event's dates that are not over by ``after`` and start before ``before``.

        Each is a copy of this page with that date's ``start`` and ``end``; a one-off event has
        one. A rule with no end stops at ``horizon`` after ``after`` (or after now). A cancelled
        date is kept (marked ``cancelled``); a moved one is listed at its new time.
        """
        if not self.is_recurring:
            finish = self.finish
            if (after is None or finish >= after) and (before is None or self.start < before):
                return [self._occurrence(self.start, self.end)]
            return []
        rule = self.recurrence
        if before is None and not (rule.count or rule.until):
            before = (after or timezone.now()) + horizon
        first = local_naive(self.start)
        length = self._length()
        begin = first
        if after is not None:
            # Start early enough to catch a date that began before ``after`` and is not over.
            margin = (length or datetime.timedelta(0)) + datetime.timedelta(days=1)
            begin = max(first, local_naive(after) - margin)
        changes = self.changed_dates()
        found = []
        for count, naive in enumerate(rule.rule(first).xafter(begin, inc=True)):
            if count >= MAX_OCCURRENCES or (limit and len(found) >= limit):
                break
            start = aware(naive)
            if before is not None and start >= before:
                break
            change = changes.get(naive.date())
            if change is not None and change.is_move:
                continue  # listed at its new time below
            end = aware(naive + length) if length is not None else None
            if self._in_window(start, end, after, None):
                found.append(self._occurrence(start, end, change))
        for change in changes.values():
            moved = self.changed_occurrence(change) if change.is_move else None
            if moved is not None and self._in_window(moved.start, moved.end, after, before):
                found.append(moved)
        found.sort(key=lambda occurrence: occurrence.start)
        return found[:limit] if limit else found

    def _length(self):
        """How long each date of the event lasts, in wall-clock time (None with no end)."""
        return local_naive(self.end) - local_naive(self.start) if self.end else None

    def _in_window(self, start, end, after, before):
        if before is not None and start >= before:
            return False
        return after is None or finish_of(start, end, self.all_day) >= after

    def changed_dates(self):
        """This series' cancelled and moved dates, by their date in the series."""
        if not self.is_recurring:
            return {}
        return {change.date: change for change in self.date_changes.all()}

    def series_start(self, day):
        """When the series' date on ``day`` (a date) starts, or None when it has none."""
        if not (self.is_recurring and self.start):
            return None
        found = self.recurrence.rule(local_naive(self.start)).between(*one_day(day), inc=True)
        return aware(found[0]) if found else None

    def changed_occurrence(self, change):
        """The date a change stands for: cancelled at its time, or at its new time (None when
        the series no longer has the date)."""
        original = self.series_start(change.date)
        if original is None:
            return None
        length = self._length()
        start = change.new_start if change.is_move else original
        end = change.new_end if change.is_move else None
        if end is None and length is not None:
            end = aware(local_naive(start) + length)
        return self._occurrence(start, end, change, original)

    def date_change_problems(self, change, seen=()):
        """What is wrong with a changed date (a dict of its fields) for this series: field ->
        message."""
        day = change.get("date")
        if not self.is_recurring:
            return {
                "date": "Only a repeating event's dates can be changed: change the event's own "
                "date and time instead."
            }
        errors = {}
        if day is not None and self.series_start(day) is None:
            errors["date"] = (
                f"{dateformat.format(day, 'l j F Y')} is not one of this series' dates "
                f"({self.recurrence_text})."
            )
        elif day in seen:
            errors["date"] = "This date is changed twice: keep one change for it."
        new_start, new_end = change.get("new_start"), change.get("new_end")
        if change.get("cancelled") and new_start:
            errors["new_start"] = "Either cancel this date or move it, not both."
        elif not change.get("cancelled") and not new_start:
            errors["new_start"] = "Give the new time, or tick 'Cancelled'."
        if new_end and not new_start:
            errors["new_end"] = "Give the new start too."
        elif new_end and new_start and new_end < new_start:
            errors["new_end"] = "The end must be after the start."
        return errors

    def _occurrence(self, start, end, change=None, original=None):
        if change is None:
            return self.occurrence_at(start, end)
        return self.occurrence_at(
            start, end, change.cancelled, original if change.is_move else None, change.note
        )

    def occurrence_at(self, start, end, cancelled=False, moved_from=None, change_note=""):
        """A copy of this page standing for its date from ``start`` to ``end``."""
        occurrence = copy.copy(self)
        occurrence.start, occurrence.end = start, end
        occurrence.end_or_start = finish_of(start, end, self.all_day)
        occurrence.first_start = self.start
        occurrence.is_occurrence = True
        occurrence.cancelled = cancelled
        occurrence.moved_from = moved_from
        occurrence.change_note = change_note
        return occurrence

    @property
    def change_label(self):
        """'Cancelled' or 'Moved' for a changed date of a series, else ''."""
        if self.cancelled:
            return "Cancelled"
        return "Moved" if self.moved_from else ""

    @property
    def change_text(self):
        """What changed about this date, in words ('Moved from Friday 8 May 2026: …'), or ''."""
        text = self.change_label
        if self.moved_from:
            moved_from = timezone.localtime(self.moved_from)
            text += f" from {dateformat.format(moved_from, 'l j F Y')}"
        if text and self.change_note:
            text += f": {self.change_note}"
        return text

    def next_dates(self, limit=12):
        """The coming dates (or, when all are past, the last one held), for the event's page."""
        coming = self.occurrences(after=timezone.now(), limit=limit)
        if coming:
            return coming
        dates = self.occurrences(limit=MAX_OCCURRENCES)
        held = [date for date in dates if not date.cancelled]
        return (held or dates)[-1:]

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
