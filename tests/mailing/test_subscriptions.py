"""Signing up (double opt-in), confirming, unsubscribing, rate limits, and the subscriber list.

Every email goes through a real SMTP server on loopback (tests/smtp.py).
"""

import csv
import datetime
import io
import re
import time

import pytest
from django.core import signing
from django.utils import timezone

from core.models import RateLimitAttempt
from mailing import subscriptions
from mailing.factories import SubscriberFactory
from mailing.models import Delivery, Subscriber
from newsletters.factories import WeeklyUpdatePageFactory
from tests.helpers import Html
from tests.mailing.mail import headers_of, parts
from tests.smtp import smtp_server  # noqa: F401

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/newsletters/subscribe/"
NEUTRAL = "/newsletters/subscribe/check-your-email/"


@pytest.fixture
def mailbox(smtp_server, site_root):  # noqa: F811
    return smtp_server


def sign_up(client, email="ada@example.org", name="Ada Lovelace", source="/newsletters/", **extra):
    return client.post(SUBSCRIBE, {"email": email, "name": name, "source": source}, **extra)


def confirm_link(message):
    text, html = parts(message)
    link = re.search(r"http://testserver(/newsletters/subscribe/confirm/[^/\s]+/)", text).group(1)
    assert link in html
    return link


# --- signing up and confirming -------------------------------------------------------------------


def test_double_opt_in(client, mailbox):
    response = sign_up(client)

    assert response.status_code == 302 and response.url == NEUTRAL
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.name == "Ada Lovelace"
    (message,) = mailbox.messages
    assert mailbox.envelopes[0].recipients == ["ada@example.org"]
    assert headers_of(message)["subject"] == "Confirm your subscription to the SESLIP weekly update"

    link = confirm_link(message)
    page = Html(client.get(link))
    assert "Confirm your subscription" in page.heading_texts()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING  # following the link is not enough

    done = Html(client.post(link))
    assert "You are subscribed" in done.heading_texts()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None
    assert list(Subscriber.objects.confirmed()) == [subscriber]
    # Confirming twice is harmless.
    assert "You are subscribed" in Html(client.get(link)).heading_texts()


def test_the_consent_record_says_when_from_where_and_what(client, mailbox):
    sign_up(client, source="/newsletters/update-no-518-7-march-2025/")

    subscriber = Subscriber.objects.get()
    assert subscriber.source == "/newsletters/update-no-518-7-march-2025/"
    assert subscriber.consent_text == subscriptions.CONSENT_TEXT
    assert "unsubscribe" in subscriber.consent_text
    assert subscriber.signed_up_at is not None


def test_an_expired_link_does_not_confirm(client, mailbox):
    sign_up(client)
    subscriber = Subscriber.objects.get()
    # A link made eight days ago, as TimestampSigner would have made it then.
    signer = signing.TimestampSigner(salt=subscriptions.CONFIRM_SALT)
    then = signing.b62_encode(int(time.time()) - 8 * 24 * 3600)
    token = signing.Signer.sign(signer, f"{subscriber.key.hex}{signer.sep}{then}")

    for method in (client.get, client.post):
        response = method(f"/newsletters/subscribe/confirm/{token}/")
        assert response.status_code == 410
        assert "This link has expired" in Html(response).heading_texts()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_a_six_day_old_link_still_works(client, mailbox):
    sign_up(client)
    subscriber = Subscriber.objects.get()
    signer = signing.TimestampSigner(salt=subscriptions.CONFIRM_SALT)
    then = signing.b62_encode(int(time.time()) - 6 * 24 * 3600)
    token = signing.Signer.sign(signer, f"{subscriber.key.hex}{signer.sep}{then}")

    assert client.post(f"/newsletters/subscribe/confirm/{token}/").status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),  # signature changed
        lambda t: ("1" if t[0] == "0" else "0") + t[1:],  # key changed
        lambda t: t.split(":")[0],  # signature cut off
        lambda t: signing.Signer(salt=subscriptions.UNSUBSCRIBE_SALT).sign(t.split(":")[0]),
        lambda t: "not-a-token",
        lambda t: "x" * 500,
    ],
    ids=["signature", "key", "cut", "other-salt", "junk", "long"],
)
def test_a_tampered_link_does_not_confirm(client, mailbox, tamper):
    sign_up(client)
    token = confirm_link(mailbox.messages[0]).split("/")[-2]

    for method in (client.get, client.post):
        response = method(f"/newsletters/subscribe/confirm/{tamper(token)}/")
        assert response.status_code == 400
        assert "This link does not work" in Html(response).heading_texts()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_signing_up_again_gives_the_same_answer_and_no_duplicate(client, mailbox):
    first = sign_up(client, email="Ada@Example.org")
    again = sign_up(client, email="  ada@EXAMPLE.org ")
    Subscriber.objects.update(status=Subscriber.Status.CONFIRMED)
    subscribed = sign_up(client, email="ADA@example.org", name="Someone else")

    assert first.status_code == again.status_code == subscribed.status_code == 302
    assert first.url == again.url == subscribed.url == NEUTRAL
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "Ada@Example.org"
    assert subscriber.name == "Ada Lovelace"  # an anonymous form changes nobody's details
    subjects = [headers_of(m)["subject"] for m in mailbox.messages]
    assert subjects == [
        "Confirm your subscription to the SESLIP weekly update",
        "Confirm your subscription to the SESLIP weekly update",
        "You already get the SESLIP weekly update",
    ]
    neutral = Html(client.get(NEUTRAL))
    assert "Check your email" in neutral.heading_texts()
    assert "ada@" not in neutral.text.lower()


