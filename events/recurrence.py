"""Repeating events: the rule an editor picks, expanded into dates in UK time.

A rule is expanded in local (Europe/London) wall-clock time and each date is then made aware, so
a meeting at 10am stays at 10am when the clocks change; only its offset from UTC moves. The same
rule is written into calendar feeds as an RFC 5545 RRULE.
"""

import datetime
from dataclasses import dataclass

from dateutil import rrule
from django.db import models
from django.utils import dateformat, timezone

# The furthest ahead a rule with no end is expanded in listings.
HORIZON = datetime.timedelta(days=366)
# A rule never yields more dates than this, whatever its count or end.
MAX_OCCURRENCES = 1000

WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth"}


class Frequency(models.TextChoices):
    """How often an event repeats: each rule with its dateutil frequency and interval."""

    NONE = "", None, 0, "Does not repeat"
    WEEKLY = "weekly", rrule.WEEKLY, 1, "Every week"
    FORTNIGHTLY = "fortnightly", rrule.WEEKLY, 2, "Every two weeks"
    MONTHLY = "monthly", rrule.MONTHLY, 1, "Every month"
    BIMONTHLY = "bimonthly", rrule.MONTHLY, 2, "Every two months"
    QUARTERLY = "quarterly", rrule.MONTHLY, 3, "Every three months (quarterly)"
    HALF_YEARLY = "half_yearly", rrule.MONTHLY, 6, "Every six months"
    YEARLY = "yearly", rrule.YEARLY, 1, "Every year"

    def __new__(cls, value, freq, interval):
        member = str.__new__(cls, value)
        member._value_ = value
        member.freq = freq
        member.interval = interval
        return member


# The rules an event can repeat by (a set: asked for every date of every listing).
REPEATS = frozenset(Frequency.values) - {Frequency.NONE}


class MonthlyBy(models.TextChoices):
    WEEKDAY = "weekday", "The same weekday of the month (e.g. the first Wednesday)"
    LAST_WEEKDAY = "last_weekday", "The last such weekday of the month (e.g. the last Friday)"
    DATE = "date", "The same date (e.g. the 14th)"


DATEUTIL_WEEKDAYS = [rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU]


def week_of_month(day):
    """1 for the first such weekday of its month, 2 for the second, and so on."""
    return (day.day - 1) // 7 + 1


def is_last_of_month(day):
    return (day + datetime.timedelta(days=7)).month != day.month


def local_naive(value):
    """An aware datetime as a naive one in UK wall-clock time."""
    return timezone.localtime(value).replace(tzinfo=None)


def aware(value):
    """A naive UK wall-clock time made aware (the earlier reading of an ambiguous time)."""
    return timezone.make_aware(value)


