"""Bounces: delivery status notifications (RFC 3464) about the weekly update, and what they do.

The update goes out with ``NEWSLETTER_BOUNCE_ADDRESS`` as its envelope sender (Return-Path), so
mail servers that cannot deliver it report there; the mail server delivers that address to the
Maildir ``NEWSLETTER_BOUNCE_MAILDIR``, which ``manage.py process_bounces`` reads (the worker runs
it every minute). Each report names the recipient (``Final-Recipient``), what happened
(``Action``: failed or delayed) and why (``Status``, like 5.1.1, and ``Diagnostic-Code``); the
returned headers carry our Message-ID, ``<update-<update>.<subscriber key>@…>``, which names the
subscriber even when the address was forwarded.

Only a report that returns our Message-ID counts: anyone can send the bounce address a report
naming any address, but only the subscriber's mail systems have seen their key. A report without
it (or with a key that is not theirs) is kept for review against the subscriber its address
names, and changes nothing.

The rule (docs/deployment.md says it too):

- a *hard* bounce is a permanent failure (``Action: failed``, status 5.x.x). One that says the
  address does not exist or is disabled (5.1.x, 5.2.1) stops sending to it at once; any other
  (refused as spam, policy, …) stops it at the third within 30 days;
- a *soft* bounce (``Action: delayed``, or a 4.x.x status) is only counted: the mail server
  retries those, and our own retries (mailing.sending) cover refusals in the SMTP session.

Every report is kept as it came, for an administrator to review under Subscribers → Bounces,
where they may also reinstate an address that was stopped.
"""

import datetime
import email
import email.policy
import logging
import mailbox
import re
import uuid
from dataclasses import dataclass
from email.utils import parseaddr

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import Bounce, Subscriber

logger = logging.getLogger(__name__)

HARD_AT_ONCE = re.compile(r"^5\.(1\.\d+|2\.1)$")
HARD_LIMIT = 3
HARD_WINDOW = datetime.timedelta(days=30)
STATUS = re.compile(r"\b([245]\.\d{1,3}\.\d{1,3})\b")
OUR_MESSAGE_ID = re.compile(r"<update-\d+\.([0-9a-f]{32})@[^>]+>")


@dataclass
class Report:
    """What a delivery status notification says about one recipient."""

    recipient: str
    action: str
    status: str
    diagnostic: str
    reporting_mta: str
    message_id: str

    @property
    def kind(self):
        if self.action == "failed" and self.status.startswith("5."):
            return Bounce.Kind.HARD
        if self.action in ("failed", "delayed"):
            return Bounce.Kind.SOFT
        return None  # delivered, relayed, expanded: not a bounce


def _field(block, name):
    """A DSN field's value without its type ("rfc822;", "dns;", "smtp;")."""
    value = " ".join(str(block.get(name, "")).split())
    return value.split(";", 1)[1].strip() if ";" in value else value


def _returned_message_id(message):
    """Our Message-ID in the returned message or headers (the last parts of a report)."""
    for part in message.walk():
        kind = part.get_content_type()
        if kind == "message/rfc822":
            inner = part.get_payload()
            inner = inner[0] if isinstance(inner, list) else inner
            if inner.get("Message-ID"):
                return str(inner["Message-ID"]).strip()
        elif kind == "text/rfc822-headers":
            headers = email.message_from_string(part.get_content(), policy=email.policy.default)
            if headers.get("Message-ID"):
                return str(headers["Message-ID"]).strip()
    return ""


def read_reports(message):
    """The per-recipient reports of a delivery status notification; [] for any other message."""
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        blocks = part.get_payload()
        if not isinstance(blocks, list) or len(blocks) < 2:
            return []
        per_message, recipients = blocks[0], blocks[1:]
        reporting_mta = _field(per_message, "Reporting-MTA")
        message_id = _returned_message_id(message)
        reports = []
        for block in recipients:
            recipient = _field(block, "Final-Recipient") or _field(block, "Original-Recipient")
            status = STATUS.search(_field(block, "Status"))
            reports.append(
                Report(
                    recipient=parseaddr(recipient)[1] or recipient,
                    action=_field(block, "Action").lower(),
                    status=status.group(1) if status else "",
                    diagnostic=_field(block, "Diagnostic-Code"),
                    reporting_mta=reporting_mta,
                    message_id=message_id,
                )
            )
        return reports
    return []


