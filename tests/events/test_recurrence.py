"""Repeating events become individual dates in UK time, correct across the clock changes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from events.factories import EventPageFactory, london
from events.models import EventPage
from networks.factories import NetworkPageFactory

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def local(occurrence):
    """An occurrence's start as (date, time) in UK wall-clock time."""
    start = timezone.localtime(occurrence.start)
    return start.date(), start.time()


def test_a_monthly_meeting_stays_at_10am_across_the_spring_clock_change(site_root):
    # 4 March 2026 is the first Wednesday of March, in GMT; 1 April is the first in April, in BST.
    event = EventPageFactory(
        start=london(2026, 3, 4, 10),
        end=london(2026, 3, 4, 12),
        repeat="monthly",
        repeat_on="weekday",
        repeat_count=3,
    )

    march, april, may = event.occurrences()

    assert [local(o) for o in (march, april, may)] == [
        (datetime.date(2026, 3, 4), datetime.time(10)),
        (datetime.date(2026, 4, 1), datetime.time(10)),
        (datetime.date(2026, 5, 6), datetime.time(10)),
    ]
    # The offset from UTC moves with the clocks: 10:00 GMT is 10:00 UTC, 10:00 BST is 09:00 UTC.
    assert march.start.utcoffset() == datetime.timedelta(0)
    assert april.start.utcoffset() == HOUR
    assert march.start.astimezone(datetime.UTC).hour == 10
    assert april.start.astimezone(datetime.UTC).hour == 9
    # Each date keeps its length in local time: 10am to midday.
    assert timezone.localtime(april.end).time() == datetime.time(12)
    assert april.end.astimezone(datetime.UTC) - april.start.astimezone(datetime.UTC) == 2 * HOUR


def test_a_weekly_meeting_stays_at_10am_across_the_autumn_clock_change(site_root):
    # The clocks go back on Sunday 25 October 2026.
    event = EventPageFactory(
        start=london(2026, 10, 21, 10), end=None, repeat="weekly", repeat_count=2
    )

    before, after = event.occurrences()

    assert local(before) == (datetime.date(2026, 10, 21), datetime.time(10))
    assert local(after) == (datetime.date(2026, 10, 28), datetime.time(10))
    # A week and an hour apart in real time (subtracting in UTC: same-zone arithmetic in Python
    # is wall-clock arithmetic).
    utc = datetime.UTC
    assert after.start.astimezone(utc) - before.start.astimezone(utc) == datetime.timedelta(
        days=7, hours=1
    )


def test_quarterly_on_the_first_wednesday(site_root):
    event = EventPageFactory(
        start=london(2026, 3, 4, 10), repeat="quarterly", repeat_on="weekday", repeat_count=4
    )

    assert [local(o)[0] for o in event.occurrences()] == [
        datetime.date(2026, 3, 4),
        datetime.date(2026, 6, 3),
        datetime.date(2026, 9, 2),
        datetime.date(2026, 12, 2),
    ]
    assert event.recurrence_text == "Every three months, on the first Wednesday, 4 times in all"


def test_monthly_on_the_last_friday_until_a_date(site_root):
    event = EventPageFactory(
        start=london(2026, 1, 30, 14),
        repeat="monthly",
        repeat_on="last_weekday",
        repeat_until=datetime.date(2026, 4, 24),
    )

    assert [local(o)[0] for o in event.occurrences()] == [
        datetime.date(2026, 1, 30),
        datetime.date(2026, 2, 27),
        datetime.date(2026, 3, 27),
        datetime.date(2026, 4, 24),  # the last date is included
    ]
    assert event.recurrence_text == "Every month, on the last Friday, until 24 April 2026"


