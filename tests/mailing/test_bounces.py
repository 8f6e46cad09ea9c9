"""Bounces: delivery status notifications (RFC 3464) as Postfix, Exim and Exchange write them,
read from a Maildir, the rule that stops sending, and the administrator's review and override."""

import datetime
import mailbox
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from mailing import bounces, sending
from mailing.factories import SubscriberFactory
from mailing.models import Bounce, Subscriber
from tests.helpers import Html
from tests.mailing.mail import full_update, headers_of
from tests.smtp import smtp_server  # noqa: F401
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db

DSN = Path(__file__).parent / "dsn"


def dsn(name, recipient, message_id="<unrelated@example.org>"):
    """A notification from tests/mailing/dsn/ about ``recipient`` and our ``message_id``."""
    text = (DSN / name).read_text()
    text = text.replace("{recipient}", recipient).replace("{message_id}", message_id)
    return text.replace("\n", "\r\n").encode()


def our_message_id(subscriber, update_id=1):
    return f"<update-{update_id}.{subscriber.key.hex}@seslip.co.uk>"


def test_an_unknown_mailbox_stops_sending_at_once_and_keeps_the_report():
    ada = SubscriberFactory(email="ada@example.org")

    (bounce,) = bounces.record(
        dsn("postfix_unknown_user.eml", "ada@example.org", our_message_id(ada))
    )

    ada.refresh_from_db()
    assert ada.status == Subscriber.Status.BOUNCED
    assert ada.bounced_at is not None and ada.hard_bounces == 1
    assert bounce.subscriber == ada
    assert bounce.kind == Bounce.Kind.HARD
    assert bounce.status_code == "5.1.1"
    assert bounce.suppressed
    assert "User unknown in virtual mailbox table" in bounce.diagnostic
    assert bounce.reporting_mta == "mail.seslip.co.uk"
    assert "This is the mail system at host mail.seslip.co.uk." in bounce.raw


def test_the_subscriber_is_found_by_our_message_id_when_the_address_was_forwarded():
    ada = SubscriberFactory(email="ada@example.org")

    (bounce,) = bounces.record(
        dsn("postfix_unknown_user.eml", "ada.lovelace@old-council.example", our_message_id(ada))
    )

    assert bounce.subscriber == ada
    assert bounce.recipient == "ada.lovelace@old-council.example"
    assert Subscriber.objects.get(pk=ada.pk).status == Subscriber.Status.BOUNCED


def test_a_delayed_message_is_a_soft_bounce_counted_only():
    ada = SubscriberFactory(email="ada@example.org")

    delayed = dsn("exim_mailbox_full_delayed.eml", "ada@example.org", our_message_id(ada))
    bounces.record(delayed)
    (bounce,) = bounces.record(delayed)

    ada.refresh_from_db()
    assert ada.status == Subscriber.Status.CONFIRMED
    assert ada.soft_bounces == 2 and ada.hard_bounces == 0
    assert bounce.kind == Bounce.Kind.SOFT and bounce.status_code == "4.2.2"
    assert not bounce.suppressed


def test_other_hard_bounces_stop_sending_at_the_third_within_30_days():
    ada = SubscriberFactory(email="ada@example.org")
    blocked = dsn("exchange_blocked_as_spam.eml", "ada@example.org", our_message_id(ada))

    first = bounces.record(blocked)[0]
    Bounce.objects.filter(pk=first.pk).update(
        received_at=timezone.now() - datetime.timedelta(days=31)
    )
    bounces.record(blocked)
    bounces.record(blocked)  # the first is too old: two within 30 days
    assert Subscriber.objects.get(pk=ada.pk).status == Subscriber.Status.CONFIRMED

    (third,) = bounces.record(blocked)

    ada.refresh_from_db()
    assert third.status_code == "5.7.1" and third.suppressed
    assert "blocked using Spamhaus" in third.diagnostic
    assert ada.status == Subscriber.Status.BOUNCED and ada.hard_bounces == 4