def test_someone_who_left_can_come_back_by_confirming(client, mailbox):
    SubscriberFactory(email="ada@example.org", status=Subscriber.Status.UNSUBSCRIBED)

    sign_up(client)
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED
    client.post(confirm_link(mailbox.messages[0]))

    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED


def confirm_link_made(subscriber, seconds_ago):
    """The confirmation link as TimestampSigner made it ``seconds_ago``."""
    signer = signing.TimestampSigner(salt=subscriptions.CONFIRM_SALT)
    then = signing.b62_encode(int(time.time()) - seconds_ago)
    token = signing.Signer.sign(signer, f"{subscriber.key.hex}{signer.sep}{then}")
    return f"/newsletters/subscribe/confirm/{token}/"


def test_a_used_confirmation_link_does_nothing_after_unsubscribing(client, mailbox):
    sign_up(client)
    subscriber = Subscriber.objects.get()
    link = confirm_link_made(subscriber, seconds_ago=60)  # the link of a minute ago
    assert client.post(link).status_code == 200
    unsubscribe = subscriptions.unsubscribe_url(subscriber.key).removeprefix("http://testserver")
    client.post(unsubscribe)

    for method in (client.get, client.post):
        response = method(link)
        assert response.status_code == 410
        page = Html(response)
        assert "This link has expired" in page.heading_texts()
        assert "You unsubscribed after this link was sent" in page.text
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED

    # Signing up again sends a new link, which works; the old one still does nothing.
    mailbox.clear()
    sign_up(client)
    new_link = confirm_link(mailbox.messages[0])
    assert client.post(link).status_code == 410
    assert client.post(new_link).status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED


# --- bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "", "name": "Ada"}, "Enter your email address"),
        ({"email": "ada@", "name": "Ada"}, "Enter an email address in the correct format"),
        ({"email": "a" * 250 + "@example.org"}, "254 characters or fewer"),
        ({"email": "ada@example.org", "name": "A" * 101}, "100 characters or fewer"),
        ({"email": "ada\x00@example.org"}, "Null characters are not allowed"),
        # Quoted, with a control character that becomes a line break in the email's headers.
        ({"email": '"ada\x0bBcc:b@evil.example"@example.org'}, "in the correct format"),
        # A line separator in the domain (sending failed), an invisible soft hyphen (the same
        # mailbox as a new address).
        ({"email": "ada@exa\u2028mple.org"}, "in the correct format"),
        ({"email": "ada@exa\u00admple.org"}, "in the correct format"),
    ],
)
def test_bad_input_shows_the_form_again_with_a_message(client, mailbox, data, message):
    response = client.post(SUBSCRIBE, data)

    assert response.status_code == 200
    page = Html(response)
    assert page.source.count(message) >= 2  # in the error summary and by the field
    assert "Error: Get the weekly update by email" in page.source
    if data.get("name") and "\x00" not in data["email"]:
        assert f'value="{data["name"]}"' in page.source
    assert not Subscriber.objects.exists()
    assert not mailbox.messages


def test_a_form_posted_from_another_site_is_shown_back_not_acted_on(client, mailbox):
    response = sign_up(client, HTTP_SEC_FETCH_SITE="cross-site")

    assert response.status_code == 200
    assert "Check your details" in Html(response).text
    assert 'value="ada@example.org"' in response.content.decode()
    assert not Subscriber.objects.exists()
    assert not mailbox.messages


