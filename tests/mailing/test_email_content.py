"""The update as an email: HTML for mail programs, plain text from the same content, headers."""

import re

import pytest
from django.core import mail

from mailing import sending
from mailing.email_render import MANAGE_PLACEHOLDER, UNSUBSCRIBE_PLACEHOLDER, compose
from mailing.factories import SubscriberFactory
from mailing.prepared_email import PreparedEmail
from tests.helpers import Html
from tests.mailing.mail import full_update, headers_of, parts
from tests.smtp import smtp_server  # noqa: F401

pytestmark = pytest.mark.django_db

HEADINGS = [
    "Regional Workforce Benchmarking",
    "Data to Insight & DfE",
    "Tools & Templates",
    "Ofsted ILACS Preparation",
]
ACTIONS = [
    "Send your 2024 workforce returns to Luke Ede.",
    "Tell us which tools you use now.",
    "Book a place by Friday.",
]


@pytest.fixture
def update(site_root, programme_manager):
    return full_update()


def squash(text):
    return " ".join(text.split())


def test_plain_text_has_every_heading_and_action_required(update):
    text = squash(compose(update).text)

    for heading in HEADINGS:
        assert heading in text
    for action in ACTIONS:
        assert action in text
    assert "ACTION REQUIRED by Friday 14 March 2025:" in text
    assert "Reminders from previous weeks".upper() in text
    assert "- Read the guide - Book a slot" in text
    assert "Mark Evans (SESLIP)" in text  # the contact details end it
    assert "<" not in text.replace("<b>", "")  # no markup: it is text


def test_plain_text_links_are_absolute_and_lines_are_short(update):
    text = compose(update).text

    assert "the archive (http://testserver/newsletters/)" in squash(text)
    assert f"View in browser: http://testserver{update.url}" in text
    assert "The report: https://example.org/report" in text
    assert max(len(line) for line in text.splitlines() if "http" not in line) <= 76


def test_html_is_a_table_layout_with_inline_css_and_absolute_links(update):
    html = compose(update).html
    page = Html(html)

    assert 'role="presentation"' in html
    assert "<style" not in html.replace("<style>table, td", "")  # only Outlook's font fix
    assert "class=" not in html
    for heading in HEADINGS:
        assert heading in page.heading_texts() or heading in page.text
    for action in ACTIONS:
        assert action in page.text
    # Every paragraph and link carries its own style (Outlook ignores stylesheets).
    assert not re.search(r"<(p|a|ul|li|h[1-4])(?![^>]*style=)[ >]", html)
    for href in page.hrefs():
        assert href.startswith(
            ("http://", "https://", "mailto:", "tel:", UNSUBSCRIBE_PLACEHOLDER, MANAGE_PLACEHOLDER)
        )
    assert page.link_to(f"http://testserver{update.url}") == "View in browser"
    assert page.link_to("http://testserver/newsletters/") == "the archive"
    assert page.link_to(UNSUBSCRIBE_PLACEHOLDER) == "Unsubscribe"


def test_each_reader_gets_their_own_unsubscribe_link_and_headers(update, smtp_server):  # noqa: F811
    composed = compose(update)
    prepared = PreparedEmail(
        composed.subject, composed.html, composed.text, "SESLIP <updates@seslip.co.uk>", update.pk
    )
    first = SubscriberFactory(email="ada@example.org", name="Ada Lovelace")
    second = SubscriberFactory(email="zoë@example.org", name="Zoë Ünïcode")
    from django.core.mail import get_connection

    get_connection().send_messages(
        [prepared.for_subscriber(first), prepared.for_subscriber(second)]
    )

    first_message, second_message = smtp_server.messages
    headers = headers_of(first_message)
    assert headers["to"] == "Ada Lovelace <ada@example.org>"
    assert headers["subject"] == "SESLIP weekly update no 518, 7 March 2025"
    assert headers["list-unsubscribe-post"] == "List-Unsubscribe=One-Click"
    url = headers["list-unsubscribe"].strip("<>")
    assert url.startswith("http://testserver/newsletters/unsubscribe/")
    assert headers["message-id"] == f"<update-{update.pk}.{first.key.hex}@seslip.co.uk>"
    text, html = parts(first_message)
    assert url in text and url in html
    assert UNSUBSCRIBE_PLACEHOLDER not in text + html
    second_url = headers_of(second_message)["list-unsubscribe"].strip("<>")
    assert second_url != url
    assert headers_of(second_message)["to"] == "Zoë Ünïcode <zoë@example.org>"
    assert "Data to Insight & DfE" in parts(second_message)[0]


