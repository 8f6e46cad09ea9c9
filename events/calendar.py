"""The month calendar: which months it covers, and a month as a grid of weeks of days.

Knows dates and occurrences (anything with ``local_start`` and ``last_day``), not pages.
"""

import calendar
import datetime

from django.utils import dateformat

from .recurrence import WEEKDAY_NAMES, aware

# The calendar's range of months: anything else is not found.
FIRST_YEAR, LAST_YEAR = 2000, 2100
# How far ahead the month filter offers.
FILTER_MONTHS = 12
# The calendar's column headings, short and in full.
WEEKDAYS = [(name[:3], name) for name in WEEKDAY_NAMES]


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


def month_grid(year, month, occurrences, marked_day):
    """The weeks of a month, Monday first: each day a dict (None outside the month) with its
    ``date``, ``label`` ('Wednesday 4 November 2026'), ``is_today`` (it is ``marked_day``,
    today when it falls in the month, else None) and ``events``."""
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
                    "is_today": day == marked_day,
                    "events": by_day.get(day, []),
                }
            )
        weeks.append(days)
    return weeks