def test_monthly_on_the_same_date_and_fortnightly(site_root):
    monthly = EventPageFactory(
        start=london(2026, 1, 14, 9), repeat="monthly", repeat_on="date", repeat_count=3
    )
    fortnightly = EventPageFactory(
        start=london(2026, 1, 5, 9), repeat="fortnightly", repeat_count=3
    )

    assert [local(o)[0].day for o in monthly.occurrences()] == [14, 14, 14]
    assert [local(o)[0] for o in fortnightly.occurrences()] == [
        datetime.date(2026, 1, 5),
        datetime.date(2026, 1, 19),
        datetime.date(2026, 2, 2),
    ]
    assert monthly.recurrence_text == "Every month, on the 14th, 3 times in all"
    assert fortnightly.recurrence_text == "Every two weeks, on Monday, 3 times in all"


def test_a_series_with_no_end_is_shown_up_to_a_year_ahead(site_root):
    start = timezone.now().replace(microsecond=0) - datetime.timedelta(days=60)
    event = EventPageFactory(start=start, repeat="weekly")

    coming = event.occurrences(after=timezone.now())

    assert event.end_or_start is None  # never over
    assert 50 <= len(coming) <= 54
    assert all(o.start > timezone.now() - datetime.timedelta(days=1) for o in coming)


def test_a_finite_series_is_over_when_its_last_date_is(site_root):
    event = EventPageFactory(
        start=london(2026, 3, 4, 10),
        end=london(2026, 3, 4, 12),
        repeat="monthly",
        repeat_count=3,
    )

    assert event.end_or_start == london(2026, 5, 6, 12)


def test_an_all_day_series_gives_whole_days(site_root):
    event = EventPageFactory(
        start=london(2026, 3, 2), end=None, all_day=True, repeat="weekly", repeat_count=2
    )

    first, second = event.occurrences()

    assert second.local_start.date() == datetime.date(2026, 3, 9)
    assert second.end_or_start == london(2026, 3, 10)
    assert first.last_day == datetime.date(2026, 3, 2)


def test_dates_between_two_moments(site_root):
    event = EventPageFactory(
        start=london(2026, 1, 7, 10), end=london(2026, 1, 7, 12), repeat="weekly"
    )

    dates = event.occurrences(after=london(2026, 2, 1), before=london(2026, 3, 1))

    assert [local(o)[0].day for o in dates] == [4, 11, 18, 25]


def test_a_date_that_has_begun_but_not_ended_is_still_coming(site_root):
    event = EventPageFactory(
        start=london(2026, 1, 7, 10), end=london(2026, 1, 7, 12), repeat="weekly"
    )

    dates = event.occurrences(after=london(2026, 1, 14, 11), limit=1)

    assert local(dates[0]) == (datetime.date(2026, 1, 14), datetime.time(10))


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"repeat_until": datetime.date(2026, 6, 1), "repeat_count": 3},
            "repeat_count",
            "not both",
        ),
        ({"repeat_until": datetime.date(2025, 6, 1)}, "repeat_until", "on or after the first"),
        ({"start": london(2026, 4, 29, 10)}, "repeat_on", "fifth"),
        ({"repeat_on": "last_weekday"}, "repeat_on", "not the last Wednesday"),
        ({"start": london(2026, 1, 31, 10), "repeat_on": "date"}, "repeat_on", "31st"),
        ({"repeat_count": 0}, "repeat_count", "from 1 to"),
    ],
)
def test_a_rule_that_cannot_work_is_refused_with_a_message(site_root, fields, field, message):
    values = {"start": london(2026, 3, 4, 10), "repeat": "monthly", "repeat_on": "weekday"}
    event = EventPage(title="Bad rule", slug="bad-rule", **{**values, **fields})

    with pytest.raises(ValidationError) as error:
        event.clean()

    assert message in " ".join(error.value.message_dict[field])


def test_an_end_without_a_repeat_is_refused(site_root):
    event = EventPage(title="One-off", slug="one-off", start=london(2026, 3, 4, 10), repeat_count=3)

    with pytest.raises(ValidationError) as error:
        event.clean()

    assert "repeat" in error.value.message_dict


def test_a_date_of_an_event_cannot_be_saved_in_its_place(site_root):
    event = EventPageFactory(start=london(2026, 3, 4, 10), repeat="weekly", repeat_count=2)
    second = event.occurrences()[1]

    with pytest.raises(TypeError):
        second.save()
    event.refresh_from_db()
    assert event.start == london(2026, 3, 4, 10)