@dataclass(frozen=True)
class Recurrence:
    """How an event repeats: its frequency, which day of the month, and when it stops."""

    frequency: str
    monthly_by: str = MonthlyBy.WEEKDAY
    until: datetime.date | None = None
    count: int | None = None

    @property
    def repeats(self):
        return Frequency(self.frequency)

    @property
    def by_month(self):
        return self.repeats.freq == rrule.MONTHLY

    def on_leap_day(self, first):
        """A yearly series from 29 February: it falls on the last day of February, the 28th in
        the years that have no 29th (rather than skipping three years in four)."""
        return self.frequency == Frequency.YEARLY and (first.month, first.day) == (2, 29)

    def parts(self, first):
        """The RFC 5545 rule parts (without UNTIL) for a series starting at ``first``."""
        parts = {"FREQ": rrule.FREQNAMES[self.repeats.freq]}
        if self.repeats.interval != 1:
            parts["INTERVAL"] = self.repeats.interval
        if self.by_month:
            code = WEEKDAY_CODES[first.weekday()]
            if self.monthly_by == MonthlyBy.WEEKDAY:
                parts["BYDAY"] = f"{week_of_month(first)}{code}"
            elif self.monthly_by == MonthlyBy.LAST_WEEKDAY:
                parts["BYDAY"] = f"-1{code}"
            else:
                parts["BYMONTHDAY"] = first.day
        elif self.on_leap_day(first):
            parts.update(BYMONTH=2, BYMONTHDAY=-1)
        if self.count:
            parts["COUNT"] = self.count
        return parts

    def rule(self, first):
        """A dateutil rule yielding naive UK wall-clock times from ``first`` (naive, local)."""
        kwargs = {"dtstart": first, "interval": self.repeats.interval, "cache": False}
        if self.by_month:
            weekday = DATEUTIL_WEEKDAYS[first.weekday()]
            if self.monthly_by == MonthlyBy.WEEKDAY:
                kwargs["byweekday"] = weekday(week_of_month(first))
            elif self.monthly_by == MonthlyBy.LAST_WEEKDAY:
                kwargs["byweekday"] = weekday(-1)
            else:
                kwargs["bymonthday"] = first.day
        elif self.on_leap_day(first):
            kwargs.update(bymonth=2, bymonthday=-1)
        if self.count:
            kwargs["count"] = min(self.count, MAX_OCCURRENCES)
        elif self.until:
            kwargs["until"] = datetime.datetime.combine(self.until, datetime.time.max)
        return rrule.rrule(self.repeats.freq, **kwargs)

    def describe(self, first):
        """In words: 'Every three months, on the first Wednesday, until 31 March 2027'."""
        words = [self.repeats.label.replace(" (quarterly)", "")]
        weekday = WEEKDAY_NAMES[first.weekday()]
        if self.by_month:
            if self.monthly_by == MonthlyBy.WEEKDAY:
                ordinal = ORDINALS.get(week_of_month(first), "fifth")
                words.append(f"on the {ordinal} {weekday}")
            elif self.monthly_by == MonthlyBy.LAST_WEEKDAY:
                words.append(f"on the last {weekday}")
            else:
                words.append(f"on the {dateformat.format(first, 'jS')}")
        elif self.frequency in (Frequency.WEEKLY, Frequency.FORTNIGHTLY):
            words.append(f"on {weekday}")
        elif self.on_leap_day(first):
            words.append("on 29 February (28 February in other years)")
        else:
            words.append(f"on {dateformat.format(first, 'j F')}")
        if self.count:
            words.append(f"{self.count} times in all" if self.count > 1 else "once")
        elif self.until:
            words.append(f"until {dateformat.format(self.until, 'j F Y')}")
        return ", ".join(words)

    def problems(self, first):
        """What is wrong with this rule for a series starting at ``first``: field -> message."""
        errors = {}
        if self.until and self.count:
            errors["repeat_count"] = "Give either an end date or a number of times, not both."
        if self.until and self.until < first.date():
            errors["repeat_until"] = "The last date must be on or after the first."
        if self.count is not None and not 1 <= self.count <= MAX_OCCURRENCES:
            errors["repeat_count"] = f"Give a number from 1 to {MAX_OCCURRENCES}."
        if self.by_month and self.monthly_by == MonthlyBy.WEEKDAY and week_of_month(first) == 5:
            errors["repeat_on"] = (
                "This date is the fifth such weekday of its month, which most months do not "
                "have: choose 'the last such weekday' instead."
            )
        if (
            self.by_month
            and self.monthly_by == MonthlyBy.LAST_WEEKDAY
            and not is_last_of_month(first)
        ):
            errors["repeat_on"] = (
                f"The first date is not the last {WEEKDAY_NAMES[first.weekday()]} of its month."
            )
        if self.by_month and self.monthly_by == MonthlyBy.DATE and first.day > 28:
            errors["repeat_on"] = (
                f"Not every month has a {dateformat.format(first, 'jS')}: choose the same "
                "weekday, or the last such weekday, instead."
            )
        return errors
