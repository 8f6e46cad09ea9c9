"""Importing old updates' text as drafts: `manage.py import_update` and the admin's form."""

import datetime
import io
import json
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.urls import reverse

from contacts.factories import OrganisationFactory, PersonFactory
from contacts.models import Organisation, Person
from importer import drafts
from importer.parser import parse_update
from importer.text import decode
from importer.views import text_digest
from newsletters.models import NewsItem, WeeklyUpdatePage

pytestmark = pytest.mark.django_db

TEXTS = Path(__file__).parent / "texts"
U298 = str(TEXTS / "update-298.txt")
U518 = str(TEXTS / "update-518-windows.txt")
U400 = str(TEXTS / "update-400-email.txt")


def run(*args):
    """Run the command; (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_update", *args, stdout=out, stderr=err)
    except CommandError as error:
        err.write(f"CommandError: {error}\n")
        return 1, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def counts():
    return (
        WeeklyUpdatePage.objects.count(),
        NewsItem.objects.count(),
        Person.objects.count(),
        Organisation.objects.count(),
    )


# --- the command ------------------------------------------------------------------------------


def test_update_298_becomes_a_draft_under_the_archive(site_root):
    status, out, err = run(U298)

    assert status == 0, err
    assert "created draft update 298 (20 April 2018): 6 news items (4 reminders)" in out
    update = WeeklyUpdatePage.objects.get(number=298)
    assert update.get_parent().specific == site_root.newsletters
    assert update.title == "Update no 298 20 April 2018"
    assert update.date == datetime.date(2018, 4, 20)
    assert not update.live
    assert update.has_unpublished_changes
    assert update.latest_revision is not None
    assert update.first_published_at is None
    assert update.intro.startswith("<p>A brief summary of the main headlines")

    assert [b.block_type for b in update.body] == ["news_item", "news_item"]
    assert [b.value.heading for b in update.body] == [
        "Consultation on 2018-19 DCS Peer Challenge Arrangements",
        "Data Benchmarking Group",
    ]
    assert [b.value.heading for b in update.reminders] == [
        "Thursday 28 June – Save the date for UASC Conference",
        "Complex LAC and Edge of Care Efficiencies",
        "SEND 19 – In the money!",
        "SE DCS Peer Challenge 2018",
    ]
    consultation = NewsItem.objects.get(heading__startswith="Consultation on 2018-19")
    assert consultation.body.startswith("<p>The consultation on 2018-19 DCS Peer Challenge")
    assert consultation.action_required.startswith(
        "<p>The outline of the proposal will be as follows:</p><p>Autumn 2018:"
    )
    benchmarking = NewsItem.objects.get(heading="Data Benchmarking Group")
    assert "<ul><li>(Public) 2017 CSC Workforce Benchmarking Report v1 (Excel)</li>" in (
        benchmarking.body
    )


def test_contacts_become_people_attached_to_the_items_that_name_them(site_root):
    run(U298)

    richard = Person.objects.get(name="Richard Tyndall")
    assert richard.role == "SESLI Programme Manager"
    assert richard.phone == "07880 787007"
    assert richard.organisation.name == "South East Sector-Led Improvement Programme"
    assert Organisation.objects.filter(name__startswith="South East Sector-Led").count() == 1
    assert Person.objects.get(name="Sheelagh Sullivan").phone == ""

    def people(heading):
        return sorted(NewsItem.objects.get(heading=heading).people.values_list("name", flat=True))

    # Richard Tyndall is named by the first item; the three people no item names go with it.
    assert people("Consultation on 2018-19 DCS Peer Challenge Arrangements") == [
        "Krista Pickering",
        "Luke Ede",
        "Richard Tyndall",
        "Sheelagh Sullivan",
    ]
    assert people("Complex LAC and Edge of Care Efficiencies") == ["Mark Evans"]
    assert people("Data Benchmarking Group") == []

    # So every contact of the text ends the update, as it did.
    update = WeeklyUpdatePage.objects.get(number=298)
    assert {p.name for p in update.contact_people()} == {
        "Krista Pickering",
        "Richard Tyndall",
        "Mark Evans",
        "Sheelagh Sullivan",
        "Luke Ede",
    }


def test_known_people_are_matched_by_name_and_only_their_gaps_filled(site_root):
    sesli = OrganisationFactory(name="South East Sector-Led Improvement Programme")
    richard = PersonFactory(name="richard tyndall", role="Programme Manager", phone="", email="")
    mark = PersonFactory(name="Mark Evans", phone="01632 960000", organisation=sesli)

    status, _, err = run(U298)

    assert status == 0, err
    assert Person.objects.filter(name__iexact="richard tyndall").count() == 1
    richard.refresh_from_db()
    assert richard.role == "Programme Manager"  # kept: the text is older than the record
    assert richard.phone == "07880 787007"  # filled: the record had none
    mark.refresh_from_db()
    assert mark.phone == "01632 960000"
    assert Organisation.objects.filter(name=sesli.name).count() == 1
    assert set(NewsItem.objects.get(heading__startswith="Complex LAC").people.all()) == {mark}


def test_a_person_known_by_a_shorter_name_is_found(site_root):
    phil = PersonFactory(name="Phil Simpkins", organisation=None, phone="")
    nhs = OrganisationFactory(name="NHS England (South East)", short_name="NHSE SE")

    status, _, err = run(U518)

    assert status == 0, err
    phil.refresh_from_db()
    assert phil.phone == "01234 567890"
    assert phil.organisation == nhs
    assert not Person.objects.filter(name="Philip (Phil) Simpkins").exists()
    conference = NewsItem.objects.get(heading="Regional Adoption Agency Conference")
    assert phil in conference.people.all()


def test_update_518_tables_tools_meetings_and_nested_parentheses(site_root):
    status, _, err = run(U518)

    assert status == 0, err
    update = WeeklyUpdatePage.objects.get(number=518)
    assert [b.block_type for b in update.body] == [
        "news_item",
        "news_item",
        "table",  # right after the item it belongs to
        "tools_and_templates",
        "rich_text",
    ]
    table = update.body[2].value
    assert table["data"][0] == ["Triad", "Host", "Visitor", "Observer", "Fieldwork Date"]
    assert table["data"][3][2] == "Windsor and Maidenhead"
    assert table["first_row_is_table_header"] is True
    assert table["first_col_is_header"] is False
    assert table["table_caption"] == ""

    tools = update.body[3].value
    assert tools["heading"] == "Tools & Templates"
    first = tools["entries"][0]
    assert first["date"] == datetime.date(2022, 7, 7)
    assert first["publisher"] == "Ofsted"
    assert first["title"] == "Main findings: children's social care in England 2022"
    assert first["link"].startswith("https://www.gov.uk/government/statistics/main-findings")

    meetings = update.body[4].value.source
    assert meetings.startswith("<h3>Future dates for network meetings</h3>")
    assert "Principal Social Workers Network – 6 October 2022, Guildford" in meetings

    toolkit = update.reminders[0].value
    assert toolkit.heading == "Edge of Care Toolkit"
    assert toolkit.action_required == (
        "<p>Please share it with your teams &amp; managers &lt;by Friday&gt;.</p>"
    )

    phil = Person.objects.get(name="Philip (Phil) Simpkins")
    assert phil.organisation.name == "NHS England (South East)"
    assert phil.phone == "01234 567890"
    assert phil.role == "Designated Nurse, Looked After Children"
    assert Person.objects.get(name="Anna Wright").email == "anna.wright@example.org"
    assert Person.objects.get(name="Sam O'Neill").organisation is None


def test_a_reminders_table_follows_it_among_the_reminders(site_root, tmp_path):
    path = tmp_path / "update.txt"
    path.write_text(
        "UPDATE NO 302 1 June 2018\n\nIntro.\n\nNew news\n\nText.\n\n"
        "Reminders from previous weeks\n\nTriads\n\nThe triads are:\n\n"
        "Triad\tHost\n1\tKent\n2\tSurrey\n\n"
        "Later news\n\nMore text.\n"
    )

    status, _, err = run(str(path))

    assert status == 0, err
    update = WeeklyUpdatePage.objects.get(number=302)
    assert [b.block_type for b in update.body] == ["news_item"]
    assert [b.block_type for b in update.reminders] == ["news_item", "table", "news_item"]
    assert update.reminders[0].value.heading == "Triads"
    assert update.reminders[1].value["data"] == [["Triad", "Host"], ["1", "Kent"], ["2", "Surrey"]]
    assert update.reminders[1].value["table_caption"] == ""


def test_items_saved_by_an_earlier_import_are_shown_again_not_copied(site_root, tmp_path):
    run(U298)
    complex_lac = NewsItem.objects.get(heading__startswith="Complex LAC")
    people_before = set(complex_lac.people.all())
    text = (
        Path(U298).read_text().replace("UPDATE NO 298 20 April 2018", "UPDATE NO 299 27 April 2018")
    )
    text = text.replace("Consultation on 2018-19 DCS Peer Challenge Arrangements\n", "Outcome\n", 1)
    path = tmp_path / "update-299.txt"
    path.write_text(text)

    status, out, err = run(str(path))

    assert status == 0, err
    assert "5 news items already saved and shown again" in out
    assert NewsItem.objects.count() == 7  # one new item: "Outcome"
    update = WeeklyUpdatePage.objects.get(number=299)
    assert update.reminders[1].value == complex_lac
    assert set(complex_lac.people.all()) == people_before
    # The people no item names go with the new item, not with the ones shown before.
    assert "Krista Pickering" in NewsItem.objects.get(heading="Outcome").people.values_list(
        "name", flat=True
    )
    assert {i.pk for i in complex_lac.updates()} == set()  # drafts: not live yet
    assert Person.objects.filter(name="Krista Pickering").count() == 1


def test_importing_the_same_update_twice_creates_one(site_root):
    assert run(U298)[0] == 0
    before = counts()

    status, out, err = run(U298)

    assert status == 1
    assert f"{U298}:1: update 298 already exists" in err
    assert "it was not imported again" in err
    assert counts() == before
    assert WeeklyUpdatePage.objects.filter(number=298).count() == 1


def test_nothing_is_left_behind_when_writing_fails_midway(site_root, monkeypatch):
    PersonFactory(name="Mark Evans", phone="")  # matched, and its phone would be filled in
    before = counts()

    def fail(*args, **kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(WeeklyUpdatePage, "save_revision", fail)
    parsed = parse_update(decode(Path(U298).read_bytes()))
    with pytest.raises(RuntimeError):
        drafts.create_draft(parsed)

    assert counts() == before
    assert Person.objects.get(name="Mark Evans").phone == ""


def test_dry_run_writes_nothing(site_root):
    status, out, err = run(U298, "--dry-run")

    assert status == 0, err
    assert "would create draft update 298 (20 April 2018): 6 news items (4 reminders)" in out
    assert "contact Krista Pickering: new person, mentioned by no item" in out
    assert "contact Richard Tyndall: new person, mentioned in" in out
    assert "warning: line 98: these 4 lines may be a table" in err
    assert counts() == (0, 0, 0, 0)


def test_json_prints_the_parsed_update_and_writes_nothing(site_root):
    status, out, err = run(U298, "--json")

    assert status == 0, err
    data = json.loads(out)
    assert data["number"] == 298
    assert data["date"] == "2018-04-20"
    assert data["items"][0]["heading"] == "Consultation on 2018-19 DCS Peer Challenge Arrangements"
    assert data["items"][0]["action_required"].startswith("The outline of the proposal")
    assert [i["reminder"] for i in data["items"]] == [False, False, True, True, True, True]
    assert data["contacts"][0]["phone"] == "07872 014083"
    assert data["tools_and_templates"] == []
    assert counts() == (0, 0, 0, 0)


def test_json_for_several_files_is_a_list(site_root):
    status, out, _ = run(U298, U518, "--json")

    assert status == 0
    assert [d["number"] for d in json.loads(out)] == [298, 518]


def test_refused_files_say_where_and_do_not_stop_the_others(site_root, tmp_path):
    empty = str(TEXTS / "empty.txt")
    no_title = str(TEXTS / "no-title.txt")
    bad_contact = str(TEXTS / "bad-contact.txt")
    missing = str(tmp_path / "missing.txt")

    status, out, err = run(empty, U298, no_title, bad_contact, missing)

    assert status == 1
    assert f"{empty}:1: the text is empty" in err
    assert f'{no_title}:1: expected a title line like "UPDATE NO 298 20 April 2018"' in err
    assert f'{bad_contact}:13: expected a contact line like "Role: Name (Organisation)"' in err
    assert f"{missing}: cannot read the file" in err
    assert "4 of 5 files refused" in err
    assert list(WeeklyUpdatePage.objects.values_list("number", flat=True)) == [298]
    # Nothing of the refused update 401 was written: not its item, not its contact.
    assert not NewsItem.objects.filter(heading="SEND Network").exists()
    assert not Person.objects.filter(phone="07700 900123").exists()


def test_the_refused_update_imports_once_its_stray_line_is_gone(site_root, tmp_path):
    """The file refused above is a good update but for its stray line after the contact (so
    the refusal is for that line, and a refused file would show had anything of it been kept)."""
    text = (TEXTS / "bad-contact.txt").read_text()
    stray = "If you no longer wish to receive these updates, reply to this email.\n"
    assert stray in text
    fixed = tmp_path / "update-401.txt"
    fixed.write_text(text.replace(stray, ""))

    status, out, err = run(str(fixed))

    assert status == 0, err
    update = WeeklyUpdatePage.objects.get(number=401)
    assert [b.value.heading for b in update.body] == ["SEND Network"]
    assert Person.objects.get(name="Sheelagh Sullivan").phone == "07700 900123"


def test_the_same_number_twice_in_one_run(site_root, tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_bytes(Path(U298).read_bytes())

    status, _, err = run(U298, str(copy), "--dry-run")

    assert status == 1
    assert f"{copy}:1: update 298 is also in {U298}" in err


def test_without_an_archive_page_the_command_says_so(home_page):
    status, _, err = run(U298)

    assert status == 1
    assert "there is no newsletters index page to add the update to" in err
    assert counts()[:2] == (0, 0)


def test_an_imported_update_reads_well_once_published(client, site_root):
    run(U518)
    update = WeeklyUpdatePage.objects.get(number=518)
    update.get_latest_revision().publish()
    update.refresh_from_db()

    response = client.get(update.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Regional Adoption Agency Conference" in html
    assert "Windsor and Maidenhead" in html
    assert "Main findings: children&#x27;s social care in England 2022" in html or (
        "Main findings: children's social care in England 2022" in html
    )
    assert "Philip (Phil) Simpkins" in html
    assert "teams &amp; managers &lt;by Friday&gt;" in html


# --- the admin's "Import an old update" --------------------------------------------------


@pytest.fixture
def url():
    return reverse("newsletters_import_update")


def test_the_form_is_in_the_menu_and_on_the_archive_page(admin_client, site_root, url):
    assert url in admin_client.get(reverse("wagtailadmin_home")).content.decode()
    explore = admin_client.get(reverse("wagtailadmin_explore", args=[site_root.newsletters.pk]))
    assert url in explore.content.decode()

    response = admin_client.get(url)

    assert response.status_code == 200
    assert "Text of the update" in response.content.decode()


def test_an_empty_text_is_refused_clearly(admin_client, site_root, url):
    response = admin_client.post(url, {"text": "  \r\n", "action": "preview"})

    assert response.status_code == 200
    assert "The text is empty" in response.content.decode()


def test_errors_show_the_line_and_keep_the_text(admin_client, site_root, url):
    text = Path(TEXTS / "bad-contact.txt").read_text()

    response = admin_client.post(url, {"text": text, "action": "preview"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Line 13: expected a contact line like" in html
    assert "SEND Network Lead: Sheelagh Sullivan" in html  # the text is still in the box
    assert counts() == (0, 0, 0, 0)


def test_preview_then_confirm_creates_the_draft(admin_client, site_root, url):
    text = Path(U298).read_text().replace("\n", "\r\n")  # as a browser sends it

    preview = admin_client.post(url, {"text": text, "action": "preview"})

    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Preview: Update no 298 20 April 2018" in html
    assert "Complex LAC and Edge of Care Efficiencies" in html
    assert "Create draft update no 298" in html
    assert "Richard Tyndall" in html and "New person" in html
    assert "may be a table" in html  # the warning
    assert text_digest(text) in html
    assert counts() == (0, 0, 0, 0)

    created = admin_client.post(
        url, {"text": text, "previewed": text_digest(text), "action": "create"}
    )

    update = WeeklyUpdatePage.objects.get(number=298)
    assert created.status_code == 302
    assert created["Location"] == reverse("wagtailadmin_pages:edit", args=[update.pk])
    assert not update.live
    assert update.get_latest_revision().user is not None
    assert NewsItem.objects.count() == 6


def test_text_changed_since_the_preview_is_previewed_again(admin_client, site_root, url):
    text = Path(U298).read_text()
    changed = text.replace("Data Benchmarking Group\n", "Data Benchmarking News\n", 1)

    response = admin_client.post(
        url, {"text": changed, "previewed": text_digest(text), "action": "create"}
    )

    assert response.status_code == 200
    assert "Data Benchmarking News" in response.content.decode()
    assert text_digest(changed) in response.content.decode()
    assert counts() == (0, 0, 0, 0)


def test_an_update_that_exists_is_refused_in_the_form(admin_client, site_root, url):
    run(U298)
    text = Path(U298).read_text()

    response = admin_client.post(
        url, {"text": text, "previewed": text_digest(text), "action": "create"}
    )

    assert response.status_code == 200
    assert "Line 1: update 298 already exists" in response.content.decode()
    assert WeeklyUpdatePage.objects.filter(number=298).count() == 1


def test_editors_without_permission_cannot_import(client, site_root, url, django_user_model):
    user = django_user_model.objects.create_user("reader", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = client.get(url)  # Wagtail's admin turns "permission denied" into a redirect

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert client.post(url, {"text": Path(U298).read_text(), "action": "create"}).status_code == 302
    assert counts() == (0, 0, 0, 0)
    assert url not in client.get(reverse("wagtailadmin_home")).content.decode()