def test_a_meeting_under_a_network_belongs_to_it(site_root):
    network = NetworkPageFactory(title="Fostering Network")

    meeting = EventPageFactory(parent=network, network=None)

    assert meeting.network_id == network.pk


# Expected dates below were worked out by hand from printed calendars.


def test_every_two_months_on_the_second_tuesday(site_root):
    # 13 January 2026 is the second Tuesday of January.
    event = EventPageFactory(
        start=london(2026, 1, 13, 14),
        end=london(2026, 1, 13, 16),
        repeat="bimonthly",
        repeat_on="weekday",
        repeat_count=4,
    )

    assert [local(o) for o in event.occurrences()] == [
        (datetime.date(2026, 1, 13), datetime.time(14)),
        (datetime.date(2026, 3, 10), datetime.time(14)),
        (datetime.date(2026, 5, 12), datetime.time(14)),  # in summer time, still 2pm
        (datetime.date(2026, 7, 14), datetime.time(14)),
    ]
    assert event.recurrence_text == "Every two months, on the second Tuesday, 4 times in all"


def test_every_six_months_on_the_last_thursday_until_a_date(site_root):
    # 26 March 2026 is the last Thursday of March (before the clocks change on the 29th).
    event = EventPageFactory(
        start=london(2026, 3, 26, 10),
        repeat="half_yearly",
        repeat_on="last_weekday",
        repeat_until=datetime.date(2027, 9, 30),
    )

    assert [local(o) for o in event.occurrences()] == [
        (datetime.date(2026, 3, 26), datetime.time(10)),
        (datetime.date(2026, 9, 24), datetime.time(10)),
        (datetime.date(2027, 3, 25), datetime.time(10)),
        (datetime.date(2027, 9, 30), datetime.time(10)),  # a fifth Thursday, and the last day
    ]
    assert event.recurrence_text == (
        "Every six months, on the last Thursday, until 30 September 2027"
    )


def test_every_six_months_on_the_same_date(site_root):
    event = EventPageFactory(
        start=london(2026, 1, 15, 9), repeat="half_yearly", repeat_on="date", repeat_count=3
    )

    assert [local(o)[0] for o in event.occurrences()] == [
        datetime.date(2026, 1, 15),
        datetime.date(2026, 7, 15),
        datetime.date(2027, 1, 15),
    ]


def test_yearly_on_the_same_date(site_root):
    event = EventPageFactory(
        start=london(2026, 5, 14, 9, 30),
        end=london(2026, 5, 14, 16),
        repeat="yearly",
        repeat_count=3,
    )

    assert [local(o) for o in event.occurrences()] == [
        (datetime.date(2026, 5, 14), datetime.time(9, 30)),
        (datetime.date(2027, 5, 14), datetime.time(9, 30)),
        (datetime.date(2028, 5, 14), datetime.time(9, 30)),
    ]
    assert event.recurrence_text == "Every year, on 14 May, 3 times in all"


def test_yearly_from_29_february_falls_on_28_february_in_other_years(site_root):
    """Every year means every year: in a year without a 29 February the event is on the
    28th, the last day of February (not skipped, and not moved into March)."""
    event = EventPageFactory(
        start=london(2028, 2, 29, 10), repeat="yearly", repeat_until=datetime.date(2032, 12, 31)
    )

    assert [local(o) for o in event.occurrences()] == [
        (datetime.date(2028, 2, 29), datetime.time(10)),
        (datetime.date(2029, 2, 28), datetime.time(10)),
        (datetime.date(2030, 2, 28), datetime.time(10)),
        (datetime.date(2031, 2, 28), datetime.time(10)),
        (datetime.date(2032, 2, 29), datetime.time(10)),
    ]
    assert event.recurrence_text == (
        "Every year, on 29 February (28 February in other years), until 31 December 2032"
    )