def test_a_source_that_is_not_a_path_of_this_site_is_dropped(client, mailbox):
    sign_up(client, source="https://evil.example/")

    assert Subscriber.objects.get().source == SUBSCRIBE


@pytest.mark.parametrize(
    "address",
    [
        "/newsletters/subscribe/?email=%00",
        "/newsletters/subscribe/confirm/%00/",
        "/newsletters/subscribe/confirm/abc:def:ghi/",
        "/newsletters/unsubscribe/%ff%fe/",
        "/newsletters/unsubscribe/" + "a" * 1000 + "/",
        "/newsletters/unsubscribe/test-email/",
    ],
)
def test_hostile_addresses_get_no_server_error(safe_client, mailbox, address):
    for method in (safe_client.get, safe_client.post, safe_client.head):
        assert method(address).status_code < 500
    assert safe_client.put(address).status_code == 405


def test_the_sign_up_pages_set_no_cookie(client, mailbox):
    for response in (client.get(SUBSCRIBE), sign_up(client), client.get(NEUTRAL)):
        assert not response.cookies
    assert "csrfmiddlewaretoken" not in client.get(SUBSCRIBE).content.decode()


def test_the_form_ends_every_update_and_is_in_the_footer_of_other_pages(client, site_root):
    update = WeeklyUpdatePageFactory(number=600)

    page = Html(client.get(update.url))
    # The update's own form only: the footer's would ask for an email address a second time.
    forms = re.findall(r'<form[^>]*action="/newsletters/subscribe/"', page.source)
    assert len(forms) == 1
    assert page.source.count('name="email"') == 1
    assert 'id="update-signup-email"' in page.source
    assert f'name="source" value="{update.url}"' in page.source
    assert "Every email has a link to unsubscribe" in page.text
    home = Html(client.get("/"))
    assert len(re.findall(r'action="/newsletters/subscribe/"', home.source)) == 1
    assert 'id="footer-signup-email"' in home.source


# --- rate limits ----------------------------------------------------------------------------------


def test_sign_ups_are_limited_per_address(client, mailbox):
    for _ in range(5):
        assert sign_up(client, email="ada@example.org").url == NEUTRAL

    # Three emails an hour at most; the visitor sees the same neutral answer.
    assert len(mailbox.messages) == 3
    # Counted in the database by the site's one rate limiter, as keyed hashes.
    attempts = RateLimitAttempt.objects.filter(scope="newsletter_signup")
    assert attempts.count() == 5
    assert not attempts.filter(address_hash__contains="ada").exists()


def test_sign_ups_are_limited_per_ip_address(client, mailbox):
    for n in range(10):
        assert sign_up(client, email=f"reader{n}@example.org").status_code == 302

    refused = sign_up(client, email="one-too-many@example.org", name="Eleven")

    assert refused.status_code == 429
    page = Html(refused)
    assert "too many sign-ups from your network" in page.text
    assert 'value="one-too-many@example.org"' in page.source and 'value="Eleven"' in page.source
    assert not Subscriber.objects.filter(email="one-too-many@example.org").exists()
    # Another network is not affected.
    assert sign_up(client, email="other@example.org", REMOTE_ADDR="192.0.2.7").status_code == 302


def test_sign_up_attempts_are_kept_for_a_day_then_pruned(client, mailbox):
    for n in range(3):
        sign_up(client, email=f"reader{n}@example.org")
    old, older, recent = RateLimitAttempt.objects.order_by("pk")
    now = timezone.now()
    RateLimitAttempt.objects.filter(pk=old.pk).update(created_at=now - datetime.timedelta(hours=25))
    RateLimitAttempt.objects.filter(pk=older.pk).update(
        created_at=now - datetime.timedelta(days=30)
    )
    RateLimitAttempt.objects.filter(pk=recent.pk).update(
        created_at=now - datetime.timedelta(hours=23, minutes=50)
    )

    assert sign_up(client, email="newcomer@example.org").url == NEUTRAL

    kept = set(RateLimitAttempt.objects.values_list("pk", flat=True))
    assert recent.pk in kept
    assert old.pk not in kept and older.pk not in kept
    assert len(kept) == 2  # the recent one and the newcomer's


# --- unsubscribing --------------------------------------------------------------------------------


def test_unsubscribe_link_asks_then_unsubscribes_at_once(client, mailbox):
    subscriber = SubscriberFactory(email="ada@example.org")
    link = subscriptions.unsubscribe_url(subscriber.key).removeprefix("http://testserver")

    page = Html(client.get(link))
    assert "Unsubscribe from the weekly update" in page.heading_texts()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED

    done = client.post(link)
    assert "You have unsubscribed" in Html(done).heading_texts()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None
    assert "You are not subscribed" in Html(client.get(link)).heading_texts()


