"""One date of a repeating event cancelled or moved: its page, the calendar, the calendar files
and the admin form that checks it."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from django.contrib.auth import get_user_model
from django.urls import reverse
from icalendar import Calendar
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from events.factories import EventPageFactory, london
from events.models import EventDateChange, EventPage
from mailing.email_render import compose
from networks.factories import NetworkPageFactory
from newsletters.factories import WeeklyUpdatePageFactory
from tests.helpers import Html, get_html
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def series(site_root):
    """A network's meeting on the first Wednesday of four months of 2031, 10am to 12pm: the
    February date is cancelled and the March one moved to Thursday 13 March, 2pm to 4pm."""
    network = NetworkPageFactory(title="Fostering Network", slug="fostering")
    event = EventPageFactory(
        parent=network,
        title="Fostering Network meeting",
        slug="fostering-meeting",
        start=london(2031, 1, 1, 10),
        end=london(2031, 1, 1, 12),
        repeat="monthly",
        repeat_on="weekday",
        repeat_count=4,
    )
    EventDateChange.objects.create(
        page=event, date=datetime.date(2031, 2, 5), cancelled=True, note="Because of the strike"
    )
    EventDateChange.objects.create(
        page=event,
        date=datetime.date(2031, 3, 5),
        new_start=london(2031, 3, 13, 14),
        new_end=london(2031, 3, 13, 16),
        note="Clashes with the regional conference",
    )
    return EventPage.objects.get(pk=event.pk)


def test_the_series_keeps_a_cancelled_date_and_lists_a_moved_one_at_its_new_time(series):
    dates = [(o.start, o.end, o.cancelled, o.moved_from) for o in series.occurrences()]

    assert dates == [
        (london(2031, 1, 1, 10), london(2031, 1, 1, 12), False, None),
        (london(2031, 2, 5, 10), london(2031, 2, 5, 12), True, None),
        (london(2031, 3, 13, 14), london(2031, 3, 13, 16), False, london(2031, 3, 5, 10)),
        (london(2031, 4, 2, 10), london(2031, 4, 2, 12), False, None),
    ]


def test_the_events_page_says_which_dates_changed(client, series):
    html = get_html(client, series.url)

    coming = html.main.text
    assert "Wednesday 5 February 2031, 10am to midday – Cancelled: Because of the strike" in coming
    assert (
        "Thursday 13 March 2031, 2pm to 4pm – Moved from Wednesday 5 March 2031: "
        "Clashes with the regional conference"
    ) in coming
    assert "Wednesday 5 March 2031" not in coming.replace("Moved from Wednesday 5 March", "")


def test_the_calendar_shows_the_cancelled_date_and_the_moved_one(client, series):
    february = get_html(client, "/events/calendar/2031/2/").main.text
    march = get_html(client, "/events/calendar/2031/3/").main.text

    assert "Fostering Network meeting 10am to midday Cancelled" in february
    assert "Cancelled: Because of the strike" in february
    assert "Thursday 13 March 2031, 2pm to 4pm" in march
    assert "Moved from Wednesday 5 March 2031: Clashes with the regional conference" in march
    assert "Wednesday 5 March 2031, 10am" not in march


def test_the_weekly_update_and_its_email_say_which_meeting_dates_changed(client, series):
    update = WeeklyUpdatePageFactory(number=900, date=datetime.date(2031, 1, 31))

    page = " ".join(get_html(client, update.url).main.text.split())
    email = compose(update)
    text = " ".join(email.text.split())

    cancelled = "Wednesday 5 February 2031, 10am to midday – Cancelled: Because of the strike"
    for shown in (page, text, " ".join(Html(email.html).text.split())):
        assert cancelled in shown


def vevents(client, address):
    response = client.get(address)
    assert response.status_code == 200
    return Calendar.from_ical(response.content).walk("VEVENT")


@pytest.mark.parametrize(
    "address",
    [
        "/about-networks/fostering/fostering-meeting/event.ics",
        "/about-networks/fostering/events.ics",
        "/events/feed.ics",
    ],
)
def test_calendar_files_cancel_and_move_one_date_of_the_series_in_place(client, series, address):
    master, cancelled, moved = vevents(client, address)

    uid = f"event-{series.pk}@seslip.co.uk"
    assert {str(v["UID"]) for v in (master, cancelled, moved)} == {uid}
    assert "RECURRENCE-ID" not in master
    assert str(master["STATUS"]) == "CONFIRMED"
    start = master.decoded("DTSTART")
    rule = rrulestr(master["RRULE"].to_ical().decode(), dtstart=start.replace(tzinfo=None))
    series_dates = [d.replace(tzinfo=LONDON) for d in rule]
    assert series_dates == [
        datetime.datetime(2031, 1, 1, 10, tzinfo=LONDON),
        datetime.datetime(2031, 2, 5, 10, tzinfo=LONDON),
        datetime.datetime(2031, 3, 5, 10, tzinfo=LONDON),
        datetime.datetime(2031, 4, 2, 10, tzinfo=LONDON),
    ]

    assert cancelled.decoded("RECURRENCE-ID") == datetime.datetime(2031, 2, 5, 10, tzinfo=LONDON)
    assert cancelled["RECURRENCE-ID"].params["TZID"] == "Europe/London"
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert cancelled.decoded("DTSTART") == datetime.datetime(2031, 2, 5, 10, tzinfo=LONDON)

    assert moved.decoded("RECURRENCE-ID") == datetime.datetime(2031, 3, 5, 10, tzinfo=LONDON)
    assert str(moved["STATUS"]) == "CONFIRMED"
    assert moved.decoded("DTSTART") == datetime.datetime(2031, 3, 13, 14, tzinfo=LONDON)
    assert moved.decoded("DTEND") == datetime.datetime(2031, 3, 13, 16, tzinfo=LONDON)
    assert "Clashes with the regional conference" in str(moved["COMMENT"])
    # Each change replaces a date the rule gives.
    assert {cancelled.decoded("RECURRENCE-ID"), moved.decoded("RECURRENCE-ID")} < set(series_dates)


# --- the admin form ---------------------------------------------------------------------------


def event_form(event, changes, **values):
    data = {
        "title": event.title,
        "slug": event.slug,
        "kind": "meeting",
        "start": "01/01/2031 10:00",
        "end": "01/01/2031 12:00",
        "repeat": "monthly",
        "repeat_on": "weekday",
        "repeat_until": "",
        "repeat_count": "4",
        "date_changes": inline_formset(changes),
        "description": rich_text("<p>The quarterly meeting.</p>"),
        "location": "online",
        "venue": "",
        "online_platform": "MS Teams",
        "joining_instructions": "",
        "network": "",
        "contact": "",
        "participants": inline_formset([]),
        "comments": inline_formset([]),
        "action-publish": "action-publish",
    }
    data.update(values)
    return nested_form_data(data)


def change(day, cancelled=False, new_start="", new_end="", note=""):
    return {
        "date": day,
        "cancelled": "on" if cancelled else "",
        "new_start": new_start,
        "new_end": new_end,
        "note": note,
    }


@pytest.fixture
def editor(client, site_root):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "x")
    return verified_login(client, user)


def edit(client, event, changes, **values):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[event.pk]),
        event_form(event, changes, **values),
    )


def test_the_form_says_how_to_type_a_date_and_a_date_typed_so_is_kept(editor, site_root):
    event = EventPageFactory(start=london(2031, 1, 1, 10))
    page = Html(editor.get(reverse("wagtailadmin_pages:edit", args=[event.pk])))
    assert "UK time, as day/month/year hours:minutes (19/02/2027 10:00)" in page.text

    response = edit(
        editor,
        event,
        [],
        start="19/02/2027 10:00",
        end="19/02/2027 12:00",
        repeat="",
        repeat_count="",
    )

    assert response.status_code == 302, response.context and response.context["form"].errors
    assert EventPage.objects.get(pk=event.pk).start == london(2027, 2, 19, 10)


def test_an_editor_cancels_one_date_and_moves_another(editor, site_root):
    event = EventPageFactory(start=london(2031, 1, 1, 10), repeat="monthly", repeat_count=4)

    response = edit(
        editor,
        event,
        [
            change("05/02/2031", cancelled=True, note="Because of the strike"),
            change("05/03/2031", new_start="13/03/2031 14:00", new_end="13/03/2031 16:00"),
        ],
    )

    assert response.status_code == 302, response.context and response.context["form"].errors
    event = EventPage.objects.get(pk=event.pk)
    assert [(c.date, c.cancelled, c.new_start) for c in event.date_changes.all()] == [
        (datetime.date(2031, 2, 5), True, None),
        (datetime.date(2031, 3, 5), False, london(2031, 3, 13, 14)),
    ]
    assert "Cancelled: Because of the strike" in get_html(editor, event.url).main.text


@pytest.mark.parametrize(
    ("changes", "values", "field", "message"),
    [
        (
            [change("06/02/2031", cancelled=True)],
            {},
            "date",
            "Thursday 6 February 2031 is not one of this series' dates "
            "(Every month, on the first Wednesday, 4 times in all).",
        ),
        (
            [change("07/05/2031", cancelled=True)],
            {},
            "date",
            "Wednesday 7 May 2031 is not one of this series' dates",
        ),
        (
            [change("05/02/2031", cancelled=True, new_start="06/02/2031 10:00")],
            {},
            "new_start",
            "Either cancel this date or move it, not both.",
        ),
        ([change("05/02/2031")], {}, "new_start", "Give the new time, or tick 'Cancelled'."),
        (
            [change("05/02/2031", new_start="06/02/2031 10:00", new_end="06/02/2031 09:00")],
            {},
            "new_end",
            "The end must be after the start.",
        ),
        (
            [change("05/02/2031", cancelled=True), change("05/02/2031", cancelled=True)],
            {},
            "date",
            "This date is changed twice: keep one change for it.",
        ),
        (
            [change("01/01/2031", cancelled=True)],
            {"repeat": "", "repeat_count": ""},
            "date",
            "Only a repeating event's dates can be changed",
        ),
    ],
)
def test_a_changed_date_that_is_not_one_of_the_series_is_refused_with_a_clear_message(
    editor, site_root, changes, values, field, message
):
    event = EventPageFactory(start=london(2031, 1, 1, 10), repeat="monthly", repeat_count=4)

    response = edit(editor, event, changes, **values)

    assert response.status_code == 200
    formset = response.context["form"].formsets["date_changes"]
    errors = [str(e) for form in formset.forms for e in form.errors.get(field, [])]
    assert any(message in error for error in errors), errors
    assert not EventDateChange.objects.filter(page=event).exists()
    # What the editor typed is still there.
    assert response.context["form"].formsets["date_changes"].forms[0]["date"].value()
