"""The demo content gives every network its editors, a network lead to log in as, meetings under
their networks (some repeating), the member authorities page and the 2023-24 triads."""

import datetime
import io
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import GroupPagePermission

from contacts.models import Organisation
from events.calendar import add_months, month_bounds
from events.models import EventPage
from events.recurrence import local_naive
from networks.models import NetworkPage
from seslip.demo import loader
from seslip.demo.authorities import LEAD_USERNAME, ensure_network_lead
from seslip.models import MemberAuthoritiesPage
from tests.helpers import get_html

TRIADS_2023_24 = {
    "DCS Peer Challenge Triad 1": {"East Sussex", "Isle of Wight", "Wokingham", "Surrey"},
    "DCS Peer Challenge Triad 2": {"Portsmouth", "Kent", "West Sussex"},
    "DCS Peer Challenge Triad 3": {"Hampshire", "Reading", "Oxfordshire"},
    "DCS Peer Challenge Triad 4": {"Medway", "Milton Keynes", "Bracknell Forest"},
    "DCS Peer Challenge Triad 5": {"West Berkshire", "Brighton and Hove", "Windsor and Maidenhead"},
    "DCS Peer Challenge Triad 6": {"Buckinghamshire", "Southampton", "Slough"},
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo content, loaded once (with the network lead, as the browser tests ask for it);
    rolled back after the module's tests."""
    with django_db_blocker.unblock(), transaction.atomic():
        result = loader.load()
        yield SimpleNamespace(result=result)
        transaction.set_rollback(True)


@pytest.fixture
def demo_db(demo, db):
    return demo


def test_every_network_and_project_has_its_editors_and_collection(demo_db):
    networks = list(NetworkPage.objects.select_related("editors", "collection"))

    assert len(networks) == 17
    for network in networks:
        assert network.editors is not None, network.title
        assert network.collection is not None, network.title
        assert network.editors.name == f"Network editors: {network.title}"
        pages = set(
            GroupPagePermission.objects.filter(group=network.editors).values_list(
                "page_id", flat=True
            )
        )
        assert pages == {network.pk}


def test_a_network_that_lost_its_group_gets_it_back_on_the_next_run(demo_db):
    network = NetworkPage.objects.get(slug="fostering-network")
    network.editors.delete()

    with CaptureQueriesContext(connection) as queries:
        loader.load()

    network.refresh_from_db()
    assert network.editors is not None
    assert GroupPagePermission.objects.filter(group=network.editors, page=network).count() == 3
    assert len(queries) < 150


def test_the_demo_network_lead_is_in_the_safeguarding_networks_group_only(demo_db):
    ensure_network_lead()
    lead = get_user_model().objects.get(username=LEAD_USERNAME)

    assert [group.name for group in lead.groups.all()] == [
        "Network editors: AD Safeguarding Network"
    ]
    assert not lead.is_superuser and not lead.is_staff
    assert lead.get_full_name() == "Mark Evans"


@override_settings(DEBUG=True)
def test_the_command_makes_the_lead_once_and_prints_the_password_once(demo_db):
    get_user_model().objects.filter(username=LEAD_USERNAME).delete()
    first, second = io.StringIO(), io.StringIO()

    call_command("ensure_demo_network_lead", stdout=first)
    call_command("ensure_demo_network_lead", stdout=second)

    password = first.getvalue().split("Password:")[1].split()[0]
    assert get_user_model().objects.get(username=LEAD_USERNAME).check_password(password)
    assert "already exists" in second.getvalue()
    assert password not in second.getvalue()


def test_loading_the_demo_content_makes_no_editor_with_a_known_password(demo_db, monkeypatch):
    # The environment variable that once set the lead's password is ignored.
    get_user_model().objects.filter(username=LEAD_USERNAME).delete()
    monkeypatch.setenv("SESLIP_DEMO_NETWORK_LEAD_PASSWORD", "known-password")

    loader.load()

    assert not get_user_model().objects.filter(username=LEAD_USERNAME).exists()


def test_the_command_does_nothing_without_debug(demo_db):
    get_user_model().objects.filter(username=LEAD_USERNAME).delete()
    out = io.StringIO()

    call_command("ensure_demo_network_lead", stdout=out)

    assert "does nothing" in out.getvalue()
    assert not get_user_model().objects.filter(username=LEAD_USERNAME).exists()


def test_network_meetings_are_under_their_networks_and_some_repeat(demo_db):
    meeting = EventPage.objects.get(slug="data-benchmarking-network-meeting")

    assert meeting.get_parent().specific.slug == "data-benchmarking-network"
    assert meeting.network.slug == "data-benchmarking-network"
    assert meeting.recurrence_text == "Every three months, on the first Thursday"
    # 3 November 2022, "Data Benchmarking Group – 3 November, online" (update 518).
    assert meeting.local_start.date() == datetime.date(2022, 11, 3)
    assert meeting.end_or_start is None  # no end


# The networks' meetings in December 2026 and January 2027, worked out by hand from the first
# dates (update 518, the home page) and how often each meets.
DECEMBER_2026 = [
    ("Principal Social Workers Network meeting", datetime.datetime(2026, 12, 3, 13, 30)),
    ("SESLIP Steering Group", datetime.datetime(2026, 12, 14, 15, 30)),
]
JANUARY_2027 = [
    ("SESLIP Steering Group", datetime.datetime(2027, 1, 11, 15, 30)),
    ("AD Safeguarding Network meeting", datetime.datetime(2027, 1, 8, 10, 0)),
    ("AD Education Network meeting", datetime.datetime(2027, 1, 13, 10, 0)),
]


@pytest.mark.parametrize(
    ("month", "expected"), [((2026, 12), DECEMBER_2026), ((2027, 1), JANUARY_2027)]
)
def test_the_networks_meet_on_their_patterns_in_any_month(demo_db, client, month, expected):
    start, end = month_bounds(*month)

    dates = EventPage.objects.listed().dates(after=start, before=end)

    assert sorted((d.title, local_naive(d.start)) for d in dates) == sorted(expected)
    html = client.get(f"/events/calendar/{month[0]}/{month[1]}/").content.decode()
    for title, _ in expected:
        assert title in html


def test_the_calendar_and_the_home_page_always_show_the_coming_weeks(demo_db, client):
    """The meetings repeat with no end: whatever today is, the coming months have meetings."""
    now = timezone.now()
    for months_ahead in range(1, 60):
        first = add_months(timezone.localdate(), months_ahead)
        start, end = month_bounds(first.year, first.month)
        assert EventPage.objects.listed().dates(after=start, before=end), first
    coming = EventPage.objects.listed().upcoming(before=now + datetime.timedelta(weeks=13))
    assert len(coming) >= 5
    home = get_html(client, "/")
    assert home.before("Upcoming events", coming[0].title)
    assert home.link_to(coming[0].url) == coming[0].title


def test_the_2023_24_triads_and_their_authorities(demo_db):
    triads = EventPage.objects.filter(title__in=TRIADS_2023_24, kind=EventPage.Kind.PEER_CHALLENGE)

    assert triads.count() == 6
    for triad in triads:
        members = {p.organisation.short_name for p in triad.participants.all()}
        assert members == TRIADS_2023_24[triad.title], triad.title


def test_the_member_authorities_page_and_who_takes_part(demo_db, client):
    page = MemberAuthoritiesPage.objects.get()
    members = Organisation.objects.filter(kind=Organisation.Kind.MEMBER)

    assert page.get_parent().specific.slug == "contacts"
    assert members.count() == 19
    # Only what the plan says: all 19 in two workstreams, otherwise the authorities its DCS
    # sponsor and project manager come from ("DCS Sponsor: Mac Heath (Milton Keynes)").
    taking_part = {
        network.slug: {org.short_name for org in network.member_authorities.all()}
        for network in NetworkPage.objects.all()
    }
    everyone = {org.short_name for org in members}
    assert taking_part["send-19-programme"] == everyone
    assert taking_part["dcs-self-assessment-and-peer-challenge"] == everyone
    assert taking_part["ad-education-network"] == {"Portsmouth"}
    assert taking_part["ad-safeguarding-network"] == {"Milton Keynes"}
    assert taking_part["commissioners-network"] == {"Reading"}
    assert taking_part["data-benchmarking-network"] == {"East Sussex"}
    assert taking_part["early-help"] == {"Bracknell Forest"}
    assert taking_part["lead-members-network"] == {"West Sussex"}
    assert taking_part["quality-assurance-network"] == {"Kent"}
    assert taking_part["small-package-sli-support"] == {"Hampshire"}
    assert taking_part["working-together-2023"] == {"Kent"}
    html = client.get(page.url).content.decode()
    assert "DCS Peer Challenge Triad 3" in html