def test_the_email_is_rendered_once_per_update_not_per_reader(
    update, django_assert_max_num_queries
):
    composed = compose(update)
    prepared = PreparedEmail(
        composed.subject, composed.html, composed.text, "updates@seslip.co.uk", update.pk
    )
    readers = [SubscriberFactory() for _ in range(20)]

    with django_assert_max_num_queries(0):
        messages = [prepared.for_subscriber(reader) for reader in readers]

    assert len({m.data for m in messages}) == 20
    assert all(m.data.count(b"Regional Workforce Benchmarking") == 2 for m in messages)


def test_send_test_to_me_goes_to_the_editor_marked_as_a_test(update, smtp_server, admin_user):  # noqa: F811
    admin_user.email = "editor@example.org"
    sending.send_test(update, admin_user)

    (message,) = smtp_server.messages
    assert headers_of(message)["subject"].startswith("[Test] SESLIP weekly update no 518")
    assert smtp_server.envelopes[0].recipients == ["editor@example.org"]
    assert "This is how subscribers will see the update" in parts(message)[1]
    assert not mail.outbox


def test_the_received_message_reads_well_in_every_mail_program(update, smtp_server):  # noqa: F811
    """Parsed as the real SMTP server received it: a plain-text part, then the HTML."""
    SubscriberFactory(email="ada@example.org")
    sending.deliver(sending.start_mailing(update).pk)

    (message,) = smtp_server.messages
    assert message.get_content_type() == "multipart/alternative"
    plain, rich = message.get_payload()
    assert (plain.get_content_type(), rich.get_content_type()) == ("text/plain", "text/html")
    assert plain.get_content_charset() == rich.get_content_charset() == "utf-8"
    for part in (plain, rich):  # readable as sent: no base64 that hides the links
        assert part["Content-Transfer-Encoding"] in ("7bit", "8bit", "quoted-printable")
    raw = message.as_bytes()
    assert max(len(line) for line in raw.split(b"\n")) <= 998  # SMTP's limit
    text, html = plain.get_content(), rich.get_content()
    page = Html(html)
    view = f"http://testserver{update.url}"

    # The language, for screen readers.
    assert re.search(r'<html lang="en-GB"', html)
    # The preview text mail programs show after the subject, hidden in the message itself,
    # padded so that the body's first words do not follow it.
    preheader = re.search(r'<div style="display:none;[^"]*mso-hide:all;">([^<]*)</div>', html)
    assert preheader.group(1).startswith("Welcome to this week’s update from SESLIP.&#847;")
    # The web version.
    assert page.link_to(view) == "View in browser"
    assert f"View in browser: {view}" in text
    # Outlook: tables for layout, a fixed-width ghost table around the fluid one, no CSS it
    # ignores for layout.
    tables = re.findall(r"<table\b[^>]*>", html)
    data_tables = [t for t in tables if 'role="presentation"' not in t]
    assert len(tables) >= 4 and len(data_tables) == 1  # the update's own table of figures
    assert "<caption" in html and 'scope="col"' in html  # which is a real data table
    assert '<!--[if mso]><table role="presentation" width="640"' in html
    assert not re.search(r"display:\s*(flex|grid)|float:|position:", html)
    # The plain-text part is text, with every heading and link.
    assert "<" not in text.replace("<b>", "")
    for heading in HEADINGS:
        assert heading in text
    assert re.search(r"Unsubscribe: http://testserver/newsletters/unsubscribe/\S+/", text)
    assert re.search(
        r"Choose the networks you follow: http://testserver/newsletters/subscription/\S+/", text
    )
