"""Sending a person a message through the site: the form on their page, its errors, the rate
limits, the emails (through a real SMTP server) and what is never shown or cached."""

import datetime

import pytest
from django.core.cache import cache

from contacts.factories import PersonFactory
from core.models import RateLimitAttempt
from newsletters.factories import NewsItemFactory, WeeklyUpdatePageFactory
from tests.helpers import Html, get_html
from tests.tasks import queued_email_tasks, run_email_tasks

pytestmark = pytest.mark.django_db

MESSAGE = "Could the Early Help network look at our draft neighbourhood model?\nThanks, Jo"
VALID = {"name": "Jo Bloggs", "email": "jo.bloggs@example.org", "message": MESSAGE}


@pytest.fixture
def lead(site_root):
    person = PersonFactory(
        name="Rebecca Eligon",
        role="Project manager",
        organisation__name="South East Sector Led Improvement Programme",
        email="rebecca.private@example.gov.uk",
        email_published=False,
    )
    person.page_url = site_root.contacts.url + f"{person.pk}/"
    person.message_url = f"/contacts/{person.pk}/message/"
    return person


def text(message):
    return message.get_body(("plain",)).get_content()


def test_the_person_page_has_the_form_without_showing_the_address(client, lead):
    response = client.get(lead.page_url)
    html = Html(response)

    assert "Send a message" in html.heading_texts()
    start = html.source.index(f'action="{lead.message_url}"')
    form = html.source[start : html.source.index("</form>", start)]
    assert 'method="post"' in form
    for label in ("Your name", "Your email address", "Your message"):
        assert label in html.text
    # Like the footer's sign-up form: no CSRF token and no cookie, so the page can be cached.
    assert "csrfmiddlewaretoken" not in form
    assert not response.cookies
    # One form asking for an email address: not the footer's sign-up form as well.
    assert 'id="footer-signup-email"' not in html.source
    # A private address is on no page, card or vCard.
    for url in (
        lead.page_url,
        lead.page_url.rstrip("/") + ".vcf",
        "/contacts/",
        "/search/?q=Eligon",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "rebecca.private" not in response.content.decode(), url
    assert "Rebecca Eligon" in get_html(client, "/contacts/").text


def test_people_without_an_email_address_get_no_form(client, site_root):
    person = PersonFactory(email="")
    html = get_html(client, site_root.contacts.url + f"{person.pk}/")

    assert "Send a message" not in html.heading_texts()
    assert "Your message" not in html.text
    assert "/message/" not in html.source
    assert 'id="footer-signup-email"' in html.source  # the footer's, then
    assert client.get(f"/contacts/{person.pk}/message/").status_code == 404
    assert client.post(f"/contacts/{person.pk}/message/", VALID).status_code == 404
    assert not queued_email_tasks().exists()


def test_nobody_who_has_left_can_be_sent_a_message(client, lead):
    lead.has_left = True
    lead.save()

    assert client.get(lead.message_url).status_code == 404
    assert client.post(lead.message_url, VALID).status_code == 404


def test_a_message_reaches_the_person_and_the_sender_gets_a_note(client, lead, smtp_server):
    # Sent with another Host header than the site's: the link in the email is the site's own
    # address (WAGTAILADMIN_BASE_URL, http://testserver in the tests), not the sender's choice.
    response = client.post(lead.message_url, VALID, HTTP_HOST="evil.example")

    assert response.status_code == 302
    assert response["Location"] == f"{lead.message_url}sent/"
    assert "no-store" in response["Cache-Control"]
    sent = client.get(response["Location"])
    assert sent.status_code == 200
    assert "no-store" in sent["Cache-Control"]
    assert "Message sent" in Html(sent).heading_texts()
    assert lead.email not in sent.content.decode()

    assert not smtp_server.messages  # the background worker sends them
    assert run_email_tasks() == 1
    to_person, to_sender = smtp_server.messages
    assert to_person["To"] == "rebecca.private@example.gov.uk"
    assert to_person["Reply-To"] == "jo.bloggs@example.org"
    assert "Jo Bloggs" in to_person["Subject"]
    assert MESSAGE in text(to_person).replace("\r\n", "\n")
    assert f"http://testserver{lead.page_url}" in text(to_person)
    assert "evil.example" not in text(to_person)

    assert "The website does not show them your email address" in text(to_person)

    assert to_sender["To"] == "jo.bloggs@example.org"
    assert to_sender["Subject"] == "Your message to Rebecca Eligon has been sent"
    note = text(to_sender)
    assert "Rebecca Eligon, Project manager" in note
    # Nothing the visitor typed goes to the address they typed: no relay for spam.
    assert "Early Help" not in note and "Jo Bloggs" not in note
    assert "rebecca.private" not in note and "Reply-To" not in to_sender


def test_a_person_whose_address_is_shown_is_not_told_it_is_hidden(client, lead, smtp_server):
    lead.email_published = True
    lead.save()

    assert client.post(lead.message_url, VALID).status_code == 302
    assert run_email_tasks() == 1

    to_person = text(smtp_server.messages[0])
    assert "Your email address is shown on your page" in to_person
    assert "does not show them your email address" not in to_person


@pytest.mark.parametrize(
    "data, errors",
    [
        ({}, ["Enter your name", "Enter your email address", "Enter your message"]),
        (
            {"name": "  ", "email": "jo@", "message": "\x07 \n "},
            [
                "Enter your name",
                "Enter an email address in the correct format, like name@example.com",
                "Enter your message",
            ],
        ),
        ({**VALID, "message": "x" * 5001}, ["Your message must be 5,000 characters or fewer"]),
        # Quoted, with a control character that becomes a line break in the Reply-To header.
        (
            {**VALID, "email": '"x\x1eX-Injected\x1eyy"@example.com'},
            ["Enter an email address in the correct format, like name@example.com"],
        ),
    ],
    ids=["empty", "blank", "too long", "quoted address with a control character"],
)
def test_bad_input_shows_the_errors_and_keeps_what_was_typed(client, lead, data, errors):
    response = client.post(lead.message_url, data)

    assert response.status_code == 400
    assert "no-store" in response["Cache-Control"]
    html = Html(response)
    assert html.source.count("govuk-error-summary") >= 1
    assert html.source.index("govuk-error-summary") < html.source.index("<h1")
    assert "Error: " in html.source[: html.source.index("</title>")]
    for error in errors:
        assert error in html.text
    if data.get("message") and len(data["message"]) > 5000:
        assert data["message"] in html.source  # nothing lost
        assert 'value="Jo Bloggs"' in html.source
    assert not queued_email_tasks().exists()


def test_a_form_posted_from_another_site_is_shown_back_to_check(client, lead):
    response = client.post(lead.message_url, VALID, HTTP_SEC_FETCH_SITE="cross-site")

    assert response.status_code == 200
    html = Html(response)
    assert "Check your message" in html.text
    assert 'value="jo.bloggs@example.org"' in html.source
    assert "Could the Early Help network" in html.source
    assert not queued_email_tasks().exists()


def test_messages_are_limited_per_address_and_nothing_typed_is_lost(client, lead):
    # 3 an hour per sender's address (README, "Sending a person a message").
    for _ in range(3):
        assert client.post(lead.message_url, VALID).status_code == 302

    response = client.post(lead.message_url, VALID)

    assert response.status_code == 429
    html = Html(response)
    assert "Too many messages have been sent from this email address" in html.text
    assert "Your message has not been sent" in html.text
    assert "Could the Early Help network" in html.source
    assert 'value="Jo Bloggs"' in html.source
    assert queued_email_tasks().count() == 3


def test_messages_are_limited_per_ip_address(client, lead):
    # 10 an hour per IP address, whatever the addresses typed in.
    for number in range(10):
        data = {**VALID, "email": f"sender{number}@example.org"}
        assert client.post(lead.message_url, data).status_code == 302

    response = client.post(lead.message_url, {**VALID, "email": "another@example.org"})

    assert response.status_code == 429
    assert "You have sent too many messages from this computer" in Html(response).text
    assert queued_email_tasks().count() == 10
    # Another visitor is not held back by them.
    other = client.post(
        lead.message_url, {**VALID, "email": "other@example.org"}, REMOTE_ADDR="192.0.2.77"
    )
    assert other.status_code == 302
    assert RateLimitAttempt.objects.filter(scope="person_message").count() == 11


def test_the_page_cache_keeps_the_page_and_none_of_the_answers(client, lead, settings):
    settings.SESLIP_PAGE_CACHE = True
    cache.clear()
    try:
        assert client.get(lead.page_url)["X-Page-Cache"] == "miss"
        assert client.get(lead.page_url)["X-Page-Cache"] == "hit"
        for _ in range(2):
            bad = client.post(lead.message_url, {"name": "Jo"})
            assert bad.status_code == 400
            assert bad.get("X-Page-Cache") != "hit"
        assert client.get(lead.message_url).get("X-Page-Cache") != "hit"
        assert client.get(lead.message_url).get("X-Page-Cache") != "hit"
    finally:
        cache.clear()


def test_a_private_address_is_left_out_of_the_updates_that_name_them(client, site_root, lead):
    item = NewsItemFactory(heading="Early Help network", people=[lead])
    update = WeeklyUpdatePageFactory(
        number=301, date=datetime.date(2018, 5, 11), body=[("news_item", item)]
    )

    html = get_html(client, update.url)

    assert "Rebecca Eligon" in html.text  # in the update's contact details
    assert "rebecca.private" not in html.source
    lead.email_published = True
    lead.save()
    assert "rebecca.private@example.gov.uk" in client.get(update.url).content.decode()
