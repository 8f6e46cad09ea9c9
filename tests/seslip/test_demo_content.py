"""The demo content (``manage.py load_demo_content``): what it creates, and that running it again
creates nothing and changes nothing an editor has changed.

The content is loaded once for the module (inside a transaction rolled back at the end), and each
test runs inside its own savepoint.
"""

import datetime
import io
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, Revision, Site

from contacts.models import Organisation, Person, SiteSettings
from events.models import EventPage, EventParticipant
from networks.models import NetworkIndexPage, NetworkOutput, NetworkPage, ReportPage
from newsletters.models import NewsItem, WeeklyUpdatePage
from seslip.demo import documents, loader
from seslip.models import HomePage, StandardPage
from tests.helpers import Html, get_html

MEMBERS = {
    "Bracknell Forest",
    "Brighton and Hove",
    "Buckinghamshire",
    "East Sussex",
    "Hampshire",
    "Isle of Wight",
    "Kent",
    "Medway",
    "Milton Keynes",
    "Oxfordshire",
    "Portsmouth",
    "Reading",
    "Slough",
    "Southampton",
    "Surrey",
    "West Berkshire",
    "West Sussex",
    "Windsor and Maidenhead",
    "Wokingham",
}

UPDATE_298_NEWS = [
    "Consultation on 2018-19 DCS Peer Challenge Arrangements",
    "Data Benchmarking Group",
]
UPDATE_298_REMINDERS = [
    "Thursday 28 June – Save the date for UASC Conference",
    "Complex LAC and Edge of Care Efficiencies",
    "SEND 19 – In the money!",
    "SE DCS Peer Challenge 2018",
]