def test_one_click_unsubscribe_rfc_8058(mailbox, update_sent_to_ada):
    from django.test import Client

    message = mailbox.messages[0]
    url = headers_of(message)["list-unsubscribe"].strip("<>")
    assert headers_of(message)["list-unsubscribe-post"] == "List-Unsubscribe=One-Click"

    # As a mail program does it: a POST with no cookie and no CSRF token.
    response = Client(enforce_csrf_checks=True).post(
        url.removeprefix("http://testserver"), {"List-Unsubscribe": "One-Click"}
    )

    assert response.status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED


def test_the_unsubscribe_link_in_the_update_works(mailbox, update_sent_to_ada, client):
    text, html = parts(mailbox.messages[0])
    link = re.search(r"Unsubscribe: http://testserver(\S+)", text).group(1)
    assert f"http://testserver{link}" in html

    client.post(link)

    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED


@pytest.fixture
def update_sent_to_ada(mailbox):
    from mailing import sending

    SubscriberFactory(email="ada@example.org")
    update = WeeklyUpdatePageFactory(number=700)
    sending.deliver(sending.start_mailing(update).pk)
    assert len(mailbox.messages) == 1
    return update


def test_a_tampered_unsubscribe_link_is_refused(client, mailbox):
    subscriber = SubscriberFactory()
    link = subscriptions.unsubscribe_url(subscriber.key).removeprefix("http://testserver")
    tampered = link[:-3] + ("x/" if link[-2] != "x" else "y/")

    assert client.post(tampered).status_code == 400
    assert "This link does not work" in Html(client.get(tampered)).heading_texts()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


# --- the subscriber list in the admin ----------------------------------------------------------


def test_admin_lists_and_exports_subscribers_as_csv(admin_client, site_root):
    SubscriberFactory(email="ada@example.org", name="Ada Lovelace", source="/newsletters/")
    SubscriberFactory(email="evil@example.org", name='=HYPERLINK("http://x")')
    SubscriberFactory(email="pending@example.org", status=Subscriber.Status.PENDING)

    listing = Html(admin_client.get("/admin/newsletter_subscribers/"))
    assert "ada@example.org" in listing.text and "pending@example.org" in listing.text

    response = admin_client.get("/admin/newsletter_subscribers/?export=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "weekly-update-subscribers.csv" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    by_email = {row["Email address"]: row for row in rows}
    assert set(by_email) == {"ada@example.org", "evil@example.org", "pending@example.org"}
    assert by_email["ada@example.org"]["Name"] == "Ada Lovelace"
    assert by_email["ada@example.org"]["Status"] == "Subscribed"
    assert by_email["ada@example.org"]["Signed up on"] == "/newsletters/"
    assert by_email["ada@example.org"]["Consent wording"] == subscriptions.CONSENT_TEXT
    assert by_email["evil@example.org"]["Name"].startswith("'=")  # not run as a formula

    filtered = admin_client.get("/admin/newsletter_subscribers/?export=csv&status=pending")
    assert b"ada@example.org" not in b"".join(filtered.streaming_content)


def test_admin_deletes_a_persons_data(admin_client, site_root, mailbox):
    from mailing import sending

    ada = SubscriberFactory(email="ada@example.org")
    SubscriberFactory(email="bob@example.org")
    sending.deliver(sending.start_mailing(WeeklyUpdatePageFactory(number=701)).pk)

    page = admin_client.get(f"/admin/newsletter_subscribers/delete/{ada.pk}/")
    assert page.status_code == 200
    admin_client.post(f"/admin/newsletter_subscribers/delete/{ada.pk}/")

    assert not Subscriber.objects.filter(email="ada@example.org").exists()
    assert not Delivery.objects.filter(subscriber_id=ada.pk).exists()
    assert Subscriber.objects.filter(email="bob@example.org").exists()


def test_admin_cannot_add_or_edit_a_subscriber(admin_client, site_root):
    ada = SubscriberFactory()

    assert admin_client.get("/admin/newsletter_subscribers/new/").status_code in (302, 403)
    assert admin_client.get(f"/admin/newsletter_subscribers/edit/{ada.pk}/").status_code in (
        302,
        403,
    )
    inspect = Html(admin_client.get(f"/admin/newsletter_subscribers/inspect/{ada.pk}/"))
    assert subscriptions.CONSENT_TEXT in inspect.text