def _subscriber(report):
    """The subscriber a report is about, and whether it proves it (it returns our Message-ID
    with their key) or only names their address."""
    match = OUR_MESSAGE_ID.search(report.message_id)
    if match:
        subscriber = Subscriber.objects.filter(key=uuid.UUID(match.group(1))).first()
        if subscriber is not None:
            return subscriber, True
    if report.recipient:
        return Subscriber.objects.with_email(report.recipient).first(), False
    return None, False


def stops_sending(subscriber, report, now):
    """The rule: does this hard bounce stop sending to the subscriber?"""
    if HARD_AT_ONCE.match(report.status):
        return True
    recent = subscriber.bounces.filter(
        kind=Bounce.Kind.HARD, proven=True, received_at__gte=now - HARD_WINDOW
    ).count()
    # Only those since the address was last reinstated (which sets hard_bounces to 0) count.
    return min(recent, subscriber.hard_bounces) + 1 >= HARD_LIMIT


def record(raw):
    """Read one message (bytes) and record its bounces; returns them ([] if it is no DSN)."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    bounces = []
    now = timezone.now()
    text = raw.decode("utf-8", "replace")
    with transaction.atomic():
        for report in read_reports(message):
            kind = report.kind
            if kind is None:
                continue
            subscriber, proven = _subscriber(report)
            suppressed = False
            if proven:
                subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
                if kind == Bounce.Kind.SOFT:
                    Subscriber.objects.filter(pk=subscriber.pk).update(
                        soft_bounces=F("soft_bounces") + 1
                    )
                else:
                    suppressed = subscriber.status == Subscriber.Status.CONFIRMED and (
                        stops_sending(subscriber, report, now)
                    )
                    changes = {"hard_bounces": F("hard_bounces") + 1}
                    if suppressed:
                        changes.update(status=Subscriber.Status.BOUNCED, bounced_at=now)
                    Subscriber.objects.filter(pk=subscriber.pk).update(**changes)
            bounces.append(
                Bounce.objects.create(
                    received_at=now,
                    subscriber=subscriber,
                    recipient=report.recipient[:254],
                    kind=kind,
                    status_code=report.status,
                    diagnostic=report.diagnostic,
                    reporting_mta=report.reporting_mta[:255],
                    message_id=report.message_id[:255],
                    proven=proven,
                    suppressed=suppressed,
                    raw=text,
                )
            )
    return bounces


def stop_sending(subscriber):
    """An administrator's judgement that a report which did not prove itself is genuine: stop
    sending to the address, as a proven one would have (``reinstate`` undoes it)."""
    Subscriber.objects.filter(pk=subscriber.pk, status=Subscriber.Status.CONFIRMED).update(
        status=Subscriber.Status.BOUNCED, bounced_at=timezone.now()
    )
    subscriber.refresh_from_db()


def reinstate(subscriber):
    """An administrator's override: send to this address again, as if it had never bounced."""
    Subscriber.objects.filter(pk=subscriber.pk, status=Subscriber.Status.BOUNCED).update(
        status=Subscriber.Status.CONFIRMED, bounced_at=None, hard_bounces=0
    )
    subscriber.refresh_from_db()


def process_maildir(path):
    """Record the bounces in a Maildir. A report is removed once stored (its text is kept in
    the database); any other message is marked as seen and left for a person to read.
    Returns (reports, other messages)."""
    box = mailbox.Maildir(path, create=False)
    reports = others = 0
    for key in list(box.keys()):
        entry = box.get_message(key)
        if "S" in entry.get_flags():
            continue
        if record(entry.as_bytes()):
            box.remove(key)
            reports += 1
        else:
            entry.add_flag("S")
            entry.set_subdir("cur")
            box[key] = entry
            others += 1
    return reports, others