def counts():
    """How many of each kind of thing the demo content makes."""
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "people": Person.objects.count(),
        "organisations": Organisation.objects.count(),
        "news items": NewsItem.objects.count(),
        "network outputs": NetworkOutput.objects.count(),
        "event participants": EventParticipant.objects.count(),
        "site settings": SiteSettings.objects.count(),
        "sites": Site.objects.count(),
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo content, loaded twice; everything is rolled back after the module's tests. Its
    documents go to an empty folder: a file of the same name left by an earlier test in this
    process (rolling back leaves the files) would make the storage keep them under another
    name."""
    media = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("demo-media")))
    with media, django_db_blocker.unblock(), transaction.atomic():
        first = loader.load()
        after_first = counts()
        with CaptureQueriesContext(connection) as queries:
            second = loader.load()
        after_second = counts()
        yield SimpleNamespace(
            first=first,
            second=second,
            after_first=after_first,
            after_second=after_second,
            second_queries=[query["sql"] for query in queries.captured_queries],
        )
        transaction.set_rollback(True)


@pytest.fixture
def demo_db(demo, db):
    return demo


def test_a_second_run_creates_nothing(demo_db):
    assert demo_db.first.created > 100
    assert demo_db.second.created == 0
    assert demo_db.second.present > 100
    assert demo_db.after_second == demo_db.after_first
    assert "0 created" in demo_db.second.summary()


def test_a_second_run_writes_nothing(demo_db):
    """It only reads: no row is added, changed or deleted (a write would also make it slow)."""
    writes = [
        sql
        for sql in demo_db.second_queries
        if re.match(r"\s*(INSERT|UPDATE|DELETE)\b", sql, re.IGNORECASE)
    ]

    assert demo_db.second_queries  # it did look
    assert writes == []


def test_an_editors_changes_survive_another_run(demo_db):
    mark = Person.objects.get(name="Mark Evans")
    mark.phone = "01234 567890"
    mark.save()
    about = StandardPage.objects.get(slug="about")
    about.title = "About SESLIP"
    about.save_revision().publish()
    item = NewsItem.objects.get(heading="Data Benchmarking Group")
    item.heading = "Data Benchmarking Group: new reports"
    item.save()
    before = counts()

    result = loader.load()

    assert result.created == 0
    assert counts() == before
    assert Person.objects.get(name="Mark Evans").phone == "01234 567890"
    assert StandardPage.objects.get(slug="about").title == "About SESLIP"
    # The update that shows the renamed item exists, so the item is not made again.
    assert not NewsItem.objects.filter(heading="Data Benchmarking Group").exists()


def test_a_deleted_page_comes_back(demo_db):
    StandardPage.objects.get(slug="cookies").delete()

    result = loader.load()

    assert result.created == 1
    assert StandardPage.objects.get(slug="cookies").live


def test_the_19_member_authorities_and_the_partners(demo_db):
    members = Organisation.objects.filter(kind=Organisation.Kind.MEMBER)
    assert {org.short_name for org in members} == MEMBERS
    assert all(org.email_domains for org in members)
    assert Organisation.objects.get(short_name="Kent").email_domains == "kent.gov.uk"
    partners = Organisation.objects.filter(kind=Organisation.Kind.PARTNER)
    assert {org.short_name for org in partners} == {"ADCS", "LGA", "Solace"}
    assert all(org.description for org in partners)
    assert Organisation.objects.get(kind=Organisation.Kind.PROGRAMME).short_name == "SESLIP"


def test_people_once_each_with_the_seeds_details(demo_db):
    assert Person.objects.filter(name="Mark Evans").count() == 1
    richard = Person.objects.get(name="Richard Tyndall")
    assert richard.role == "SESLI Programme Manager"
    assert richard.phone == "07880 787007"
    assert richard.email == "richard.tyndall@richardtyndall.co.uk"
    assert Person.objects.get(name="Luke Ede").phone == "07925 148597"
    # No phone or email that the seeds do not give.
    assert Person.objects.get(name="Sheelagh Sullivan").phone == ""
    assert set(Person.objects.exclude(email="").values_list("name", flat=True)) == {
        "Richard Tyndall"
    }


def test_12_networks_and_5_projects(demo_db):
    index = NetworkIndexPage.objects.get(slug="about-networks")
    pages = NetworkPage.objects.child_of(index).live()
    assert pages.filter(kind=NetworkPage.Kind.NETWORK).count() == 12
    assert pages.filter(kind=NetworkPage.Kind.PROJECT).count() == 5
    assert sorted(pages.values_list("number", flat=True)) == list(range(1, 18))

    education = pages.get(slug="ad-education-network")
    assert education.sponsor.name == "Sarah Daly"
    assert education.project_manager.name == "Chris Owen"
    assert education.budget == 18000
    assert education.budget_year == "2024-25"
    assert education.outputs.count() == 4

    data = pages.get(slug="data-benchmarking-network")
    assert (data.budget, data.budget_note) == (80000, "Paid to ESCC")
    lead_members = pages.get(slug="lead-members-network")
    assert lead_members.sponsor_title == "Lead Member sponsor"
    assert pages.get(slug="send-19-programme").project_manager_title == "Programme manager"
    # Projects take their budget lines 14, 15, 16, 17 and 23.
    assert pages.get(number=13).budget == 15000
    assert (pages.get(number=15).budget, pages.get(number=15).budget_note) == (
        48000,
        "Paid to The Staff College",
    )
    assert pages.get(number=17).budget == 5000


def test_update_298_has_its_news_its_table_and_its_reminders(demo_db):
    update = WeeklyUpdatePage.objects.get(number=298)
    assert update.date == datetime.date(2018, 4, 20)
    assert update.live
    news = [b.value.heading for b in update.body if b.block_type == "news_item"]
    reminders = [b.value.heading for b in update.reminders if b.block_type == "news_item"]
    assert news == UPDATE_298_NEWS
    assert reminders == UPDATE_298_REMINDERS
    assert len(news) + len(reminders) == 6

    # The triad chart follows the reminder it belongs to, "SE DCS Peer Challenge 2018".
    assert [b.block_type for b in update.reminders][-2:] == ["news_item", "table"]
    assert not [b for b in update.body if b.block_type == "table"]
    (table,) = [b.value for b in update.reminders if b.block_type == "table"]
    assert table["first_row_is_table_header"]
    assert table["table_caption"]
    assert table["data"][0][:4] == ["Triad", "Host", "Visitor", "Observer"]
    assert len(table["data"]) == 4

    consultation = NewsItem.objects.get(heading=UPDATE_298_NEWS[0])
    assert "<ul>" in consultation.action_required
    assert "Stuart Gallimore" in {p.name for p in consultation.people.all()}


def test_the_latest_update_features_the_home_pages_news(demo_db):
    latest = WeeklyUpdatePage.objects.live().order_by("-number").first()
    headings = [b.value.heading for b in latest.body if b.block_type == "news_item"]
    assert "DfE consultation on Agency rules closes on 28 February at 23:45" in headings
    assert any(b.block_type == "tools_and_templates" for b in latest.body)
    assert WeeklyUpdatePage.objects.dates("date", "year").count() > 1


def test_the_home_page_is_the_sites_root_with_everything_published(demo_db):
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()
    assert [p.organisation.short_name for p in home.partners.all()] == ["ADCS", "LGA", "Solace"]
    settings = SiteSettings.objects.get(site__is_default_site=True)
    assert settings.programme_manager.name == "Richard Tyndall"

    pages = Page.objects.descendant_of(home, inclusive=True)
    assert not pages.filter(live=False).exists()
    assert not pages.filter(latest_revision__isnull=True).exists()
    menu = list(home.get_children().live().in_menu().values_list("slug", flat=True))
    for slug in ["about", "regional-improvement-plan-2024-25", "about-networks", "newsletters"]:
        assert slug in menu
    assert menu.index("newsletters") < menu.index("events") < menu.index("contacts")


def test_events_past_and_upcoming(demo_db):
    triad = EventPage.objects.get(slug="dcs-peer-challenge-triad-5")
    assert triad.all_day
    assert {p.organisation.short_name for p in triad.participants.all()} == {
        "West Berkshire",
        "Windsor and Maidenhead",
        "Brighton and Hove",
    }
    meeting = EventPage.objects.get(slug="ad-safeguarding-network-march-2024")
    assert timezone.localtime(meeting.start).time() == datetime.time(10, 0)
    assert meeting.contact.name == "Mark Evans"
    assert meeting.joining_instructions.startswith("Contact Mark Evans")
    # The networks' meetings repeat with no end: the coming three months always have some.
    coming = EventPage.objects.listed().upcoming(
        before=timezone.now() + datetime.timedelta(weeks=13)
    )
    assert len(coming) >= 5


def test_each_event_page_says_how_to_join_once(demo_db, client):
    for event in EventPage.objects.live():
        main = get_html(client, event.url).main
        text = main.text
        where = re.search(r">Where</dt>\s*<dd[^>]*>(.*?)</dd>", main.source, re.DOTALL)
        assert where, event.slug
        assert Html(where.group(1)).text.count("Online") <= 1, (event.slug, where.group(1))
        if event.joining_instructions:
            assert text.count(event.joining_instructions) == 1, event.slug
            assert "Contact Mark Evans for further details including" not in text.replace(
                event.joining_instructions, ""
            ), event.slug


def test_the_home_page_and_update_298_render(demo_db, client):
    home = client.get("/")
    assert home.status_code == 200
    assert "South East Sector Led Improvement Programme" in home.content.decode()
    update = WeeklyUpdatePage.objects.get(number=298)
    response = client.get(update.url)
    assert response.status_code == 200
    assert "SEND 19 – In the money!" in response.content.decode()


# --- ensure_admin ----------------------------------------------------------------------------


def run(command):
    out = io.StringIO()
    call_command(command, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_ensure_admin_does_nothing_without_debug():
    assert "does nothing" in run("ensure_admin")
    assert not get_user_model().objects.filter(username="admin").exists()


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_ensure_admin_creates_the_admin_once_and_prints_the_password_once():
    first = run("ensure_admin")
    password = first.split("Password:")[1].split()[0]
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    assert admin.check_password(password)
    assert "/admin/login/" in first

    second = run("ensure_admin")
    assert "already exists" in second
    assert password not in second


def seed_contact_details():
    """(name, phone or "") of each person in update 298's "Contact Details" (the seed's copy)."""
    text = (Path(documents.__file__).parent / "seeds" / "update-298.txt").read_text()
    contacts = text.split("\nContact Details\n")[1]
    found = re.findall(r"^[^:\n]+: ([^(\n]+) \([^)\n]+\)\n+(0\d{4} \d{6})?", contacts, re.MULTILINE)
    return [(name.strip(), phone) for name, phone in found]


def test_the_seeds_phone_numbers_are_on_each_page_and_vcard(demo_db, client):
    contacts = seed_contact_details()
    assert len(contacts) == 5 and sum(1 for _, phone in contacts if phone) == 4

    for name, phone in contacts:
        person = Person.objects.select_related("organisation").get(name=name)
        assert person.phone == phone, name
        page_url = f"/contacts/{person.pk}/"
        html = client.get(page_url).content.decode()
        if phone:
            assert phone in html
        card = client.get(f"/contacts/{person.pk}.vcf").content.decode()
        lines = card.replace("\r\n ", "").split("\r\n")
        assert f"FN:{name}" in lines
        assert f"TITLE:{person.role.replace(',', chr(92) + ',')}" in lines
        assert f"ORG:{person.organisation.name}" in lines
        assert f"URL:http://testserver{page_url}" in lines
        assert (f"TEL;TYPE=WORK,VOICE:{phone}" in lines) == bool(phone)
        # An email address only where the seeds publish one (Richard Tyndall's).
        emails = [line for line in lines if line.startswith("EMAIL")]
        assert emails == (
            ["EMAIL;TYPE=INTERNET,WORK:richard.tyndall@richardtyndall.co.uk"]
            if name == "Richard Tyndall"
            else []
        )


def test_the_real_documents_are_in_the_reports_library(demo_db):
    for name in documents.DOCUMENTS:
        report = ReportPage.objects.select_related("document").get(slug=name)
        assert report.live
        assert report.document.title == report.title
        assert report.document.filename == f"{name}.pdf"
        with report.document.file.open("rb") as file:
            assert file.read() == documents.pdf_bytes(name)


def test_the_data_benchmarking_network_s_editors_may_load_releases(demo_db):
    editors = NetworkPage.objects.get(slug="data-benchmarking-network").editors
    assert editors.permissions.filter(
        content_type__app_label="benchmarking", codename="add_release"
    ).exists()
    others = NetworkPage.objects.exclude(slug="data-benchmarking-network")
    assert not Permission.objects.filter(
        group__in=others.values("editors"), codename="add_release"
    ).exists()