@pytest.mark.parametrize(
    "message_id",
    ["<unrelated@example.org>", f"<update-1.{'0' * 32}@seslip.co.uk>", ""],
    ids=["another message", "a key that is no one's", "none"],
)
def test_a_report_without_our_message_id_is_kept_for_review_and_changes_nothing(message_id):
    """Anyone may send the bounce address a report naming any address: only one returning the
    Message-ID of an update we sent to the subscriber (with their key) may stop sending."""
    ada = SubscriberFactory(email="ada@example.org")
    bob = SubscriberFactory(email="bob@example.org")
    forged = dsn("postfix_unknown_user.eml", "ada@example.org", message_id)

    (bounce,) = bounces.record(forged)
    bounces.record(forged.replace(b"ada@example.org", b"bob@example.org"))

    for subscriber in (ada, bob):
        subscriber.refresh_from_db()
        assert subscriber.status == Subscriber.Status.CONFIRMED
        assert (subscriber.hard_bounces, subscriber.soft_bounces) == (0, 0)
    assert bounce.subscriber == ada and bounce.kind == Bounce.Kind.HARD
    assert not bounce.proven and not bounce.suppressed
    # The same report returning ada's Message-ID stops sending to her.
    bounces.record(dsn("postfix_unknown_user.eml", "ada@example.org", our_message_id(ada)))
    assert Subscriber.objects.get(pk=ada.pk).status == Subscriber.Status.BOUNCED


def test_reports_without_our_message_id_do_not_count_towards_the_third_hard_bounce():
    """Two refusals by a spam filter months ago, two forged reports this week: the next real
    refusal is the first within 30 days, so sending goes on."""
    ada = SubscriberFactory(email="ada@example.org")
    genuine = dsn("exchange_blocked_as_spam.eml", "ada@example.org", our_message_id(ada))
    for _ in range(2):
        (old,) = bounces.record(genuine)
        Bounce.objects.filter(pk=old.pk).update(
            received_at=timezone.now() - datetime.timedelta(days=90)
        )
    forged = dsn("exchange_blocked_as_spam.eml", "ada@example.org")
    bounces.record(forged)
    bounces.record(forged)

    (latest,) = bounces.record(genuine)

    assert latest.proven and not latest.suppressed
    assert Subscriber.objects.get(pk=ada.pk).status == Subscriber.Status.CONFIRMED


def test_a_message_that_is_not_a_report_records_nothing():
    SubscriberFactory(email="ada@example.org")

    assert bounces.record(dsn("out_of_office.eml", "ada@example.org")) == []
    assert not Bounce.objects.exists()


def test_the_bounce_address_gets_the_reports_and_the_next_sending_skips_the_address(
    site_root,
    programme_manager,
    smtp_server,  # noqa: F811
    settings,
):
    settings.NEWSLETTER_BOUNCE_ADDRESS = "bounces@seslip.co.uk"
    update = full_update()
    ada = SubscriberFactory(email="ada@example.org")
    SubscriberFactory(email="bob@example.org")
    sending.deliver(sending.start_mailing(update).pk)

    envelope = next(e for e in smtp_server.envelopes if e.recipients == ["ada@example.org"])
    assert envelope.sender == "bounces@seslip.co.uk"  # the Return-Path mail servers report to
    assert headers_of(envelope.message)["from"] == "SESLIP <updates@seslip.co.uk>"
    message_id = headers_of(envelope.message)["message-id"]
    bounces.record(dsn("postfix_unknown_user.eml", "ada@example.org", message_id))

    assert list(sending.recipients(full_update(number=519))) == [
        Subscriber.objects.get(email="bob@example.org")
    ]
    assert Bounce.objects.get().subscriber == ada


def test_the_command_reads_a_maildir_and_leaves_other_mail(tmp_path, settings):
    ada = SubscriberFactory(email="ada@example.org")
    bob = SubscriberFactory(email="bob@example.org")
    box = mailbox.Maildir(tmp_path / "bounces")
    box.add(dsn("postfix_unknown_user.eml", "ada@example.org", our_message_id(ada)))
    box.add(dsn("exim_mailbox_full_delayed.eml", "bob@example.org", our_message_id(bob)))
    reply = box.add(dsn("out_of_office.eml", "bob@example.org"))
    settings.NEWSLETTER_BOUNCE_MAILDIR = str(tmp_path / "bounces")

    call_command("process_bounces")
    call_command("process_bounces")  # again: nothing new, nothing twice

    assert Bounce.objects.count() == 2
    assert list(box.keys()) == [reply]
    assert "S" in box.get_message(reply).get_flags()
    assert Subscriber.objects.get(email="ada@example.org").status == Subscriber.Status.BOUNCED
    assert Subscriber.objects.get(email="bob@example.org").soft_bounces == 1


