"""Editors are warned before they slip: what stops a weekly update being published, and what
the "Checks" panel of the update and of a news item asks them to look at (newsletters/checks.py,
core/content_checks.py). Each test posts or reads the real admin forms."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from core.content_checks import unexpanded_acronyms
from mailing.email_render import compose
from networks.factories import AccessGroupFactory, CollectionFactory, DocumentFactory, restrict
from newsletters.composing import create_next_update
from newsletters.factories import NewsItemFactory, WeeklyUpdatePageFactory, item_links
from newsletters.models import WeeklyUpdatePage
from tests.helpers import get_html
from tests.newsletters.forms import update_form
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db

# The item of the report: reused in December 2026, its action was due in August 2022.
DECEMBER_UPDATE = datetime.date(2026, 12, 4)
OLD_DEADLINE = datetime.date(2022, 8, 26)
OLD_DEADLINE_TEXT = "Friday 26 August 2022"


def reused_item(**kwargs):
    return NewsItemFactory(
        heading=kwargs.pop("heading", "Regional adoption survey"),
        body="<p>The regional adoption agency is asking for views.</p>",
        action_required="<p>Send your return to the programme office.</p>",
        action_by=kwargs.pop("action_by", OLD_DEADLINE),
        **kwargs,
    )


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def errors_of(response):
    """The messages the edit form shows against its fields, as the page hands them to Wagtail's
    stream field script (the JSON of each field's errors, in data-w-block-arguments-value)."""
    assert response.status_code == 200, response.status_code
    messages = []
    for name in ("body", "reminders"):
        element = BeautifulSoup(response.content, "html.parser").find(id=name)
        errors = json.loads(element["data-w-block-arguments-value"])[1]
        messages += (errors or {}).get("messages", [])
    return messages


@pytest.fixture
def admin(client, admin_user, site_root):
    return verified_login(client, admin_user)


@pytest.fixture
def draft_update(site_root):
    update = WeeklyUpdatePageFactory(number=702, date=DECEMBER_UPDATE, live=False, body=[])
    update.save_revision()
    return update


# --- 1. a reused item whose action date has passed ----------------------------------------


def test_publishing_an_update_with_a_reused_item_whose_date_has_passed_names_it(
    admin, draft_update
):
    item = reused_item()

    response = admin.post(
        edit_url(draft_update), update_form(draft_update, [("news_item", item.pk)])
    )

    assert errors_of(response) == [
        f"‘Regional adoption survey’ asks readers to act by {OLD_DEADLINE_TEXT}, before this "
        "update's date (Friday 4 December 2026). Edit the news item to give it a new date, "
        "or none, then publish."
    ]
    assert not WeeklyUpdatePage.objects.get(pk=draft_update.pk).live


def test_every_passed_action_date_is_told_at_once(admin, draft_update):
    first = reused_item()
    second = reused_item(heading="Peer challenge nominations")
    third = reused_item(heading="Kinship care survey")
    body, reminders = [("news_item", first.pk), ("news_item", second.pk)], [("news_item", third.pk)]

    response = admin.post(edit_url(draft_update), update_form(draft_update, body, reminders))

    assert [message.split(" asks readers")[0] for message in errors_of(response)] == [
        "‘Regional adoption survey’",
        "‘Peer challenge nominations’",
        "‘Kinship care survey’",
    ]
    assert not WeeklyUpdatePage.objects.get(pk=draft_update.pk).live


def test_the_same_check_covers_reminders_and_lets_a_draft_be_saved(admin, draft_update):
    item = reused_item(heading="Peer challenge nominations")
    news = NewsItemFactory(heading="Kinship care conference")
    body, reminders = [("news_item", news.pk)], [("news_item", item.pk)]

    publish = admin.post(edit_url(draft_update), update_form(draft_update, body, reminders))
    draft = admin.post(
        edit_url(draft_update), update_form(draft_update, body, reminders, "action-save")
    )

    assert errors_of(publish) == [
        f"‘Peer challenge nominations’ asks readers to act by {OLD_DEADLINE_TEXT}, before "
        "this update's date (Friday 4 December 2026). Edit the news item to give it a new "
        "date, or none, then publish."
    ]
    assert draft.status_code == 302
    assert not WeeklyUpdatePage.objects.get(pk=draft_update.pk).live


@pytest.mark.parametrize("new_date", [None, datetime.date(2026, 12, 18), DECEMBER_UPDATE])
def test_with_a_new_date_or_none_the_update_is_published(admin, draft_update, new_date):
    item = reused_item()
    item.action_by = new_date
    item.save()

    response = admin.post(
        edit_url(draft_update), update_form(draft_update, [("news_item", item.pk)])
    )

    assert response.status_code == 302, errors_of(response)
    assert WeeklyUpdatePage.objects.get(pk=draft_update.pk).live


def test_a_passed_date_is_never_shown_as_current_on_the_page_or_in_the_email(client, site_root):
    """An update published before the check (or the item's date changed since) still shows the
    item, without its passed date; the update it was written for still shows the date."""
    item = reused_item()
    then = WeeklyUpdatePageFactory(
        number=520, date=datetime.date(2022, 8, 19), body=[("news_item", item)]
    )
    now = WeeklyUpdatePageFactory(number=702, date=DECEMBER_UPDATE, body=[("news_item", item)])

    old_page = get_html(client, then.url).main.text
    new_page = get_html(client, now.url).main.text
    email = compose(WeeklyUpdatePage.objects.get(pk=now.pk))
    item_page = get_html(client, item.get_url()).main.text

    assert f"By {OLD_DEADLINE_TEXT}" in old_page
    assert "Send your return to the programme office." in new_page
    for shown in (new_page, email.html, email.text):
        assert "26 August 2022" not in shown
    assert f"Was due by {OLD_DEADLINE_TEXT}: this date has passed" in item_page
    assert "Action required" in new_page and "ACTION REQUIRED:" in email.text


# --- 2. what must not go out, and what an editor should look at -----------------------------


def test_an_update_with_no_news_items_is_not_published(admin, draft_update):
    table = (
        "rich_text",
        rich_text("<p>No news this week.</p>"),
    )

    response = admin.post(edit_url(draft_update), update_form(draft_update, [table]))

    assert errors_of(response) == [
        "An update needs at least one news item before it is published: choose a news item "
        "or write a one-off item."
    ]
    saved = admin.post(edit_url(draft_update), update_form(draft_update, [], action="action-save"))
    assert saved.status_code == 302


def test_a_news_item_linking_a_restricted_document_stops_a_public_update(admin, draft_update):
    """The item was saved before its document's collection was restricted: the item's own form
    would refuse it now, and the update that shows it must not go out either."""
    signatories = AccessGroupFactory(group__name="Data Sharing Protocol signatories")
    collection = CollectionFactory(name="Unaudited returns")
    document = DocumentFactory(title="Referrals, quarter 3", collection=collection)
    item = NewsItemFactory(heading="Quarter 3 figures", links=item_links(document))
    restrict(collection, signatories.group)

    response = admin.post(
        edit_url(draft_update), update_form(draft_update, [("news_item", item.pk)])
    )

    assert errors_of(response) == [
        "‘Quarter 3 figures’ links to ‘Referrals, quarter 3’, a restricted document (for Data "
        "Sharing Protocol signatories), but everyone can read it: remove the link, or link to "
        "something anyone may open."
    ]


def checks_panel(client, url):
    response = client.get(url)
    assert response.status_code == 200
    panel = BeautifulSoup(response.content, "html.parser").select_one("[data-content-checks]")
    return [li.get_text(" ", strip=True) for li in panel.select("li")] if panel else []


def test_the_update_and_item_editors_list_what_to_look_at(admin, site_root):
    report = DocumentFactory(title="Workforce report 2025")  # a PDF
    item = NewsItemFactory(
        heading="Workforce report",
        body="<p>The report on LAC placements and CIN plans is out.</p>",
        action_required="<p>Tell your DCS.</p>",
        links=[("document", {"document": report, "title": ""})],
    )
    update = WeeklyUpdatePageFactory(
        number=703,
        intro="<p>News for every Director of Children's Services.</p>",
        body=[("news_item", item)],
    )
    snippet_url = reverse("wagtailsnippets_newsletters_newsitem:edit", args=[item.pk])

    item_checks = checks_panel(admin, snippet_url)
    update_checks = checks_panel(admin, edit_url(update))

    no_date = (
        "‘Workforce report’ asks readers to act but gives no date: add the date the action is "
        "due, if there is one."
    )
    pdf = (
        "‘Workforce report’ links to ‘Workforce report 2025’, a PDF, with no web page beside "
        "it: many readers cannot use a PDF. Link to the same content as a web page too."
    )
    assert item_checks == [
        no_date,
        "‘Workforce report’ uses ‘LAC’ without saying what it stands for: write ‘looked after "
        "children (LAC)’ the first time it is used.",
        "‘Workforce report’ uses ‘CIN’ without saying what it stands for: write ‘children in "
        "need (CIN)’ the first time it is used.",
        "‘Workforce report’ uses ‘DCS’ without saying what it stands for: write ‘Director of "
        "Children's Services (DCS)’ the first time it is used.",
        pdf,
    ]
    # The update's intro writes out DCS, so only LAC and CIN are left.
    assert update_checks == [
        no_date,
        pdf,
        "This update uses ‘LAC’ without saying what it stands for: write ‘looked after "
        "children (LAC)’ the first time it is used.",
        "This update uses ‘CIN’ without saying what it stands for: write ‘children in need "
        "(CIN)’ the first time it is used.",
    ]


def test_an_update_still_opening_with_last_week_s_introduction_says_so(admin, site_root):
    """A new update starts with the last one's introduction: until it is rewritten, the checks
    say so (a line about last week's meetings would otherwise go out again)."""
    WeeklyUpdatePageFactory(number=589, intro="<p>Welcome to update 589.</p>")
    WeeklyUpdatePageFactory(
        number=590,
        date=datetime.date(2026, 11, 27),
        intro="<p>Network meetings in March are under Events.</p>",
    )
    new = create_next_update(site_root.newsletters, today=DECEMBER_UPDATE)
    said = (
        "The introduction is the same as in update 590 of Friday 27 November 2026: check that "
        "it reads right for this week."
    )

    assert said in checks_panel(admin, edit_url(new))

    new.intro = "<p>Network meetings in January are under Events.</p>"
    new.save_revision()
    assert said not in checks_panel(admin, edit_url(new))


def test_a_clean_item_has_no_checks_panel(admin, site_root):
    item = NewsItemFactory(
        heading="Looked after children",
        body="<p>Looked after children (LAC) placements are up.</p>",
        action_required="<p>Reply to the survey.</p>",
        action_by=datetime.date(2026, 12, 18),
        links=item_links(DocumentFactory(title="Placements")),
    )
    url = reverse("wagtailsnippets_newsletters_newsitem:edit", args=[item.pk])

    assert checks_panel(admin, url) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Our LAC numbers rose.", [("LAC", "looked after children")]),
        ("Looked after children (LAC) numbers rose.", []),
        ("Two new DCSs joined, and the ILACS framework changed.", ["DCS", "ILACS"]),
        ("The CINEMA and LACE workshops; send it in.", []),
        ("The DfE wrote to the Department for Education's DfE team.", []),
    ],
)
def test_acronyms_from_the_programmes_list(text, expected):
    found = unexpanded_acronyms(text)
    if expected and isinstance(expected[0], str):
        found = [acronym for acronym, _ in found]
    assert found == expected