def test_a_missing_maildir_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No Maildir"):
        call_command("process_bounces", maildir=str(tmp_path / "nowhere"))


def test_an_administrator_reviews_the_report_and_reinstates_the_address(admin_client, site_root):
    ada = SubscriberFactory(email="ada@example.org")
    (bounce,) = bounces.record(
        dsn("postfix_unknown_user.eml", "ada@example.org", our_message_id(ada))
    )

    listing = Html(admin_client.get("/admin/newsletter_bounces/"))
    assert "ada@example.org" in listing.text and "5.1.1" in listing.text
    inspect = Html(admin_client.get(f"/admin/newsletter_bounces/inspect/{bounce.pk}/"))
    assert "Recipient address rejected: User unknown" in inspect.text
    assert "Reinstate ada@example.org" in inspect.text
    assert "This report changed nothing" not in inspect.text
    assert admin_client.get("/admin/newsletter_bounces/new/").status_code in (302, 403)
    # A report that names an address without our Message-ID says why it changed nothing.
    bob = SubscriberFactory(email="bob@example.org")
    (forged,) = bounces.record(dsn("postfix_unknown_user.eml", "bob@example.org"))
    forged_page = Html(admin_client.get(f"/admin/newsletter_bounces/inspect/{forged.pk}/"))
    assert "This report changed nothing" in forged_page.text
    assert "update sent to bob@example.org, so anyone could have sent it" in forged_page.text
    assert "Reinstate" not in forged_page.text
    # The administrator judges it genuine: sending stops, as a proven report would have done.
    assert "Stop sending to bob@example.org" in forged_page.text
    stopped = admin_client.post(f"/admin/newsletters/subscribers/{bob.pk}/stop/")
    assert stopped.status_code == 302
    bob.refresh_from_db()
    assert bob.status == Subscriber.Status.BOUNCED and bob.bounced_at is not None
    assert "Reinstate bob@example.org" in Html(admin_client.get(stopped["Location"])).text

    response = admin_client.post(f"/admin/newsletters/subscribers/{ada.pk}/reinstate/")

    assert response.status_code == 302
    ada.refresh_from_db()
    assert ada.status == Subscriber.Status.CONFIRMED
    assert ada.hard_bounces == 0 and ada.bounced_at is None
    assert Bounce.objects.filter(pk=bounce.pk).exists()  # the record stays
    page = Html(admin_client.get(f"/admin/newsletter_subscribers/inspect/{ada.pk}/"))
    assert "Reinstate" not in page.text


def test_only_those_allowed_may_reinstate_or_stop(client, django_user_model, site_root):
    ada = SubscriberFactory(email="ada@example.org")
    bounces.record(dsn("postfix_unknown_user.eml", "ada@example.org", our_message_id(ada)))
    bob = SubscriberFactory(email="bob@example.org")
    (forged,) = bounces.record(dsn("postfix_unknown_user.eml", "bob@example.org"))
    viewer = django_user_model.objects.create_user("viewer", password="a long password 42")
    group = Group.objects.create(name="Bounce viewers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_subscriber"),
        Permission.objects.get(codename="view_bounce"),
    )
    viewer.groups.add(group)
    verified_login(client, viewer)

    assert (
        "Reinstate" not in Html(client.get(f"/admin/newsletter_subscribers/inspect/{ada.pk}/")).text
    )
    response = client.post(f"/admin/newsletters/subscribers/{ada.pk}/reinstate/")

    assert response.status_code in (302, 403)
    assert Subscriber.objects.get(pk=ada.pk).status == Subscriber.Status.BOUNCED
    forged_page = Html(client.get(f"/admin/newsletter_bounces/inspect/{forged.pk}/"))
    assert "This report changed nothing" in forged_page.text
    assert "Stop sending" not in forged_page.text
    assert client.post(f"/admin/newsletters/subscribers/{bob.pk}/stop/").status_code in (302, 403)
    assert Subscriber.objects.get(pk=bob.pk).status == Subscriber.Status.CONFIRMED
